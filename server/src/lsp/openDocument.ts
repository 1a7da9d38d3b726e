/**
 * An open document as the server keeps it: `TextDocument` (vscode-languageserver-textdocument)
 * answers, over a text kept in pieces (template/pieceText.ts), so applying a keystroke costs about
 * the piece it touches and the line table's shift, not a copy of the whole text. The library's
 * document rebuilt its whole string on every change: 2.0 ms a keystroke at 10,000 lines, 18 ms at
 * 100,000, before any analysis (BENCHMARKS.md, typing).
 *
 * It answers exactly as the library's document does (a test applies random edits to both): lines
 * end at `\r\n`, `\n` or `\r`; a position past its line's end, or between a `\r` and its `\n`, is
 * at the line's end; offsets and lines are clamped into the text. {@link text} gives the pieces to
 * whoever can read them so (the incremental analysis); `getText()` builds the whole string once
 * per version, for the features that read all of it.
 */
import type { Position, Range, TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { PieceText } from '../template/pieceText';
import { isBreak } from '../template/readers/chars';
import { lineStarts } from './positions';

export class OpenDocument implements TextDocument {
  private pieces: PieceText;
  /** Where each line starts (the first at 0); undefined until asked for after a change that joined a `\r` and a `\n`. */
  private lines: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    content: string,
  ) {
    this.pieces = PieceText.of(content);
    this.lines = lineStarts(content);
  }

  get version(): number {
    return this.currentVersion;
  }

  /** The text, in pieces: read it so where a part of it will do. */
  get text(): PieceText {
    return this.pieces;
  }

  get lineCount(): number {
    return this.lineTable().length;
  }

  getText(range?: Range): string {
    if (!range) return this.pieces.flat();
    // As the library's `substring`: a range given backwards reads the same text.
    const a = this.offsetAt(range.start);
    const b = this.offsetAt(range.end);
    return this.pieces.slice(Math.min(a, b), Math.max(a, b));
  }

  positionAt(offset: number): Position {
    const at = Math.max(Math.min(offset, this.pieces.length), 0);
    const lines = this.lineTable();
    // The last line starting at or before `at`.
    let low = 0;
    let high = lines.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lines[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: this.beforeBreak(at, lines[low]!) - lines[low]! };
  }

  offsetAt(position: Position): number {
    const lines = this.lineTable();
    if (position.line >= lines.length) return this.pieces.length;
    if (position.line < 0) return 0;
    const start = lines[position.line]!;
    if (position.character <= 0) return start;
    const next = position.line + 1 < lines.length ? lines[position.line + 1]! : this.pieces.length;
    return this.beforeBreak(Math.min(start + position.character, next), start);
  }

  /** The range of line `line` without its line break; past the last line, the last line's; before the first, an empty range at 0. */
  getLineRange(line: number): Range {
    const lines = this.lineTable();
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const at = Math.min(line, lines.length - 1);
    const start = lines[at]!;
    const end = at === line && at + 1 < lines.length ? this.beforeBreak(lines[at + 1]!, start) : this.pieces.length;
    return { start: { line: at, character: 0 }, end: { line: at, character: end - start } };
  }

  /** The line break that ends line `line` (`''` for the last line, or a line out of the document). */
  getEOLCharacters(line: number): string {
    const lines = this.lineTable();
    if (line < 0 || line >= lines.length) return '';
    const next = line + 1 < lines.length ? lines[line + 1]! : this.pieces.length;
    return this.pieces.slice(this.beforeBreak(next, lines[line]!), next);
  }

  /**
   * Applies `changes` in order (each ranged one's range in the text its predecessors left) and
   * takes `version`; what `TextDocument.update` does to the library's documents.
   */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change && change.range) this.replace(change.range, change.text);
      else {
        this.pieces = PieceText.of(change.text);
        this.lines = lineStarts(change.text);
      }
    }
    this.currentVersion = version;
  }

  private replace(range: Range, text: string): void {
    const [a, b] = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character) ? [range.start, range.end] : [range.end, range.start];
    const start = this.offsetAt(a);
    const end = this.offsetAt(b);
    const startLine = this.positionAt(start).line;
    const endLine = this.positionAt(end).line;
    this.pieces = this.pieces.replace(start, end, text);
    const pieces = this.pieces;
    const insertedEnd = start + text.length;
    // A `\r` and a `\n` joined into one break (or split apart) at either end: the table is built again when next needed.
    if ((pieces.charCodeAt(start - 1) === 13 && pieces.charCodeAt(start) === 10) || (pieces.charCodeAt(insertedEnd - 1) === 13 && pieces.charCodeAt(insertedEnd) === 10)) {
      this.lines = undefined;
      return;
    }
    let lines = this.lines;
    if (!lines) return;
    // The lines the inserted text starts, found by the one rule for line breaks (positions.ts).
    const added = lineStarts(text).slice(1).map((at) => start + at);
    // splice takes its items as arguments: a large paste goes in by copying the table.
    if (added.length < 10_000) lines.splice(startLine + 1, endLine - startLine, ...added);
    else this.lines = lines = lines.slice(0, startLine + 1).concat(added, lines.slice(endLine + 1));
    const delta = text.length - (end - start);
    if (delta !== 0) for (let i = startLine + 1 + added.length; i < lines.length; i++) lines[i] = lines[i]! + delta;
  }

  private lineTable(): number[] {
    return (this.lines ??= lineStarts(this.pieces.flat()));
  }

  /** `offset`, moved back over the line break characters it follows on its line (from `lineStart`). */
  private beforeBreak(offset: number, lineStart: number): number {
    let at = offset;
    while (at > lineStart && isBreak(this.pieces.charCodeAt(at - 1))) at--;
    return at;
  }
}
