/**
 * Rename on a secret reference (`textDocument/prepareRename` + `rename`) and `runpod/renameSecret`:
 * one workspace edit that renames every reference across the workspace, in every format, opened or
 * not, changing only the name inside each reference. Applied to the files, it leaves each reading
 * the new name, and nothing else changed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { FRESH } from '../fixtures';
import { applyEdits, LspClient, PULL_CAPABILITIES } from '../lspClient';
import { applyToDisk, editsByUri, INDEX_CAPABILITIES, TempWorkspace, usages, useIndexedWorkspace } from './helpers';

const FILES = {
  'train.runpod.env': 'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\nURL="https://u:{{ RUNPOD_SECRET_hf-token }}@h"\nOTHER={{ RUNPOD_SECRET_hf-token2 }}\n',
  'pod.runpod.json': '{ "env": { "HF": "{{ RUNPOD_SECRET_hf-token }}", "K": "hf-token" } }\n',
  'serve/runpod.toml': '[project.env_vars]\nHF = "{{RUNPOD_SECRET_hf-token}}"\n',
  '.env': "HF='{{ RUNPOD_SECRET_hf-token }}'\n",
};
type File = keyof typeof FILES;

const read = (path: string): string => readFileSync(path, 'utf8');

describe('rename a secret reference across the workspace', () => {
  const session = useIndexedWorkspace(FILES, { initializationOptions: { secrets: FRESH } }, true);

  it('prepareRename offers the name under the cursor, and refuses elsewhere with a reason', async () => {
    const { ws, client } = session;
    const uri = ws.uriOf('train.runpod.env');
    const text = FILES['train.runpod.env'];
    const doc = await client.open(uri, 'runpod-env', text);
    const prepared = (await client.prepareRename(uri, text.indexOf('{{')))!;
    expect(prepared).toMatchObject({ placeholder: 'hf-token' });
    expect(doc.getText((prepared as { range: Parameters<typeof doc.getText>[0] }).range)).toBe('hf-token');
    await expect(client.prepareRename(uri, 2)).rejects.toThrow(/place the cursor on the name/);
  });

  it('F2 from an open env file renames every reference in four formats, unopened files included, and only the names', async () => {
    const { ws, client } = session;
    const uri = ws.uriOf('train.runpod.env');
    const text = FILES['train.runpod.env'];
    await client.open(uri, 'runpod-env', text);
    const edit = (await client.rename(uri, text.indexOf('hf-token'), 'hf-read-token'))!;
    const byUri = editsByUri(edit);
    expect([...byUri.keys()].sort()).toEqual((['train.runpod.env', 'pod.runpod.json', 'serve/runpod.toml', '.env'] as File[]).map((f) => ws.uriOf(f)).sort());
    // The open document's edit carries its version, a file on disk none (the editor edits it as it is).
    const changes = edit.documentChanges as TextDocumentEdit[];
    expect(changes.find((c) => c.textDocument.uri === uri)!.textDocument.version).toBe(1);
    expect(changes.filter((c) => c.textDocument.uri !== uri).map((c) => c.textDocument.version)).toEqual([null, null, null]);
    for (const edits of byUri.values()) for (const e of edits) expect(e.newText).toBe('hf-read-token');

    // Applied: each file reads the new name where the old was, and nothing else changed.
    const after = applyToDisk(ws, { documentChanges: changes.filter((c) => c.textDocument.uri !== uri) }, read);
    expect(applyEdits(text, byUri.get(uri)!)).toBe(text.replaceAll('RUNPOD_SECRET_hf-token ', 'RUNPOD_SECRET_hf-read-token '));
    expect(after.get('pod.runpod.json')).toBe(FILES['pod.runpod.json'].replace('RUNPOD_SECRET_hf-token', 'RUNPOD_SECRET_hf-read-token'));
    expect(after.get('serve/runpod.toml')).toBe(FILES['serve/runpod.toml'].replace('RUNPOD_SECRET_hf-token', 'RUNPOD_SECRET_hf-read-token'));
    expect(after.get('.env')).toBe(FILES['.env'].replace('RUNPOD_SECRET_hf-token', 'RUNPOD_SECRET_hf-read-token'));
  });

  it('labels the edit with a change annotation saying what it does, applied without asking (VS Code starts changes needing confirmation unchecked)', async () => {
    const { ws, client } = session;
    const uri = ws.uriOf('pod.runpod.json');
    const text = FILES['pod.runpod.json'];
    await client.open(uri, 'json', text);
    const edit = (await client.rename(uri, text.indexOf('hf-token'), 'hf-read-token'))!;
    const [annotation] = Object.values(edit.changeAnnotations ?? {});
    expect(annotation).toMatchObject({ label: 'Rename secret references: hf-token → hf-read-token', needsConfirmation: false });
    expect(annotation!.description).toContain('4 files; the secret itself keeps its name on RunPod');
    for (const change of edit.documentChanges as TextDocumentEdit[]) for (const e of change.edits) expect(e).toHaveProperty('annotationId');
  });

  it('a secret referenced in the current file only: every reference in it, and only those', async () => {
    const { ws, client } = session;
    const uri = ws.uriOf('pod.runpod.json');
    const text = '{ "env": { "A": "{{ RUNPOD_SECRET_only_here }}", "B": "{{ RUNPOD_SECRET_only_here }}" } }\n';
    await client.open(uri, 'json', text);
    const edit = (await client.rename(uri, text.indexOf('only_here'), 'still_here'))!;
    expect([...editsByUri(edit).keys()]).toEqual([uri]);
    expect(applyEdits(text, editsByUri(edit).get(uri)!)).toBe(text.replaceAll('only_here', 'still_here'));
  });

  it('refuses a new name RunPod would not accept, saying why, and changes nothing', async () => {
    const { ws, client } = session;
    const uri = ws.uriOf('train.runpod.env');
    await client.open(uri, 'runpod-env', FILES['train.runpod.env']);
    const at = FILES['train.runpod.env'].indexOf('hf-token');
    await expect(client.rename(uri, at, 'RUNPOD_x')).rejects.toThrow(/reserved by RunPod/);
    await expect(client.rename(uri, at, '9lives')).rejects.toThrow(/must start with an ASCII letter/);
    await expect(client.rename(uri, at, 'a b')).rejects.toThrow(/may only contain/);
    expect(read(ws.path('pod.runpod.json'))).toBe(FILES['pod.runpod.json']);
  });

  it('runpod/renameSecret gives the same edit without a document, and null for a name RunPod refuses', async () => {
    const { ws, client } = session;
    const uri = ws.uriOf('train.runpod.env');
    await client.open(uri, 'runpod-env', FILES['train.runpod.env']);
    const fromRequest = (await client.request('runpod/renameSecret', { from: 'hf-token', to: 'hf-read-token' })) as WorkspaceEdit;
    const fromF2 = (await client.rename(uri, FILES['train.runpod.env'].indexOf('hf-token'), 'hf-read-token'))!;
    expect(editsByUri(fromRequest)).toEqual(editsByUri(fromF2));
    expect(await client.request('runpod/renameSecret', { from: 'hf-token', to: 'RUNPOD_no' })).toBeNull();
    expect(await client.request('runpod/renameSecret', { from: 'hf-token', to: 42 })).toBeNull();
    expect(await client.request('runpod/renameSecret', null)).toBeNull();
    expect(editsByUri((await client.request('runpod/renameSecret', { from: 'never-used', to: 'other' })) as WorkspaceEdit).size).toBe(0);
  });

  it('after the renamed files are saved and the watcher reports them, the index lists the new name only', async () => {
    const { ws, client } = session;
    const edit = (await client.request('runpod/renameSecret', { from: 'hf-token', to: 'hf-read-token' })) as WorkspaceEdit;
    applyToDisk(ws, edit, read);
    await client.watchedFiles([...editsByUri(edit).keys()].map((uri) => ({ uri, type: 2 })));
    const result = await usages(client);
    expect(result.usages['hf-token']).toBeUndefined();
    expect(result.usages['hf-read-token']).toEqual({ files: 4, references: 5 });
  });
});

describe('rename for an editor without document changes', () => {
  const session = useIndexedWorkspace(FILES, { capabilities: PULL_CAPABILITIES });
  it('answers `changes` keyed by URI', async () => {
    const edit = (await session.client.request('runpod/renameSecret', { from: 'hf-token', to: 'hf-read-token' })) as WorkspaceEdit;
    expect(edit.documentChanges).toBeUndefined();
    expect(Object.keys(edit.changes ?? {}).length).toBe(4);
  });
});

describe('a rename asked while the first index is still being built', () => {
  it('waits for the walk: every file that references the secret is in the edit, not only those read so far', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3_000; i++) files[`p${Math.floor(i / 100)}/f${i}.runpod.env`] = `A=${'x'.repeat(200)}\nDB={{ RUNPOD_SECRET_db_password }}\n`;
    const ws = new TempWorkspace(files);
    // No wait for the index: the request goes out right after initialize, as a user's first F2 can.
    const client = await LspClient.start({ capabilities: INDEX_CAPABILITIES, workspaceFolders: [ws.uri], initializationOptions: { secrets: FRESH } });
    try {
      const edit = (await client.request('runpod/renameSecret', { from: 'db_password', to: 'db-password' })) as WorkspaceEdit;
      expect(editsByUri(edit).size).toBe(3_000);
    } finally {
      await client.stop();
      ws.dispose();
    }
  });
});
