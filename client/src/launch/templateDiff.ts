/**
 * What a Push Template update would change on the account template, in a few words for the
 * confirmation ("image unchanged; env: +MODEL_ID, ~HF_TOKEN, -HF_HOME; ports changed"). Pure.
 *
 * Only field names and env keys are ever named, never a value: an env value may be a hard-coded
 * credential, and `args` or a mount path may hold one too.
 */
import type { Template, TemplateInput } from '../runpod/types';

export interface TemplateUpdateSummary {
  /** Nothing the PATCH would send differs from the account template: no request is needed. */
  upToDate: boolean;
  /** `image unchanged; env: +A, ~B, -C; ports changed` (env keys only). */
  summary: string;
}

/** How many env keys are named before "and N more". */
const MAX_ENV_KEYS = 8;

/**
 * Compares the PATCH body (`patch`, the file's template fields) with the account template. Fields
 * the patch does not send stay as they are, so only the patch's fields count. The env is sent
 * whole and replaces the account's: `+KEY` added, `~KEY` value changed, `-KEY` removed.
 */
export function summarizeTemplateUpdate(existing: Template, patch: Partial<TemplateInput>): TemplateUpdateSummary {
  const parts: string[] = [];
  let changed = false;
  if (patch.image !== undefined) {
    const same = patch.image === existing.image;
    changed ||= !same;
    parts.push(same ? 'image unchanged' : 'image changed');
  }
  if (patch.env !== undefined) {
    const env = envChanges(existing.env ?? {}, patch.env);
    changed ||= env.length > 0;
    parts.push(env.length === 0 ? 'env unchanged' : `env: ${listed(env)}`);
  }
  const others = Object.keys(patch)
    .filter((field) => field !== 'name' && field !== 'image' && field !== 'env')
    .filter((field) => !sameValue((existing as unknown as Record<string, unknown>)[field], (patch as Record<string, unknown>)[field]));
  if (others.length > 0) changed = true;
  for (const field of others) parts.push(`${field} changed`);
  return { upToDate: !changed, summary: parts.join('; ') };
}

/** Added keys (`+KEY`) first, then changed (`~KEY`) in the file's order, then removed (`-KEY`) in the account's. */
function envChanges(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): string[] {
  const added: string[] = [];
  const changed: string[] = [];
  for (const [key, value] of Object.entries(after)) {
    if (!Object.hasOwn(before, key)) added.push(`+${key}`);
    else if (before[key] !== value) changed.push(`~${key}`);
  }
  const removed = Object.keys(before).filter((key) => !Object.hasOwn(after, key)).map((key) => `-${key}`);
  return [...added, ...changed, ...removed];
}

function listed(items: readonly string[]): string {
  if (items.length <= MAX_ENV_KEYS) return items.join(', ');
  return `${items.slice(0, MAX_ENV_KEYS).join(', ')} and ${items.length - MAX_ENV_KEYS} more`;
}

/** JSON equality with object keys in any order (arrays keep their order: RunPod stores it). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    return a.length === bs.length && a.every((x, i) => sameValue(x, bs[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao);
  return keys.length === Object.keys(bo).length && keys.every((k) => Object.hasOwn(bo, k) && sameValue(ao[k], bo[k]));
}
