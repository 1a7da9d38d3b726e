/**
 * What an update would change: Push Template on the account template, in a few words for the
 * confirmation ("image unchanged; env: +MODEL_ID, HF_TOKEN (secret hf-token -> secret hf-read),
 * -HF_HOME; ports changed"), and Update Endpoint field by field (`fieldChanges`, `changeLines`).
 * Pure; the one diff of the project.
 *
 * Only field names, env keys and the secrets an env value references are ever named, never a value
 * (`envValueText`): an env value may be a hard-coded credential, and `args` or a mount path may hold
 * one too. A `{{ RUNPOD_SECRET_x }}` reference is none: it names a secret, whose value RunPod keeps.
 */
import type { Template, TemplateInput } from '../runpod/types';
import { nameLabel } from '../ui/plainName';
import { usagesInValue } from '../../../server/src/template/workspace/facts';

export interface TemplateUpdateSummary {
  /** Nothing the PATCH would send differs from the account template: no request is needed. */
  upToDate: boolean;
  /** `image unchanged; env: +A, ~B, -C; ports changed` (env keys only). */
  summary: string;
}

/**
 * What a PATCH changes, field by field: the image with its old and new name, env by key (added,
 * value changed, removed; never a value), any other field by name. Fields the patch does not send
 * are absent; a sent field that is the same is `unchanged` (the summary says so).
 */
export type FieldChange =
  | { field: 'image'; change: 'changed' | 'unchanged'; old?: string; new: string }
  | { field: 'env'; key: string; change: 'added' | 'removed' }
  /** `before`/`after`: what each value is, in words that show no value (`envValueText`). */
  | { field: 'env'; key: string; change: 'changed'; before: string; after: string }
  | { field: 'env'; change: 'unchanged' }
  | { field: string; change: 'changed' };

/** The fields an update compares: a template, or anything with an image and an env (an endpoint). */
export interface Updatable {
  image?: string;
  env?: Readonly<Record<string, string>>;
}

/** How many env keys are named before "and N more". */
const MAX_ENV_KEYS = 8;
const ENV_MARK = { added: '+', changed: '~', removed: '-' } as const;

/**
 * Compares a PATCH body with what the account holds. Fields the patch does not send stay as they
 * are, so only the patch's fields count. The env is sent whole and replaces the account's.
 */
export function fieldChanges(existing: Updatable, patch: Readonly<Record<string, unknown>> & Updatable): FieldChange[] {
  const changes: FieldChange[] = [];
  if (patch.image !== undefined) {
    const same = patch.image === existing.image;
    changes.push({ field: 'image', change: same ? 'unchanged' : 'changed', ...(existing.image !== undefined ? { old: existing.image } : {}), new: patch.image });
  }
  if (patch.env !== undefined) {
    const env = envChanges(existing.env ?? {}, patch.env);
    changes.push(...(env.length === 0 ? [{ field: 'env', change: 'unchanged' } as const] : env));
  }
  const others = Object.keys(patch)
    .filter((field) => field !== 'name' && field !== 'image' && field !== 'env')
    .filter((field) => !sameValue((existing as Record<string, unknown>)[field], patch[field]));
  for (const field of others) changes.push({ field, change: 'changed' });
  return changes;
}

/** True when a change list changes nothing. */
export function isUpToDate(changes: readonly FieldChange[]): boolean {
  return changes.every((c) => c.change === 'unchanged');
}

/**
 * Compares the PATCH body (`patch`, the file's template fields) with the account template, in a
 * few words: `+KEY` added, `KEY (secret a -> secret b)` value changed, `-KEY` removed; other fields
 * by name only (`args` or a mount path may hold a credential).
 */
export function summarizeTemplateUpdate(existing: Template, patch: Partial<TemplateInput>): TemplateUpdateSummary {
  const changes = fieldChanges(existing, patch as Record<string, unknown>);
  const parts: string[] = [];
  const image = changes.find((c) => c.field === 'image');
  if (image) parts.push(image.change === 'unchanged' ? 'image unchanged' : 'image changed');
  const env = envMarks(changes);
  if (patch.env !== undefined) parts.push(env.length === 0 ? 'env unchanged' : `env: ${listed(env)}`);
  for (const c of changes) if (c.field !== 'image' && c.field !== 'env') parts.push(`${c.field} changed`);
  return { upToDate: isUpToDate(changes), summary: parts.join('; ') };
}

/**
 * The changes as lines for a confirmation (the endpoint update modal): the image as `old -> new`,
 * each env key on its own line with its mark, other fields by name. Never a value.
 */
export function changeLines(changes: readonly FieldChange[]): string[] {
  const lines: string[] = [];
  for (const c of changes) {
    if (c.field === 'image' && 'new' in c) {
      if (c.change === 'changed') lines.push(`image: ${c.old ?? '(none)'} -> ${c.new}`);
    } else if (c.field === 'env' && 'key' in c) {
      lines.push(`${ENV_MARK[c.change]}${c.key}  (env ${c.change === 'changed' ? `value: ${valueChange(c)}` : c.change})`);
    } else if (c.change === 'changed' && c.field !== 'env') lines.push(`${c.field} changed`);
  }
  return lines;
}

/**
 * `+A`, `B (secret a -> secret b)`, `-C` of the env changes, in the order fieldChanges lists them. A
 * key is named by the label rule (nameLabel): the account template's keys are the server's, and a
 * line break in one added a line of its choosing to Push Template's and Rename Secret's confirmations.
 */
function envMarks(changes: readonly FieldChange[]): string[] {
  return changes.flatMap((c) => {
    if (c.field !== 'env' || !('key' in c)) return [];
    return [c.change === 'changed' ? `${nameLabel(c.key)} (${valueChange(c)})` : `${ENV_MARK[c.change]}${nameLabel(c.key)}`];
  });
}

/** `secret a -> secret b`, or `plain value, changed` when the words for both are the same. */
function valueChange(c: { before: string; after: string }): string {
  return c.before === c.after ? `${c.after}, changed` : `${c.before} -> ${c.after}`;
}

/**
 * An env value in words that never show it: `secret a` for a value that is references alone,
 * `text with secret a` when other text is around them (it may be a credential), `plain value` for
 * one with no reference. References are read by the account's where-used rule (usagesInValue); a
 * secret's name by the label rule (an account template's value is the server's text).
 */
export function envValueText(value: unknown): string {
  // A broken server's env may hold a number or an object: no reference, and not shown either.
  if (typeof value !== 'string') return 'plain value';
  const refs = usagesInValue(value);
  if (refs.length === 0) return 'plain value';
  const secrets = [...new Set(refs.map((ref) => `secret ${nameLabel(ref.name)}`))].join(', ');
  let rest = '';
  let last = 0;
  for (const { decodedSpan } of refs) {
    rest += value.slice(last, decodedSpan.start);
    last = decodedSpan.end;
  }
  rest += value.slice(last);
  return rest.trim() === '' ? secrets : `text with ${secrets}`;
}

/** Added keys first, then changed in the new env's order, then removed in the old env's. */
function envChanges(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): FieldChange[] {
  const added: FieldChange[] = [];
  const changed: FieldChange[] = [];
  for (const [key, value] of Object.entries(after)) {
    if (!Object.hasOwn(before, key)) added.push({ field: 'env', key, change: 'added' });
    else if (before[key] !== value) changed.push({ field: 'env', key, change: 'changed', before: envValueText(before[key]), after: envValueText(value) });
  }
  const removed = Object.keys(before)
    .filter((key) => !Object.hasOwn(after, key))
    .map((key): FieldChange => ({ field: 'env', key, change: 'removed' }));
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
