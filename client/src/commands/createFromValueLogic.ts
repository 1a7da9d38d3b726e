/**
 * The pure part of "create secret from hard-coded value": read the value under the range the
 * server's code action gave, as the core's reader of the file kind decodes it
 * (server/src/template/moveValue.ts), and compute the edit that puts the reference in its place.
 */
import type { CreateSecretFromValueCommandArgs } from '../../../server/src/protocol';
import { valueToMove, type MoveValueRefusal } from '../../../server/src/template/moveValue';
import type { DocumentKind, Span } from '../../../server/src/template/types';
import { secretReference } from '../secrets/references';
import { valueSentence } from './secretInputRules';

/** A value read from a document: `replace` is in document offsets. */
export type ExtractedValue = { ok: true; value: string; replace: Span } | { ok: false; message: string };

/** What each refusal tells the user; never the value. */
const REFUSALS: Record<MoveValueRefusal, string> = {
  stale: 'The document changed: the range no longer holds a hard-coded value. Run the quick fix again from the current text.',
  empty: 'The value is empty; there is nothing to store as a secret.',
  reference: 'The value is already a secret reference (or contains one).',
  'too-large': valueSentence('too-large'),
  nul: valueSentence('nul'),
};

/**
 * Reads the secret value at `span` of `text` (a file of `kind`): the value the file gives the Pod,
 * escapes decoded by the kind's reader, so what the server flagged is what gets stored. Messages
 * never include the value.
 */
export function extractValue(text: string, kind: DocumentKind, span: Span): ExtractedValue {
  const found = valueToMove(text, kind, span);
  return found.ok ? { ok: true, value: found.value, replace: found.replace } : { ok: false, message: REFUSALS[found.reason] };
}

/** A text replacement in document offsets. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * The edit that replaces the value with the secret's reference. `shift` moves it when the text
 * before the range changed length since the value was read (the range itself is unchanged). One
 * edit, so the change is one undo step.
 */
export function referenceEdit(extracted: { replace: Span }, name: string, shift = 0): OffsetEdit {
  return { start: extracted.replace.start + shift, end: extracted.replace.end + shift, newText: secretReference(name) };
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
