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
import { LineCursor, lineStarts } from '../../../server/src/lsp/positions';

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

describe('lineStarts', () => {
  it('starts a line after each \\r\\n, \\n and lone \\r, as TextDocument counts lines', () => {
    const text = 'a\r\nb\rc\n';
    expect(lineStarts(text)).toEqual([0, 3, 5, 7]);
    expect(TextDocument.create('file:///x', 'plaintext', 1, text).lineCount).toBe(4);
  });
});
