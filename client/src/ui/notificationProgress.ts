/**
 * A cancellable progress notification that has gone from the screen when it resolves, so what a
 * flow shows next (a failure and its advice, "cancelled", the outcome) never appears beside it.
 *
 * VS Code keeps a progress notification on screen for at least 800 ms even when its task ended
 * sooner (progressService.ts withNotificationProgress: "without a delay we show the notification
 * for at least 800ms"): a create refused at once (no capacity, 429) would otherwise show its
 * failure next to "Creating the Pod…" for a moment, as if both were true.
 */
import * as vscode from 'vscode';

/** VS Code's minimum, plus a margin: its clock starts in the window, a message's trip after ours. */
const SHOWN_AT_LEAST_MS = 800 + 150;

export async function withNotificationProgress<T>(
  options: { title: string; cancellable: boolean },
  task: (progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken) => Thenable<T>,
): Promise<T> {
  const result = vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, ...options }, task);
  // Started after VS Code's own clock (the call above), so it never ends before the notification has gone.
  const gone = new Promise<void>((resolve) => setTimeout(resolve, SHOWN_AT_LEAST_MS));
  try {
    return await result;
  } finally {
    await gone;
  }
}
