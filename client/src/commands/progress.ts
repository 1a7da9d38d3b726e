/** Running an API mutation with a progress notification and a clear message either way. */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { failureMessage } from '../views/errorText';
import { plainName } from '../ui/plainName';

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
): Promise<T | undefined> {
  try {
    // Plain (ui/plainName.ts): a title names a resource from the account, which a notification would render as a link.
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: plainName(title), cancellable: false }, task);
  } catch (error) {
    const message = failureMessage(action, error, sensitive);
    services.log.error(message);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
}
