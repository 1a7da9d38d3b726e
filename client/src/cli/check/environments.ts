/**
 * Environments on the command line: `--environment NAME=GLOB` (the `runpod.environments` setting's
 * counterpart), reading the walked files once for both `check` and `envs compare`, and the
 * environment rules run on each template's files together. The grouping and the rules are the
 * core's (server/src/template/environments).
 */
import { analyze, type Analysis, type SecretCatalog } from '../../../../server/src/template/index';
import { ENVIRONMENT_NAME_RULE } from '../../../../server/src/template/environments/declarations';
import { UNUSABLE_GLOB_REASON } from '../../../../server/src/template/fileKinds';
import {
  declarationsFromArguments,
  environmentFileOf,
  groupEnvironments,
  type EnvironmentDeclaration,
  type EnvironmentSource,
} from '../../../../server/src/template/environments/index';
import { ANALYSIS_LIMITS, stoppedEarly } from '../../../../server/src/template/analyze';
import { readFound } from './readFound';
import { wholeLengthOf } from '../../../../server/src/index/readFile';
import { UsageError } from '../errors';
import { withEnvironmentAccounts } from './accounts';
import type { FoundFile, SkippedPath } from './discover';

/**
 * The declarations of repeated `--environment NAME=GLOB` flags, with the accounts of repeated
 * `--environment-account NAME=ACCOUNT` flags (accounts.ts). What the setting's limits leave out
 * (more than 16 globs of one environment) is said on `stderr`, in the setting's words but naming the flag.
 * @throws UsageError naming the flag's position and what is wrong with it (never its text)
 */
export function environmentOptions(specs: readonly string[], command: string, accountSpecs: readonly string[], stderr: (text: string) => void): EnvironmentDeclaration[] {
  const parsed = declarationsFromArguments(specs);
  if ('wrong' in parsed) {
    const at = `--environment number ${parsed.wrong}`;
    const example = 'e.g. prod=deploy/prod/*.env';
    // The glob's reason is --files' (discover.ts): one rule, one wording.
    if (parsed.fault === 'glob') throw new UsageError(`${at}: its glob cannot be used: ${UNUSABLE_GLOB_REASON}`, command);
    if (parsed.fault === 'name') throw new UsageError(`${at}: the name must be ${ENVIRONMENT_NAME_RULE}, ${example}`, command);
    throw new UsageError(`${at} must be NAME=GLOB, ${example}`, command);
  }
  for (const problem of parsed.problems) stderr(`note: ${problem}\n`);
  return withEnvironmentAccounts(parsed.declarations, accountSpecs, command);
}

/**
 * `note: no file checked is of environment prd (...)`: the environments given on the command line
 * that no walked file is of, by name (the environment rule lets no markup through), one line; a
 * typo (`prd=team`) would otherwise leave prod's files judged as if nothing had been said.
 * Undefined when every one has a file.
 * @param paths the walked files as the --environment globs see them
 */
export function unmatchedEnvironmentsNote(declarations: readonly EnvironmentDeclaration[], paths: readonly string[]): string | undefined {
  if (declarations.length === 0) return undefined;
  const found = new Set<string>();
  for (const p of paths) {
    const environment = environmentFileOf(p, declarations)?.environment;
    if (environment !== undefined) found.add(environment);
  }
  const none = declarations.filter((d) => !found.has(d.name)).map((d) => d.name);
  return none.length === 0 ? undefined : `note: no file checked is of environment ${none.join(', ')} (--environment, --environment-account): check the names\n`;
}

/** The options every command that reads environments takes (check, envs compare, secrets usage). */
export const ENVIRONMENT_OPTIONS = {
  environment: { type: 'string', multiple: true },
  'environment-account': { type: 'string', multiple: true },
} as const;

export interface AnalyzedFile extends EnvironmentSource {
  found: FoundFile;
  analysis: Analysis;
  /** The analysis stopped before the file's end (a `file-too-large` problem): past the size (`text` is then its start, readFound.ts) or the count. */
  cut: boolean;
}

/**
 * Reads and analyzes each discovered file in turn, as the editor's workspace index does (readFound:
 * up to the analysis limit, a larger file analysed up to there with a `file-too-large` problem) and
 * hands it to `visit`, which keeps only what it needs: a walk of a large repository never holds
 * every file's text at once. `catalogOf` says which list a file is judged against (another
 * account's file: none, accounts.ts).
 * @param skipped receives the files not read (gone, or no longer a regular file), and why
 * @returns how many files were read
 */
export function forEachAnalyzed(files: readonly FoundFile[], catalogOf: (file: FoundFile) => SecretCatalog, skipped: SkippedPath[], visit: (file: AnalyzedFile) => void): number {
  let read = 0;
  for (const found of files) {
    const result = readFound(found);
    if (!result.ok) {
      skipped.push({ display: found.display, reason: result.reason });
      continue;
    }
    read++;
    const analysis = analyze(result.text, found.kind, catalogOf(found), ANALYSIS_LIMITS, wholeLengthOf(result));
    // The size cut is the analysis's too: it is given the whole file's size (wholeLengthOf).
    visit({ found, path: found.display, text: result.text, analysis, cut: stoppedEarly(analysis) });
  }
  return read;
}

/**
 * The walked files that are members of a template with several environments (found from the paths
 * alone, before any file is read): the ones `envs compare` reads (`check` holds back the files the
 * environment rules judge together, a wider set: filesJudgedTogether). By `pathOf` (as shown unless said).
 */
export function filesWithSiblings(files: readonly FoundFile[], declarations: readonly EnvironmentDeclaration[], pathOf: (file: FoundFile) => string = (f) => f.display): Set<string> {
  const groups = groupEnvironments(files.map(pathOf), declarations);
  return new Set(groups.flatMap((g) => [...g.shared, ...g.environments.flatMap((e) => e.files)]));
}
