/** RunPod: Set API Key. */
import * as vscode from 'vscode';
import { runSetApiKey, type CoreServices } from '../auth/session';

export function register(core: CoreServices): void {
  core.context.subscriptions.push(vscode.commands.registerCommand('runpod.setApiKey', () => runSetApiKey(core)));
}
