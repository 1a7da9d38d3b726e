/** RunPod: Clear API Key. Forgets the key and the cached list; the server goes back to `unknown`. */
import * as vscode from 'vscode';
import type { CoreServices } from '../auth/session';

export function register(core: CoreServices): void {
  core.context.subscriptions.push(
    vscode.commands.registerCommand('runpod.clearApiKey', async () => {
      core.expectKey(undefined);
      await core.keys.delete();
      core.apis.invalidate();
      await core.store.signOut();
      core.log.info('API key cleared.');
      void vscode.window.showInformationMessage('RunPod API key cleared.');
    }),
  );
}
