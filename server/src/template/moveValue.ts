/**
 * "Move value into a RunPod secret": which value the secret gets and which text the reference
 * replaces. The value is the one the file kind's reader decodes (env escapes, JSON and TOML string
 * escapes), so the secret holds exactly what the Pod would have received from this line, in every
 * file kind, and the quick fix refuses a value the server flagged only when no secret could hold it
 * (too large, or a NUL no Pod can receive).
 */
import { readerFor } from './readers';
import { holdsNul, SECRET_REFERENCE_PREFIX, secretValueProblem } from './names';
import type { DocumentKind, EnvVariable, Span } from './types';

/**
 * The feature's one name: the quick fix's title (what users meet first), the command's title in
 * package.json (a manifest test holds them equal) and the title of its dialogs.
 */
export const MOVE_VALUE_NAME = 'Move value into a RunPod secret';

/** Why the value cannot be moved: the text changed since the code action, nothing to store, already a reference, too large for RunPod, a NUL (names.ts holdsNul). */
export type MoveValueRefusal = 'stale' | 'empty' | 'reference' | 'too-large' | 'nul';

export type ValueToMove = { ok: true; value: string; replace: Span } | { ok: false; reason: MoveValueRefusal };

/** A value's text between its quotes (the whole value when unquoted): what a reference replaces. */
function valueContentSpan(v: Pick<EnvVariable, 'valueOffsets' | 'valueSpan'>): Span {
  const o = v.valueOffsets;
  return { start: o[0] ?? v.valueSpan.start, end: o[o.length - 1] ?? v.valueSpan.end };
}

/**
 * The decoded value at `span`: the value's content (the `valueSpan` of a hardcoded-credential
 * problem, as the code action sends it) or the whole value with its quotes; and the content span to
 * replace with the reference. The quotes stay, so JSON, TOML and quoted env values stay valid.
 */
export function valueToMove(text: string, kind: DocumentKind, span: Span): ValueToMove {
  const same = (a: Span, b: Span) => a.start === b.start && a.end === b.end;
  const variable = readerFor(kind)(text).variables.find((v) => same(valueContentSpan(v), span) || same(v.valueSpan, span));
  if (!variable) return { ok: false, reason: 'stale' };
  const value = variable.value;
  const size = secretValueProblem(value);
  if (size === 'empty') return { ok: false, reason: 'empty' };
  if (value.includes('{{') || value.includes(SECRET_REFERENCE_PREFIX)) return { ok: false, reason: 'reference' };
  if (size) return { ok: false, reason: size };
  // A JSON or TOML escape can decode to one: the value a file or a typed box would be refused.
  if (holdsNul(value)) return { ok: false, reason: 'nul' };
  return { ok: true, value, replace: valueContentSpan(variable) };
}
