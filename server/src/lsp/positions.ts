/**
 * The one edge where the core's offsets (UTF-16 code unit indices into the document text, i.e.
 * JavaScript string indices) become LSP positions and back. LSP columns are UTF-16 code units by
 * default, the same unit as JavaScript strings, so `TextDocument` converts without re-encoding; the
 * only work here is clamping, so a span from the core can never produce a range outside the document.
 */
import type { Position, Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from '../template/types';
import { isBreak } from '../template/readers/chars';

/** Clamps an offset into `[0, length]`; NaN and negatives become 0. */
function clamp(offset: number, length: number): number {
  if (!(offset > 0)) return 0;
  return offset > length ? length : Math.floor(offset);
}

/**
 * The length of `doc`'s text, without asking for the text: an open document keeps it in pieces
 * (openDocument.ts) and builds the whole string only when asked. Any `TextDocument` answers an
 * offset past its last line with the text's length.
 */
export function documentLength(doc: TextDocument): number {
  return doc.offsetAt({ line: doc.lineCount, character: 0 });
}

/** Converts a core span to an LSP range inside `doc` (clamped, start never after end). */
export function spanToRange(doc: TextDocument, span: Span): Range {
  const length = documentLength(doc);
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

/**
 * The line breaks of a text from some offset on, as `TextDocument` reads them (`\r\n`, `\n` and
 * `\r` each end a line), located by `indexOf`, the engine's native search: {@link at} is the next
 * break, {@link after} where the line after it starts, {@link step} moves past it.
 */
class LineBreaks {
  private lf: number;
  private cr: number;
  constructor(private readonly text: string) {
    this.lf = text.indexOf('\n');
    this.cr = text.indexOf('\r');
  }
  /** The next line break, or -1 when none is left. */
  get at(): number {
    const { lf, cr } = this;
    return lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
  }
  /** Where the line after the break {@link at} starts: a `\r\n` is one break. */
  get after(): number {
    const at = this.at;
    return at === this.cr && at + 1 === this.lf ? at + 2 : at + 1;
  }
  /** Moves past the breaks before `next` (an {@link after}). */
  step(next: number): void {
    if (this.lf >= 0 && this.lf < next) this.lf = this.text.indexOf('\n', next);
    if (this.cr >= 0 && this.cr < next) this.cr = this.text.indexOf('\r', next);
  }
}

/**
 * The offset where each line of `text` starts: the table `TextDocument` builds the first time it
 * converts a position, found from break to break by {@link LineBreaks} rather than by the
 * library's loop over every character. For the 10 MB template of the benchmark (256,000 lines) that
 * loop was one of the largest single costs before the first diagnostics (they convert positions);
 * cold, in a fresh process, 161-313 ms against 93-107 ms (two runs of each on a busy machine).
 */
export function lineStarts(text: string): number[] {
  if (text.indexOf('\r') < 0) return lineFeedStarts(text);
  const starts = [0];
  const breaks = new LineBreaks(text);
  while (breaks.at >= 0) {
    const next = breaks.after;
    starts.push(next);
    breaks.step(next);
  }
  return starts;
}

/**
 * {@link lineStarts} of a text without `\r` (nearly every document): one start after each `\n`,
 * counted first so the table is made at its size. Grown push by push, a 256,000-line template's
 * table was copied at each growth into fresh memory, and its loop through {@link LineBreaks} ran
 * cold: 51-158 ms against 25-50 ms (six alternating fresh processes, load 5 on 2 cores).
 */
function lineFeedStarts(text: string): number[] {
  let lines = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  const starts = new Array<number>(lines);
  starts[0] = 0;
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts[line++] = at + 1;
  return starts;
}

/**
 * Positions of offsets given in ascending order in a text that is no open document (the workspace
 * index reads thousands of files): exactly what `TextDocument.positionAt` answers (`\r\n`, `\n` and
 * `\r` end a line; an offset inside a line break is at the end of its line), found in one forward
 * pass from line break to line break ({@link LineBreaks}), without building the line table or an
 * object per position: {@link seek} sets {@link line} and {@link character}. An offset smaller than
 * the previous one starts the pass again, so the answer is right in any order, only slower. A test
 * holds the two to the same answers.
 */
export class LineCursor {
  line = 0;
  character = 0;
  private lineStart = 0;
  private breaks: LineBreaks;

  constructor(private readonly text: string) {
    this.breaks = new LineBreaks(text);
  }

  seek(offset: number): void {
    const text = this.text;
    const target = clamp(offset, text.length);
    if (target < this.lineStart) {
      this.line = 0;
      this.lineStart = 0;
      this.breaks = new LineBreaks(text);
    }
    const breaks = this.breaks;
    for (;;) {
      const at = breaks.at;
      if (at < 0 || at >= target) break;
      const next = breaks.after;
      // The offset falls between `\r` and `\n`: still on this line.
      if (next > target) break;
      this.line++;
      this.lineStart = next;
      breaks.step(next);
    }
    let end = target;
    while (end > this.lineStart && isBreak(text.charCodeAt(end - 1))) end--;
    this.character = end - this.lineStart;
  }
}
