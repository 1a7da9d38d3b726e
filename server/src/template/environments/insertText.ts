/**
 * The text facts "Add KEY to <file>" writes by: the file's line ending, the blanks a line starts
 * with, the file's indentation step. Each looks at one line or searches once: the quick fix stays
 * linear in the file's size.
 */
import type { Span } from '../types';

/** One edit: `newText` in place of `span`. */
export interface KeyInsertion {
  span: Span;
  newText: string;
}

export const insertAt = (at: number, newText: string): KeyInsertion => ({ span: { start: at, end: at }, newText });

/** The file's line ending: CRLF when it has one, else CR when it has CR but no LF (old Mac files), else LF. */
export function eolOf(text: string): string {
  if (text.includes('\r\n')) return '\r\n';
  return text.includes('\r') && !text.includes('\n') ? '\r' : '\n';
}

export function lineStart(text: string, at: number): number {
  return Math.max(text.lastIndexOf('\n', at - 1), text.lastIndexOf('\r', at - 1)) + 1;
}

export function lineEnd(text: string, at: number): number {
  const m = /[\r\n]/.exec(text.slice(at));
  return m ? at + m.index : text.length;
}

/** The blanks the line holding `at` starts with (up to `at`). */
export function indentAt(text: string, at: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, at), at))![0];
}

/** One level of the file's indentation: the blanks of its first indented line, else two spaces. */
export function indentUnit(text: string): string {
  return /^[ \t]+(?=\S)/m.exec(text)?.[0] ?? '  ';
}
