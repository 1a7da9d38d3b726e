/**
 * "Add KEY to <file>" into a file the user has open only through a symbolic link: the index keeps
 * the real path (links.ts), and VS Code has no document for it, so an edit naming the real path
 * wrote the disk under the tab (at offsets of the disk's text, not the tab's unsaved one), and a
 * save of the tab undid it. The edit names the tab, with its text (and version, on resolve), as a
 * rename does. A file reached through a link to outside the workspace is never a target.
 */
import { symlinkSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CodeActionResolveRequest, type CodeAction, type TextDocumentEdit } from 'vscode-languageserver/node';
import { FRESH, SECRETS } from '../fixtures';
import { applyEdits, type LspClient } from '../lspClient';
import { editsByUri, INDEX_CAPABILITIES, startOn, TempWorkspace } from './helpers';

const DEV = '# dev\nHF_TOKEN={{ RUNPOD_SECRET_hf-token }}\n';
const PROD = '# prod\nHF_TOKEN={{ RUNPOD_SECRET_hf-token }}\nPORT=8080\n';
const CATALOG = { ...FRESH, secrets: SECRETS };
const RESOLVING = { ...INDEX_CAPABILITIES, textDocument: { ...INDEX_CAPABILITIES.textDocument, codeAction: { ...INDEX_CAPABILITIES.textDocument!.codeAction, dataSupport: true, resolveSupport: { properties: ['edit'] } } } };

describe('"Add KEY" into a file open through a symbolic link', () => {
  let ws: TempWorkspace;
  let outside: TempWorkspace | undefined;
  let client: LspClient;
  afterEach(async () => {
    await client.stop();
    ws.dispose();
    outside?.dispose();
  });

  /** prod open by its real path, dev only as `linked/…` with an unsaved first line (`unsaved`): prod's "Add `PORT`" action. */
  async function addPort(capabilities = INDEX_CAPABILITIES, unsaved = '# unsaved\n') {
    ws = new TempWorkspace({ 'trainer/train.dev.runpod.env': DEV, 'trainer/train.prod.runpod.env': PROD });
    symlinkSync('trainer', ws.path('linked'));
    client = await startOn(ws, { initializationOptions: { secrets: CATALOG }, capabilities });
    const tab = ws.uriOf('linked/train.dev.runpod.env');
    await client.open(tab, 'runpod-env', DEV);
    await client.change(tab, 0, 0, unsaved);
    const prodUri = ws.uriOf('trainer/train.prod.runpod.env');
    await client.open(prodUri, 'runpod-env', PROD);
    const port = (await client.diagnostics(prodUri)).find((d) => d.code === 'missing-in-environment' && String(d.message).includes('PORT'))!;
    const doc = client.doc(prodUri);
    const action = (await client.codeActions(prodUri, doc.offsetAt(port.range.start), doc.offsetAt(port.range.end), [port])).find((a) => a.title === 'Add `PORT` to train.dev.runpod.env')!;
    return { tab, action };
  }

  it('the edit names the tab, at the end of its unsaved text, not the real path', async () => {
    const { tab, action } = await addPort();
    expect(Object.keys(action.edit!.changes!)).toEqual([tab]);
    expect(applyEdits(`# unsaved\n${DEV}`, action.edit!.changes![tab]!)).toBe(`# unsaved\n${DEV}PORT=\n`);
  });

  it('resolved (as VS Code asks), the edit names the tab and the version it was computed on', async () => {
    const { tab, action } = await addPort(RESOLVING);
    expect(action.edit).toBeUndefined();
    const resolved: CodeAction = await client.connection.sendRequest(CodeActionResolveRequest.type, action);
    const byUri = editsByUri(resolved.edit!);
    expect([...byUri.keys()]).toEqual([tab]);
    // The client takes versioned edits (INDEX_CAPABILITIES): the tab's version after its unsaved line.
    expect((resolved.edit!.documentChanges as TextDocumentEdit[]).map((c) => c.textDocument.version)).toEqual([2]);
    expect(applyEdits(`# unsaved\n${DEV}`, byUri.get(tab)!)).toBe(`# unsaved\n${DEV}PORT=\n`);
  });

  it('the tab\'s unsaved text defines the key already (the index, from disk, says it lacks it): no second PORT, offered or resolved', async () => {
    // The problem and the key's value come from the index (the disk's dev); the edit reads the tab's text.
    const { action } = await addPort(INDEX_CAPABILITIES, 'PORT=9090\n');
    expect(action).toBeUndefined();
    await client.stop();
    ws.dispose();
    const lazy = await addPort(RESOLVING, 'PORT=9090\n');
    const resolved: CodeAction | undefined = lazy.action && (await client.connection.sendRequest(CodeActionResolveRequest.type, lazy.action));
    expect(resolved?.edit ? [...editsByUri(resolved.edit).values()].flat() : []).toEqual([]);
  });

  it('a sibling linked to a file outside the workspace, even open, is no target: no edit reaches outside', async () => {
    outside = new TempWorkspace({ 'train.staging.runpod.env': 'OTHER=1\n' });
    ws = new TempWorkspace({ 'trainer/train.dev.runpod.env': DEV, 'trainer/train.prod.runpod.env': PROD });
    symlinkSync(outside.path('train.staging.runpod.env'), ws.path('trainer/train.staging.runpod.env'));
    client = await startOn(ws, { initializationOptions: { secrets: CATALOG } });
    await client.open(ws.uriOf('trainer/train.staging.runpod.env'), 'runpod-env', 'OTHER=1\n');
    const prodUri = ws.uriOf('trainer/train.prod.runpod.env');
    await client.open(prodUri, 'runpod-env', PROD);
    const missing = (await client.diagnostics(prodUri)).filter((d) => d.code === 'missing-in-environment');
    expect(missing.map((d) => d.message).join('\n')).not.toMatch(/staging/);
    const actions = await client.codeActions(prodUri, 0, PROD.length, missing);
    const edited = actions.flatMap((a) => Object.keys(a.edit?.changes ?? {}));
    expect(edited.length).toBeGreaterThan(0);
    expect(edited.every((uri) => uri === ws.uriOf('trainer/train.dev.runpod.env'))).toBe(true);
  });
});
