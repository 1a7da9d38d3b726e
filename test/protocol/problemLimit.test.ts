/**
 * A file with a problem on every line, through the real server: the editor shows exactly what the
 * core lists (MAX_LISTED_PROBLEMS of each code, template/problemLimit.ts) and, per code past that,
 * one `too-many-problems` note saying how many more, so every problem is either shown or counted,
 * the numbers are check's, and a lone problem of another code is never hidden behind a note.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { MAX_LISTED_PROBLEMS } from '../../server/src/template/problemLimit';
import { FRESH, uri } from './fixtures';
import { LspClient, ensureServerBuilt } from './lspClient';

/** The count a "not listed" diagnostic gives, read from its message as the user reads it. */
function notListedCount(d: Diagnostic, code: string): number {
  if (typeof d.message !== 'string') return 0;
  const m = new RegExp(`([\\d,]+) more \`${code}\` problems?`).exec(d.message);
  return m ? Number(m[1]!.replaceAll(',', '')) : 0;
}
const notesOf = (items: readonly Diagnostic[]): Diagnostic[] => items.filter((d) => d.code === 'too-many-problems');

describe('a file of many short problem lines', () => {
  let client: LspClient;
  let settings: unknown = null;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ initializationOptions: { secrets: FRESH }, configuration: () => settings });
  });
  afterAll(() => client.stop());

  it('100,000 duplicate lines: the cap of duplicates, and one too-many-problems note saying how many more', async () => {
    const u = uri('dups.runpod.env');
    await client.open(u, 'runpod-env', 'A=1\n'.repeat(100_000));
    const items = await client.diagnostics(u);
    const duplicates = items.filter((d) => d.code === 'duplicate-key');
    expect(duplicates).toHaveLength(MAX_LISTED_PROBLEMS);
    const notes = notesOf(items);
    expect(notes).toHaveLength(1);
    expect(items).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(items.filter((d) => d.code === 'file-too-large')).toEqual([]);
    expect(duplicates.length + notListedCount(notes[0]!, 'duplicate-key')).toBe(99_999);
    expect(notes[0]!.range.start.line).toBe(duplicates.at(-1)!.range.start.line + 1);
    await client.close(u);
  });

  it('1,005 lines of A=1: 1,000 duplicates listed and "4 more", as check says', async () => {
    const u = uri('dups1005.runpod.env');
    await client.open(u, 'runpod-env', 'A=1\n'.repeat(1_005));
    const items = await client.diagnostics(u);
    expect(items.filter((d) => d.code === 'duplicate-key')).toHaveLength(1_000);
    expect(notesOf(items).map((d) => [d.data, notListedCount(d, 'duplicate-key')])).toEqual([[{ notListed: { code: 'duplicate-key', count: 4 } }, 4]]);
    await client.close(u);
  });

  it('a lone embedded-reference in 50,000 lines of duplicates is listed, not hidden behind a note', async () => {
    const u = uri('lone.runpod.env');
    await client.open(u, 'runpod-env', `A=x{{ RUNPOD_SECRET_hf-token }}\n${'A=1\n'.repeat(49_999)}`);
    const items = await client.diagnostics(u);
    expect(items.filter((d) => d.code === 'embedded-reference').map((d) => d.range.start.line)).toEqual([0]);
    expect(notesOf(items).map((d) => d.data)).toEqual([{ notListed: { code: 'duplicate-key', count: 49_999 - MAX_LISTED_PROBLEMS } }]);
    await client.close(u);
  });

  it('two codes over the cap: each listed to the cap, and each says how many of it are not', async () => {
    const u = uri('unclosed.runpod.env');
    const lines = 3_000;
    await client.open(u, 'runpod-env', 'A={{ RUNPOD_SECRET_\n'.repeat(lines));
    const items = await client.diagnostics(u);
    const notes = notesOf(items);
    const shown = (code: string): number => items.filter((d) => d.code === code).length;
    const counted = (code: string): number => notes.reduce((sum, d) => sum + notListedCount(d, code), 0);
    expect(shown('malformed-reference') + counted('malformed-reference')).toBe(lines);
    expect(shown('duplicate-key') + counted('duplicate-key')).toBe(lines - 1);
    expect(shown('malformed-reference')).toBe(MAX_LISTED_PROBLEMS);
    expect(shown('duplicate-key')).toBe(MAX_LISTED_PROBLEMS);
    expect(notes).toHaveLength(2);
    await client.close(u);
  });

  it("a hint's note is a hint, and says in data which code and how many", async () => {
    const u = uri('hints.runpod.env');
    const n = MAX_LISTED_PROBLEMS + 20;
    await client.open(u, 'runpod-env', Array.from({ length: n }, (_, i) => `K${i}=x{{ RUNPOD_SECRET_hf-token }}\n`).join(''));
    const items = await client.diagnostics(u);
    expect(notesOf(items).map((d) => [d.severity, d.data])).toEqual([[DiagnosticSeverity.Hint, { notListed: { code: 'embedded-reference', count: 20 } }]]);
    await client.close(u);
  });

  it('no note for a code the user turned off', async () => {
    settings = { diagnostics: { severity: { 'duplicate-key': 'off' } } };
    const u = uri('off.runpod.env');
    await client.open(u, 'runpod-env', 'A=1\n'.repeat(5_000));
    expect(await client.diagnostics(u)).toEqual([]);
    await client.close(u);
    settings = null;
  });

  it('too-many-problems off hides the notes and keeps the listed problems; file-too-large off leaves the notes alone', async () => {
    settings = { diagnostics: { severity: { 'too-many-problems': 'off' } } };
    const u = uri('notes-off.runpod.env');
    await client.open(u, 'runpod-env', 'A=1\n'.repeat(1_005));
    const items = await client.diagnostics(u);
    expect(items.map((d) => d.code)).toEqual(Array(MAX_LISTED_PROBLEMS).fill('duplicate-key'));
    await client.close(u);
    settings = { diagnostics: { severity: { 'file-too-large': 'off' } } };
    const v = uri('cut-off.runpod.env');
    await client.open(v, 'runpod-env', 'A=1\n'.repeat(1_005));
    expect(notesOf(await client.diagnostics(v))).toHaveLength(1);
    await client.close(v);
    settings = null;
  });
});
