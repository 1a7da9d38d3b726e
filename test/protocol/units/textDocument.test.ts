/**
 * The server's documents (lsp/textDocument.ts) keep their line starts in a typed array, moved in
 * place edit by edit; editors and the test client hold LSP's `TextDocument`
 * (vscode-languageserver-textdocument). Both must name the same place for every offset and
 * position, before and after any sequence of edits, or a diagnostic would be shown on another line
 * than the one it is about, and an edit applied to another place than the one the editor changed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineDocument } from '../../../server/src/lsp/textDocument';

/** Every answer a document gives: its text, line count, the position of each offset and the offset of each position. */
function answers(doc: Pick<TextDocument, 'getText' | 'lineCount' | 'positionAt' | 'offsetAt'>): unknown {
  const text = doc.getText();
  const offsets = Array.from({ length: text.length + 4 }, (_, i) => i - 2);
  const lines = doc.lineCount;
  const positions: { line: number; character: number }[] = [];
  for (let line = -1; line <= lines + 1; line++) for (let character = -1; character <= 8; character++) positions.push({ line, character });
  return {
    text,
    lines,
    positions: offsets.map((o) => doc.positionAt(o)),
    offsets: positions.map((p) => doc.offsetAt(p)),
    ranges: positions.slice(0, 40).map((p, i) => doc.getText({ start: p, end: positions[(i * 7) % positions.length]! })),
  };
}

const pieces = fc.constantFrom('a', 'é', '𝄞', ' ', '\n', '\r', '\r\n', 'KEY=', '\n\n');
const text = fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join(''));

/** A change as an editor sends it: a range of positions in the document (either end first, columns past a line's end), or the whole text. */
function change(lines: number): fc.Arbitrary<TextDocumentContentChangeEvent> {
  const position = fc.record({ line: fc.integer({ min: 0, max: Math.max(0, lines - 1) }), character: fc.integer({ min: 0, max: 12 }) });
  return fc.oneof(
    { weight: 9, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text }) },
    { weight: 1, arbitrary: fc.record({ text }) },
  );
}

describe('LineDocument answers as TextDocument', () => {
  it('for texts with \\n, \\r\\n, lone \\r, empty lines, non-ASCII and no final break', () => {
    for (const t of ['', 'a', 'a\nb', 'a\r\nb\r\n', 'a\rb\r', '\n\n\r\n\r\r\n', 'é𝄞\r\nx\ny', 'KEY=1\r\n\r\nX={{ RUNPOD_SECRET_a }}']) {
      expect(answers(new LineDocument('file:///x', 'plaintext', 1, t)), JSON.stringify(t)).toEqual(answers(TextDocument.create('file:///x', 'plaintext', 1, t)));
    }
  });

  it('after every change of random edit sequences, with the line table read before the edits or not', () => {
    fc.assert(
      fc.property(
        text,
        fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.integer(),
        (initial, steps, reads, seed) => {
          const ours = new LineDocument('file:///x', 'plaintext', 1, initial);
          const theirs = TextDocument.create('file:///x', 'plaintext', 1, initial);
          let version = 1;
          steps.forEach((_, k) => {
            // Reading the table before an edit makes the edit move it (else it is built afresh afterwards).
            if (reads[k]) ours.positionAt(0);
            const [sent] = fc.sample(change(theirs.lineCount), { numRuns: 1, seed: seed + k });
            version++;
            ours.update([sent!], version);
            TextDocument.update(theirs, [sent!], version);
            expect(answers(ours)).toEqual(answers(theirs));
            expect(ours.version).toBe(version);
          });
        },
      ),
      { numRuns: 400 },
    );
  });

  it('edits that join or split a \\r\\n across the change, and Enter typed many times in a row (the table grows in place)', () => {
    const cases: [string, TextDocumentContentChangeEvent[]][] = [
      ['a\rb', [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\n' }]],
      ['a\nb', [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: 'x\r' }]],
      ['a\r\r\nb', [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'y' }]],
      ['a\rX\nb', [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: '' }]],
      ['KEY=1\n', Array.from({ length: 50 }, (_, i) => ({ range: { start: { line: i, character: 5 }, end: { line: i, character: 5 } }, text: '\nK=2' }))],
    ];
    for (const [initial, changes] of cases) {
      const ours = new LineDocument('file:///x', 'plaintext', 1, initial);
      const theirs = TextDocument.create('file:///x', 'plaintext', 1, initial);
      ours.positionAt(0);
      for (const c of changes) {
        ours.update([c], 2);
        TextDocument.update(theirs, [c], 2);
        expect(answers(ours), JSON.stringify(initial)).toEqual(answers(theirs));
      }
    }
  });

  it('refuses a change that is neither a range edit nor a whole text, as TextDocument does', () => {
    for (const bad of [{}, { text: 1 }, { range: undefined, rangeLength: 3, text: 'x' }, null]) {
      const ours = new LineDocument('file:///x', 'plaintext', 1, 'a');
      const theirs = TextDocument.create('file:///x', 'plaintext', 1, 'a');
      const refusal = (apply: () => void): string => {
        try {
          apply();
          return 'applied';
        } catch (error) {
          return String(error);
        }
      };
      expect(refusal(() => ours.update([bad as TextDocumentContentChangeEvent], 2))).toBe(refusal(() => TextDocument.update(theirs, [bad as TextDocumentContentChangeEvent], 2)));
    }
  });
});
