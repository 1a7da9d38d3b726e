/**
 * RunPod: Clear API Key. Forgets the account's keys (for every origin they were saved for) and the
 * cached list; the server goes back to `unknown`.
 */
import * as vscode from 'vscode';
import type { CoreServices } from '../auth/session';

export function register(core: CoreServices): void {
  core.context.subscriptions.push(
    vscode.commands.registerCommand('runpod.clearApiKey', async () => {
      core.expectKey(undefined);
      const origins = await core.keys.clear();
      core.apis.invalidate();
      await core.store.signOut();
      const message = origins.length > 1 ? `RunPod API keys cleared (for ${origins.join(', ')}).` : 'RunPod API key cleared.';
      core.log.info(message);
      void vscode.window.showInformationMessage(message);
    }),
  );
}
