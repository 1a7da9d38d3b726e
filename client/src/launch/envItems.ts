/**
 * The env step and the summary show which keys the Pod gets, where each comes from, and which are
 * secret references. Plain values are never shown: one of them may be a credential written in
 * clear text, and the picker is on screen (screen sharing, recordings).
 */
import { findReferencesInValue } from '../../../server/src/template/index';
import type { Env } from './plan';

export type EnvOrigin = 'template' | 'file' | 'file-overrides-template';

export interface EnvItem {
  key: string;
  origin: EnvOrigin;
  /** Secret names the value references (canonical or not); empty for a plain value. */
  references: string[];
  /** One line: the reference(s) as written, or where the plain value comes from. */
  description: string;
}

/** One item per key of the merged env, in merge order (template keys first, then the file's new keys). */
export function envItems(templateEnv: Readonly<Env>, fileEnv: Readonly<Env> | undefined): EnvItem[] {
  const keys = [...Object.keys(templateEnv), ...Object.keys(fileEnv ?? {}).filter((k) => !Object.hasOwn(templateEnv, k))];
  return keys.map((key) => {
    const inFile = fileEnv !== undefined && Object.hasOwn(fileEnv, key);
    const origin: EnvOrigin = inFile ? (Object.hasOwn(templateEnv, key) ? 'file-overrides-template' : 'file') : 'template';
    const value = inFile ? fileEnv[key]! : templateEnv[key]!;
    const references = referencedNames(value);
    const from = origin === 'template' ? 'from the template' : origin === 'file' ? 'from the env file' : 'from the env file (overrides the template)';
    const description = references.length ? `${references.map((n) => `secret ${n}`).join(', ')} · ${from}` : `value ${from}`;
    return { key, origin, references, description };
  });
}

/** Secret names referenced in a value (every `{{ RUNPOD_SECRET_... }}`, however spaced). */
function referencedNames(value: string): string[] {
  if (!value.includes('{{')) return [];
  return findReferencesInValue(value).map((r) => r.name).filter((n) => n !== '');
}

/** `HF_TOKEN ← secret hf-token` for references, the key alone otherwise. */
export function envKeyLine(item: Pick<EnvItem, 'key' | 'references'>): string {
  return item.references.length ? `${item.key} ← ${item.references.map((n) => `secret ${n}`).join(', ')}` : item.key;
}
