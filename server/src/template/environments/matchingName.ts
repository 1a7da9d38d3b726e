/**
 * The quick fix of cross-environment-secret: the name of this environment's secret that matches
 * one named for another (in prod, `dev-db-password` -> `prod-db-password`), offered only when the
 * account has that secret; and shared-environment-secret's: the name of a secret of this
 * environment alone (`hf-token` in dev -> `hf-token-dev`). Pure.
 */
import { hasSecretNameCharsOnly, validateSecretName } from '../names';
import { canonicalEnvironment, isProductionEnvironment, nameSegments, wordsOfEnvironment, type NameSegment } from './words';

/** `word` written in the case of `like`: `PROD` for `DEV`, `Prod` for `Dev`, else lower case. */
function inCaseOf(word: string, like: string): string {
  if (like === like.toUpperCase() && like !== like.toLowerCase()) return word.toUpperCase();
  if (like[0] === like[0]!.toUpperCase() && like[0] !== like[0]!.toLowerCase()) return word[0]!.toUpperCase() + word.slice(1);
  return word;
}

/** `name` with each of `segments` replaced by `word` (in the segment's case). */
function replaced(name: string, segments: readonly NameSegment[], word: string): string {
  let out = '';
  let at = 0;
  for (const s of segments) {
    out += name.slice(at, s.start) + inCaseOf(word, name.slice(s.start, s.end));
    at = s.end;
  }
  return out + name.slice(at);
}

/** `name` without `segments`, each taking one separator with it (`db_password_dev` -> `db_password`). */
function removed(name: string, segments: readonly NameSegment[]): string {
  let out = '';
  let at = 0;
  for (const s of segments) {
    // The separator before the segment, or after it when the segment starts the name.
    const cut = s.start > at ? s.start - 1 : s.start;
    const end = s.start > at ? s.end : Math.min(name.length, s.end + 1);
    out += name.slice(at, cut);
    at = end;
  }
  return out + name.slice(at);
}

/**
 * The account's secret that `name` (referenced from `environment`'s file) should be: the name with
 * its other-environment segments replaced by a word of `environment` (`dev-db` -> `prod-db`, then
 * `production-db`), else, for the production environment only, without them (`db_password_dev` ->
 * `db_password`, the common way to name the production secret: into staging it would be prod's).
 * Undefined when the account has none of these.
 * @param extra environment names besides the vocabulary (words.ts)
 */
export function matchingNameFor(name: string, environment: string, known: ReadonlySet<string>, extra: readonly string[] = []): string | undefined {
  const others = nameSegments(name, extra).filter((s) => s.environment !== undefined && s.environment !== environment);
  if (others.length === 0) return undefined;
  const candidates = wordsOfEnvironment(environment).map((word) => replaced(name, others, word));
  if (isProductionEnvironment(environment)) candidates.push(removed(name, others));
  // The account holds it, so its characters are what matter (names.ts referenceNameProblem): a
  // secret made before the name rule (`2fa_seed`) is one RunPod substitutes.
  return candidates.find((c) => c !== name && known.has(c) && hasSecretNameCharsOnly(c));
}

/**
 * The name of a secret of `environment` alone for `name`, which several environments share: the
 * name marked with the environment (`hf-token` -> `hf-token-dev`, `db_password` -> `db_password_dev`,
 * in the name's own separator), so cross-environment-secret then guards it. Undefined in the
 * production environment, whose secret the unmarked name is by convention (matchingNameFor: the
 * other environments take marked names), and when the marked name is not a valid secret name.
 */
export function ownSecretName(name: string, environment: string): string | undefined {
  if (isProductionEnvironment(environment)) return undefined;
  const separator = name.includes('-') && !name.includes('_') ? '-' : '_';
  const own = `${name}${separator}${canonicalEnvironment(environment)}`;
  return validateSecretName(own) ? undefined : own;
}
