/**
 * Checks env given as key/value pairs rather than as a file: Launch Pod's merged env (account
 * template, template file and env file together), an account template. The same answers the rules
 * give for a file: each value's references (classify them with `substitutionOf`), and a credential
 * in plain text (`detectCredential`, the credential rule's own test), so no caller has to write
 * the env out as fake file text to reach the rules.
 */
import { scanReferences } from './references';
import { detectCredential, type Hit } from './rules/credentials';
import type { FoundReference } from './types';

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
