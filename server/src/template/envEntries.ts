/**
 * Checks env given as key/value pairs rather than as a file: Launch Pod's merged env (account
 * template, template file and env file together), an account template. The same answers the rules
 * give for a file: each value's references (classify them with `substitutionOf`), and a credential
 * in plain text (`detectCredential`, the credential rule's own test), so no caller has to write
 * the env out as fake file text to reach the rules.
 */
import { readEnv } from './readers/env';
import { scanReferences } from './references';
import { detectCredential, type Hit } from './rules/credentials';
import { invalidKeyMessage } from './rules/keys';
import type { FoundReference, Problem } from './types';
import { DEFAULT_SEVERITY } from './types';

export { invalidKeyMessage };

/** A credential found in a plain value: what kind, and where in the value (indices). */
export type CredentialHit = Hit;

export interface EnvEntryCheck {
  key: string;
  /** The value's references, indices into the value. */
  references: FoundReference[];
  /** Set for a value without references that looks like a credential (as the credential rule decides for a file). */
  credential?: CredentialHit;
}

/**
 * Checks every entry of `env`, in its order.
 * @returns one result per entry that has references or a credential; plain values are left out
 */
export function checkEnvEntries(env: Readonly<Record<string, string>>): EnvEntryCheck[] {
  const out: EnvEntryCheck[] = [];
  for (const [key, value] of Object.entries(env)) {
    if (typeof value !== 'string') continue;
    const references = value.includes('{{') ? scanReferences(value, undefined, 0, key) : [];
    // As the rule does for a file: a value holding a reference is not a credential written in clear.
    const credential = references.length === 0 ? detectCredential(key, value) : undefined;
    if (credential) out.push({ key, references, credential });
    else if (references.length > 0) out.push({ key, references });
  }
  return out;
}

/** What a vars text sends (the last definition of a key winning, as in a shell), or why it cannot be sent. */
export type VarsText = { ok: true; env: Record<string, string> } | { ok: false; problems: Problem[] };

/**
 * Whether a vars text (`KEY=value` lines: a --vars-file, an environment's env file) can be sent to
 * RunPod, and why not. The one answer for the command line's --vars-file, the editor's Launch Pod,
 * Push Template, Deploy and Update Endpoint env files, and the editor's error squiggles: a file the
 * editor marks with one of these errors is never sent, and one it does not is never refused.
 * Refused: each syntax error the reader meets (an unclosed quote, a line without `=`: a half-read
 * file would send values the user did not write) and each key outside the env-key rule
 * (`invalid-key`, in the diagnostic's words, names.ts isEnvKey). Warnings (a duplicate key, a
 * credential) and references (the preflight's business, against a fresh secret list) do not refuse.
 * @returns the env to send, or the refusing problems in document order (spans into `text`)
 */
export function readVarsText(text: string): VarsText {
  const { variables, problems } = readEnv(text);
  const refusing = problems.filter((p) => p.severity === 'error');
  for (const v of variables) {
    const message = invalidKeyMessage(v.key);
    if (message !== undefined) refusing.push({ code: 'invalid-key', span: v.keySpan, message, severity: DEFAULT_SEVERITY['invalid-key'] });
  }
  if (refusing.length > 0) return { ok: false, problems: refusing.sort((a, b) => a.span.start - b.span.start) };
  // A Map, so a key like `__proto__` stays a plain key.
  const env = new Map<string, string>();
  for (const v of variables) env.set(v.key, v.value);
  return { ok: true, env: Object.fromEntries(env) };
}
