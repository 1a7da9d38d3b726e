/**
 * The index reads an unopened file as the editor will open it: a byte order mark says the encoding
 * (UTF-8, UTF-16LE, UTF-16BE) and is not part of the text. A rename's edit of such a file is applied
 * by the editor to the text it decoded, so its positions must be that text's: with the mark kept as
 * a character the edit of line 1 landed one to the right (`{{ RUNPOD_SECRET_hhf_renamed}}`), and a
 * UTF-16 file read as UTF-8 had no references at all (left unrenamed, without a word).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRESH } from '../fixtures';
import { applyEdits, type LspClient } from '../lspClient';
import { editsByUri, startOn, TempWorkspace, usages } from './helpers';

const TEXT = 'HF={{ RUNPOD_SECRET_hf }}\nX={{ RUNPOD_SECRET_hf }}\n';
const ENCODED: Record<string, { encode: (text: string) => Buffer; decode: (bytes: Buffer) => string }> = {
  'bom.runpod.env': { encode: (t) => Buffer.from(`\ufeff${t}`), decode: (b) => b.subarray(3).toString('utf8') },
  'le.runpod.env': { encode: (t) => Buffer.from(`\ufeff${t}`, 'utf16le'), decode: (b) => b.subarray(2).toString('utf16le') },
  'be.runpod.env': { encode: (t) => Buffer.from(`\ufeff${t}`, 'utf16le').swap16(), decode: (b) => Buffer.from(b.subarray(2)).swap16().toString('utf16le') },
  // No mark: VS Code tells UTF-16 by where the NUL bytes of its first 512 bytes sit (fileText.ts).
  'le-unmarked.runpod.env': { encode: (t) => Buffer.from(t, 'utf16le'), decode: (b) => b.toString('utf16le') },
  'be-unmarked.runpod.env': { encode: (t) => Buffer.from(t, 'utf16le').swap16(), decode: (b) => Buffer.from(b).swap16().toString('utf16le') },
};

describe('files with a byte order mark, or UTF-16 without one, unopened', () => {
  let ws: TempWorkspace;
  let client: LspClient;
  beforeAll(async () => {
    ws = new TempWorkspace({ 'open.runpod.env': 'A={{ RUNPOD_SECRET_hf }}\n' });
    for (const [rel, { encode }] of Object.entries(ENCODED)) writeFileSync(ws.path(rel), encode(TEXT));
    client = await startOn(ws, { initializationOptions: { secrets: FRESH } });
  });
  afterAll(async () => {
    await client?.stop();
    ws?.dispose();
  });

  it('are indexed by their decoded text: every reference counted, at the open document\'s columns', async () => {
    const found = await usages(client, { names: ['hf'], withLocations: true });
    expect(found.usages['hf']).toMatchObject({ files: 6, references: 11 });
    for (const rel of Object.keys(ENCODED)) {
      const ranges = found.usages['hf']!.locations!.filter((l) => l.uri === ws.uriOf(rel)).map((l) => l.range);
      // `hf` of line 1 starts at column 20 of the text the editor shows (no mark in it).
      expect({ rel, ranges }).toEqual({ rel, ranges: [{ start: { line: 0, character: 20 }, end: { line: 0, character: 22 } }, { start: { line: 1, character: 19 }, end: { line: 1, character: 21 } }] });
    }
  });

  it('a rename edits them where the editor shows the name: applied to the decoded text, each reads the new name', async () => {
    const edit = (await client.request('runpod/renameSecret', { from: 'hf', to: 'hf_renamed' })) as Parameters<typeof editsByUri>[0];
    const byUri = editsByUri(edit);
    for (const [rel, { decode }] of Object.entries(ENCODED)) {
      const edits = byUri.get(ws.uriOf(rel));
      expect({ rel, edited: edits !== undefined }).toEqual({ rel, edited: true });
      expect({ rel, after: applyEdits(decode(readFileSync(ws.path(rel))), edits!) }).toEqual({ rel, after: TEXT.replaceAll('RUNPOD_SECRET_hf ', 'RUNPOD_SECRET_hf_renamed ') });
    }
  });
});
