/** RunPod: Restart Language Server. Stops, starts, and hands the new server the current catalog. */
import * as vscode from 'vscode';
import type { CoreServices } from '../auth/session';
import type { RunpodLanguageClient } from '../lsp/languageClient';

export function register(core: CoreServices, languageClient: RunpodLanguageClient): void {
  core.context.subscriptions.push(
    vscode.commands.registerCommand('runpod.restartLanguageServer', async () => {
      try {
        await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Window, title: 'Restarting the RunPod language server' },
          () => languageClient.restart(),
        );
        core.log.info('Language server restarted.');
        // Visible but quiet: a status bar message, not a notification to dismiss.
        vscode.window.setStatusBarMessage('$(check) RunPod language server restarted', 4000);
      } catch {
        const choice = await vscode.window.showErrorMessage(
          'The RunPod language server did not restart. The log has the details.',
          'Show Output',
        );
        if (choice) core.showLog();
      }
    }),
  );
}
