/**
 * A file with a problem on every line, through the real server: the editor gets at most
 * MAX_DIAGNOSTICS_PER_DOCUMENT diagnostics, and one of them says how many more were not listed, so
 * every problem is either shown or counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { MAX_DIAGNOSTICS_PER_DOCUMENT } from '../../server/src/lsp/diagnostics';
import { FRESH, uri } from './fixtures';
import { LspClient, ensureServerBuilt } from './lspClient';

/** The count a "not listed" diagnostic gives, read from its message as the user reads it. */
function notListedCount(d: Diagnostic, code: string): number {
  if (typeof d.message !== 'string') return 0;
  const m = new RegExp(`([\\d,]+) more \`${code}\` problems?`).exec(d.message);
  return m ? Number(m[1]!.replaceAll(',', '')) : 0;
}

describe('a file of many short problem lines', () => {
  let client: LspClient;
  let settings: unknown = null;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ initializationOptions: { secrets: FRESH }, configuration: () => settings });
  });
  afterAll(() => client.stop());

  it('100,000 duplicate lines: diagnostics at the cap, and one saying how many more duplicates there are', async () => {
    const u = uri('dups.runpod.env');
    await client.open(u, 'runpod-env', 'A=1\n'.repeat(100_000));
    const items = await client.diagnostics(u);
    expect(items).toHaveLength(MAX_DIAGNOSTICS_PER_DOCUMENT);
    const duplicates = items.filter((d) => d.code === 'duplicate-key');
    const notes = items.filter((d) => d.code === 'file-too-large');
    expect(notes).toHaveLength(1);
    expect(duplicates.length + notListedCount(notes[0]!, 'duplicate-key')).toBe(99_999);
    expect(notes[0]!.range.start.line).toBe(duplicates.at(-1)!.range.start.line + 1);
    await client.close(u);
  });

  it('two codes over the cap: the errors are listed, and each code says how many of it are not', async () => {
    const u = uri('unclosed.runpod.env');
    const lines = 3_000;
    await client.open(u, 'runpod-env', 'A={{ RUNPOD_SECRET_\n'.repeat(lines));
    const items = await client.diagnostics(u);
    expect(items).toHaveLength(MAX_DIAGNOSTICS_PER_DOCUMENT);
    const notes = items.filter((d) => d.code === 'file-too-large');
    const shown = (code: string): number => items.filter((d) => d.code === code).length;
    const counted = (code: string): number => notes.reduce((sum, d) => sum + notListedCount(d, code), 0);
    expect(shown('malformed-reference') + counted('malformed-reference')).toBe(lines);
    expect(shown('duplicate-key') + counted('duplicate-key')).toBe(lines - 1);
    expect(shown('malformed-reference')).toBe(MAX_DIAGNOSTICS_PER_DOCUMENT - notes.length);
    await client.close(u);
  });

  it("a hint's note is a hint, and says in data which code and how many", async () => {
    const u = uri('hints.runpod.env');
    const n = MAX_DIAGNOSTICS_PER_DOCUMENT + 20;
    await client.open(u, 'runpod-env', Array.from({ length: n }, (_, i) => `K${i}=x{{ RUNPOD_SECRET_hf-token }}\n`).join(''));
    const items = await client.diagnostics(u);
    const notes = items.filter((d) => d.code === 'file-too-large');
    expect(notes.map((d) => [d.severity, d.data])).toEqual([[DiagnosticSeverity.Hint, { notListed: { code: 'embedded-reference', count: n - items.filter((d) => d.code === 'embedded-reference').length } }]]);
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
});
