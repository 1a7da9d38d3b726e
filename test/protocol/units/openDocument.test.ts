/**
 * The server keeps open documents in pieces (server/src/lsp/openDocument.ts) instead of the
 * library's `TextDocument`, so a keystroke does not copy the whole text. Every feature converts
 * positions through it, so it must answer exactly as the library does: the same text, lines,
 * positions and offsets after any sequence of ranged and whole-text changes, whatever the line
 * breaks (a `\r` typed before a `\n`, a `\n` typed after a `\r`), ranges given backwards or past
 * the end (clamped into the text, where the library breaks its line table), and texts larger than
 * a piece.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { OpenDocument } from '../../../server/src/lsp/openDocument';
import { PIECE_LENGTH } from '../../../server/src/template/pieceText';

/** Every answer a document gives about its text. */
function answers(doc: TextDocument): unknown {
  const text = doc.getText();
  const positions = [];
  for (let o = -1; o <= text.length + 1; o++) positions.push(doc.positionAt(o));
  const offsets = [];
  const lines = [];
  for (let line = -1; line <= doc.lineCount + 1; line++) {
    for (const character of [-1, 0, 1, 2, 5, 1000]) offsets.push(doc.offsetAt({ line, character }));
    lines.push([doc.getLineRange(line), doc.getEOLCharacters(line)]);
  }
  const ranges = [];
  for (let line = 0; line < doc.lineCount; line++) {
    ranges.push(doc.getText({ start: { line, character: 1 }, end: { line: line + 1, character: 2 } }));
    ranges.push(doc.getText({ start: { line: line + 1, character: 0 }, end: { line, character: 1 } }));
  }
  return { text, version: doc.version, lineCount: doc.lineCount, positions, offsets, lines, ranges };
}

const bits = fc.constantFrom('a', 'é', '𝄞', ' ', '\n', '\r', '\r\n', 'KEY=', '{{ RUNPOD_SECRET_x }}');
const position = fc.record({ line: fc.integer({ min: 0, max: 12 }), character: fc.integer({ min: 0, max: 12 }) });
const change = fc.oneof(
  { weight: 9, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text: fc.array(bits, { maxLength: 5 }).map((b) => b.join('')) }) },
  { weight: 1, arbitrary: fc.array(bits, { maxLength: 20 }).map((b) => ({ text: b.join('') })) },
);

describe('OpenDocument answers as the library TextDocument', () => {
  it('after any sequence of ranged and whole-text changes (positions past the end, ranges backwards, CR and LF joined or split)', () => {
    fc.assert(
      fc.property(fc.array(bits, { maxLength: 40 }), fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 8 }), (parts, notifications) => {
        const text = parts.join('');
        const library = TextDocument.create('file:///x.env', 'runpod-env', 1, text);
        const ours = new OpenDocument('file:///x.env', 'runpod-env', 1, text);
        expect(answers(ours)).toEqual(answers(library));
        let version = 1;
        for (const changes of notifications) {
          version++;
          for (const c of changes) {
            // The library takes a range past the end as given and breaks its line table (10 lines
            // for a text of 2 after a change at line 8); ours clamps it, as the same change with
            // the range clamped into the text gives.
            const clamped = 'range' in c ? { text: c.text, range: { start: library.positionAt(library.offsetAt(c.range.start)), end: library.positionAt(library.offsetAt(c.range.end)) } } : c;
            TextDocument.update(library, [clamped], version);
          }
          ours.update(changes, version);
          expect(answers(ours)).toEqual(answers(library));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('over texts of many pieces, edited at piece boundaries and across them, and pasted into', () => {
    const line = (i: number): string => `KEY_${i}=value-${i}${i % 7 === 0 ? '\r\n' : '\n'}`;
    const text = Array.from({ length: 3000 }, (_, i) => line(i)).join('');
    expect(text.length).toBeGreaterThan(5 * PIECE_LENGTH);
    const library = TextDocument.create('file:///x.env', 'runpod-env', 1, text);
    const ours = new OpenDocument('file:///x.env', 'runpod-env', 1, text);
    const edits: { at: number; remove: number; insert: string }[] = [
      { at: PIECE_LENGTH, remove: 0, insert: 'x' },
      { at: PIECE_LENGTH - 1, remove: 2, insert: '' },
      { at: 2 * PIECE_LENGTH - 3, remove: PIECE_LENGTH + 10, insert: 'A=1\nB=2\r' },
      { at: 100, remove: 0, insert: text.slice(0, 3 * PIECE_LENGTH) },
      { at: 0, remove: 4 * PIECE_LENGTH, insert: '' },
      { at: 50, remove: 1, insert: '\n' },
    ];
    let version = 1;
    for (const e of edits) {
      const range = { start: library.positionAt(e.at), end: library.positionAt(e.at + e.remove) };
      version++;
      TextDocument.update(library, [{ range, text: e.insert }], version);
      ours.update([{ range, text: e.insert }], version);
      expect(ours.getText()).toBe(library.getText());
      expect(ours.lineCount).toBe(library.lineCount);
      for (let o = 0; o < library.getText().length; o += 97) expect(ours.positionAt(o)).toEqual(library.positionAt(o));
      for (let l = 0; l < library.lineCount; l += 13) expect(ours.offsetAt({ line: l, character: 3 })).toBe(library.offsetAt({ line: l, character: 3 }));
    }
  });

  it('does not build the whole text for an edit inside a line, nor to answer positions', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `KEY_${i}=value-${i}\n`).join('');
    const doc = new OpenDocument('file:///x.env', 'runpod-env', 1, text);
    doc.update([{ range: { start: { line: 1000, character: 9 }, end: { line: 1000, character: 9 } }, text: 'z' }], 2);
    const at = text.indexOf('KEY_1000=') + 9;
    const library = TextDocument.create('file:///x.env', 'runpod-env', 2, `${text.slice(0, at)}z${text.slice(at)}`);
    for (const o of [0, at, at + 1, text.length - 3, text.length + 1]) expect(doc.positionAt(o)).toEqual(library.positionAt(o));
    for (const line of [0, 999, 1000, 1001, 1999, 2000]) expect(doc.offsetAt({ line, character: 100 })).toBe(library.offsetAt({ line, character: 100 }));
    expect(doc.getText({ start: { line: 1000, character: 0 }, end: { line: 1001, character: 0 } })).toBe('KEY_1000=zvalue-1000\n');
    expect(doc.text.isFlat).toBe(false);
    expect(doc.getText()).toBe(library.getText());
    expect(doc.text.isFlat).toBe(true);
  });
});
