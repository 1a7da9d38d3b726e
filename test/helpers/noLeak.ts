/**
 * What counts as a leak, for every no-leak test: a planted value is leaked when any recognisable
 * piece of it appears in an output, not only the exact string. Stated here on its own, apart from
 * the product's redactor, so that the tests do not share the redactor's blind spots.
 *
 * The pieces searched for, for each planted value:
 * - the value, JSON-escaped, URL-encoded, and base64-encoded at each of the three byte offsets
 *   it can start at inside a longer base64 text;
 * - every WINDOW-character run of each of those forms: whatever the cut (a server that quotes the
 *   first 20 characters, a proxy that shows the end), a run this long of a random test value
 *   cannot turn up by chance, and it is far more of a key than may be shown;
 * - each line of a multi-line value of at least LINE characters (shorter ones are covered by the
 *   windows when long enough, and are structure such as `}` otherwise).
 * Planted values must be random-looking (a random part of at least WINDOW characters), so that no
 * window of them is ordinary output text.
 */
import { expect } from 'vitest';

export const WINDOW = 12;
const LINE = 8;

/** One way a planted value can show; `label` says which without quoting the value. */
export interface LeakForm {
  label: string;
  text: string;
  /** The WINDOW-character runs of `text` (none when `text` is no longer than a window). */
  windows: string[];
}

/** Every form of `value` whose presence, whole or as a window, in an output is a leak. */
export function leakForms(value: string): LeakForm[] {
  const forms: LeakForm[] = [
    { label: 'value', text: value },
    { label: 'JSON-escaped', text: JSON.stringify(value).slice(1, -1) },
    { label: 'URL-encoded', text: safeUrl(value) },
    // Inside a longer base64 text (Basic auth of `user:value`) the value's characters depend on
    // where it starts modulo 3 bytes: the characters set by the value's bytes alone, per offset.
    ...[0, 1, 2].map((offset) => {
      const bytes = Buffer.concat([Buffer.alloc(offset), Buffer.from(value, 'utf8')]);
      const text = bytes.toString('base64').slice(Math.ceil((offset * 8) / 6), Math.floor((bytes.length * 8) / 6));
      return { label: `base64 at byte offset ${offset}`, text };
    }),
  ].map(({ label, text }) => ({ label, text, windows: windowsOf(text) }));
  const lines = value.split(/\r\n|\r|\n/);
  if (lines.length > 1) {
    lines.forEach((line, i) => {
      const trimmed = line.trim();
      if (trimmed.length >= LINE) forms.push({ label: `line ${i + 1}`, text: trimmed, windows: [] });
    });
  }
  return forms.filter((form) => form.text !== '');
}

function windowsOf(text: string): string[] {
  if (text.length <= WINDOW) return [];
  return Array.from({ length: text.length - WINDOW + 1 }, (_, at) => text.slice(at, at + WINDOW));
}

/** Every string to search for: each form whole and each of its windows. */
export function leakNeedles(value: string): string[] {
  return [...new Set(leakForms(value).flatMap((form) => [form.text, ...form.windows]))];
}

function safeUrl(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value; // a lone surrogate: the raw form stands in
  }
}

/** Each leak in `output`: which planted value (by index) and which piece, never the value itself. */
export function findLeaks(output: string, planted: readonly string[]): string[] {
  const found: string[] = [];
  planted.forEach((value, index) => {
    for (const form of leakForms(value)) {
      const at = output.indexOf(form.text);
      if (at !== -1) {
        found.push(`planted value ${index}: ${form.label} at offset ${at}`);
        continue;
      }
      const piece = form.windows.findIndex((window) => output.includes(window));
      if (piece !== -1) found.push(`planted value ${index}: ${form.label}, characters ${piece}-${piece + WINDOW}, at offset ${output.indexOf(form.windows[piece]!)}`);
    }
  });
  return found;
}

/** Fails when any piece of any planted value is in `output`; the message never quotes a value. */
export function expectNoLeak(output: string, planted: readonly string[], where = 'output'): void {
  expect(findLeaks(output, planted), `leaks in ${where}`).toEqual([]);
}
