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

/** Converts an LSP position to an offset into `doc` (positions past a line end clamp to it). */
export function positionToOffset(doc: TextDocument, position: Position): number {
  return doc.offsetAt(position);
}

/** Converts an LSP range to a core span (start never after end). */
export function rangeToSpan(doc: TextDocument, range: Range): Span {
  const a = doc.offsetAt(range.start);
  const b = doc.offsetAt(range.end);
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
