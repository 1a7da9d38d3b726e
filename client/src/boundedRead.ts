/**
 * The one bound on a file read of the extension host: a workspace file (workspaceText.ts), a secret
 * value's file (From file…), the RunPod CLI config. A read waits WORKSPACE_READ_WAIT_MS at most.
 *
 * The bound ends only the wait: node's file calls run on libuv's thread pool (4 threads, shared
 * with DNS lookups, so with the API client), and a call on a mount that never answers keeps its
 * thread until the mount answers. So a read given up on while still pending is recorded with where
 * it is: while one is, a read of the same area (workspace folder, else top directory: likely the
 * same dead mount) is refused at once, never started; and while MAX_STUCK_READS are, every read
 * is, so the pool keeps threads for everything else. A recorded read that settles leaves the record.
 * No `vscode` import: the caller says where a file is (workspaceText.ts readPlace).
 */
import { WORKSPACE_READ_WAIT_MS } from './fileLimits';
import { raceWait, type CancelToken } from './waitRace';

/** The most reads given up on and still pending at once: 2 of libuv's 4 threads, the rest kept for everything else. */
export const MAX_STUCK_READS = 2;

/**
 * Why a file was not read in time, or not started. The bound covers the whole read, so a large
 * file over a very slow link is not called dead.
 */
export const NO_ANSWER_PROBLEM = `did not finish within ${WORKSPACE_READ_WAIT_MS / 1000} s (a file system that does not answer, or a very slow one)`;

/** Where a read is: `area`, reads that likely share a mount (a workspace folder, else a top directory); `path`, the file. */
export interface ReadPlace {
  area: string;
  path: string;
}

const stuck = new Set<ReadPlace>();

/** The reads given up on and still pending (each its own record). */
export function stuckReads(): ReadPlace[] {
  return [...stuck];
}

/** A bounded read's end: its value, no answer in time (or not started, see above), or the user's Cancel. */
export type Bounded<T> = { kind: 'done'; value: T } | { kind: 'noAnswer' } | { kind: 'cancelled' };

/**
 * `read()` started at `place` unless a read given up on makes it wait behind one (see above), and
 * waited for WORKSPACE_READ_WAIT_MS at most, or until `token` is cancelled.
 */
export async function readWithinWait<T>(place: ReadPlace, read: () => Promise<T>, token?: CancelToken): Promise<Bounded<T>> {
  if (token?.isCancellationRequested) return { kind: 'cancelled' };
  if (stuck.size >= MAX_STUCK_READS || [...stuck].some((s) => s.area === place.area)) return { kind: 'noAnswer' };
  const pending = read();
  const raced = await raceWait(pending, { ms: WORKSPACE_READ_WAIT_MS, token });
  if (raced.kind === 'done') return raced;
  // Given up on (late, or cancelled), the read still holds its thread: recorded until it settles.
  const record = { ...place };
  stuck.add(record);
  const leave = () => void stuck.delete(record);
  pending.then(leave, leave);
  return raced.kind === 'late' ? { kind: 'noAnswer' } : raced;
}
