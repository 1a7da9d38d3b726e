/**
 * `envs compare [paths...] [--json]`: keys x environments of each template with several
 * environments (the core's comparison, as the editor's Compare Environments shows it): which
 * secret each environment uses, what is missing, what crosses, what differs. Plain values are
 * shown as `(plain value)`, never read out. Exit 1 when a key is missing or a secret crosses.
 * No API call: the comparison needs no secret list. The active account (--account, as every
 * command takes it) is the one an environment that declares none runs under, as the editor's is.
 */
import { count } from '../../../server/src/template/counts';
import {
  cellText,
  compareEnvironments,
  rowStatus,
  type EnvironmentComparison,
} from '../../../server/src/template/environments/index';
import { flag, parseCommandArgs, strs } from './args';
import { environmentPath, type FoundFile, type SkippedPath } from './check/discover';
import { discoverNamed, skippedNote } from './check/namedPaths';
import { cutNote } from './check/readFound';
import { ENVIRONMENT_OPTIONS, environmentOptions, filesWithSiblings, forEachAnalyzed, unmatchedEnvironmentsNote, type AnalyzedFile } from './check/environments';
import { NO_CATALOG } from './check/accounts';
import { chooseAccountName, unknownAccountProblem } from './keySource';
import { CliError, EXIT, UsageError } from './errors';
import { helpFor } from './help';
import type { Io } from './io';
import { formatTable, sanitize } from './table';
import { pathText } from '../../../server/src/template/displayText';
import { comparisonHeading, comparisonHeadings, type Heading } from '../environments/comparisonHeading';

export async function envsCommand(argv: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout(helpFor('envs'));
    return sub === undefined ? EXIT.failure : EXIT.ok;
  }
  if (sub !== 'compare') throw new UsageError(`unknown envs command "${sanitize(sub)}"`, 'envs');
  const parsed = parseCommandArgs(
    rest,
    { json: { type: 'boolean' }, files: { type: 'string', multiple: true }, ...ENVIRONMENT_OPTIONS },
    'envs compare',
  );
  if (flag(parsed, 'help')) {
    io.stdout(helpFor('envs compare'));
    return EXIT.ok;
  }
  // Accounts are shown per environment (the editor's words); the comparison itself needs no secret list.
  const declarations = environmentOptions(strs(parsed, 'environment'), 'envs compare', strs(parsed, 'environment-account'), io.stderr);
  // Only its name (whether one secret name in two environments is two secrets, rowStatus): no key is looked up.
  const chosen = chooseAccountName(io.env, io.global);
  if (chosen.kind === 'error') throw new CliError(chosen.message);
  // A typo would show every environment that declares an account as another account's.
  const unknown = unknownAccountProblem(io.env, io.global ?? {}, declarations.flatMap((d) => (d.account === undefined ? [] : [d.account])));
  if (unknown) throw new CliError(unknown);
  const active = chosen.account;
  const globs = strs(parsed, 'files');
  const json = flag(parsed, 'json');
  // Nothing named read: no comparison, `[]` under --json before the exit 2, as `check` prints its empty result.
  const { discovery, incomplete } = discoverNamed(io, parsed.positionals, globs.length > 0 ? globs : undefined, { declared: declarations }, json ? () => comparisonsJson([], active) : undefined);
  const skipped: SkippedPath[] = [...discovery.skipped];
  const files: AnalyzedFile[] = [];
  // Files are grouped and compared by the path the --environment globs see (`.runpod/vars/dev.txt`
  // run inside a folder named .runpod, as the editor matches runpod.environments), shown as found.
  const globPath = (f: FoundFile): string => environmentPath(f.display, io.cwd);
  const shown = new Map(discovery.files.map((f) => [globPath(f), f.display]));
  const unmatched = unmatchedEnvironmentsNote(declarations, [...shown.keys()]);
  if (unmatched) io.stderr(unmatched);
  // Only the files of templates with several environments are read at all.
  const withSiblings = filesWithSiblings(discovery.files, declarations, globPath);
  const candidates = discovery.files.filter((f) => withSiblings.has(globPath(f)));
  forEachAnalyzed(candidates, () => NO_CATALOG, skipped, (file) => files.push({ ...file, path: globPath(file.found) }));
  if (skipped.length > 0) io.stderr(skippedNote(skipped));
  // Keys past the cut are not seen: say so, or a key missing there looks missing everywhere.
  const cut = files.filter((f) => f.cut).map((f) => f.path);
  if (cut.length > 0) io.stderr(cutNote(cut, 'compared'));

  const comparisons = compareEnvironments(files, declarations).map((c) => shownAs(c, (p) => shown.get(p) ?? p));
  // Headed together: a title two templates share is told apart (comparisonHeading.ts).
  const headings = comparisonHeadings(comparisons);
  if (json) io.stdout(comparisonsJson(comparisons, active, headings));
  else if (comparisons.length > 0) io.stdout(comparisons.map((c, i) => formatComparison(c, active, headings[i])).join('\n'));
  if (comparisons.length === 0) {
    io.stderr(
      'note: no template with two or more environments found. Name env files for their environment ' +
        '(train.dev.runpod.env, train.prod.runpod.env) or declare them: --environment prod=deploy/prod/*.env\n',
    );
  }
  const missing = comparisons.reduce((n, c) => n + c.missing, 0);
  const crossing = comparisons.reduce((n, c) => n + c.crossing, 0);
  if (comparisons.length > 0) {
    io.stderr(
      `${count(comparisons.length, 'template')} compared: ${count(missing, 'key')} missing somewhere, ` +
        `${count(crossing, 'secret')} named for another environment\n`,
    );
  }
  // A path named and not read: the comparison is not of all it was asked for.
  return incomplete ? EXIT.failure : missing > 0 || crossing > 0 ? EXIT.findings : EXIT.ok;
}

/** The --json document of `envs compare`: one entry per template compared. */
function comparisonsJson(comparisons: readonly EnvironmentComparison[], active: string | undefined, headings: readonly Heading[] = []): string {
  return `${JSON.stringify(comparisons.map((c, i) => toJson(c, active, headings[i]?.title ?? c.template)), null, 2)}\n`;
}

/** A comparison with its files' paths as `show` gives them. */
function shownAs(c: EnvironmentComparison, show: (path: string) => string): EnvironmentComparison {
  return { ...c, environments: c.environments.map((e) => ({ ...e, files: e.files.map(show) })), shared: c.shared.map(show) };
}

/**
 * One template: its heading (comparisonHeading.ts, as the editor heads it), then the table.
 * @param active the active account's name, when the run names one (rowStatus)
 * @param heading its heading among the others shown (comparisonHeadings); alone, its own
 */
export function formatComparison(c: EnvironmentComparison, active?: string, heading: Heading = comparisonHeading(c)): string {
  // File names and the names built from them are the repository's: one line each, breaks escaped.
  const list = (paths: readonly string[]) => paths.map(pathText).join(', ');
  // The editor's heading (comparisonHeading.ts), on one line.
  const { title, entries } = heading;
  const files = entries.map(({ name, files, account }) => `${sanitize(name)}: ${list(files)}${account ? ` (${sanitize(account)})` : ''}`);
  const header = `${pathText(title)}  (${files.join('; ')})\n`;
  const rows = c.rows.map((r) => [r.key, ...r.cells.map(cellText), rowStatus(r, c.environments, active)]);
  return header + formatTable(['KEY', ...c.environments.map((e) => e.name), 'STATUS'], rows, '(no variables)');
}

/**
 * The JSON shape: each row's cells named by environment, with the same status text as the table.
 * `template` is the core's label (`app`: two templates can share it); `heading` the title the text
 * and the editor head it with (comparisonHeadings), told apart from another of one label by its
 * first file's folder (`app (deploy/dev/)`, relative to the working directory): the key for scripts.
 */
function toJson(c: EnvironmentComparison, active: string | undefined, heading: string) {
  return {
    template: c.template,
    heading,
    environments: c.environments,
    shared: c.shared,
    rows: c.rows.map((r) => ({
      key: r.key,
      cells: Object.fromEntries(r.cells.map((cell, i) => [c.environments[i]!.name, cell])),
      missingIn: r.missingIn,
      crosses: r.crosses,
      differs: r.differs,
      status: rowStatus(r, c.environments, active),
    })),
    missing: c.missing,
    crossing: c.crossing,
    differing: c.differing,
  };
}
