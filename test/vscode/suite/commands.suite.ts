/**
 * The secret commands against the fake RunPod API. Input boxes are answered with VS Code's own
 * commands (accept, paste from the clipboard), the closest the extension API gets to a user typing.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type Mocha from 'mocha';
import { TYPED_VALUE_ENV } from '../results';
import { createWorkspaceFile, fakeAccount, openWorkspaceFile, runpodDiagnostics, waitFor } from './harness';

/** Accepts whatever quick input is open (no-op when none is). */
const accept = () => vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');

/**
 * A value that looks like a credential to the hardcoded-credential rule, new on every run. Hex, not
 * base64url: the rule wants one run of 16+ letters and digits, and base64url's `-` and `_` cut about
 * one token in eight into shorter runs, which the rule rightly leaves alone (a CI run failed so).
 */
const randomToken = () => randomBytes(24).toString('hex');

/**
 * Pastes the clipboard into the input box the running command opened. The API cannot see whether
 * the box is showing yet: a paste that lands in the editor instead changes the document, so it is
 * undone and tried again. Then the box is accepted once (value step).
 */
async function pasteIntoInputBox(document: vscode.TextDocument): Promise<void> {
  await waitFor('the value input box to take the paste', async () => {
    const version = document.version;
    await vscode.commands.executeCommand('editor.action.clipboardPasteAction');
    if (document.version === version) return true;
    await vscode.commands.executeCommand('undo');
    return false;
  });
  await accept();
}

export function registerCommandTests({ describe, it, afterEach }: Mocha.MochaGlobals): void {
  describe('secret commands against the fake API', () => {
    afterEach(async () => {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await vscode.env.clipboard.writeText('');
    });

    it('Refresh picks up a secret created elsewhere and the reference stops being flagged', async () => {
      const { document } = await createWorkspaceFile('refresh.runpod.env', 'WANDB_KEY={{ RUNPOD_SECRET_wandb-key }}\n');
      await waitFor('wandb-key flagged as unknown', () => runpodDiagnostics(document.uri, 'unknown-secret').length === 1);
      await fakeAccount.createSecret('wandb-key', randomToken(), 'created by another client');
      await vscode.commands.executeCommand('runpod.secrets.refresh');
      await waitFor('the unknown-secret diagnostic to go', () => runpodDiagnostics(document.uri, 'unknown-secret').length === 0);
    });

    it('Insert Reference puts the closed reference at the cursor', async () => {
      const editor = await createWorkspaceFile('insert.runpod.env', 'DB_PASSWORD=');
      editor.selection = new vscode.Selection(0, 12, 0, 12);
      await vscode.commands.executeCommand('runpod.secrets.insertReference', 'db_password');
      assert.equal(editor.document.lineAt(0).text, 'DB_PASSWORD={{ RUNPOD_SECRET_db_password }}');
      // With the cursor inside that reference, another one replaces it instead of nesting in it.
      editor.selection = new vscode.Selection(0, 20, 0, 20);
      await vscode.commands.executeCommand('runpod.secrets.insertReference', 'hf-token');
      assert.equal(editor.document.lineAt(0).text, 'DB_PASSWORD={{ RUNPOD_SECRET_hf-token }}');
    });

    it('the "Create secret" quick fix creates the missing secret on the account and the typo is resolved', async () => {
      const { document } = await openWorkspaceFile('runpod.env');
      const [diagnostic] = await waitFor('the typo diagnostic', () => {
        const d = runpodDiagnostics(document.uri, 'unknown-secret');
        return d.length > 0 && d;
      });
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic!.range);
      const command = actions.find((a) => /^Create secret/i.test(a.title))?.command;
      assert.ok(command, 'no Create secret quick fix');
      // The name comes from the quick fix; the value is pasted into the masked box, as a user would
      // (on the web the runner enters it through the page: see runServerTests.ts).
      await vscode.env.clipboard.writeText(process.env[TYPED_VALUE_ENV] ?? randomToken());
      const flow = vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
      await pasteIntoInputBox(document);
      // The last step (description) is optional: accept it empty.
      await waitFor('hf-tokn on the fake account', async () => {
        await accept();
        return (await fakeAccount.secretNames()).includes('hf-tokn');
      });
      await flow;
      await waitFor('the typo to be resolved', () => runpodDiagnostics(document.uri, 'unknown-secret').length === 0);
    });

    it('the "Move value into a RunPod secret" quick fix creates the secret and replaces the value with its reference', async () => {
      const token = randomToken();
      const editor = await createWorkspaceFile('credentials.runpod.env', `WANDB_API_KEY=${token}\n`);
      const document = editor.document;
      const [diagnostic] = await waitFor('a hardcoded-credential warning', () => {
        const d = runpodDiagnostics(document.uri, 'hardcoded-credential');
        return d.length > 0 && d;
      });
      assert.ok(!diagnostic!.message.includes(token), 'the diagnostic message shows the value');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic!.range);
      const move = actions.find((a) => /RunPod secret/i.test(a.title) && a.command);
      assert.ok(move?.command, `no "Move value into a RunPod secret" action among: ${actions.map((a) => a.title).join(' | ')}`);
      const flow = vscode.commands.executeCommand(move.command.command, ...(move.command.arguments ?? []));
      // Both steps are prefilled (suggested name, empty description): accepting twice finishes.
      await waitFor('the reference in place of the value', async () => {
        await accept();
        return document.lineAt(0).text === 'WANDB_API_KEY={{ RUNPOD_SECRET_wandb_api_key }}';
      });
      await flow;
      assert.ok((await fakeAccount.secretNames()).includes('wandb_api_key'), 'wandb_api_key is not on the fake account');
      assert.ok(!document.getText().includes(token), 'the value is still in the document');
    });
  });
}
