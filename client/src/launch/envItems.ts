/**
 * The env step and the summary show which keys the Pod gets, where each comes from, and which are
 * secret references. Plain values are never shown: one of them may be a credential written in
 * clear text, and the picker is on screen (screen sharing, recordings).
 */
import { findReferencesInValue, substitutionOf } from '../../../server/src/template/index';
import type { Secret } from '../runpod/types';
import type { StoreState } from '../services';
import type { Env } from './plan';

export type EnvOrigin = 'template' | 'file' | 'file-overrides-template';

export interface EnvItem {
  key: string;
  origin: EnvOrigin;
  /** Secret names the value references (canonical or not); empty for a plain value. */
  references: string[];
  /** Referenced names missing from the account's known secret list; empty while the list is unknown. */
  unknown: string[];
  /** Referenced names written in a way RunPod does not substitute (the core's `substitutionOf`): Launch refuses them. */
  notSubstituted: string[];
  /** One line: the reference(s) as written, or where the plain value comes from. */
  description: string;
}

/** Shown after a reference whose secret the account's list does not have. */
export const NOT_ON_ACCOUNT = '(not on your account)';
/** Shown after a reference RunPod would leave as literal text. */
export const NOT_SUBSTITUTED = '(not substituted: fix the spelling)';

/**
 * The account's secret names as the store last fetched them, or undefined while no list is known
 * (signed out, untrusted, never fetched): a reference is only marked unknown against a real list.
 */
export function knownSecretNames(state: StoreState, secrets: readonly Pick<Secret, 'name'>[]): ReadonlySet<string> | undefined {
  const settled = state.kind === 'loading' ? state.previous : state;
  return settled && (settled.kind === 'fresh' || settled.kind === 'stale') ? new Set(secrets.map((s) => s.name)) : undefined;
}

/**
 * One item per key of the merged env, in merge order (template keys first, then the file's new keys).
 * @param known the account's secret names (`knownSecretNames`); references outside it are marked
 */
export function envItems(templateEnv: Readonly<Env>, fileEnv: Readonly<Env> | undefined, known?: ReadonlySet<string>): EnvItem[] {
  const keys = [...Object.keys(templateEnv), ...Object.keys(fileEnv ?? {}).filter((k) => !Object.hasOwn(templateEnv, k))];
  return keys.map((key) => {
    const inFile = fileEnv !== undefined && Object.hasOwn(fileEnv, key);
    const origin: EnvOrigin = inFile ? (Object.hasOwn(templateEnv, key) ? 'file-overrides-template' : 'file') : 'template';
    const value = inFile ? fileEnv[key]! : templateEnv[key]!;
    const { references, notSubstituted } = referencedNames(value);
    const unknown = known ? [...new Set(references.filter((n) => !known.has(n)))] : [];
    const from = origin === 'template' ? 'from the template' : origin === 'file' ? 'from the env file' : 'from the env file (overrides the template)';
    const description = references.length ? `${secretList({ references, unknown, notSubstituted })} · ${from}` : `value ${from}`;
    return { key, origin, references, unknown, notSubstituted, description };
  });
}

/** `secret a, secret b (not on your account)`. */
function secretList(item: Pick<EnvItem, 'references' | 'unknown' | 'notSubstituted'>): string {
  return item.references
    .map((n) => `secret ${n}${item.notSubstituted.includes(n) ? ` ${NOT_SUBSTITUTED}` : item.unknown.includes(n) ? ` ${NOT_ON_ACCOUNT}` : ''}`)
    .join(', ');
}

/** Secret names referenced in a value (every `{{ RUNPOD_SECRET_... }}`, however spaced), and those RunPod would not substitute. */
function referencedNames(value: string): { references: string[]; notSubstituted: string[] } {
  if (!value.includes('{{')) return { references: [], notSubstituted: [] };
  const found = findReferencesInValue(value).filter((r) => r.name !== '');
  return { references: found.map((r) => r.name), notSubstituted: found.filter((r) => substitutionOf(r).blocksLaunch).map((r) => r.name) };
}

/** `HF_TOKEN ← secret hf-token` for references (unknown and unsubstituted ones marked), the key alone otherwise. */
export function envKeyLine(item: Pick<EnvItem, 'key' | 'references' | 'unknown' | 'notSubstituted'>): string {
  return item.references.length ? `${item.key} ← ${secretList(item)}` : item.key;
}
