/**
 * Everything reported before a Pod is created or a template pushed: the plan's reference preflight
 * against a fresh secret list (blocking), more than 50 variables (blocking: RunPod would reject
 * it), and credentials written in plain text (a warning the user may launch past). The env is
 * checked as key/value pairs by the core (`checkEnvEntries`), whatever its origin; each finding
 * that comes from a file carries the offset to open it at, found with the core's reader for it.
 */
import { analyzeReferences } from '../../../server/src/template/analyze';
import { checkEnvEntries, closestName, invalidKeyMessage, MAX_POD_ENV_VARIABLES, variableLimitText, type DocumentKind } from '../../../server/src/template/index';
import { crossingUsers, namedReferences } from '../../../server/src/template/environments/rules';
import { preflight, type Env, type PreflightProblem } from './plan';

/** A file the env came from, so findings can point into it. Later sources win per key. */
export interface EnvSource {
  /** Opaque id the adapter maps back to a document (a URI string). */
  id: string;
  /** Short name for messages. */
  label: string;
  text: string;
  kind: Extract<DocumentKind, 'runpod-env' | 'runpod-json' | 'dotenv' | 'hub-json'>;
}

export interface Location {
  sourceId: string;
  offset: number;
}

export interface BlockingFinding extends PreflightProblem {
  /** Where the reference is written: the `{{` of it in the file that decides the key. */
  location?: Location;
  /** For an unknown secret: the account's name closest to it (the core's closestName), if any is close. */
  suggestion?: string;
}

export interface CredentialFinding {
  key: string;
  /** What it looks like ("Hugging Face token", "credential"); never the value. */
  label: string;
  location?: Location;
}

/** A key outside the env-key rule that the request would send: never shown (it may be a value). */
export interface KeyFinding {
  key: string;
  /** The invalid-key diagnostic's words (names.ts isEnvKey). */
  message: string;
  /** Where the key is written: its start in the file that decides it. */
  location?: Location;
}

/** A reference to a secret named for another environment than the one launched (cross-environment-secret's rule). */
export interface CrossingFinding {
  key: string;
  name: string;
  /** The environments the name marks. */
  marked: string[];
  location?: Location;
}

/** The environment a flow creates for, and the workspace's environment names (declared ones are environment words too). */
export interface TargetEnvironment {
  name: string;
  environments: readonly string[];
}

export interface CheckReport {
  /** Unknown/malformed references: the launch must not go ahead. */
  blocking: BlockingFinding[];
  /** Set when a key the request sends breaks the env-key rule: the launch must not go ahead. */
  invalidKeys?: KeyFinding[];
  /** Set when the env has more variables than a Pod accepts (the limit is said by variableLimitText). */
  tooMany?: { count: number };
  /** Values that look like credentials in plain text. */
  credentials: CredentialFinding[];
  /** Set when a reference names a secret of another environment than the one launched: a warning, as credentials are. */
  crossing?: CrossingFinding[];
}

/** Whether the report holds warnings the user must consent to (plain credentials, another environment's secret). */
export function hasWarnings(report: CheckReport): boolean {
  return report.credentials.length > 0 || (report.crossing?.length ?? 0) > 0;
}

/** True when nothing stops the launch (credential warnings still need the user's consent). */
export function isClear(report: CheckReport): boolean {
  return report.blocking.length === 0 && report.tooMany === undefined && report.invalidKeys === undefined;
}

/** Where each key of a source sits: value start, and reference starts by secret name. */
interface Located {
  keyStart: number;
  valueStart: number;
  references: { name: string; start: number }[];
}

/** Keys of a source with their positions, from the core's reader for the source's kind (env lines or JSON). */
function locate(source: EnvSource): Map<string, Located> {
  const out = new Map<string, Located>();
  const { variables, references } = analyzeReferences(source.text, source.kind);
  variables.forEach((v, i) => {
    // The last definition of a key wins, as in the env a consumer builds from the file.
    out.set(v.key, { keyStart: v.keySpan.start, valueStart: v.valueSpan.start, references: (references[i] ?? []).map((r) => ({ name: r.name, start: r.span.start })) });
  });
  return out;
}

/**
 * Runs every check on the final env.
 * @param env the env the Pod boots with (or the template will hold)
 * @param secretNames names from a fresh listing
 * @param sources files the env came from, lowest precedence first
 * @param sent the env the request itself carries, whose keys must follow the env-key rule (the
 *   editor never sends a key it marks invalid); default `env`. A create naming a template sends
 *   only its own env: the template's keys are RunPod's already, and the user may not change them here.
 * @param options.environment the environment the Pod or workers run as, when the flow knows one: a secret
 *   named for another (`db_password_dev` in prod) is a warning, as cross-environment-secret is in the file
 * @param options.accountSuffix whose list `secretNames` is, in preflight's words (the editor's flows, while several accounts are held)
 */
export function checkEnv(
  env: Readonly<Env>,
  secretNames: Iterable<string>,
  sources: readonly EnvSource[] = [],
  sent: Readonly<Env> = env,
  { environment, accountSuffix = '' }: { environment?: TargetEnvironment; accountSuffix?: string } = {},
): CheckReport {
  const located = sources.map((source) => ({ source, keys: locate(source) }));
  /** Where a key is decided: the last source that defines it. */
  const where = (key: string): { sourceId: string; at: Located } | undefined => {
    for (let i = located.length - 1; i >= 0; i--) {
      const at = located[i]!.keys.get(key);
      if (at) return { sourceId: located[i]!.source.id, at };
    }
    return undefined;
  };

  // Frozen: names.ts reads its table once for the preflight and every suggestion below.
  const names = Object.freeze([...secretNames]);
  const entries = checkEnvEntries(env);
  /** How many findings each key/name pair had so far: the n-th finding sits at the n-th such reference. */
  const seenRefs = new Map<string, number>();
  const blocking: BlockingFinding[] = preflight(env, names, entries, accountSuffix).map((problem) => {
    const suggestion = problem.reason === 'unknown' ? closestName(problem.name, names) : undefined;
    const finding: BlockingFinding = suggestion ? { ...problem, suggestion } : { ...problem };
    const owner = where(problem.key);
    if (!owner) return finding;
    const pair = `${problem.key}\u0000${problem.name}`;
    const nth = seenRefs.get(pair) ?? 0;
    seenRefs.set(pair, nth + 1);
    const ref = owner.at.references.filter((r) => r.name === problem.name)[nth] ?? owner.at.references[0];
    return { ...finding, location: { sourceId: owner.sourceId, offset: ref?.start ?? owner.at.valueStart } };
  });

  const count = Object.keys(env).length;
  const report: CheckReport = { blocking, credentials: [] };
  if (count > MAX_POD_ENV_VARIABLES) report.tooMany = { count };
  const invalidKeys: KeyFinding[] = [];
  for (const key of Object.keys(sent)) {
    const message = invalidKeyMessage(key);
    if (message === undefined) continue;
    const owner = where(key);
    invalidKeys.push(owner ? { key, message, location: { sourceId: owner.sourceId, offset: owner.at.keyStart } } : { key, message });
  }
  if (invalidKeys.length > 0) report.invalidKeys = invalidKeys;

  // Exactly what will be sent, whatever its origin (account template, file, or both).
  for (const { key, credential } of entries) {
    if (!credential) continue;
    const finding: CredentialFinding = { key, label: credential.label };
    const owner = where(key);
    if (owner) finding.location = { sourceId: owner.sourceId, offset: owner.at.valueStart };
    report.credentials.push(finding);
  }
  const crossing: CrossingFinding[] = [];
  for (const { key, references } of environment ? entries : []) {
    for (const r of namedReferences(references)) {
      const { marked, crossing: users } = crossingUsers(r.name, environment!.environments, [environment!.name]);
      if (users.length === 0) continue;
      const owner = where(key);
      const at = owner?.at.references.find((ref) => ref.name === r.name)?.start ?? owner?.at.valueStart;
      crossing.push(owner && at !== undefined ? { key, name: r.name, marked, location: { sourceId: owner.sourceId, offset: at } } : { key, name: r.name, marked });
    }
  }
  if (crossing.length > 0) report.crossing = crossing;
  return report;
}

/** What would boot with the env: a launch or push makes a Pod, a deploy or update an endpoint's workers. */
export type CheckTarget = 'the Pod' | 'the workers';

/** Why an env with too many variables is refused, in the editor and on the command line alike. */
export function tooManyMessage(tooMany: NonNullable<CheckReport['tooMany']>, target: CheckTarget): string {
  return `${variableLimitText(target)}; this env has ${tooMany.count}.`;
}

/** One line per finding for a notification or modal detail; names and keys only, never values. */
export function describeReport(report: CheckReport, target: CheckTarget, labelOf: (sourceId: string) => string = (id) => id): string[] {
  const lines: string[] = [];
  for (const b of report.blocking) {
    const where = b.location ? ` (${labelOf(b.location.sourceId)})` : '';
    const what = b.reason === 'unknown' ? `unknown secret "${b.name}"` : b.reason === 'malformed' ? 'malformed reference' : b.reason === 'noncanonical' ? `non-canonical reference to "${b.name}"` : `invalid secret name "${b.name}"`;
    lines.push(`${b.key}: ${what}${where}. ${b.message}${b.suggestion ? ` Did you mean "${b.suggestion}"?` : ''}`);
  }
  if (report.tooMany) lines.push(tooManyMessage(report.tooMany, target));
  // The key is not shown: an invalid key may be a value (a URL with a password before a `=`).
  for (const k of report.invalidKeys ?? []) lines.push(`A variable name${k.location ? ` (${labelOf(k.location.sourceId)})` : ''}: ${k.message}`);
  for (const c of report.credentials) {
    const article = /^[aeiou]/i.test(c.label) ? 'an' : 'a';
    lines.push(`${c.key}: looks like ${article} ${c.label} in plain text${c.location ? ` (${labelOf(c.location.sourceId)})` : ''}. Move it into a RunPod secret.`);
  }
  for (const x of report.crossing ?? []) {
    const whose = x.marked.length === 1 ? `${x.marked[0]}'s` : "another environment's";
    lines.push(`${x.key}: secret "${x.name}" is named for ${x.marked.join(' and ')}${x.location ? ` (${labelOf(x.location.sourceId)})` : ''}; ${target} would boot with ${whose} secret.`);
  }
  return lines;
}

/** Distinct names of unknown secrets, in first-seen order: one "Create secret x" action each. */
export function missingSecretNames(report: CheckReport): string[] {
  return [...new Set(report.blocking.filter((b) => b.reason === 'unknown').map((b) => b.name))];
}

/** A button of the findings dialog that fixes a missing secret: rename the reference, or create the secret. */
export type SecretAction = { kind: 'replace'; name: string; to: string; label: string } | { kind: 'create'; name: string; label: string };

/**
 * The secret buttons of the findings dialog, at most `max`: per unknown name in first-seen order,
 * "Replace with <suggestion>" when the reference can be renamed in its file (`canReplace`), then
 * "Create secret <name>". The replace label names the typo too when several names are missing.
 */
export function secretActions(report: CheckReport, canReplace: (name: string, to: string) => boolean, max: number): SecretAction[] {
  const missing = missingSecretNames(report);
  const actions: SecretAction[] = [];
  for (const name of missing) {
    const to = report.blocking.find((b) => b.reason === 'unknown' && b.name === name && b.suggestion)?.suggestion;
    if (to && canReplace(name, to)) actions.push({ kind: 'replace', name, to, label: missing.length === 1 ? `Replace with ${to}` : `Replace ${name} with ${to}` });
    actions.push({ kind: 'create', name, label: `Create secret ${name}` });
  }
  return actions.slice(0, max);
}
