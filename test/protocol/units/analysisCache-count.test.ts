/**
 * The count limit and the incremental analysis of env documents: a document past the count is
 * analysed afresh and cut as `analyze` cuts it; typed or pasted across the count, or edited back
 * under it, the analysis switches paths and always equals a full analysis with the same limits.
 * A small count is injected into both, as the server injects the real one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from '../../../server/src/lsp/analysisCache';
import { analyze } from '../../../server/src/template';
import { ANALYSIS_LIMITS, type AnalysisLimits } from '../../../server/src/template/analyze';
import { IncrementalEnvAnalysis } from '../../../server/src/template/incremental';
import type { SecretCatalog } from '../../../server/src/template/types';

const CATALOG: SecretCatalog = { state: 'fresh', secrets: [{ name: 'hf-token' }] };
const LIMITS: AnalysisLimits = { ...ANALYSIS_LIMITS, entries: 4 };
const URI = 'file:///w/a.runpod.env';

/** A cache with the small count, a document in it, and a way to edit it as the editor does. */
function open(text: string): { doc: TextDocument; cache: AnalysisCache; edit: (start: number, end: number, insert: string) => void; expectFull: () => void } {
  const cache = new AnalysisCache((t, k, c) => analyze(t, k, c, LIMITS), LIMITS);
  const doc = TextDocument.create(URI, 'runpod-env', 1, text);
  cache.get(doc, 'runpod-env', CATALOG);
  const edit = (start: number, end: number, insert: string): void => {
    const previous = doc.version;
    TextDocument.update(doc, [{ range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: insert }], previous + 1);
    cache.changed(URI, previous, { start, end, text: insert }, doc.getText(), doc.version);
  };
  const expectFull = (): void => {
    const got = cache.get(doc, 'runpod-env', CATALOG).analysis.problems;
    expect(got, JSON.stringify(doc.getText())).toEqual(analyze(doc.getText(), 'runpod-env', CATALOG, LIMITS).problems);
  };
  return { doc, cache, edit, expectFull };
}

const codes = (cache: AnalysisCache, doc: TextDocument): string[] => cache.get(doc, 'runpod-env', CATALOG).analysis.problems.map((p) => `${p.code}@${doc.positionAt(p.span.start).line}`);

describe('the count limit and incremental analysis', () => {
  it('typed across the count: cut as a full analysis cuts, and incremental again once back under it', () => {
    const { doc, cache, edit, expectFull } = open('A={{ RUNPOD_SECRET_nope }}\nB=1\n# note\nC=1\nD=1\n');
    expect(codes(cache, doc)).toEqual(['unknown-secret@0']);
    expect(cache.modelOf(doc)).toBeDefined();
    // A fifth entry: the count is 4.
    edit(doc.getText().length, doc.getText().length, 'E={{ RUNPOD_SECRET_after }}\n');
    expect(codes(cache, doc)).toEqual(['unknown-secret@0', 'file-too-large@5']);
    expectFull();
    expect(cache.modelOf(doc)).toBeUndefined();
    // Still past it while typing inside the first line.
    edit(1, 1, 'X');
    expect(codes(cache, doc)).toEqual(['unknown-secret@0', 'file-too-large@5']);
    expectFull();
    // The comment becomes an entry: the cut moves up a line.
    edit(doc.getText().indexOf('# note'), doc.getText().indexOf('# note') + 1, 'N=');
    expect(codes(cache, doc)).toEqual(['unknown-secret@0', 'file-too-large@4']);
    expectFull();
    // Two lines deleted: back under the count, incremental again, the reference after the old cut checked.
    const b = doc.getText().indexOf('B=1');
    edit(b, doc.getText().indexOf('C=1'), '');
    expect(codes(cache, doc)).toEqual(['unknown-secret@0', 'unknown-secret@3']);
    expectFull();
    expect(cache.modelOf(doc)).toBeDefined();
  });

  it('a paste of many lines into a document under the count drops the incremental analysis without reading past the count', () => {
    const { doc, cache, edit, expectFull } = open('A=1\n');
    edit(4, 4, Array.from({ length: 100 }, (_, i) => `K${i}=1\n`).join(''));
    expect(cache.modelOf(doc)).toBeUndefined();
    expect(codes(cache, doc)).toEqual(['file-too-large@4']);
    expectFull();
  });

  it('more lines than the count but fewer entries (comments, blank lines): analysed incrementally, in full', () => {
    const { doc, cache, edit, expectFull } = open('# a\n\n# b\n\nA={{ RUNPOD_SECRET_nope }}\n# c\n\n\nB=1\n');
    expect(codes(cache, doc)).toEqual(['unknown-secret@4']);
    expect(cache.modelOf(doc)).toBeDefined();
    edit(0, 0, '# more\n');
    expectFull();
    expect(cache.modelOf(doc)).toBeDefined();
  });

  it('an incremental analysis reads no statement past the count (it says it is past instead)', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `K${i}=1`).join('\n');
    expect(new IncrementalEnvAnalysis(text, 'runpod-env', CATALOG, 4).pastLimit).toBe(true);
    expect(new IncrementalEnvAnalysis(text, 'runpod-env', CATALOG, 1000).pastLimit).toBe(false);
  });

  it('after random edits around the count, the same problems as a full analysis with the same limits', () => {
    const LINES = ['A=1', 'A=2', 'B="two', 'lines"', 'NO_EQUALS', 'C={{ RUNPOD_SECRET_nope }}', 'D="unclosed', '# note', '', '   '];
    const INSERTS = ['\n', 'x', '=', '#', '"', 'E=1\n', 'F=1\nG=1\n', '# c\n', ''];
    const anywhere = fc.noBias(fc.integer({ min: 0, max: 1000 })).map((n) => n / 1000);
    const edit = fc.record({ at: anywhere, remove: fc.nat({ max: 8 }), insert: fc.constantFrom(...INSERTS) });
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 9 }), fc.array(edit, { minLength: 1, maxLength: 12 }), (lines, edits) => {
        const { doc, edit: apply, expectFull } = open(lines.join('\n'));
        for (const e of edits) {
          const length = doc.getText().length;
          const start = Math.min(length, Math.floor(e.at * (length + 1)));
          apply(start, Math.min(length, start + e.remove), e.insert);
          expectFull();
        }
      }),
      { numRuns: 300 },
    );
  });
});
