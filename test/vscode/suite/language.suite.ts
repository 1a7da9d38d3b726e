/**
 * The language features a user relies on, through VS Code's own command API (the same providers
 * the editor calls): diagnostics, completion, hover and quick fixes on the sample workspace.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type Mocha from 'mocha';
import { createWorkspaceFile, fakeAccount, hoverText, openWorkspaceFile, positionAfter, rangeOf, runpodDiagnostics, waitFor, workspaceUri } from './harness';

/** The seeded value of hf-token (test/fake-runpod/seed.ts): what a hover must never show. */
const SEEDED_HF_TOKEN_VALUE = 'hf_fakeDemoToken000000000000000000';

export function registerLanguageTests({ describe, it }: Mocha.MochaGlobals): void {
  describe('language features', () => {
    it('flags the sample typo as unknown-secret from source runpod, and only it', async () => {
      const { document } = await openWorkspaceFile('runpod.env');
      // The reference on line 7, not the comment above it that names the typo too.
      const typo = rangeOf(document, 'HF_HUB_TOKEN={{ RUNPOD_SECRET_hf-tokn');
      const found = await waitFor('an unknown-secret diagnostic on hf-tokn', () => {
        const diagnostics = runpodDiagnostics(document.uri, 'unknown-secret');
        return diagnostics.length > 0 && diagnostics;
      });
      assert.equal(found.length, 1, `expected one unknown-secret diagnostic, got: ${found.map((d) => d.message).join(' | ')}`);
      assert.equal(found[0]!.range.start.line, typo.start.line, 'the diagnostic is not on the HF_HUB_TOKEN line');
      assert.equal(document.getText(found[0]!.range), 'hf-tokn', 'the diagnostic spans exactly the unknown name');
      assert.match(found[0]!.message, /hf-tokn/);
    });

    it('completes secret names of the account inside {{ RUNPOD_SECRET_ and inserts a closed reference', async () => {
      const editor = await createWorkspaceFile('completion.runpod.env', 'EXTRA=1\nOPENAI_API_KEY={{ RUNPOD_SECRET_');
      const document = editor.document;
      const position = document.lineAt(1).range.end;
      const accountNames = await fakeAccount.secretNames();
      assert.ok(accountNames.length >= 3, 'the fake account is seeded with secrets');
      const list = await waitFor('completion items with every account secret', async () => {
        const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
        const labels = result.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
        return accountNames.every((name) => labels.includes(name)) && result;
      });
      const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'openai-key');
      assert.ok(item);
      await applyCompletion(editor, item, position);
      assert.equal(document.lineAt(1).text, 'OPENAI_API_KEY={{ RUNPOD_SECRET_openai-key }}');
      // The completed reference resolves: no unknown-secret or malformed-reference left on it.
      await waitFor('the completed line to have no RunPod error', () =>
        vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'runpod' && d.range.start.line === 1).length === 0,
      );
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it("in .runpod/hub.json, beside the JSON language's own value suggestions, exactly one item is preselected: a secret of the account", async () => {
      const editor = await openWorkspaceFile('.runpod/hub.json');
      const document = editor.document;
      const after = positionAfter(document, '"{{ RUNPOD_SECRET_db_pasword }}" },');
      // Unsaved, reverted below: a new env entry with an empty value, as a user adds one.
      await editor.edit((edit) => edit.insert(after, '\n      { "key": "NEW_TOKEN", "value": "" },'));
      const position = positionAfter(document, '"key": "NEW_TOKEN", "value": "');
      const accountNames = await fakeAccount.secretNames();
      const list = await waitFor('completion items with every account secret', async () => {
        const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
        const labels = result.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
        return accountNames.every((name) => labels.includes(name)) && result;
      });
      const preselected = list.items.filter((i) => i.preselect).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.deepEqual(preselected, [[...accountNames].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1))[0]]);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('hovers a reference with the secret metadata and never its value', async () => {
      const { document } = await openWorkspaceFile('runpod.env');
      const position = positionAfter(document, 'RUNPOD_SECRET_hf-to');
      const text = await waitFor('a hover naming hf-token with its description', async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
        const shown = hoverText(hovers);
        return shown.includes('Hugging Face read token') && shown;
      });
      assert.match(text, /hf-token/);
      assert.ok(!text.includes(SEEDED_HF_TOKEN_VALUE), 'the hover shows the secret value');
    });

    it('F2 through the language client (with its rename middleware) gives the edit of every reference, applying nothing itself', async () => {
      const { document } = await openWorkspaceFile('runpod.env');
      const before = document.getText();
      const position = positionAfter(document, 'RUNPOD_SECRET_hf-to');
      const edit = await waitFor('a rename edit', async () => {
        const result = await vscode.commands.executeCommand<vscode.WorkspaceEdit | undefined>('vscode.executeDocumentRenameProvider', document.uri, position, 'hf-read-token');
        return result !== undefined && result.size > 0 && result;
      });
      const here = edit.get(document.uri);
      assert.ok(here.length > 0, 'no change in the file renamed from');
      assert.ok(here.every((e) => e.newText === 'hf-read-token' && document.getText(e.range) === 'hf-token'));
      assert.equal(document.getText(), before);
    });

    it('offers a "Create secret" quick fix for the typo that runs runpod.secrets.create with the name', async () => {
      const { document } = await openWorkspaceFile('runpod.env');
      const [diagnostic] = await waitFor('the typo diagnostic', () => {
        const d = runpodDiagnostics(document.uri, 'unknown-secret');
        return d.length > 0 && d;
      });
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic!.range);
      const create = actions.find((a) => /^Create secret/i.test(a.title));
      assert.ok(create, `no "Create secret" action among: ${actions.map((a) => a.title).join(' | ')}`);
      assert.match(create.title, /hf-tokn/);
      assert.equal(create.command?.command, 'runpod.secrets.create');
      assert.deepEqual(create.command?.arguments, [{ name: 'hf-tokn' }]);
    });

    it('Problems follows a RunPod file open in no tab (as Rename Secret leaves its files): a typo fixed on disk clears', async () => {
      // VS Code pulls document diagnostics only for documents in a tab; this one is open all the same.
      const uri = workspaceUri('held-open.runpod.env');
      const encode = (text: string) => new TextEncoder().encode(text);
      await vscode.workspace.fs.writeFile(uri, encode('HELD={{ RUNPOD_SECRET_hf-tokn }}\n'));
      const document = await vscode.workspace.openTextDocument(uri);
      assert.ok(!vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString())), 'the document must be in no tab');
      await waitFor('the typo in Problems', () => runpodDiagnostics(uri, 'unknown-secret').length === 1);
      // Fixed outside the editor: VS Code reloads the document it holds.
      await vscode.workspace.fs.writeFile(uri, encode('HELD={{ RUNPOD_SECRET_hf-token }}\n'));
      await waitFor('the document reloaded', () => document.getText().includes('hf-token }}'));
      await waitFor('the problem cleared', () => runpodDiagnostics(uri, 'unknown-secret').length === 0);
      await vscode.workspace.fs.delete(uri);
    });
  });
}

/** Applies a completion item the way accepting it does: its edit (or label) at the word range, then additional edits. */
async function applyCompletion(editor: vscode.TextEditor, item: vscode.CompletionItem, position: vscode.Position): Promise<void> {
  const range = item.range === undefined ? new vscode.Range(position, position) : 'inserting' in item.range ? item.range.replacing : item.range;
  const insert = item.insertText ?? (typeof item.label === 'string' ? item.label : item.label.label);
  const ok = await editor.edit((builder) => {
    if (typeof insert === 'string') builder.replace(range, insert);
    for (const extra of item.additionalTextEdits ?? []) builder.replace(extra.range, extra.newText);
  });
  assert.ok(ok, 'the completion edit could not be applied');
  if (typeof insert !== 'string') {
    editor.selection = new vscode.Selection(range.start, range.end);
    await editor.insertSnippet(insert, range);
  }
}
