/**
 * Property tests of redaction. The automaton against a naive search (every occurrence by indexOf,
 * every prefix by comparison), over a three-letter alphabet that makes overlaps and failure links
 * common; and the redactor over texts with values planted at random, possibly overlapping places.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PREFIX_MIN, REDACTED, Redactor, SHORT_VALUE } from '../../client/src/redaction/redactor';
import { SpanFinder, type Pattern, type Span } from '../../client/src/redaction/spanFinder';

const WORD = /[\p{L}\p{N}_]/u;

/** The spans a slow, obviously correct search gives: cover every match, then merge touching runs. */
function naiveSpans(text: string, patterns: Pattern[], prefixMin: number): Span[] {
  const covered = new Array<boolean>(text.length).fill(false);
  const cover = (start: number, end: number) => covered.fill(true, start, end);
  for (const { text: p, tokenOnly } of patterns) {
    if (!p) continue;
    for (let at = text.indexOf(p); at !== -1; at = text.indexOf(p, at + 1)) {
      const end = at + p.length;
      if (tokenOnly && ((at > 0 && WORD.test(text[at - 1]!)) || (end < text.length && WORD.test(text[end]!)))) continue;
      cover(at, end);
    }
    if (tokenOnly) continue;
    for (let k = prefixMin; k <= p.length; k++) {
      const prefix = p.slice(0, k);
      for (let at = text.indexOf(prefix); at !== -1; at = text.indexOf(prefix, at + 1)) cover(at, at + k);
    }
  }
  const spans: Span[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!covered[i]) continue;
    const start = i;
    while (i < text.length && covered[i]) i++;
    spans.push([start, i]);
  }
  return spans;
}

describe('SpanFinder agrees with a naive search', () => {
  const letters = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 1, maxLength: 9 });
  const patterns = fc.array(
    letters.map((text): Pattern => ({ text, tokenOnly: false })),
    { minLength: 1, maxLength: 8 },
  );
  const tokens = fc.array(
    fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 1, maxLength: 3 }).map((text): Pattern => ({ text, tokenOnly: true })),
    { maxLength: 3 },
  );
  const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', '_', '-'), maxLength: 120 });

  it('finds the same spans, merged where they overlap or touch', () => {
    fc.assert(
      fc.property(patterns, tokens, text, fc.integer({ min: 4, max: 7 }), (anywhere, short, t, prefixMin) => {
        const all = [...anywhere, ...short];
        expect(new SpanFinder(all, prefixMin).spans(t)).toEqual(naiveSpans(t, all, prefixMin));
      }),
      { numRuns: 500 },
    );
  });
});

describe('Redactor over texts with planted values', () => {
  // Values are pieces of letter blobs, so values planted together overlap, contain or touch one
  // another as the blob dictates; the filler is digits, blanks and punctuation: any character of
  // it in the output proves it was left alone, and the marker never looks like filler.
  const blob = fc.string({ unit: fc.constantFrom(...'abcdefghXYZ-'), minLength: 1, maxLength: 40 });
  const piece = fc.record({ from: fc.nat(), length: fc.integer({ min: 1, max: 30 }) });
  const filler = fc.string({ unit: fc.constantFrom(...'0123456789 .,;:!?#'), maxLength: 30 });
  const planted = fc.array(fc.record({ before: filler, blob, pieces: fc.array(piece, { minLength: 1, maxLength: 4 }) }), { minLength: 1, maxLength: 4 });

  it('no planted value long enough survives, text away from planted values is unchanged, and every occurrence goes', () => {
    fc.assert(
      fc.property(planted, filler, (plants, after) => {
        const text = plants.map((p) => p.before + p.blob).join('') + after;
        const values = plants.flatMap((p) => p.pieces.map(({ from, length }) => p.blob.slice(from % p.blob.length).slice(0, length)));
        const out = new Redactor(values).redact(text);

        for (const v of values) if (v.length >= SHORT_VALUE) expect(out).not.toContain(v);
        const fillerOf = (s: string) => s.replace(/[^0-9 .,;:!?#]/g, '');
        expect(fillerOf(out.split(REDACTED).join(''))).toBe(fillerOf(text));
        // Exactly what a naive search covers: no tail of an overlapping value, nothing more.
        const patterns = values.map((v): Pattern => ({ text: v, tokenOnly: v.length < SHORT_VALUE }));
        let expected = '';
        let cursor = 0;
        for (const [start, end] of naiveSpans(text, patterns, PREFIX_MIN)) {
          expected += text.slice(cursor, start) + REDACTED;
          cursor = end;
        }
        expect(out).toBe(expected + text.slice(cursor));
      }),
      { numRuns: 500 },
    );
  });
});
