/**
 * RunPod: Clear API Key. Forgets the active account's keys (for every origin they were saved for)
 * and its cached list; the server goes back to `unknown`. Other accounts keep theirs.
 */
import * as vscode from 'vscode';
import { accountSuffix, type CoreServices } from '../auth/session';

export function register(core: CoreServices): void {
  core.context.subscriptions.push(
    vscode.commands.registerCommand('runpod.clearApiKey', async () => {
      core.expectKey(undefined);
      const who = accountSuffix(core.keys.account);
      const origins = await core.keys.clear();
      core.apis.invalidate();
      await core.store.signOut();
      // Run while signed out (the palette offers it anyway), it must not claim a key was removed.
      const message =
        origins.length === 0
          ? `No RunPod API key${who} is set: nothing to clear.`
          : origins.length > 1
            ? `RunPod API keys${who} cleared (for ${origins.join(', ')}).`
            : `RunPod API key${who} cleared.`;
      core.log.info(message);
      void vscode.window.showInformationMessage(message);
    }),
  );
}
