/**
 * The one edge where the core's offsets (UTF-16 code unit indices into the document text, i.e.
 * JavaScript string indices) become LSP positions and back. LSP columns are UTF-16 code units by
 * default, the same unit as JavaScript strings, so `TextDocument` converts without re-encoding; the
 * only work here is clamping, so a span from the core can never produce a range outside the document.
 */
import type { Position, Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from '../template/types';

/** Clamps an offset into `[0, length]`; NaN and negatives become 0. */
function clamp(offset: number, length: number): number {
  if (!(offset > 0)) return 0;
  return offset > length ? length : Math.floor(offset);
}

/** Converts a core span to an LSP range inside `doc` (clamped, start never after end). */
export function spanToRange(doc: TextDocument, span: Span): Range {
  const length = doc.getText().length;
  const start = clamp(span.start, length);
  const end = Math.max(start, clamp(span.end, length));
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

/** The largest LSP `uinteger`. */
const MAX_UINTEGER = 2 ** 31 - 1;

function whole(value: unknown): number {
  return typeof value === 'number' && value > 0 ? Math.min(Math.floor(value), MAX_UINTEGER) : 0;
}

/**
 * A position as LSP defines it (unsigned integer line and character) from whatever a client sent:
 * a fraction is floored; a negative, non-numeric or missing value is 0. `TextDocument` takes a
 * position as given: `line: 0.5` or `character: "2"` made it compute a fractional offset or join
 * strings, so an edit left the text and its line table (and the analysis) in disagreement.
 */
export function wholePosition(raw: unknown): Position {
  const p = (typeof raw === 'object' && raw !== null ? raw : {}) as { line?: unknown; character?: unknown };
  return { line: whole(p.line), character: whole(p.character) };
}

/** A range of {@link wholePosition}s (as sent: start may be after end). */
export function wholeRange(raw: unknown): Range {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as { start?: unknown; end?: unknown };
  return { start: wholePosition(r.start), end: wholePosition(r.end) };
}

/** Converts an LSP position to an offset into `doc` (positions past a line end clamp to it). */
export function positionToOffset(doc: TextDocument, position: Position): number {
  return doc.offsetAt(wholePosition(position));
}

/** Converts an LSP range to a core span (start never after end). */
export function rangeToSpan(doc: TextDocument, range: Range): Span {
  const whole = wholeRange(range);
  const a = doc.offsetAt(whole.start);
  const b = doc.offsetAt(whole.end);
  return a <= b ? { start: a, end: b } : { start: b, end: a };
}

/**
 * Positions of offsets in a text that is not an open document (the CLI's findings and messages):
 * the same conversion as the server's, through `TextDocument` (lines end at `\r\n`, `\n` or `\r`;
 * characters are UTF-16 code units), 0-based as in LSP, offsets clamped into the text. One rule for
 * offset to line/column, so the CLI and the editor always name the same place.
 */
export function textPositions(text: string): (offset: number) => Position {
  const doc = TextDocument.create('', 'plaintext', 0, text);
  return (offset) => doc.positionAt(clamp(offset, text.length));
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/**
 * Positions of offsets given in ascending order in a text that is no open document (the workspace
 * index reads thousands of files): exactly what `TextDocument.positionAt` answers (`\r\n`, `\n` and
 * `\r` end a line; an offset inside a line break is at the end of its line), found in one forward
 * pass from line break to line break (located by `indexOf`), without building the line table or an
 * object per position: {@link seek} sets {@link line} and {@link character}. An offset smaller than
 * the previous one starts the pass again, so the answer is right in any order, only slower. A test
 * holds the two to the same answers.
 */
export class LineCursor {
  line = 0;
  character = 0;
  private lineStart = 0;
  private lf: number;
  private cr: number;

  constructor(private readonly text: string) {
    this.lf = text.indexOf('\n');
    this.cr = text.indexOf('\r');
  }

  seek(offset: number): void {
    const text = this.text;
    const target = clamp(offset, text.length);
    if (target < this.lineStart) {
      this.line = 0;
      this.lineStart = 0;
      this.lf = text.indexOf('\n');
      this.cr = text.indexOf('\r');
    }
    let { lf, cr } = this;
    for (;;) {
      const at = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      if (at < 0 || at >= target) break;
      const next = at === cr && at + 1 === lf ? at + 2 : at + 1;
      // The offset falls between `\r` and `\n`: still on this line.
      if (next > target) break;
      this.line++;
      this.lineStart = next;
      if (lf >= 0 && lf < next) lf = text.indexOf('\n', next);
      if (cr >= 0 && cr < next) cr = text.indexOf('\r', next);
    }
    this.lf = lf;
    this.cr = cr;
    let end = target;
    while (end > this.lineStart && isLineBreak(text.charCodeAt(end - 1))) end--;
    this.character = end - this.lineStart;
  }
}
