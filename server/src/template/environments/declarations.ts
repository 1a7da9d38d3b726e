/**
 * The `runpod.environments` setting (and the command line's `--environment NAME=GLOB`): environment
 * name -> the files of that environment, and optionally the account it runs under, by name only.
 *
 * ```json
 * "runpod.environments": {
 *   "dev":  { "files": ["deploy/dev/*.runpod.env"], "account": "personal" },
 *   "prod": { "files": ["deploy/prod/*.runpod.env"], "account": "team" }
 * }
 * ```
 * `"dev": "deploy/dev/*.env"` and `"dev": ["a.env", "b.env"]` are short for `{ "files": ... }`.
 * Entries that do not fit are dropped one by one (one typo does not discard the rest) and said so,
 * without repeating their text: an `account` field may hold a key pasted into the wrong place.
 * An `account` that is not an account name is not dropped silently with its guard: its environment
 * is kept, marked {@link EnvironmentDeclaration.invalidAccount}, and every action the guard
 * protects refuses it rather than running under whichever account is active.
 */
import { count, grouped } from '../counts';
import { isUsableFileGlob, MAX_FILE_GLOBS, unusedGlobsProblem } from '../fileKinds';
import { canonicalEnvironment, isEnvironmentName, MAX_ENVIRONMENT_NAME_LENGTH } from './words';
import type { Surface } from '../nextSteps';

export interface EnvironmentDeclaration {
  /** Canonical environment name (`production` declared is `prod`). */
  name: string;
  /** Workspace-relative globs or paths (the `runpod.files` glob syntax). */
  files: readonly string[];
  /** The account this environment runs under: a name, never a key. */
  account?: string;
  /**
   * The setting gave an `account` that is not an account name (not kept: it may be a key). The
   * environment is refused by the account guard (client/src/launch/environmentChoice.ts) until
   * the setting is corrected: without it, the environment would run under any account.
   */
  invalidAccount?: true;
  /**
   * The workspace folder (a path or `file:` URI) the globs are relative to, set by a caller that
   * matches absolute paths (the language server: its folder's settings); a file outside it is
   * declared by none of them. Absent, paths are matched as given, already relative (the command
   * line: to the working directory; Compare Environments: to the workspace folder, whose name it
   * gives here in a window of several folders, where its paths start with that name).
   */
  folder?: string;
}

/**
 * At most this many environments and globs per environment are read; a setting is written by hand.
 * Every indexed file is matched against each glob (fileKinds.ts keeps them all compiled: MAX_COMPILED).
 */
const MAX_ENVIRONMENTS = 64;
/** What an environment name may be (words.ts isEnvironmentName), for messages. */
export const ENVIRONMENT_NAME_RULE = `an ASCII letter, then ASCII letters, digits, "_" or "-" (at most ${MAX_ENVIRONMENT_NAME_LENGTH})`;
export const MAX_GLOBS = 16;
/**
 * At most this many globs in all environments together, as many as `runpod.files` may hold: the
 * workspace index matches every file it walks against each (a declared file is indexed whatever
 * its name), and 1,024 globs took 43 s per 100,000 files where 64 take 1 s (measured on 2 cores).
 */
export const MAX_DECLARED_GLOBS = MAX_FILE_GLOBS;

export interface DeclarationsResult {
  declarations: EnvironmentDeclaration[];
  /** What was dropped, one sentence each, naming the environment (when its name is valid) and never a value. */
  problems: string[];
}

/**
 * Reads the setting's value.
 * @param isAccountName the account name rule (template/accountNames.ts; the extension and the
 *   language server pass it): an `account` it refuses marks its environment `invalidAccount`.
 *   Absent, no `account` is read at all.
 * @param surface where the declarations were written, named in what the limits leave out: the
 *   editor's setting, or runpod-check's `--environment` flags ({@link declarationsFromArguments})
 */
export function parseEnvironmentDeclarations(raw: unknown, isAccountName?: (name: string) => boolean, surface: Surface = 'editor'): DeclarationsResult {
  const declarations: EnvironmentDeclaration[] = [];
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { declarations, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { declarations, problems: ['runpod.environments must be an object: environment name -> files.'] };
  }
  const seen = new Set<string>();
  let globs = 0;
  const entries = Object.entries(raw as Record<string, unknown>);
  // Left out whole for the glob total: said in one summary with those past MAX_ENVIRONMENTS, not one line each.
  const overTotal: string[] = [];
  for (const [name, entry] of entries.slice(0, MAX_ENVIRONMENTS)) {
    if (!isEnvironmentName(name)) {
      problems.push(`An environment name is ${ENVIRONMENT_NAME_RULE}: one entry was ignored.`);
      continue;
    }
    const canonical = canonicalEnvironment(name);
    if (seen.has(canonical)) {
      problems.push(`Environment ${name} is declared twice (an alias of ${canonical} counts as ${canonical}): the later entry was ignored.`);
      continue;
    }
    const body = typeof entry === 'string' || Array.isArray(entry) ? { files: entry } : entry;
    if (typeof body !== 'object' || body === null) {
      problems.push(`Environment ${name}: expected { "files": [...], "account": "name" }; ignored.`);
      continue;
    }
    const { files: rawFiles, account } = body as { files?: unknown; account?: unknown };
    const list = typeof rawFiles === 'string' ? [rawFiles] : Array.isArray(rawFiles) ? rawFiles : [];
    // Cut before judging: a hostile list of thousands of globs is not compiled one by one.
    const files: string[] = [];
    const unused: number[] = [];
    list.slice(0, MAX_GLOBS).forEach((glob: unknown, i) => {
      if (isUsableFileGlob(glob)) files.push(glob.trim());
      else if (typeof glob === 'string' && glob.trim() !== '') unused.push(i + 1);
    });
    // By position and reason, never as written: a repository's settings write the glob.
    if (unused.length > 0) problems.push(unusedGlobsProblem(`Environment ${name}`, unused));
    if (list.length > MAX_GLOBS) problems.push(`Environment ${name}: only the first ${MAX_GLOBS} globs are used (${list.length} are listed).`);
    if (files.length > 0 && globs + files.length > MAX_DECLARED_GLOBS) {
      const left = MAX_DECLARED_GLOBS - globs;
      if (left === 0) {
        overTotal.push(name);
        continue;
      }
      problems.push(`Environment ${name}: the environments may declare ${MAX_DECLARED_GLOBS} globs in all; only its first ${left} are used.`);
      files.length = left;
    }
    if (files.length === 0) {
      problems.push(`Environment ${name} names no files (a glob or path, or a list of them); ignored.`);
      continue;
    }
    const declaration: EnvironmentDeclaration = { name: canonical, files };
    if (account !== undefined && isAccountName) {
      if (typeof account === 'string' && isAccountName(account)) declaration.account = account;
      else {
        declaration.invalidAccount = true;
        problems.push(`Environment ${name}: "account" must be the name of one of your RunPod accounts (not a key); until it is, ${canonical} refuses Launch Pod, Deploy Endpoint, Update Env and Push Template.`);
      }
    }
    seen.add(canonical);
    globs += files.length;
    declarations.push(declaration);
  }
  const summary = droppedSummary(overTotal, Math.max(0, entries.length - MAX_ENVIRONMENTS), surface);
  if (summary) problems.push(summary);
  return { declarations, problems };
}

/**
 * One sentence for every entry left out whole by the limits: `overTotal` (valid names) past the
 * glob total, `pastLimit` entries never read. A setting of 10,000 entries gets one warning, not one
 * per entry, and none is left out unsaid. It names the globs, so the language server logs it too.
 * It names what the reader wrote: an entry of the editor's setting, an environment of the command
 * line's flags (one per name, its flags added up); the command line has no settings.
 */
function droppedSummary(overTotal: readonly string[], pastLimit: number, surface: Surface): string | undefined {
  const total = overTotal.length + pastLimit;
  if (total === 0) return undefined;
  if (pastLimit === 0 && overTotal.length === 1) return `Environment ${overTotal[0]}: the environments may declare ${MAX_DECLARED_GLOBS} globs in all; it is ignored.`;
  const reasons: string[] = [];
  if (overTotal.length > 0) {
    const names = overTotal.length === 1 ? overTotal[0] : `${overTotal[0]} to ${overTotal.at(-1)}`;
    reasons.push(`${grouped(overTotal.length)} (${names}) past the ${MAX_DECLARED_GLOBS} globs the environments may declare in all`);
  }
  if (pastLimit > 0) reasons.push(`${grouped(pastLimit)} past the first ${MAX_ENVIRONMENTS} environments, the most whose globs are matched`);
  const dropped = surface === 'cli' ? `--environment: ${count(total, 'environment was', 'environments were')}` : `runpod.environments: ${count(total, 'entry was', 'entries were')}`;
  return `${dropped} ignored: ${reasons.join('; ')}.`;
}


/** Why an `--environment` argument is refused: no `NAME=` in front, the name, or the glob (fileKinds.ts UNUSABLE_GLOB_REASON). */
export type ArgumentFault = 'form' | 'name' | 'glob';

/**
 * The command line's `--environment NAME=GLOB` (repeatable; several globs of one name add up),
 * under the setting's limits and words (the first 16 globs of an environment, 64 in all), naming
 * the flag where the setting would be named: the editor and the command line read one environment alike.
 * @returns the declarations and what the limits left out, or the first argument that does not fit
 *   (by position and why, never echoed)
 */
export function declarationsFromArguments(specs: readonly string[]): DeclarationsResult | { wrong: number; fault: ArgumentFault } {
  const byName = new Map<string, string[]>();
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i]!;
    const eq = spec.indexOf('=');
    const name = eq > 0 ? spec.slice(0, eq).trim() : '';
    if (name === '') return { wrong: i + 1, fault: 'form' };
    if (!isEnvironmentName(name)) return { wrong: i + 1, fault: 'name' };
    const glob = spec.slice(eq + 1).trim();
    if (!isUsableFileGlob(glob)) return { wrong: i + 1, fault: 'glob' };
    const canonical = canonicalEnvironment(name);
    byName.set(canonical, [...(byName.get(canonical) ?? []), glob]);
  }
  // Own properties whatever the name (`constructor` is an environment name too).
  return parseEnvironmentDeclarations(Object.fromEntries(byName), undefined, 'cli');
}
