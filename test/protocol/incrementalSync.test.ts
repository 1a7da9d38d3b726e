/**
 * Env documents are analysed incrementally from the edits the editor sends. Whatever the edits
 * (several ranges in one notification, CRLF, lines joined and split, quotes opened and closed, the
 * whole text replaced), the diagnostics after them must be the ones a freshly opened copy of the
 * final text gets, and an `unchanged` answer must only come when the report really is the same.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DidChangeTextDocumentNotification, type Diagnostic, type DocumentDiagnosticReport, type Range } from 'vscode-languageserver/node';
import type { OpenDocument } from '../../server/src/lsp/openDocument';
import { MAX_TRACKED_CHANGES } from '../../server/src/lsp/analysisCache';
import { ANALYSIS_LIMIT, MAX_ANALYZED_ENTRIES } from '../../server/src/template/analyze';
import { FRESH, uri } from './fixtures';
import { LspClient, ensureServerBuilt } from './lspClient';

const LINES = ['A=1', 'A=2', 'B="two', 'lines"', "C='open", 'NO_EQUALS', 'D={{ RUNPOD_SECRET_hf-tokn }}', 'E={{ RUNPOD_SECRET_db_password }}', '# note', ''];
const INSERTS = ['"', "'", '\n', '\r\n', 'x', '=', '#', '{{ RUNPOD_SECRET_nope }}', 'F=1\n', ''];

const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat({ max: 6 }), insert: fc.constantFrom(...INSERTS) });

describe('incremental document sync', () => {
  let client: LspClient;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ initializationOptions: { secrets: FRESH } });
  });
  afterAll(() => client.stop());

  /** Sends `changes` (each as offsets into the text left by the ones before it) in one notification. */
  async function sendChanges(u: string, doc: OpenDocument, changes: { start: number; end: number; text: string }[]): Promise<void> {
    const contentChanges: { range: Range; text: string }[] = [];
    for (const c of changes) {
      const range = { start: doc.positionAt(c.start), end: doc.positionAt(c.end) };
      doc.update([{ range, text: c.text }], doc.version);
      contentChanges.push({ range, text: c.text });
    }
    doc.update([], doc.version + 1);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: u, version: doc.version }, contentChanges });
  }

  /** Diagnostics without the document's URI (related information names it), to compare two documents. */
  const withoutUri = (items: readonly Diagnostic[]): unknown[] =>
    items.map((d) => ({ ...d, relatedInformation: d.relatedInformation?.map((r) => ({ range: r.location.range, message: r.message })) }));

  async function freshDiagnostics(text: string): Promise<Diagnostic[]> {
    const u = uri('fresh.runpod.env');
    await client.open(u, 'runpod-env', text);
    const report = await client.pull(u);
    await client.close(u);
    if (report.kind !== 'full') throw new Error('a first pull must be full');
    return report.items;
  }

  it('after random batches of edits, the same diagnostics as a fresh open of the final text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...LINES), { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), async (lines, eol, batches) => {
        const u = uri('typed.runpod.env');
        const doc = await client.open(u, 'runpod-env', lines.join(eol));
        let report: DocumentDiagnosticReport = await client.pull(u);
        let items = report.kind === 'full' ? report.items : [];
        for (const batch of batches) {
          const changes = [];
          let length = doc.getText().length;
          for (const e of batch) {
            const start = Math.min(length, Math.floor(e.at * (length + 1)));
            const end = Math.min(length, start + e.remove);
            changes.push({ start, end, text: e.insert });
            length += e.insert.length - (end - start);
          }
          await sendChanges(u, client.doc(u), changes);
          report = await client.pull(u, (report as { resultId?: string }).resultId);
          if (report.kind === 'full') items = report.items;
          expect(withoutUri(items), JSON.stringify(doc.getText())).toEqual(withoutUri(await freshDiagnostics(doc.getText())));
        }
        await client.close(u);
      }),
      { numRuns: 40 },
    );
  });

  it('a document edited past the analysis limit is checked up to it and says so once; edited back, in full again', async () => {
    const u = uri('large.runpod.env');
    const padding = `#${' '.repeat(ANALYSIS_LIMIT - 100)}\n`;
    const text = `A={{ RUNPOD_SECRET_before }}\n${padding}B={{ RUNPOD_SECRET_after }}\n`;
    await client.open(u, 'runpod-env', text);
    const codes = async (): Promise<string[]> => (await client.diagnostics(u)).map((d) => `${d.code}@${d.range.start.line}`);
    expect(await codes()).toEqual(['unknown-secret@0', 'unknown-secret@2']);
    // 200 more characters on the padding line: the line holding the limit and all after it are skipped.
    await client.change(u, 40, 40, ' '.repeat(200));
    expect(await codes()).toEqual(['unknown-secret@0', 'file-too-large@1']);
    await client.change(u, 40, 240, '');
    expect(await codes()).toEqual(['unknown-secret@0', 'unknown-secret@2']);
    await client.close(u);
  });

  it('a document past the count is checked up to it and says so once; typed back under it and past it again, the same as a fresh open', async () => {
    const u = uri('many.runpod.env');
    // MAX_ANALYZED_ENTRIES + 1 entries, about 3.5 MB: the one file-too-large falls on the last line.
    const keys = Array.from({ length: MAX_ANALYZED_ENTRIES - 1 }, (_, i) => `K${i}=1\n`).join('');
    const text = `A={{ RUNPOD_SECRET_before }}\n${keys}B={{ RUNPOD_SECRET_after }}\n`;
    await client.open(u, 'runpod-env', text);
    const last = MAX_ANALYZED_ENTRIES;
    const codes = async (): Promise<string[]> => {
      const items = await client.diagnostics(u);
      expect(items.filter((d) => d.code === 'file-too-large').length).toBeLessThanOrEqual(1);
      return items.filter((d) => d.code === 'unknown-secret' || d.code === 'file-too-large').map((d) => `${d.code}@${d.range.start.line}`);
    };
    const tooLarge = async (): Promise<string> => (await client.diagnostics(u)).find((d) => d.code === 'file-too-large')!.message as string;
    expect(await codes()).toEqual(['unknown-secret@0', `file-too-large@${last}`]);
    expect(await tooLarge()).toMatch(/more than 400,000 entries/);
    // One line deleted: under the count, the last reference is checked.
    const second = text.indexOf('K0=');
    await client.change(u, second, second + 5, '');
    expect(await codes()).toEqual(['unknown-secret@0', `unknown-secret@${last - 1}`]);
    // Typed back: past it again.
    await client.change(u, second, second, 'K0=1\n');
    expect(await codes()).toEqual(['unknown-secret@0', `file-too-large@${last}`]);
    await client.close(u);
  });

  it('a replace-all (more changes in one notification than are followed one by one) gives the diagnostics of a fresh open', async () => {
    const u = uri('replace-all.runpod.env');
    const lines = Array.from({ length: MAX_TRACKED_CHANGES + 20 }, (_, i) => `K${i}={{ RUNPOD_SECRET_hf-token }}`);
    const doc = await client.open(u, 'runpod-env', lines.join('\n'));
    expect(await client.diagnostics(u)).toEqual([expect.objectContaining({ code: 'too-many-variables' })]);
    // Rename every key to the same one, last line first so the offsets of earlier lines stay valid.
    const changes: { start: number; end: number; text: string }[] = [];
    let lineStart = 0;
    for (const line of lines) {
      changes.unshift({ start: lineStart, end: lineStart + line.indexOf('='), text: 'DUP' });
      lineStart += line.length + 1;
    }
    await sendChanges(u, doc, changes);
    expect(withoutUri(await client.diagnostics(u))).toEqual(withoutUri(await freshDiagnostics(doc.getText())));
    expect(doc.getText().startsWith('DUP={{')).toBe(true);
  });

  it('a document opened again (same version, other text) is analysed afresh', async () => {
    const u = uri('reopened.runpod.env');
    await client.open(u, 'runpod-env', 'A={{ RUNPOD_SECRET_nope }}\n');
    expect((await client.diagnostics(u)).map((d) => d.code)).toEqual(['unknown-secret']);
    await client.open(u, 'runpod-env', 'B=1\nB=2\n');
    expect((await client.diagnostics(u)).map((d) => d.code)).toEqual(['duplicate-key']);
  });

  it('a whole-text replacement starts the analysis afresh', async () => {
    const u = uri('replaced.runpod.env');
    const doc = await client.open(u, 'runpod-env', 'A={{ RUNPOD_SECRET_nope }}\n');
    expect((await client.diagnostics(u)).map((d) => d.code)).toEqual(['unknown-secret']);
    const text = 'B=1\nB=2\n';
    doc.update([{ text }], doc.version + 1);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: u, version: doc.version }, contentChanges: [{ text }] });
    expect((await client.diagnostics(u)).map((d) => d.code)).toEqual(['duplicate-key']);
  });
});
