/**
 * A cancellable progress notification that shows only when its task outlasts a moment: the walk
 * of the workspace's RunPod files (environments/listingProgress.ts), a RunPod read a command waits
 * for (commands/progress.ts withReadProgress). VS Code's own progress service has a `delay` option
 * for exactly this (a notification that would flash is never shown), which `window.withProgress`
 * does not offer extensions, so the delay is ours: the notification opens only when the timer
 * fires before the task ends.
 */
import * as vscode from 'vscode';

/** How long a task runs before its progress shows: long enough that a quick one never flashes one. */
export const PROGRESS_DELAY_MS = 400;

/**
 * The timer the delay runs on: setTimeout in the extension. Tests replace `schedule` to open the
 * progress at a point of the task they choose (never by waiting).
 * @returns a function that cancels the timer
 */
export const progressClock = {
  schedule(run: () => void, ms: number): () => void {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

/** What a task is given: the user's Cancel, and a call when the notification's message (`message`) has changed. */
export interface DelayedProgress {
  token: vscode.CancellationToken;
  changed(): void;
}

/**
 * Runs `task`; when it is still running after {@link PROGRESS_DELAY_MS}, a cancellable notification
 * titled `title` (with `message()`, when given, reported at once and at each `changed()`) shows until it ends.
 * @param stop the caller's own cancellation, as the user's Cancel
 * @returns the task's result, or undefined when the user (or `stop`) cancelled (the caller ends quietly)
 */
export async function withDelayedProgress<T>(title: string, task: (progress: DelayedProgress) => Promise<T>, options: { stop?: vscode.CancellationToken; message?: () => string } = {}): Promise<T | undefined> {
  const cancel = new vscode.CancellationTokenSource();
  let report: (() => void) | undefined;
  let ended!: () => void;
  const end = new Promise<void>((resolve) => (ended = resolve));
  const stopTimer = progressClock.schedule(() => {
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
      token.onCancellationRequested(() => cancel.cancel());
      const message = options.message;
      // One report per change: the extension host throttles reports (100 ms) before they cross to the window.
      if (message) {
        report = () => progress.report({ message: message() });
        report();
      }
      return end;
    });
  }, PROGRESS_DELAY_MS);
  // The caller's stop closes the progress at once, and one not shown yet never shows: the task may
  // take a while to notice its token (a walk checks it between folders), for a command already over.
  const stopped = options.stop?.onCancellationRequested(() => {
    cancel.cancel();
    stopTimer();
    ended();
  });
  try {
    const result = await task({ token: cancel.token, changed: () => report?.() });
    return cancel.token.isCancellationRequested ? undefined : result;
  } finally {
    stopTimer();
    ended();
    stopped?.dispose();
    cancel.dispose();
  }
}
