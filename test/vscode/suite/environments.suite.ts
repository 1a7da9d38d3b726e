/**
 * RunPod: Compare Environments in a real editor: run from the sample's train.dev.runpod.env (as its
 * title-bar button does), the comparison document of the train template is open, with the missing
 * key and the secret named for dev, and no plain value.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type Mocha from 'mocha';
import { createWorkspaceFile, openWorkspaceFile, runpodDiagnostics, waitFor, workspaceUri } from './harness';

export function registerEnvironmentTests({ describe, it }: Mocha.MochaGlobals): void {
  describe('environments', () => {
    it('Compare Environments shows the sample dev/prod pair side by side', async () => {
      const editor = await openWorkspaceFile('train.dev.runpod.env');
      await vscode.commands.executeCommand('runpod.compareEnvironments', editor.document.uri);
      const document = await waitFor('the comparison document', () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'runpod-environments'));
      const text = document.getText();
      assert.match(text, /\| Key \| dev \| prod \| Status \|/);
      assert.match(text, /\| `OPENAI_API_KEY` \| secret openai-key \| \*\*\\\(missing\\\)\*\* \| missing in prod \|/);
      assert.match(text, /prod uses db\\_password\\_dev \\\(named for another environment\\\)/);
      // WANDB_RUN_GROUP's plain values (dev, prod) are compared, never shown.
      assert.match(text, /\| `WANDB_RUN_GROUP` \| \\\(plain value\\\) \| \\\(plain value\\\) \| differs \|/);
    });

    it('a file declared by editing runpod.environments is served once declared (the selector, relative to the folder)', async () => {
      // Plain Text by name, and no RunPod file until declared: the client's selector changes with
      // the setting, so the client restarts with it and hands the open file to the server. The file
      // is in a .gitignored folder, which the workspace index skips (code-server saves typed text,
      // and Problems of an indexed file on disk would show the typo without the selector).
      const ignore = workspaceUri('.gitignore');
      await vscode.workspace.fs.writeFile(ignore, new TextEncoder().encode('private/\n'));
      const editor = await createWorkspaceFile('private/vars.txt', 'A=1\n');
      await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), 'DB={{ RUNPOD_SECRET_vscode_typo }}\n'));
      const config = vscode.workspace.getConfiguration('runpod');
      try {
        await config.update('environments', { staging: { files: ['private/*.txt'] } }, vscode.ConfigurationTarget.Workspace);
        await waitFor('unknown-secret on the open declared file', () => runpodDiagnostics(editor.document.uri, 'unknown-secret').some((d) => d.message.includes('vscode_typo')));
      } finally {
        await config.update('environments', undefined, vscode.ConfigurationTarget.Workspace);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        await vscode.workspace.fs.delete(workspaceUri('private'), { recursive: true });
        await vscode.workspace.fs.delete(ignore);
      }
    });
  });
}
