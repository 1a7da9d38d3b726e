/**
 * RunPod: Refresh Secrets. Re-lists the secrets (and forgets the account listings behind the tree's usage
 * counts: a Pod launched in the console shows up); a failure keeps the last list and says why.
 */
import * as vscode from 'vscode';
import type { CoreServices } from '../auth/session';

export function register(core: CoreServices): void {
  core.context.subscriptions.push(
    vscode.commands.registerCommand('runpod.secrets.refresh', async () => {
      const api = vscode.workspace.isTrusted ? await core.getApi() : undefined;
      if (!api) {
        // requireApi explains (untrusted, a bad URL, a key saved for another origin) or offers Set API
        // Key; a key set there refreshes by itself.
        await core.requireApi();
        return;
      }
      core.lifecycle.account.invalidate();
      // The user asked: one request goes out even if the client believes the quota is used up.
      api.probeRateLimit?.();
      // The view's progress bar and the status bar spinner follow the store's `loading` state.
      await core.store.refresh();
      const state = core.store.state;
      if (state.kind === 'stale' || state.kind === 'error') {
        const choice = await vscode.window.showWarningMessage(
          `Could not refresh the RunPod secrets: ${state.error.message}`,
          'Retry',
          'Show Output',
        );
        if (choice === 'Retry') void vscode.commands.executeCommand('runpod.secrets.refresh');
        else if (choice === 'Show Output') core.showLog();
      }
    }),
  );
}
