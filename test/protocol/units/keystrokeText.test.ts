/**
 * A keystroke in an open env document must cost about the text it touches: the server applies it
 * to the document's pieces (lsp/openDocument.ts) and the incremental analysis reads only around
 * it, and nothing on the way to the document's diagnostics builds the whole text as one string
 * (that copy was 2 ms a keystroke at 10,000 lines, 18 ms at 100,000: BENCHMARKS.md, typing). The
 * answers must still be a full analysis's.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisCache, trackedDocuments } from '../../../server/src/lsp/analysisCache';
import { spanToRange } from '../../../server/src/lsp/positions';
import { analyze } from '../../../server/src/template';
import type { SecretCatalog } from '../../../server/src/template/types';

const CATALOG: SecretCatalog = { state: 'fresh', secrets: [{ name: 'hf-token' }] };
const URI = 'file:///w/train.runpod.env';

describe('a keystroke in an open env document', () => {
  it('is analysed without building the whole text, and answers as a full analysis', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => (i % 10 === 0 ? `K_${i}={{ RUNPOD_SECRET_nope_${i} }}\n` : `K_${i}=value-${i}\n`));
    const cache = new AnalysisCache(analyze);
    const errors: unknown[] = [];
    const documents = trackedDocuments(cache, (e) => errors.push(e));
    const doc = documents.create(URI, 'runpod-env', 1, lines.join(''));
    // Opened and pulled: the problems of the whole document, once.
    const unknown = (problems: readonly { code: string }[]): number => problems.filter((p) => p.code === 'unknown-secret').length;
    expect(unknown(cache.get(doc, 'runpod-env', CATALOG).analysis.problems)).toBe(500);
    let version = 1;
    // In values: a key typed into is compared with every other key, over the whole text.
    for (const line of [2501, 2501, 17, 4999, 1]) {
      const at = { line, character: lines[line]!.indexOf('=') + 2 };
      documents.update(doc, [{ range: { start: at, end: at }, text: 'x' }], ++version);
      const { analysis } = cache.get(doc, 'runpod-env', CATALOG);
      // The editor's diagnostics: every problem's range.
      const ranges = analysis.problems.map((p) => spanToRange(doc, p.span));
      expect(doc.text.isFlat).toBe(false);
      expect(ranges.length).toBe(analysis.problems.length);
      expect(unknown(analysis.problems)).toBe(500);
      const full = analyze(doc.getText(), 'runpod-env', CATALOG).problems;
      expect(analysis.problems).toEqual(full);
    }
    expect(errors).toEqual([]);
  });
});
