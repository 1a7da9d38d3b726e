/**
 * An account refusal as the user meets it: the error message, with the button that takes the step
 * it names (environmentChoice.ts accountRefusal's remedy: Switch Account…, Add Account…, Open Settings). Used
 * by Launch Pod's and Deploy Endpoint's summaries, Update Env from File and Push Template.
 */
import * as vscode from 'vscode';
import type { RunpodLog } from '../../services';
import type { AccountRemedy } from '../environmentChoice';

/**
 * Shows `message`; a press on the remedy's button runs its command. Never waits for the user. A
 * command that fails (not registered, or throwing) is logged: nobody awaits it to say so.
 */
export function showAccountRefusal(message: string, remedy: AccountRemedy | undefined, log: Pick<RunpodLog, 'error'>): void {
  const shown = remedy ? vscode.window.showErrorMessage(message, remedy.title) : vscode.window.showErrorMessage(message);
  void Promise.resolve(shown)
    .then((chosen) => (remedy && chosen === remedy.title ? vscode.commands.executeCommand(remedy.command, ...(remedy.args ?? [])) : undefined))
    .catch((error: unknown) => log.error(remedy ? `${remedy.title} (${remedy.command}) failed` : 'The account refusal was not shown', error));
}
