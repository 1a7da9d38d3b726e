/**
 * The workspace index turns offsets into positions with `LineCursor` (one forward pass, no line
 * table) where open documents use vscode-languageserver-textdocument's `TextDocument`: the two
 * must name the same place for every
 * offset, whatever the line breaks, or a reference found on disk would be listed on another
 * column than the same reference in an open editor.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineCursor, lineStarts, withLineStarts } from '../../../server/src/lsp/positions';

function both(text: string, offsets: number[]): { cursor: string[]; document: string[] } {
  const doc = TextDocument.create('file:///x', 'plaintext', 1, text);
  const cursor = new LineCursor(text);
  return {
    cursor: offsets.map((o) => {
      cursor.seek(o);
      return `${cursor.line}:${cursor.character}`;
    }),
    document: offsets.map((o) => {
      const p = doc.positionAt(o);
      return `${p.line}:${p.character}`;
    }),
  };
}

describe('LineCursor answers as TextDocument.positionAt', () => {
  it('at every offset of texts with \\n, \\r\\n, lone \\r, empty lines, non-ASCII and no final break', () => {
    for (const text of ['', 'a', 'a\nb', 'a\r\nb\r\n', 'a\rb\r', '\n\n\r\n\r\r\n', 'é𝄞\r\nx\ny', 'KEY=1\r\n\r\nX={{ RUNPOD_SECRET_a }}']) {
      const offsets = Array.from({ length: text.length + 3 }, (_, i) => i - 1);
      const { cursor, document } = both(text, offsets);
      expect(cursor, JSON.stringify(text)).toEqual(document);
    }
  });

  it('for random texts and offsets in any order (a decreasing offset starts the pass again)', () => {
    const pieces = fc.constantFrom('a', 'é', '𝄞', ' ', '\n', '\r', '\r\n', '{{', 'KEY=');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), fc.array(fc.integer({ min: -2, max: 200 }), { maxLength: 30 }), fc.boolean(), (parts, raw, sorted) => {
        const text = parts.join('');
        const offsets = sorted ? [...raw].sort((a, b) => a - b) : raw;
        const { cursor, document } = both(text, offsets);
        expect(cursor).toEqual(document);
      }),
      { numRuns: 500 },
    );
  });
});

/** Every position and offset `doc` answers, to compare two documents of the same text. */
function answers(doc: TextDocument): string[] {
  const text = doc.getText();
  const out = [`lines ${doc.lineCount}`];
  for (let o = -1; o <= text.length + 1; o++) out.push(JSON.stringify(doc.positionAt(o)));
  for (let line = 0; line <= doc.lineCount; line++) for (let c = 0; c <= 3; c++) out.push(String(doc.offsetAt({ line, character: c })));
  return out;
}

describe('lineStarts builds the line table TextDocument builds', () => {
  const pieces = fc.constantFrom('a', 'é', '𝄞', ' ', '\n', '\r', '\r\n', '\n\r', 'KEY=');

  it('a document given it answers every position and offset as one that built its own, before and after ranged and whole changes', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), fc.array(pieces, { maxLength: 6 }), fc.nat(), fc.nat(), (parts, inserted, a, b) => {
        const text = parts.join('');
        const own = TextDocument.create('file:///x', 'plaintext', 1, text);
        const given = withLineStarts(TextDocument.create('file:///x', 'plaintext', 1, text));
        expect(answers(given)).toEqual(answers(own));
        const range = { start: own.positionAt(a % (text.length + 1)), end: own.positionAt(b % (text.length + 1)) };
        const ranged = [{ range: range.start.line <= range.end.line ? range : { start: range.end, end: range.start }, text: inserted.join('') }];
        TextDocument.update(own, ranged, 2);
        TextDocument.update(given, ranged, 2);
        expect(answers(given)).toEqual(answers(own));
        const whole = [{ text: inserted.join('') + text }];
        TextDocument.update(own, whole, 3);
        withLineStarts(TextDocument.update(given, whole, 3));
        expect(answers(given)).toEqual(answers(own));
      }),
      { numRuns: 300 },
    );
  });

  it('is handed to the document (the library still keeps its table where withLineStarts puts it)', () => {
    const text = 'a\r\nb\rc\n';
    const doc = withLineStarts(TextDocument.create('file:///x', 'plaintext', 1, text));
    expect(lineStarts(text)).toEqual([0, 3, 5, 7]);
    // What the library reads its positions from: had it renamed the field, this is undefined and
    // every document would build the table with the library's slower loop again.
    expect((doc as unknown as { _lineOffsets?: number[] })._lineOffsets).toEqual([0, 3, 5, 7]);
  });
});
