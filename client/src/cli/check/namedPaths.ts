/**
 * The files of a command that takes paths (`check`, `secrets usage`, `envs compare`), each path
 * named that cannot be taken (missing, a FIFO, a link loop or out of the folder, unreadable) said on
 * its own error line while the others are still read: one bad name in `check a.env b.env` must not
 * hide b's findings. The command then exits 2, as when the account could not be read: not all it
 * was asked to read was.
 */
import { pathText } from '../../../../server/src/template/displayText';
import { count } from '../../../../server/src/template/counts';
import { CliError, errorLine } from '../errors';
import type { Io } from '../io';
import { matchesFileGlobs } from '../../../../server/src/template/fileKinds';
import { discoverFiles, environmentPath, type DiscoverOptions, type Discovery, type SkippedPath } from './discover';
import { shortList } from './readFound';

/**
 * One line for everything the walk did not read: which paths and why, never their content; then
 * each remedy once, on its own line (a paragraph per deep path would bury the paths). Every format
 * says it so, on stderr: a remedy is for the user, not a finding.
 */
export function skippedNote(skipped: readonly SkippedPath[]): string {
  const shown = shortList(skipped.map((s) => `${s.display} (${s.reason})`), '; ');
  const remedies = new Set(skipped.flatMap((s) => (s.remedy === undefined ? [] : [s.remedy])));
  return `note: skipped ${count(skipped.length, 'path')}, not read: ${shown}\n${[...remedies].map((r) => `note: ${r}\n`).join('')}`;
}

/**
 * The `--files` globs no file found matched (a skipped one counts: the note says why it was not read),
 * by their place as the unusable glob's error names it. `--files` replaces the defaults, so a user adding
 * one glob repeats them, and most repositories have no `tests.json`: as eslint for its own defaults, only
 * a run where no glob matched anything fails (a typo in the only glob must not pass CI by the other files
 * alone); beside a glob that matched, one that did not is a warning. Globs are matched as the walk
 * matched them, by the path below the working directory.
 */
function unmatchedGlobs(cwd: string, globs: readonly string[], discovery: Discovery): { lines: string[]; fail: boolean } {
  const paths = [...discovery.files, ...discovery.skipped].map((f) => environmentPath(f.display, cwd));
  const lines = globs.flatMap((glob, i) =>
    paths.some((p) => matchesFileGlobs(p, [glob])) ? [] : [`--files glob ${i + 1} matched no file (globs are relative to the working directory; check the path, or name the files to read them whatever their name)`],
  );
  return { lines, fail: lines.length === globs.length };
}

/** Nothing named could be taken: `unread` holds every refused path's line, the last (the message) too. */
export class NothingReadError extends CliError {
  constructor(
    message: string,
    readonly unread: readonly string[],
  ) {
    super(message);
  }
}

/** No path named and nothing found: a repository may have none yet (exit 0, as ruff), but a CI job run in the wrong folder must see it. */
export const NOTHING_FOUND = 'warning: no RunPod file found in the working directory: no file read (run in the repository, name the folders to check, or pass --files GLOB)\n';

/**
 * discoverFiles (keepGoing, a folder named with no file in it refused), its refusals written to
 * stderr; with no path named and no file found, {@link NOTHING_FOUND}.
 * @param emptyResult the command's result with nothing read (`[]` under --json), printed on stdout
 *   before NothingReadError: one contract for a reader of stdout, a document then exit 2, whichever
 *   command it ran; undefined (text output) prints nothing
 * @returns `unread`: each refused path's line (`PATH: why`, as written to stderr); `incomplete` when there is one
 * @throws NothingReadError when nothing named could be taken (the last refusal; the others written first); CliError when a glob cannot be used
 */
export function discoverNamed(
  io: Io,
  paths: readonly string[],
  globs: readonly string[] | undefined,
  options: Omit<DiscoverOptions, 'keepGoing'>,
  emptyResult?: (unread: readonly string[]) => string,
): { discovery: Discovery; unread: string[]; incomplete: boolean } {
  let discovery: Discovery;
  try {
    discovery = discoverFiles(paths, io.cwd, globs, { ...options, keepGoing: true, refuseEmptyFolders: true });
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const refused = (discovery.refused ?? []).map((r) => `${pathText(r.display)}: ${r.reason}`);
  const last = discovery.files.length === 0 ? refused.pop() : undefined;
  // A glob matching nothing never stops the run by itself: its findings (none) are still printed, `[]` for --format json.
  const unmatched = unmatchedGlobs(io.cwd, globs ?? [], discovery);
  if (unmatched.fail) refused.push(...unmatched.lines);
  for (const line of refused) io.stderr(errorLine(line));
  if (!unmatched.fail) for (const line of unmatched.lines) io.stderr(`warning: ${line}\n`);
  if (last !== undefined) {
    // The caller's note of what was skipped is never reached: a named folder's only file may be a link.
    if (discovery.skipped.length > 0) io.stderr(skippedNote(discovery.skipped));
    const unread = [...refused, last];
    if (emptyResult) io.stdout(emptyResult(unread));
    throw new NothingReadError(last, unread);
  }
  // Globs given: each unmatched one has its line already, and the advice to pass --files would contradict it.
  if (paths.length === 0 && discovery.files.length === 0 && (globs ?? []).length === 0) io.stderr(NOTHING_FOUND);
  return { discovery, unread: refused, incomplete: refused.length > 0 };
}
