/**
 * A folder the index cannot list (permissions) is not passed over in silence: usage counts say they
 * may lack files, for that cause (`gap: 'unreadable'`), and a rename names the folder among what it
 * could not reach, so nobody deletes the old secret while a file there still references it. The
 * server runs with lockedFolders.cjs: a folder named `locked` fails to list as it does for another user.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRESH } from '../fixtures';
import { LspClient } from '../lspClient';
import { eventually, INDEX_CAPABILITIES, TempWorkspace } from './helpers';

let ws: TempWorkspace;
let client: LspClient;

beforeAll(async () => {
  ws = new TempWorkspace({ 'a.runpod.env': 'A={{ RUNPOD_SECRET_hf }}\n', 'sub/locked/x.runpod.env': 'A={{ RUNPOD_SECRET_hf }}\n' });
  client = await LspClient.start({ capabilities: INDEX_CAPABILITIES, workspaceFolders: [ws.uri], initializationOptions: { secrets: FRESH }, nodeArgs: ['--require', join(__dirname, 'lockedFolders.cjs')] });
  // Not waitForIndex: this index is never complete. Built once its gap is no longer `indexing`.
  await eventually(async () => ((await client.request('runpod/secretUsages', {})) as { gap?: string }).gap !== 'indexing', 'the first walk');
});
afterAll(async () => {
  await client?.stop();
  ws?.dispose();
});

describe('a folder the index cannot list', () => {
  it('usage counts are incomplete, and say why', async () => {
    const answer = (await client.request('runpod/secretUsages', { names: ['hf'] })) as { usages: Record<string, unknown>; complete: boolean; gap?: string };
    expect(answer).toEqual({ usages: { hf: { files: 1, references: 1 } }, complete: false, gap: 'unreadable' });
  });

  it('a rename names the folder as not reached, and edits the rest', async () => {
    const answer = (await client.request('runpod/renameSecret', { from: 'hf', to: 'hf2' })) as { documentChanges?: { textDocument: { uri: string } }[]; incomplete?: unknown };
    expect(answer.documentChanges?.map((c) => c.textDocument.uri)).toEqual([ws.uriOf('a.runpod.env')]);
    expect(answer.incomplete).toEqual({ files: [{ uri: ws.uriOf('sub/locked'), why: 'unreadable' }] });
  });
});
