/**
 * RunPod: Compare Environments in a real editor: run from the sample's train.dev.runpod.env (as its
 * title-bar button does), the comparison document of the train template is open, with the missing
 * key and the secret named for dev, and no plain value.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type Mocha from 'mocha';
import { openWorkspaceFile, waitFor } from './harness';

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
  });
}
