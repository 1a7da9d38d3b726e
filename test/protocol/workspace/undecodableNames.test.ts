/**
 * A file or folder whose name is not UTF-8 (bytes a Latin-1 tool wrote): a folder's listing gives
 * its name with U+FFFD in place of the bytes, and nothing has that name, so it cannot be read. The
 * index said it was complete and a rename left the file's references to the old name unsaid; it now
 * names the folder holding it among what it could not read. Names that need encoding but are UTF-8 (a line
 * break, `%`, `#`, `?`, NFC and NFD twins) are read, each once.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceEdit } from 'vscode-languageserver/node';
import { FRESH } from '../fixtures';
import { ensureServerBuilt, LspClient } from '../lspClient';
import { editsByUri, eventually, INDEX_CAPABILITIES, TempWorkspace, usages } from './helpers';

ensureServerBuilt();
const REF = 'A={{ RUNPOD_SECRET_hf }}\n';
const READABLE = ['new\nline', 'pct%25', 'hash#x', 'q?x', 'caf\u00e9', 'cafe\u0301'].map((n) => `sub/${n}.runpod.env`);

let ws: TempWorkspace;
let client: LspClient;

beforeAll(async () => {
  ws = new TempWorkspace(Object.fromEntries(READABLE.map((n) => [n, REF])));
  // "bad\xff.runpod.env": the path as bytes, not UTF-8.
  mkdirSync(ws.path('odd'));
  writeFileSync(Buffer.concat([Buffer.from(ws.path('odd/bad')), Buffer.from([0xff]), Buffer.from('.runpod.env')]), REF);
  // "oddFolder/d\xfe/x.runpod.env": a folder whose name is not UTF-8 cannot be listed either.
  const folder = Buffer.concat([Buffer.from(ws.path('oddFolder/d')), Buffer.from([0xfe])]);
  mkdirSync(folder, { recursive: true });
  writeFileSync(Buffer.concat([folder, Buffer.from('/x.runpod.env')]), REF);
  client = await LspClient.start({ capabilities: INDEX_CAPABILITIES, workspaceFolders: [ws.uri], initializationOptions: { secrets: FRESH } });
  await eventually(async () => (await usages(client)).gap !== 'indexing', 'the first walk');
}, 30_000);
afterAll(async () => {
  await client?.stop();
  ws?.dispose();
});

describe('a file name that is not UTF-8', () => {
  it('usage counts say the index lacks a file, for that cause', async () => {
    expect(await usages(client, { names: ['hf'] })).toEqual({ usages: { hf: { files: READABLE.length, references: READABLE.length } }, complete: false, gap: 'unreadable' });
  });

  it('a rename edits every readable name once and names the folder it could not read', async () => {
    const answer = (await client.request('runpod/renameSecret', { from: 'hf', to: 'hf2' })) as WorkspaceEdit & { incomplete?: unknown };
    expect([...editsByUri(answer).keys()].sort()).toEqual(READABLE.map((n) => ws.uriOf(n)).sort());
    // Said as a name the server cannot decode, not as a permission problem: the user knows what to rename.
    expect(answer.incomplete).toEqual({ files: ['odd', 'oddFolder'].map((f) => ({ uri: ws.uriOf(f), why: 'undecodable-name' })) });
  });
});
