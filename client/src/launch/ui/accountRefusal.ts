/**
 * An account refusal as the user meets it: the error message, with the button that takes the step
 * it names (environmentChoice.ts accountRefusal's remedy: Switch Account…, Add Account…, Open Settings). Used
 * by Launch Pod's and Deploy Endpoint's summaries, Update Env from File and Push Template.
 */
import * as vscode from 'vscode';
import type { AccountRemedy } from '../environmentChoice';

/** Shows `message`; a press on the remedy's button runs its command. Never waits for the user. */
export function showAccountRefusal(message: string, remedy: AccountRemedy | undefined): void {
  const shown = remedy ? vscode.window.showErrorMessage(message, remedy.title) : vscode.window.showErrorMessage(message);
  void Promise.resolve(shown).then((chosen) => (remedy && chosen === remedy.title ? vscode.commands.executeCommand(remedy.command, ...(remedy.args ?? [])) : undefined));
}
