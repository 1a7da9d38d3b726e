/**
 * The env step and the summary show which keys the Pod gets, where each comes from, and which are
 * secret references. Plain values are never shown: one of them may be a credential written in
 * clear text, and the picker is on screen (screen sharing, recordings).
 */
import { closestName, findReferencesInValue } from '../../../server/src/template/index';
import type { Secret } from '../runpod/types';
import type { StoreState } from '../services';
import { foreseenProblems, mergeEnv, type Env, type ForeseenProblem } from './plan';

export type EnvOrigin = 'template' | 'file' | 'file-overrides-template';

export interface EnvItem {
  key: string;
  origin: EnvOrigin;
  /** Secret names the value references (canonical or not); empty for a plain value. */
  references: string[];
  /** What the check before the create will refuse in this key (`foreseenProblems`: preflight's one reason per reference). */
  problems: ForeseenProblem[];
  /** Referenced names the check will find missing from the account (reason `unknown`); empty while the list is unknown. */
  unknown: string[];
  /**
   * The `unknown` names the summary offers to create first (Enter): those the check has no "Did you
   * mean" for (the same closestName). A typo of an existing secret (`db_pasword`) is fixed by
   * renaming the reference, so Enter must not create a second secret under the typo; the summary's
   * Launch row then leads to the check, whose dialog offers Replace with (where the reference is in a
   * file) and Create secret for every missing name (a close but distinct MODEL_V2 beside MODEL_V1).
   */
  creatable: string[];
  /** Referenced names the check will refuse as written (malformed, or spaced in a way RunPod does not substitute). */
  notSubstituted: string[];
  /** One line: the reference(s) as written, or where the plain value comes from. */
  description: string;
}

/** Shown after a reference whose secret the account's list does not have. */
export const NOT_ON_ACCOUNT = '(not on your account)';
/** Shown after a reference RunPod would leave as literal text. */
const NOT_SUBSTITUTED = '(not substituted: fix the spelling)';
/** Shown after a reference whose name fails the secret name rule. */
const INVALID_NAME = '(invalid secret name)';

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
  // The check's own verdicts, so the marks, the counts and the Create rows cannot disagree with it.
  const problems = new Map<string, ForeseenProblem[]>();
  for (const p of foreseenProblems(mergeEnv(templateEnv, fileEnv), known)) {
    const list = problems.get(p.key);
    if (list) list.push(p);
    else problems.set(p.key, [p]);
  }
  // Frozen: names.ts reads its table once for every unknown name below (an open copy is compared name by name each time).
  const knownList = Object.freeze(known ? [...known] : []);
  return keys.map((key) => {
    const inFile = fileEnv !== undefined && Object.hasOwn(fileEnv, key);
    const origin: EnvOrigin = inFile ? (Object.hasOwn(templateEnv, key) ? 'file-overrides-template' : 'file') : 'template';
    const value = inFile ? fileEnv[key]! : templateEnv[key]!;
    const references = namesWritten(value);
    const own = problems.get(key) ?? [];
    const namesFor = (...reasons: ForeseenProblem['reason'][]) => [...new Set(own.filter((p) => reasons.includes(p.reason)).map((p) => p.name))];
    const unknown = namesFor('unknown');
    const creatable = unknown.filter((name) => closestName(name, knownList) === undefined);
    const item = { key, origin, references, problems: own, unknown, creatable, notSubstituted: namesFor('malformed', 'noncanonical') };
    const from = origin === 'template' ? 'from the template' : origin === 'file' ? 'from the env file' : 'from the env file (overrides the template)';
    return { ...item, description: references.length ? `${secretList(item)} · ${from}` : `value ${from}` };
  });
}

/** `secret a, secret b (not on your account)`: each name with the check's reason for it. */
function secretList(item: Pick<EnvItem, 'references' | 'problems'>): string {
  const marks = new Map<string, string>();
  for (const p of item.problems) {
    const mark = MARKS[p.reason];
    if (MARK_ORDER.indexOf(mark) < MARK_ORDER.indexOf(marks.get(p.name) ?? '')) marks.set(p.name, mark);
  }
  return item.references.map((n) => `secret ${n}${marks.has(n) ? ` ${marks.get(n)}` : ''}`).join(', ');
}

const MARKS: Record<ForeseenProblem['reason'], string> = { malformed: NOT_SUBSTITUTED, noncanonical: NOT_SUBSTITUTED, 'invalid-name': INVALID_NAME, unknown: NOT_ON_ACCOUNT };
/** A name refused more than one way in a value says the spelling first (creating the secret would not fix it); '' (none yet) last. */
const MARK_ORDER = [NOT_SUBSTITUTED, INVALID_NAME, NOT_ON_ACCOUNT, ''];

/**
 * Secret names written in a value, every `{{ RUNPOD_SECRET_... }}` however spaced and in order,
 * repeats kept: what Launch Pod lists for a key (secrets/references.ts referencedNames is another
 * rule: the names an account value uses, by the core's where-used reading).
 */
function namesWritten(value: string): string[] {
  return value.includes('{{') ? findReferencesInValue(value).flatMap((r) => (r.name === '' ? [] : [r.name])) : [];
}

/** `HF_TOKEN ← secret hf-token` for references (each the check refuses marked), the key alone otherwise. */
export function envKeyLine(item: Pick<EnvItem, 'key' | 'references' | 'problems'>): string {
  return item.references.length ? `${item.key} ← ${secretList(item)}` : item.key;
}
