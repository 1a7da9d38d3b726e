/**
 * The pure part of "create secret from hard-coded value": read the value under the range the
 * server's code action gave, and compute the edit that puts the reference in its place.
 */
import type { CreateSecretFromValueCommandArgs } from '../../../server/src/protocol';
import { SECRET_REFERENCE_PREFIX, secretReference } from '../secrets/references';
import { SECRET_VALUE_LIMIT_TEXT, secretValueProblem } from '../../../server/src/template/names';

/** A value read from a range: offsets are relative to the start of the range text. */
export type ExtractedValue =
  | { ok: true; value: string; replaceStart: number; replaceEnd: number; quote?: '"' | "'" }
  | { ok: false; message: string };

const STALE = 'The document changed: the range no longer holds a hard-coded value. Run the quick fix again from the current text.';

/**
 * Reads the secret value from the text of the code action's range. Surrounding whitespace is
 * ignored; if the range includes quotes they are stripped and kept in the document (only the inner
 * text is replaced, so JSON and quoted env values stay valid). Double-quoted text is decoded with
 * JSON escapes (`\n`, `\"`, `\\`); an escape that cannot be read exactly stops the command rather
 * than store a different value. Messages never include the value.
 */
export function extractValue(rangeText: string): ExtractedValue {
  const leading = rangeText.length - rangeText.trimStart().length;
  const trimmed = rangeText.trim();
  const start = leading;
  const end = leading + trimmed.length;
  if (trimmed.length === 0) return { ok: false, message: STALE };

  const first = trimmed[0];
  let raw: string;
  let value: string;
  let replaceStart = start;
  let replaceEnd = end;
  let quote: '"' | "'" | undefined;
  if (first === '"' || first === "'") {
    if (trimmed.length < 2 || trimmed[trimmed.length - 1] !== first) return { ok: false, message: STALE };
    quote = first;
    raw = trimmed.slice(1, -1);
    replaceStart = start + 1;
    replaceEnd = end - 1;
    if (quote === '"' && raw.includes('\\')) {
      try {
        value = JSON.parse(`"${raw}"`) as string;
      } catch {
        return {
          ok: false,
          message: 'The value contains escape sequences that cannot be read exactly. Create the secret with RunPod: Create Secret and paste the value instead.',
        };
      }
    } else {
      value = raw;
    }
  } else {
    raw = trimmed;
    value = raw;
    if (/[\r\n]/.test(raw)) return { ok: false, message: STALE };
  }

  if (value.length === 0) return { ok: false, message: 'The value is empty; there is nothing to store as a secret.' };
  if (raw.includes(SECRET_REFERENCE_PREFIX) || raw.includes('{{')) {
    return { ok: false, message: 'The value is already a secret reference (or contains one).' };
  }
  if (secretValueProblem(value) === 'too-large') return { ok: false, message: `The value is too large for a RunPod secret (${SECRET_VALUE_LIMIT_TEXT} or more).` };
  const result: ExtractedValue = { ok: true, value, replaceStart, replaceEnd };
  if (quote) result.quote = quote;
  return result;
}

/**
 * True when the characters just before and after a range are the same quote: the range is a
 * quoted string's content and should be read with its quotes (see `extractValue`).
 */
export function isQuotePair(before: string, after: string): boolean {
  return before === after && (before === '"' || before === "'");
}

/** A text replacement in document offsets. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * The edit that replaces the value with the secret's reference, given the document offset of the
 * range start. One edit, so the change is one undo step.
 */
export function referenceEdit(rangeStartOffset: number, extracted: { replaceStart: number; replaceEnd: number }, name: string): OffsetEdit {
  return {
    start: rangeStartOffset + extracted.replaceStart,
    end: rangeStartOffset + extracted.replaceEnd,
    newText: secretReference(name),
  };
}

/** Applies an offset edit to a text (used by tests and to preview the result). */
export function applyOffsetEdit(text: string, edit: OffsetEdit): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

/** Accepts `{ uri, range, suggestedName }` (or the three positionally); undefined if malformed. */
export function parseArgs(args: unknown[]): CreateSecretFromValueCommandArgs | undefined {
  const first = args[0];
  const candidate =
    typeof first === 'string' ? { uri: first, range: args[1], suggestedName: args[2] } : (first as Record<string, unknown> | undefined);
  if (!candidate || typeof candidate !== 'object') return undefined;
  const { uri, range, suggestedName } = candidate as Record<string, unknown>;
  const isPos = (p: unknown): p is { line: number; character: number } =>
    typeof p === 'object' && p !== null && Number.isInteger((p as { line: unknown }).line) && Number.isInteger((p as { character: unknown }).character);
  const r = range as { start?: unknown; end?: unknown } | undefined;
  if (typeof uri !== 'string' || !r || !isPos(r.start) || !isPos(r.end)) return undefined;
  return { uri, range: { start: r.start, end: r.end }, suggestedName: typeof suggestedName === 'string' ? suggestedName : '' };
}
