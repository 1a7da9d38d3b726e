/**
 * The Launch Pod plan as pure functions, shared by the command line (`pods launch`) and the
 * extension's Launch Pod command: merge the env, check every secret reference against a fresh
 * secret list before anything is created, and build the exact `POST /v2/pods` body.
 *
 * Why a preflight at all: RunPod does not reject a reference to a missing secret. The Pod boots
 * with the literal `{{ RUNPOD_SECRET_x }}` text in its variable, a confusing runtime failure that
 * costs money, so the client refuses to launch instead (shared runpod-api.md, "Secret references").
 */
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { findReferencesInValue, isValidEnvKey, validateSecretName } from '../../../server/src/template/index';
import type { PodCreateInput } from '../runpod/types';

export type Env = Record<string, string>;

/**
 * Merges per key the way RunPod merges a Pod body's env over its template's: every template key
 * keeps its place, an override replaces its value, new keys follow in their own order.
 * Built with `Object.fromEntries` so a key like `__proto__` stays a plain key.
 */
export function mergeEnv(templateEnv: Readonly<Env> | undefined, overrides: Readonly<Env> | undefined): Env {
  const merged = new Map<string, string>();
  for (const [key, value] of Object.entries(templateEnv ?? {})) merged.set(key, value);
  for (const [key, value] of Object.entries(overrides ?? {})) merged.set(key, value);
  return Object.fromEntries(merged);
}

/** Why a reference blocks the launch. */
export type PreflightReason = 'unknown' | 'malformed' | 'noncanonical' | 'invalid-name';

/** One reference that would reach the Pod unresolved. Never carries a value, only key and name. */
export interface PreflightProblem {
  /** The environment variable holding the reference. */
  key: string;
  /** The secret name as written (may be empty for a malformed reference). */
  name: string;
  reason: PreflightReason;
  /** One sentence for the user: what is wrong and what to do. */
  message: string;
}

/**
 * Checks every `{{ RUNPOD_SECRET_x }}` of the final env against the account's secret names.
 * Only the canonical form is substituted by RunPod, so non-canonical spellings block too.
 * @param env the env the Pod will boot with (template env merged with the overrides)
 * @param secretNames names from a fresh listing (names are case-sensitive)
 * @returns the problems in env order; empty means the launch may proceed
 */
export function preflight(env: Readonly<Env>, secretNames: Iterable<string>): PreflightProblem[] {
  const known = new Set(secretNames);
  const problems: PreflightProblem[] = [];
  for (const [key, value] of Object.entries(env)) {
    if (typeof value !== 'string' || !value.includes('{{')) continue;
    for (const ref of findReferencesInValue(value, { variableKey: key })) {
      if (ref.form === 'malformed') {
        problems.push({ key, name: ref.name, reason: 'malformed', message: ref.malformationMessage ?? 'Malformed secret reference.' });
        continue;
      }
      const invalid = validateSecretName(ref.name);
      if (invalid) {
        problems.push({ key, name: ref.name, reason: 'invalid-name', message: invalid });
      } else if (ref.form === 'noncanonical') {
        problems.push({
          key,
          name: ref.name,
          reason: 'noncanonical',
          message: `RunPod only substitutes the canonical form: write ${ref.normalized ?? `{{ RUNPOD_SECRET_${ref.name} }}`}.`,
        });
      } else if (!known.has(ref.name)) {
        problems.push({ key, name: ref.name, reason: 'unknown', message: `No secret named "${ref.name}" exists in the account; create it first.` });
      }
    }
  }
  return problems;
}

/**
 * Fields of a template or Pod body kept in a `*.runpod.json` file that a Pod create accepts: the
 * Pod create body itself, except that the name may come from elsewhere and the env is always there.
 */
export interface TemplateFile extends Omit<PodCreateInput, 'name' | 'env'> {
  name?: string;
  env: Env;
}

/** Pod fields a file passes through unchanged, in the order the body lists them (after env). */
const LATE_POD_FIELDS = ['ports', 'mounts', 'dataCenterIds', 'startSsh', 'startJupyter'] as const;

/** Template-only fields the Pod create body has no place for (v2 rejects unknown fields with 422). */
const TEMPLATE_ONLY_FIELDS = ['$schema', 'args', 'registry', 'category', 'public', 'allowedCudaVersions'] as const;

/**
 * Reads a template file (the JSON of a v2 template or Pod body, see schemas/runpod-template.schema.json).
 * @returns the Pod-relevant fields and the names of template-only fields that will not be sent
 * @throws Error with a one-line message when the text is not such an object
 */
export function parseTemplateFile(text: string): { template: TemplateFile; dropped: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // Not JSON.parse's message: it quotes the text near the error, which may be a value.
    throw new Error(`not valid JSON${whereJsonBreaks(text)}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('expected a JSON object');
  const o = json as Record<string, unknown>;
  if (o['serverless'] === true) throw new Error('a serverless template cannot launch a Pod');
  const str = (field: string): string | undefined => {
    const v = o[field];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.length === 0) throw new Error(`"${field}" must be a non-empty string`);
    return v;
  };
  const env: Env = {};
  if (o['env'] !== undefined) {
    const e = o['env'];
    if (typeof e !== 'object' || e === null || Array.isArray(e)) throw new Error('"env" must be an object of strings');
    for (const [key, value] of Object.entries(e)) {
      // An invalid key may itself be a value (a URL with a password): named only when valid.
      if (typeof value !== 'string') throw new Error(`env ${isValidEnvKey(key) ? `"${key}"` : 'value'} must be a string`);
    }
  }
  const template: TemplateFile = { env: o['env'] === undefined ? env : mergeEnv(o['env'] as Env, undefined) };
  const name = str('name');
  if (name !== undefined) template.name = name;
  const image = str('image');
  if (image !== undefined) template.image = image;
  const templateId = str('templateId');
  if (templateId !== undefined) template.templateId = templateId;
  const cloud = o['cloud'];
  if (cloud !== undefined) {
    if (cloud !== 'SECURE' && cloud !== 'COMMUNITY') throw new Error('"cloud" must be SECURE or COMMUNITY');
    template.cloud = cloud;
  }
  const gpu = o['gpu'];
  if (gpu !== undefined) {
    const g = gpu as { id?: unknown; count?: unknown } | null;
    if (typeof g !== 'object' || g === null || typeof g.id !== 'string' || (g.count !== undefined && !isPositiveInt(g.count))) {
      throw new Error('"gpu" must be {"id": string, "count"?: positive integer}');
    }
    template.gpu = { id: g.id, count: (g.count as number | undefined) ?? 1 };
  }
  // Passed through as written: the API validates their shape and answers with a clear 422.
  copyDefined(template, o as Partial<TemplateFile>, ['cpu', 'disk', ...LATE_POD_FIELDS]);
  const dropped = TEMPLATE_ONLY_FIELDS.filter((f) => o[f] !== undefined && f !== '$schema');
  return { template, dropped };
}

/** ` (what, at line L, column C)` of the first JSON error, by position only; '' if none is found. */
function whereJsonBreaks(text: string): string {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (!first) return '';
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - before.lastIndexOf('\n');
  const what = printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return ` (${what} at line ${line}, column ${column})`;
}

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

/** Where the Pod's configuration comes from. */
export type LaunchSource =
  | { kind: 'template-id'; templateId: string }
  | { kind: 'template-file'; template: TemplateFile };

export interface LaunchOptions {
  /** Pod name (required by the API). */
  name: string;
  /** GPU type id from the catalog and count; falls back to the template file's `gpu`. */
  gpu?: { id: string; count: number };
  cloud?: 'SECURE' | 'COMMUNITY';
  /** Env overrides (an env file); they win per key. */
  env?: Env;
}

/**
 * Builds the `POST /v2/pods` body. With a template id only the overrides are sent: RunPod merges
 * them over the template's env itself (the body wins per key), and the template's other values
 * stay the template's. With a template file every Pod field of the file is sent, env merged here.
 * Keys are set only when they have a value, so the body holds no `undefined` the API would see.
 */
export function buildPodRequest(source: LaunchSource, options: LaunchOptions): PodCreateInput {
  const body: PodCreateInput = { name: options.name };
  const overrides = options.env ?? {};
  if (source.kind === 'template-id') {
    body.templateId = source.templateId;
    if (options.gpu) body.gpu = { ...options.gpu };
    if (options.cloud) body.cloud = options.cloud;
    if (Object.keys(overrides).length > 0) body.env = mergeEnv(undefined, overrides);
    return body;
  }
  const t = source.template;
  if (t.image !== undefined) body.image = t.image;
  if (t.templateId !== undefined) body.templateId = t.templateId;
  const gpu = options.gpu ?? t.gpu;
  if (gpu) body.gpu = { ...gpu };
  else if (t.cpu !== undefined) body.cpu = t.cpu;
  const cloud = options.cloud ?? t.cloud;
  if (cloud) body.cloud = cloud;
  if (t.disk !== undefined) body.disk = t.disk;
  const env = mergeEnv(t.env, overrides);
  if (Object.keys(env).length > 0) body.env = env;
  copyDefined(body, t, LATE_POD_FIELDS);
  return body;
}

/** Copies the named fields that have a value, so no key holds `undefined` the API would see. */
function copyDefined<T, K extends keyof T>(to: T, from: Partial<T>, keys: readonly K[]): void {
  for (const key of keys) {
    const value = from[key];
    if (value !== undefined) to[key] = value as T[K];
  }
}

/**
 * The env the Pod boots with: a template's env (when the body names a `templateId`) with the
 * body's env merged over it. This is what `preflight` must check.
 */
export function finalEnv(body: PodCreateInput, templateEnv: Readonly<Env> | undefined): Env {
  return mergeEnv(body.templateId ? templateEnv : undefined, body.env);
}
