/** Plain-text tables for `list` commands. Pure. */
import { formatDate } from '../../../server/src/template/dates';
import { clip, oneLine, showInvisible } from '../../../server/src/template/displayText';

/**
 * Server-provided text for one line of a table or a sentence, by the shared display rule: line
 * breaks become spaces (a description cannot break the table), escape sequences, C1 controls and
 * bidi overrides are shown as escapes (they cannot rewrite the screen). Null reads as empty.
 */
export function sanitize(text: string | null | undefined): string {
  return oneLine(text ?? '');
}

/**
 * Server-provided text a person reads as data (a secret's description): {@link sanitize}, then each
 * invisible character as its escape (displayText showInvisible, the rule names are shown by), so
 * `prod\u200b key` does not pass for `prod key`.
 */
export function sanitizeShowingInvisible(text: string | null | undefined): string {
  return showInvisible(sanitize(text));
}

/** Shortens to `max` characters with an ellipsis, never inside a surrogate pair (the display rule's clip). */
export const truncate = clip;

/**
 * Left-aligned columns separated by two spaces, header first; the last column is not padded.
 * @returns lines ending in `\n`, or a single "(none)" line when there are no rows
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], empty = '(none)'): string {
  if (rows.length === 0) return `${empty}\n`;
  const cells = [headers, ...rows].map((row) => row.map((cell) => sanitize(cell)));
  // A fold, not Math.max(...column): spreading a column of 130,000 rows overflows the stack.
  const widths = headers.map((_, i) => cells.reduce((widest, row) => Math.max(widest, (row[i] ?? '').length), 0));
  return cells
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd())
    .join('\n')
    .concat('\n');
}

/** `2026-09-01T12:00:00Z` -> `2026-09-01 12:00 UTC` by the one date rule; `unknown date` for a bad one, nothing for none. */
export function shortDate(iso: string | null | undefined): string {
  return formatDate(iso) ?? '';
}
