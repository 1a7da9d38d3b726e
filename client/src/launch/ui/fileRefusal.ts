/**
 * A file refusal as the user meets it (launch/fileRefusal.ts): the error message, and "Open file"
 * when the fix is in the file, which opens it with the cursor where the fix is. Used by Launch Pod,
 * Push Template and Deploy Endpoint.
 */
import * as vscode from 'vscode';
import type { RunpodLog } from '../../services';
import type { FileRefusal } from '../fileRefusal';
import { openAt } from './findings';

const OPEN_FILE = 'Open file';

/**
 * Shows the refusal. A wizard need not wait on it (the notification stays while it goes back to
 * its picker); the promise settles once the user has answered. A file that cannot be opened (gone
 * since) is logged: nobody may be awaiting it to say so.
 */
export async function showFileRefusal(refusal: FileRefusal, log: Pick<RunpodLog, 'error'>): Promise<void> {
  const at = refusal.at;
  if (!at) {
    await vscode.window.showErrorMessage(refusal.message);
    return;
  }
  try {
    if ((await vscode.window.showErrorMessage(refusal.message, OPEN_FILE)) === OPEN_FILE) await openAt(at);
  } catch (error) {
    log.error(`${OPEN_FILE} failed`, error);
  }
}
