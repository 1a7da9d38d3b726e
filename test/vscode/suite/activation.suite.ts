/** The extension activates on a runpod-env file and its commands are registered. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type Mocha from 'mocha';
import { EXTENSION_ID, openWorkspaceFile, waitFor } from './harness';

export function registerActivationTests({ describe, it }: Mocha.MochaGlobals): void {
  describe('activation', () => {
    it('activates when a runpod-env file is opened', async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is not installed in this editor`);
      const editor = await openWorkspaceFile('runpod.env');
      assert.equal(editor.document.languageId, 'runpod-env');
      await waitFor('the extension to be active', () => extension.isActive);
    });

    it('registers the secret and Launch Pod commands', async () => {
      const commands = await vscode.commands.getCommands(true);
      for (const id of ['runpod.secrets.create', 'runpod.secrets.refresh', 'runpod.secrets.insertReference', 'runpod.launchPod']) {
        assert.ok(commands.includes(id), `command ${id} is not registered`);
      }
    });
  });
}
