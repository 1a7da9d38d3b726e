/**
 * The one rule for offset <-> position in the product: a document's text and the table of its line
 * starts, as LSP's `TextDocument` (vscode-languageserver-textdocument 1.0.16, which the test client
 * keeps as its mirror and the tests hold this to) answers: `\r\n`, `\n` and `\r` end a line,
 * columns are UTF-16 code units, an offset inside a line break is at the end of its line, a
 * position past a line's end is at its end.
 *
 * Why our own: the library keeps the line starts as a JavaScript array grown by `push`, 8 bytes a
 * line in V8's heap plus every copy made while it grows; for a file of 390,000 short lines that was
 * 3 MB kept and twice that at the peak of the first diagnostics, a tenth of the server's whole peak
 * (BENCHMARKS.md, Memory). Here the starts are one `Int32Array`, counted before it is filled, 4
 * bytes a line outside the heap; an edit moves them in place as the library does.
 */
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';

/** What the server reads of a document: the members of LSP's `TextDocument` it uses. */
export interface TextDocument {
  readonly uri: string;
  readonly languageId: string;
  readonly version: number;
  readonly lineCount: number;
  getText(range?: Range): string;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
}

/** A document: the server's open documents, and any text the server or the CLI reports positions in. */
export class LineDocument implements TextDocument {
  /** Offsets where lines start (the first is 0), computed when first needed; room for more after `lines`. */
  private starts: Int32Array | undefined;
  private lines = 0;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    private text: string,
  ) {}

  getText(range?: Range): string {
    if (!range) return this.text;
    return this.text.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  get lineCount(): number {
    this.table();
    return this.lines;
  }

  positionAt(offset: number): Position {
    const text = this.text;
    const at = Math.max(Math.min(offset, text.length), 0);
    const starts = this.table();
    const line = this.lineOf(at);
    return { line, character: this.beforeBreak(at, starts[line]!) - starts[line]! };
  }

  offsetAt(position: Position): number {
    const starts = this.table();
    if (position.line >= this.lines) return this.text.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line]!;
    if (position.character <= 0) return lineStart;
    const next = position.line + 1 < this.lines ? starts[position.line + 1]! : this.text.length;
    return this.beforeBreak(Math.min(lineStart + position.character, next), lineStart);
  }

  /**
   * Applies changes in order, as `TextDocument.update`: a change with a range replaces it (ends in
   * either order), one without replaces the whole text; anything else is refused with an error.
   */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (isIncremental(change)) this.replace(wellFormed(change.range), change.text);
      else if (isFull(change)) {
        this.text = change.text;
        this.starts = undefined;
      } else throw new Error('Unknown change event received');
    }
    this.version = version;
  }

  private replace(range: Range, inserted: string): void {
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    const old = this.text;
    const text = (this.text = old.substring(0, start) + inserted + old.substring(end));
    const starts = this.starts;
    if (!starts) return;
    const insertedEnd = start + inserted.length;
    // A `\r\n` joined across either end of the change is one break where the table held two: counted again.
    if ((text.charCodeAt(start - 1) === CR && text.charCodeAt(start) === LF) || (text.charCodeAt(insertedEnd - 1) === CR && text.charCodeAt(insertedEnd) === LF)) {
      this.starts = undefined;
      return;
    }
    // Offsets never fall inside a `\r\n` (offsetAt stops before a line's break), so the lines
    // starting in (start, end] are exactly those whose break the change removed.
    const startLine = this.lineOf(start);
    const endLine = this.lineOf(end);
    const added = breakEnds(inserted, start);
    const lines = this.lines - (endLine - startLine) + added.length;
    const delta = inserted.length - (end - start);
    let table = starts;
    if (lines > starts.length) {
      // Room for more lines than now, so typing Enter does not copy the table every time.
      table = new Int32Array(Math.max(lines, Math.ceil(starts.length * 1.5) + 16));
      table.set(starts.subarray(0, startLine + 1));
      table.set(starts.subarray(endLine + 1, this.lines), startLine + 1 + added.length);
    } else table.copyWithin(startLine + 1 + added.length, endLine + 1, this.lines);
    table.set(added, startLine + 1);
    for (let i = startLine + 1 + added.length; i < lines; i++) table[i] += delta;
    this.starts = table;
    this.lines = lines;
  }

  /** The line `offset` is on: the last one starting at or before it (the table is current). */
  private lineOf(offset: number): number {
    const starts = this.starts!;
    let lo = 0;
    let hi = this.lines;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo - 1;
  }

  private table(): Int32Array {
    if (!this.starts) {
      const ends = breakEnds(this.text, 0);
      this.starts = new Int32Array(ends.length + 1);
      this.starts.set(ends, 1);
      this.lines = this.starts.length;
    }
    return this.starts;
  }

  /** `offset` moved back over any line break characters, not before `lineStart`. */
  private beforeBreak(offset: number, lineStart: number): number {
    while (offset > lineStart && isBreak(this.text.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

const CR = 13;
const LF = 10;

function isBreak(c: number): boolean {
  return c === CR || c === LF;
}

/**
 * Where each line break of `text` ends, plus `base`, in order: one native search per break
 * (`indexOf`), counted first so the result is one typed array of its exact size.
 */
function breakEnds(text: string, base: number): Int32Array {
  let count = 0;
  forEachBreakEnd(text, () => count++);
  const out = new Int32Array(count);
  let k = 0;
  forEachBreakEnd(text, (end) => (out[k++] = base + end));
  return out;
}

function forEachBreakEnd(text: string, each: (end: number) => void): void {
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  for (;;) {
    const at = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    if (at < 0) return;
    const end = at === cr && at + 1 === lf ? at + 2 : at + 1;
    each(end);
    if (lf >= 0 && lf < end) lf = text.indexOf('\n', end);
    if (cr >= 0 && cr < end) cr = text.indexOf('\r', end);
  }
}

/** As the library reads a change (its `isIncremental`/`isFull`), so the same changes are refused. */
function isIncremental(change: unknown): change is { range: Range; text: string } {
  const c = change as { text?: unknown; range?: unknown; rangeLength?: unknown } | null | undefined;
  return c !== undefined && c !== null && typeof c.text === 'string' && c.range !== undefined && (c.rangeLength === undefined || typeof c.rangeLength === 'number');
}

function isFull(change: unknown): change is { text: string } {
  const c = change as { text?: unknown; range?: unknown; rangeLength?: unknown } | null | undefined;
  return c !== undefined && c !== null && typeof c.text === 'string' && c.range === undefined && c.rangeLength === undefined;
}

/** `range` with its ends in document order. */
function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}
