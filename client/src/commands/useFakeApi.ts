/**
 * "Use the local fake API" from the Secrets view's welcome content: points `runpod.apiUrl` (a user
 * setting; workspaces cannot set it) at the project's fake RunPod API, for trying the extension
 * without an account.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';

export const USE_FAKE_API_COMMAND = 'runpod.useFakeApi';
/** Where `npm run fake-api` listens by default. */
const FAKE_API_URL = 'http://127.0.0.1:8787/v2';

/** Registers `runpod.useFakeApi`. */
export function register(services: Services): void {
  services.context.subscriptions.push(
    vscode.commands.registerCommand(USE_FAKE_API_COMMAND, async () => {
      const choice = await vscode.window.showInformationMessage(
        'Use the local fake RunPod API?',
        {
          modal: true,
          detail:
            `This sets the user setting runpod.apiUrl to ${FAKE_API_URL}. Start the fake first: run "npm run fake-api" in the extension's repository; ` +
            'it prints the API key it accepts. Then run "RunPod: Set API Key" with that key. To go back to RunPod, reset runpod.apiUrl.',
        },
        'Use Fake API',
      );
      if (choice !== 'Use Fake API') return;
      await vscode.workspace.getConfiguration('runpod').update('apiUrl', FAKE_API_URL, vscode.ConfigurationTarget.Global);
      services.log.info(`runpod.apiUrl set to ${FAKE_API_URL} (local fake API)`);
      const next = await vscode.window.showInformationMessage(`runpod.apiUrl is now ${FAKE_API_URL}.`, 'Set API Key');
      if (next) await vscode.commands.executeCommand('runpod.setApiKey');
    }),
  );
}
