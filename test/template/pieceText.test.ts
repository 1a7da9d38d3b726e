/**
 * Open documents and the incremental analysis keep text in pieces (server/src/template/pieceText.ts).
 * Whatever the edits, a piece text must read exactly as the string it stands for: its length,
 * characters, slices, one-character searches and whole text, with pieces cut small here so every
 * edit falls on, across or between piece boundaries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PieceText } from '../../server/src/template/pieceText';

const bits = fc.constantFrom('a', 'bc', '\n', '\r\n', '{', 'é', '𝄞', 'KEY=value\n', 'x'.repeat(13));
const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 30 }), insert: fc.array(bits, { maxLength: 8 }).map((b) => b.join('')) });

function readsAs(piece: PieceText, text: string, probes: readonly number[]): void {
  expect(piece.length).toBe(text.length);
  for (const p of probes) {
    const at = text.length === 0 ? 0 : p % (text.length + 2);
    expect(piece.charCodeAt(at)).toEqual(text.charCodeAt(at));
    expect(piece.slice(at, at + (p % 23))).toBe(text.slice(at, at + (p % 23)));
    for (const c of ['\n', '{', 'é']) expect(piece.indexOf(c, at)).toBe(text.indexOf(c, at));
  }
  expect(piece.charCodeAt(-1)).toBeNaN();
  expect(piece.slice(0)).toBe(text);
}

describe('PieceText reads as the string it stands for', () => {
  it('after any sequence of replacements, with pieces of 4 characters', () => {
    fc.assert(
      fc.property(fc.array(bits, { maxLength: 30 }), fc.array(edit, { maxLength: 12 }), fc.array(fc.nat(), { minLength: 5, maxLength: 10 }), (parts, edits, probes) => {
        let text = parts.join('');
        let piece = PieceText.of(text, 4);
        readsAs(piece, text, probes);
        for (const e of edits) {
          const start = e.at % (text.length + 1);
          const end = Math.min(text.length, start + e.remove);
          const before = piece;
          const beforeText = text;
          // Built whole now and then (its pieces are cut again from the whole), then edited on.
          if (e.remove % 2 === 0) expect(piece.flat()).toBe(text);
          piece = piece.replace(start, end, e.insert);
          text = text.slice(0, start) + e.insert + text.slice(end);
          readsAs(piece, text, probes);
          // The text before an edit is unchanged by it (the incremental analysis reads both).
          readsAs(before, beforeText, probes);
        }
        expect(piece.flat()).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('builds its whole text only when asked', () => {
    const text = 'KEY=value\n'.repeat(10_000);
    let piece = PieceText.of(text).replace(50_000, 50_000, 'x');
    expect(piece.isFlat).toBe(false);
    expect(piece.slice(49_990, 50_011)).toBe(`${text.slice(49_990, 50_000)}x${text.slice(50_000, 50_010)}`);
    expect(piece.isFlat).toBe(false);
    for (let i = 0; i < 100; i++) piece = piece.replace(1000, 1000 + 400, '');
    expect(piece.length).toBe(text.length + 1 - 100 * 400);
    expect(piece.flat()).toBe(`${text.slice(0, 1000)}${text.slice(1000 + 100 * 400, 50_000)}x${text.slice(50_000)}`);
    expect(piece.isFlat).toBe(true);
  });
});
