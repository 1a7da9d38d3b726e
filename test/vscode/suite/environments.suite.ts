/**
 * RunPod: Compare Environments in a real editor: run from the sample's train.dev.runpod.env (as its
 * title-bar button does), the comparison document of the train template is open, with the missing
 * key and the secret named for dev, and no plain value; the workspace's comparison leaves out a
 * .gitignored folder and takes declared files, as the index and runpod-check envs compare do.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type Mocha from 'mocha';
import { DEFAULT_FILE_GLOBS } from '../../../server/src/template/fileKinds';
import { createWorkspaceFile, openWorkspaceFile, runpodDiagnostics, waitFor, workspaceUri } from './harness';

/** How many listed code actions VS Code resolves (their edits computed on codeAction/resolve, as when one is chosen). */
const RESOLVE_ALL = 1_000;

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

    it("Compare Environments finds files as the index does: a .gitignored folder's pair is left out, a declared pair of any name compared", async () => {
      const ignore = workspaceUri('.gitignore');
      const files: [string, string][] = [
        ['private/api.dev.runpod.env', 'A=1\n'],
        ['private/api.prod.runpod.env', 'B=1\n'],
        ['cfg/dev/app.env', 'A=1\n'],
        ['cfg/prod/app.env', 'B=1\n'],
      ];
      await vscode.workspace.fs.writeFile(ignore, new TextEncoder().encode('private/\n'));
      for (const [path, text] of files) await vscode.workspace.fs.writeFile(workspaceUri(path), new TextEncoder().encode(text));
      const config = vscode.workspace.getConfiguration('runpod');
      try {
        await config.update('environments', { dev: ['cfg/dev/*'], prod: ['cfg/prod/*'] }, vscode.ConfigurationTarget.Workspace);
        // From a file of no template: the whole workspace's comparison.
        await vscode.commands.executeCommand('runpod.compareEnvironments', workspaceUri('README.md'));
        const document = await waitFor('the workspace comparison', () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'runpod-environments' && d.uri.query === '' && /## app/.test(d.getText())));
        const text = document.getText();
        assert.match(text, /## train/);
        assert.match(text, /\| `A` \| \\\(plain value\\\) \| \*\*\\\(missing\\\)\*\* \| missing in prod \|/);
        assert.doesNotMatch(text, /private\/api/);
      } finally {
        await config.update('environments', undefined, vscode.ConfigurationTarget.Workspace);
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        for (const folder of ['private', 'cfg']) await vscode.workspace.fs.delete(workspaceUri(folder), { recursive: true });
        await vscode.workspace.fs.delete(ignore);
      }
    });

    it('"Add KEY to <file>" on prod\'s missing OPENAI_API_KEY is listed without an edit and VS Code resolves it to the line dev\'s reference gives', async () => {
      const { document } = await openWorkspaceFile('train.prod.runpod.env');
      const [missing] = await waitFor('the missing key', () => {
        const d = runpodDiagnostics(document.uri, 'missing-in-environment').filter((m) => m.message.includes('OPENAI_API_KEY'));
        return d.length > 0 && d;
      });
      const list = (resolved: number) => vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, missing!.range, vscode.CodeActionKind.QuickFix.value, resolved);
      const title = 'Add `OPENAI_API_KEY` to train.prod.runpod.env';
      // VS Code's client says it resolves edits: listed, the action has none (no read of the target).
      assert.equal((await list(0)).find((a) => a.title === title)?.edit, undefined);
      const actions = await list(RESOLVE_ALL);
      const add = actions.find((a) => a.title === title);
      assert.ok(add, `no Add KEY action among: ${actions.map((a) => a.title).join(' | ')}`);
      // Not applied: the sample stays as other tests read it.
      assert.deepEqual(add.edit?.get(document.uri).map((e) => e.newText), ['OPENAI_API_KEY={{ RUNPOD_SECRET_openai-key }}\n']);
    });

    it('"Add KEY to <other file>" chosen in dev, resolved by VS Code, opens prod at the added line (its command, run after the edit)', async () => {
      const { document } = await openWorkspaceFile('train.dev.runpod.env');
      const prodUri = workspaceUri('train.prod.runpod.env');
      const [missing] = await waitFor('the key prod lacks, on dev', () => {
        const d = runpodDiagnostics(document.uri, 'missing-in-environment').filter((m) => m.message.includes('OPENAI_API_KEY'));
        return d.length > 0 && d;
      });
      const title = 'Add `OPENAI_API_KEY` to train.prod.runpod.env';
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, missing!.range, vscode.CodeActionKind.QuickFix.value, RESOLVE_ALL);
      const add = actions.find((a) => a.title === title);
      assert.ok(add?.edit && add.command, `no resolved Add KEY action with a command among: ${actions.map((a) => a.title).join(' | ')}`);
      try {
        // What VS Code does on choosing it: apply the edit, then run the command.
        assert.ok(await vscode.workspace.applyEdit(add.edit));
        await vscode.commands.executeCommand(add.command.command, ...(add.command.arguments ?? []));
        const editor = await waitFor('prod shown', () => vscode.window.activeTextEditor?.document.uri.toString() === prodUri.toString() && vscode.window.activeTextEditor);
        assert.match(editor.document.lineAt(editor.selection.start.line).text, /^OPENAI_API_KEY=/);
      } finally {
        // Not saved: the sample stays as other tests read it.
        const prod = vscode.workspace.textDocuments.find((d) => d.uri.toString() === prodUri.toString());
        if (prod?.isDirty) {
          await vscode.window.showTextDocument(prod);
          await vscode.commands.executeCommand('workbench.action.files.revert');
        }
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      }
    });

    it('a file declared by editing runpod.environments is served once declared (the selector, relative to the folder)', async () => {
      // Plain Text by name, and no RunPod file until declared: the client's selector changes with
      // the setting, so the client restarts with it and hands the open file to the server.
      await servedOnceSet('private/vars.txt', 'A=1\n', 'DB={{ RUNPOD_SECRET_vscode_typo }}\n', 'environments', { staging: { files: ['private/*.txt'] } });
    });

    it('a JSON file a runpod.files glob selects is served (the selector\'s relative pattern of the folder)', async () => {
      // `private/*.json` does not start with `**`: the selector takes it as a relative pattern of the
      // workspace folder, as the server matches it below the folder.
      await servedOnceSet('private/pod.json', '{ "env": {\n}}\n', '"DB": "{{ RUNPOD_SECRET_vscode_typo }}"\n', 'files', [...DEFAULT_FILE_GLOBS, 'private/*.json']);
    });
  });
}

/**
 * Creates `path` in a .gitignored folder, which the workspace index skips (code-server saves typed
 * text, and Problems of an indexed file on disk would show the typo without the selector), types a
 * typo of `vscode_typo` on its second line, sets `runpod.<key>` to `value`, and waits for the typo's
 * unknown-secret diagnostic: the setting changed the selector, the client restarted with it and
 * handed the open file to the server. Puts everything back after.
 */
async function servedOnceSet(path: string, text: string, typed: string, key: string, value: unknown): Promise<void> {
  const ignore = workspaceUri('.gitignore');
  await vscode.workspace.fs.writeFile(ignore, new TextEncoder().encode('private/\n'));
  const editor = await createWorkspaceFile(path, text);
  await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), typed));
  const config = vscode.workspace.getConfiguration('runpod');
  try {
    await config.update(key, value, vscode.ConfigurationTarget.Workspace);
    await waitFor('unknown-secret on the open file', () => runpodDiagnostics(editor.document.uri, 'unknown-secret').some((d) => d.message.includes('vscode_typo')));
  } finally {
    await config.update(key, undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(workspaceUri('private'), { recursive: true });
    await vscode.workspace.fs.delete(ignore);
  }
}
