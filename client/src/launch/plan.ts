/**
 * The Launch Pod plan as pure functions, shared by the command line (`pods launch`) and the
 * extension's Launch Pod command: merge the env, check every secret reference against a fresh
 * secret list before anything is created, and build the exact `POST /v2/pods` body.
 *
 * Why a preflight at all: RunPod does not reject a reference to a missing secret. The Pod boots
 * with the literal `{{ RUNPOD_SECRET_x }}` text in its variable, a confusing runtime failure that
 * costs money, so the client refuses to launch instead (shared runpod-api.md, "Secret references").
 */
import { checkEnvEntries, formatReference, noncanonicalMessage, referenceNameProblem, substitutionOf, type EnvEntryCheck } from '../../../server/src/template/index';
import type { PodCreateInput } from '../runpod/types';
import type { Cloud } from '../runpod/clouds';

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
 * What RunPod will not substitute blocks (the core's `substitutionOf`: other spacing, malformed);
 * a canonical reference inside a longer value is allowed, its secret still checked.
 * @param env the env the Pod will boot with (template env merged with the overrides)
 * @param secretNames names from a fresh listing (names are case-sensitive)
 * @param entries the core's `checkEnvEntries(env)`, when the caller has it already
 * @param accountSuffix " (account prod)" when the editor holds several accounts (session.ts accountSuffixAmong): whose list lacks the name
 * @returns the problems in env order; empty means the launch may proceed
 */
export function preflight(env: Readonly<Env>, secretNames: Iterable<string>, entries: readonly EnvEntryCheck[] = checkEnvEntries(env), accountSuffix = ''): PreflightProblem[] {
  const known = new Set(secretNames);
  const problems: PreflightProblem[] = [];
  for (const { key, references } of entries) {
    for (const ref of references) {
      const substitution = substitutionOf(ref);
      if (substitution.kind === 'malformed') {
        problems.push({ key, name: ref.name, reason: 'malformed', message: ref.malformationMessage ?? 'Malformed secret reference.' });
        continue;
      }
      const invalid = referenceNameProblem(ref.name, known);
      if (invalid) {
        problems.push({ key, name: ref.name, reason: 'invalid-name', message: invalid });
      } else if (substitution.blocksLaunch) {
        problems.push({ key, name: ref.name, reason: 'noncanonical', message: noncanonicalMessage(ref.normalized ?? formatReference(ref.name)) });
      } else if (!known.has(ref.name)) {
        problems.push({ key, name: ref.name, reason: 'unknown', message: `No secret named "${ref.name}" exists in the account${accountSuffix}; create it first.` });
      }
    }
  }
  return problems;
}

/** A refusal of `preflight` without its message: what a summary foresees, per reference. */
export type ForeseenProblem = Pick<PreflightProblem, 'key' | 'name' | 'reason'>;

/**
 * What `preflight` will refuse in `env`, foreseen before the fresh list is fetched: against the
 * account's last known names, its answer; with no list known, only the refusals it makes whatever
 * the list holds. A reference's verdict depends on the list only through whether its own name is on
 * it, so those are the refusals preflight gives both with no name and with every referenced name.
 */
export function foreseenProblems(env: Readonly<Env>, known: ReadonlySet<string> | undefined): ForeseenProblem[] {
  const entries = checkEnvEntries(env);
  const strip = ({ key, name, reason }: PreflightProblem): ForeseenProblem => ({ key, name, reason });
  if (known) return preflight(env, known, entries).map(strip);
  const id = (p: ForeseenProblem) => `${p.key}\u0000${p.name}\u0000${p.reason}`;
  const everyName = entries.flatMap((e) => e.references.map((r) => r.name));
  const whateverTheList = new Set(preflight(env, everyName, entries).map(id));
  return preflight(env, [], entries).map(strip).filter((p) => whateverTheList.has(id(p)));
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
export const LATE_POD_FIELDS = ['ports', 'mounts', 'dataCenterIds', 'startSsh', 'startJupyter'] as const;

/** Where the Pod's configuration comes from. */
export type LaunchSource =
  | { kind: 'template-id'; templateId: string }
  | { kind: 'template-file'; template: TemplateFile };

export interface LaunchOptions {
  /** Pod name (required by the API). */
  name: string;
  /** GPU type id from the catalog and count; falls back to the template file's `gpu`. */
  gpu?: { id: string; count: number };
  cloud?: Cloud;
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
export function copyDefined<T, K extends keyof T>(to: T, from: Partial<T>, keys: readonly K[]): void {
  for (const key of keys) {
    const value = from[key];
    if (value !== undefined) to[key] = value as T[K];
  }
}

/**
 * The env a Pod (or an endpoint's workers) boots with: a template's env (when the body names a
 * `templateId`) with the body's env merged over it, as RunPod applies a template. This is what
 * `preflight` must check.
 */
export function finalEnv<B extends { templateId?: string; env?: Readonly<Env> }>(body: B, templateEnv: Readonly<Env> | undefined): Env {
  return mergeEnv(body.templateId ? templateEnv : undefined, body.env);
}
