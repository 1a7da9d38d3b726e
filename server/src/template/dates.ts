/**
 * The one date rule: how a date from RunPod, the history file or the editor's cache is read, and how
 * it is shown by the hover, the diagnostics, the tree, the secret documents, the status bar and the
 * command line. Pure.
 *
 * Read: ISO 8601 only (`2026-09-01`, `2026-09-01T12:00:00Z`, `...T12:00:00.123-05:00`, a space for
 * the `T`; also Go's `2026-09-01 12:00:00.123 +0000 UTC` (time.String(), a form a Go API may send),
 * and our own `2026-09-01 12:00 UTC`), a calendar date that exists (`2026-02-31` is no date, where `Date.parse` would read 3
 * March), and no zone means UTC: RunPod's dates are UTC, and the local zone of whoever reads a file
 * must not move its dates. Anything else, or more than 64 characters, names no instant.
 * Shown: always in UTC and saying so (`2026-09-01 12:00 UTC`), so the hover, the tree, the status
 * bar and a CI log of one list agree to the minute; text that names no instant reads `unknown date`,
 * never as given (it may hold markup, escape sequences or line breaks).
 */

const MAX_LENGTH = 64;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(?: ?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?))?(?: UTC)?$/i;

/** What text that names no instant reads. */
export const UNKNOWN_DATE = 'unknown date';

/** The instant `iso` names by the rule above, or `undefined` when it names none. */
export function parseInstant(iso: string): Date | undefined {
  return readInstant(iso)?.date;
}

/** The instant and, from the match, how much time its last digit stands for (a day, a minute, a second, a fraction). */
function readInstant(iso: string): { date: Date; spanMs: number } | undefined {
  if (iso.length > MAX_LENGTH) return undefined;
  const m = ISO.exec(iso);
  if (!m) return undefined;
  const date = instantOf(m);
  if (!date) return undefined;
  const spanMs = m[7] !== undefined ? Math.max(1, 10 ** (3 - m[7].length)) : m[6] !== undefined ? 1000 : m[5] !== undefined ? 60_000 : 86_400_000;
  return { date, spanMs };
}

/**
 * How two dates are ordered, to the precision each is written to: a date names every instant of its
 * last digit (`12:00:00Z` the whole second: RunPod gives whole seconds, and a clock written to the
 * second is cut, not rounded, as Go's and the fake's are). `same` when the two spans overlap, so
 * which came first is not known; undefined when either names no instant.
 */
export function instantOrder(a: string, b: string): 'before' | 'after' | 'same' | undefined {
  const x = readInstant(a);
  const y = readInstant(b);
  if (!x || !y) return undefined;
  if (x.date.getTime() >= y.date.getTime() + y.spanMs) return 'after';
  if (x.date.getTime() + x.spanMs <= y.date.getTime()) return 'before';
  return 'same';
}

/** The instant an {@link ISO} match names; undefined for a date that does not exist or an out-of-range time or zone. */
function instantOf(m: RegExpExecArray): Date | undefined {
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  if (h! > 23 || mi! > 59 || s! > 59) return undefined;
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  // setUTCFullYear, not Date.UTC: that reads the years 0 to 99 as 1900 to 1999 (Go's zero time, 0001-01-01, would be 1901).
  const local = new Date(0);
  local.setUTCFullYear(y!, mo! - 1, d!);
  local.setUTCHours(h!, mi!, s!, ms);
  // The date rolls 31 February over into March: a date that does not exist is no date.
  if (local.getUTCFullYear() !== y || local.getUTCMonth() !== mo! - 1 || local.getUTCDate() !== d) return undefined;
  const [sign, zh = '0', zm = '0'] = m.slice(9, 12);
  if (sign === undefined) return local; // Z, or no zone: UTC
  if (Number(zh) > 23 || Number(zm) > 59) return undefined;
  return new Date(local.getTime() - (sign === '-' ? -1 : 1) * (Number(zh) * 60 + Number(zm)) * 60_000);
}

/** `2026-09-01T12:00:00-05:00` -> `2026-09-01 17:00 UTC`; `unknown date` when it names no instant. */
export function formatInstant(iso: string): string {
  const d = parseInstant(iso);
  return d ? shown(d) : UNKNOWN_DATE;
}

/** An instant as the rule shows it: `2026-09-01 17:00 UTC`. */
function shown(d: Date): string {
  const text = d.toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}

/** The time of day of an instant (ms since the epoch), to the second, for a time the user waits for: `12:00:05 UTC`. */
export function formatTimeOfDay(at: number): string {
  return `${new Date(at).toISOString().slice(11, 19)} UTC`;
}

/** formatInstant, and nothing for a missing date. */
export function formatDate(iso: string | null | undefined): string | undefined {
  return iso ? formatInstant(iso) : undefined;
}

/** The UTC day only (`2026-09-01`), for compact places; nothing for a missing date, `unknown date` for a bad one. */
export function formatDay(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const d = parseInstant(iso);
  return d ? d.toISOString().slice(0, 10) : UNKNOWN_DATE;
}

/** `12:00 UTC` when `iso` falls on `now`'s UTC day, else as formatInstant; undefined when it names no instant (for the status bar's "fetched"). */
export function formatRecentInstant(iso: string, now: Date): string | undefined {
  const d = parseInstant(iso);
  if (!d) return undefined;
  const full = shown(d);
  return full.slice(0, 10) === now.toISOString().slice(0, 10) ? full.slice(11) : full;
}
