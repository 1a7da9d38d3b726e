/**
 * The progress of a workspace listing (the walk of workspaceWalk.ts behind Launch Pod, Push
 * Template, Deploy Endpoint, Update Env and Compare Environments): a walk of a large tree takes
 * seconds, so one that outlasts a moment shows a notification that counts the folders listed and
 * has Cancel. A quick walk shows nothing: VS Code's own progress service has a `delay` option for
 * exactly this (a notification that would flash is never shown), which `window.withProgress` does
 * not offer extensions, so the delay is ours: the notification opens only when the timer fires
 * before the walk ends.
 */
import { count } from '../../../server/src/template/counts';
import * as vscode from 'vscode';

/** How long a listing runs before its progress shows: long enough that a quick walk never flashes one. */
export const LISTING_PROGRESS_DELAY_MS = 400;

export const LISTING_PROGRESS_TITLE = 'Listing RunPod files…';

/**
 * The timer the delay runs on: setTimeout in the extension. Tests replace `schedule` to open the
 * progress at a point of the walk they choose (never by waiting).
 * @returns a function that cancels the timer
 */
export const listingClock = {
  schedule(run: () => void, ms: number): () => void {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

/** What a walk is given: the user's Cancel (checked between folders) and a call for each folder listed. */
export interface Listing {
  token: vscode.CancellationToken;
  folderListed(): void;
}

/**
 * Runs `task` with a {@link Listing}; when it is still running after {@link LISTING_PROGRESS_DELAY_MS},
 * a cancellable notification counts its folders until it ends.
 * @param stop the caller's own cancellation (a request run beside the walk failed), as the user's Cancel
 * @returns the task's result, or undefined when the user (or `stop`) cancelled (the caller ends quietly)
 */
export async function withListingProgress<T>(task: (listing: Listing) => Promise<T>, stop?: vscode.CancellationToken): Promise<T | undefined> {
  const cancel = new vscode.CancellationTokenSource();
  const stopped = stop?.onCancellationRequested(() => cancel.cancel());
  let folders = 0;
  let report: (() => void) | undefined;
  let ended!: () => void;
  const end = new Promise<void>((resolve) => (ended = resolve));
  const stopTimer = listingClock.schedule(() => {
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: LISTING_PROGRESS_TITLE, cancellable: true }, (progress, token) => {
      token.onCancellationRequested(() => cancel.cancel());
      // One report per folder: the extension host throttles reports (100 ms) before they cross to the window.
      report = () => progress.report({ message: count(folders, 'folder') });
      report();
      return end;
    });
  }, LISTING_PROGRESS_DELAY_MS);
  try {
    const result = await task({
      token: cancel.token,
      folderListed: () => {
        folders++;
        report?.();
      },
    });
    return cancel.token.isCancellationRequested ? undefined : result;
  } finally {
    stopTimer();
    ended();
    stopped?.dispose();
    cancel.dispose();
  }
}
