/** Running an API mutation with a progress notification and a clear message either way; a read under a cancellable one. */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { failureMessage } from '../views/errorText';
import { plainName } from '../ui/plainName';
import { raceWait } from '../waitRace';
import { withDelayedProgress } from '../ui/delayedProgress';

/**
 * Runs `task` under a progress notification titled `title`. On failure shows the API error's
 * message (values in `sensitive` masked), logs it, and resolves undefined; never throws.
 */
export async function withApiProgress<T>(
  services: Services,
  title: string,
  action: string,
  task: () => Promise<T>,
  sensitive: readonly string[] = [],
  /** Told the failure once it is said: a wizard keeps its answers by it (wizardMemory.ts keep's cause). */
  failed?: (error: unknown) => void,
): Promise<T | undefined> {
  try {
    // Plain (ui/plainName.ts): a title names a resource from the account, which a notification would render as a link.
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: plainName(title), cancellable: false }, task);
  } catch (error) {
    const message = failureMessage(action, error, sensitive);
    services.log.error(message);
    void vscode.window.showErrorMessage(message);
    failed?.(error);
    return undefined;
  }
}

/** What a busy pick or a read's notification says while RunPod is read: "Reading the GPU catalog from RunPod…". */
export function readingText(what: string): string {
  return `Reading ${what} from RunPod…`;
}

/**
 * A RunPod read a command waits for with no pick on screen (an endpoint looked up by id, the names
 * of Show Logs' target): once it outlasts a moment, a notification says what is read
 * ({@link readingText}; a quick read shows none, ui/delayedProgress.ts), and its Cancel calls the
 * read off through the read's cancel option and ends the wait at once.
 * @returns the read's answer, or undefined when the user cancelled (the caller ends quietly)
 * @throws what the read throws otherwise, for the command to say as it says any failed read
 */
export async function withReadProgress<T>(what: string, read: (cancel: vscode.CancellationToken) => Promise<T>): Promise<T | undefined> {
  return withDelayedProgress(readingText(plainName(what)), async ({ token }) => {
    // Raced too: a read that does not end on its cancel option still ends the wait.
    const raced = await raceWait(read(token), { token }).catch((error: unknown) => {
      if (token.isCancellationRequested) return { kind: 'cancelled' as const };
      throw error;
    });
    return raced.kind === 'done' ? raced.value : undefined;
  });
}
