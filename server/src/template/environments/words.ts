/**
 * Which words name an environment, in file names (`train.prod.runpod.env`) and in secret names
 * (`db_password_prod`): the one vocabulary for grouping files, the cross-environment rule and its
 * quick fix. Words are compared in lower case; aliases name one environment (`production` is
 * `prod`), so `train.production.runpod.env` and `prod-db-password` are the same environment.
 *
 * A fixed list rather than "any word": a file name's last dot-separated word and a secret name's
 * segments are also model names, regions and versions (`train.gpu.runpod.env`, `llama.3`), and
 * reading those as environments would compare files that differ on purpose. A word of the
 * `runpod.environments` setting joins the list for the files and secrets it concerns.
 */

/** The production environment's words: the one a name without an environment word usually means. */
const PRODUCTION = ['prod', 'production'];

/** Each environment with the words that name it, the canonical (shortest usual) word first. */
const ENVIRONMENTS: readonly (readonly string[])[] = [
  ['dev', 'development', 'develop'],
  PRODUCTION,
  ['staging', 'stage', 'stg'],
  ['test', 'testing'],
  ['qa'],
  ['uat'],
  ['preprod'],
  ['sandbox'],
  ['local'],
];

/** Every environment word, canonical words first in each group (`dev, development, develop, prod, ...`), for help texts. */
export const ENVIRONMENT_WORDS: readonly string[] = Object.freeze(ENVIRONMENTS.flat());

const CANONICAL = new Map<string, string>();
const WORDS_OF = new Map<string, readonly string[]>();
for (const words of ENVIRONMENTS) {
  for (const word of words) CANONICAL.set(word, words[0]!);
  WORDS_OF.set(words[0]!, words);
}

/** Longest environment name taken from a file name or the setting; longer text is not one. */
export const MAX_ENVIRONMENT_NAME_LENGTH = 32;

/** An environment name as the setting may declare it: a letter, then letters, digits, `_` or `-`. */
const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Whether `name` can name an environment (the setting's rule; no separator of file or secret names). */
export function isEnvironmentName(name: string): boolean {
  return name.length <= MAX_ENVIRONMENT_NAME_LENGTH && NAME.test(name);
}

/**
 * The environment a word names: its canonical word for the vocabulary (`production` -> `prod`),
 * the word itself (lower case) when `extra` declares it, else undefined.
 * @param extra environment names declared by the user or found beside the file (any case)
 */
export function environmentOfWord(word: string, extra: readonly string[] = []): string | undefined {
  const lower = word.toLowerCase();
  const known = CANONICAL.get(lower);
  if (known) return known;
  for (const name of extra) if (canonicalEnvironment(name) === lower) return lower;
  return undefined;
}

/** The canonical form of an environment name: the vocabulary's word for an alias, else the name in lower case. */
export function canonicalEnvironment(name: string): string {
  const lower = name.toLowerCase();
  return CANONICAL.get(lower) ?? lower;
}

/** Whether `name` is the production environment (`prod`, `Production`): the one an unmarked secret name (`db_password`) is for. */
export function isProductionEnvironment(name: string): boolean {
  return canonicalEnvironment(name) === PRODUCTION[0];
}

/** The words that name an environment, canonical first (`prod`, `production`); a declared one names itself. */
export function wordsOfEnvironment(name: string): readonly string[] {
  const canonical = canonicalEnvironment(name);
  return WORDS_OF.get(canonical) ?? [canonical];
}

/** One segment of a secret name: `[start, end)` in the name, between `-`, `_`, `.` and `/`. */
export interface NameSegment {
  start: number;
  end: number;
  /** The environment the segment names (canonical), if any. */
  environment?: string;
}

function isSeparator(c: number): boolean {
  return c === 45 || c === 95 || c === 46 || c === 47; // - _ . /
}

/**
 * The segments of a secret name, split on `-`, `_`, `.` and `/` (the separators RunPod allows), each
 * with the environment it names. Whole segments only: `devices`, `prodigy` and `devops` name none.
 * @param extra environment names besides the vocabulary (declared, or the files' own)
 */
export function nameSegments(name: string, extra: readonly string[] = []): NameSegment[] {
  const out: NameSegment[] = [];
  let start = 0;
  for (let i = 0; i <= name.length; i++) {
    if (i < name.length && !isSeparator(name.charCodeAt(i))) continue;
    if (i > start) {
      const word = name.slice(start, i);
      const environment = word.length <= MAX_ENVIRONMENT_NAME_LENGTH ? environmentOfWord(word, extra) : undefined;
      out.push(environment ? { start, end: i, environment } : { start, end: i });
    }
    start = i + 1;
  }
  return out;
}

/** The environments a secret name marks (canonical, in order of appearance, without repeats). */
export function environmentsInName(name: string, extra: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const s of nameSegments(name, extra)) if (s.environment && !out.includes(s.environment)) out.push(s.environment);
  return out;
}
