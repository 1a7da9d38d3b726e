/**
 * The files of a command that takes paths (`check`, `secrets usage`, `envs compare`), each path
 * named that cannot be taken (missing, a FIFO, a link loop or out of the folder, unreadable) said on
 * its own error line while the others are still read: one bad name in `check a.env b.env` must not
 * hide b's findings. The command then exits 2, as when the account could not be read: not all it
 * was asked to read was.
 */
import { pathText } from '../../../../server/src/template/displayText';
import { CliError, errorLine } from '../errors';
import type { Io } from '../io';
import { discoverFiles, type DiscoverOptions, type Discovery } from './discover';

/**
 * discoverFiles (keepGoing), its refusals written to stderr.
 * @returns `unread`: each refused path's line (`PATH: why`, as written to stderr); `incomplete` when there is one
 * @throws CliError when nothing named could be taken (the last refusal; the others written first), or a glob cannot be used
 */
export function discoverNamed(io: Io, paths: readonly string[], globs: readonly string[] | undefined, options: Omit<DiscoverOptions, 'keepGoing'>): { discovery: Discovery; unread: string[]; incomplete: boolean } {
  let discovery: Discovery;
  try {
    discovery = discoverFiles(paths, io.cwd, globs, { ...options, keepGoing: true });
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const refused = (discovery.refused ?? []).map((r) => `${pathText(r.display)}: ${r.reason}`);
  const last = discovery.files.length === 0 ? refused.pop() : undefined;
  for (const line of refused) io.stderr(errorLine(line));
  if (last !== undefined) throw new CliError(last);
  return { discovery, unread: refused, incomplete: refused.length > 0 };
}
