/**
 * The one bound on a file read of the extension host: a workspace file (workspaceText.ts), a secret
 * value's file (From file…), the RunPod CLI config, and a folder's listing and remote `.gitignore`
 * (environments/workspaceWalk.ts). A read waits WORKSPACE_READ_WAIT_MS at most.
 *
 * The bound ends only the wait: node's file calls run on libuv's thread pool (4 threads, shared
 * with DNS lookups, so with the API client), and a call on a mount that never answers keeps its
 * thread until the mount answers. So every read is recorded from its start until it settles:
 * - a second read of the same file shares the first one's (no second thread for a dead file);
 * - at most MAX_READS_PER_AREA reads of one area (workspaceText.ts readPlace: likely one mount) run
 *   at once, the others wait their turn within their own bound;
 * - a read given up on while still pending marks its area: a read there is refused at once, never
 *   started (`refused`, naming that file, not blamed on the file refused); and while MAX_STUCK_READS
 *   of one pool (`file` for local reads, which share libuv's threads; a remote or virtual file system
 *   its own) are, every read of that pool is refused, so the pool keeps threads for everything else.
 * No `vscode` import: the caller says where a file is (workspaceText.ts readPlace).
 */
import { WORKSPACE_READ_WAIT_MS } from './fileLimits';
import { raceWait, type CancelToken } from './waitRace';

/** The most reads given up on and still pending at once per pool: 2 of libuv's 4 threads, the rest kept for everything else. */
export const MAX_STUCK_READS = 2;

/** The most reads of one area running at once: a dead mount takes at most this many threads before a read there is given up on. */
export const MAX_READS_PER_AREA = 2;

/**
 * Why a file was not read in time. The bound covers the whole read, so a large file over a very
 * slow link is not called dead.
 */
export const NO_ANSWER_PROBLEM = `did not finish within ${WORKSPACE_READ_WAIT_MS / 1000} s (a file system that does not answer, or a very slow one)`;

/**
 * Why a file was not read at all: another file's read (`stuckName`, as a message names it) has not
 * answered, `sameArea` when it is near this one. The file refused may be healthy: it is not blamed.
 */
export function refusedProblem(stuckName: string, sameArea: boolean): string {
  return `not read: a read of ${stuckName}${sameArea ? ' in the same folder' : ''} has not answered; reload the window once the file system answers again`;
}

/**
 * Where a read is: `pool`, reads that share threads (`file` for local reads, else the scheme and
 * authority); `area`, reads that likely share a mount; `path`, the file.
 */
export interface ReadPlace {
  pool: string;
  area: string;
  path: string;
}

/** A read from its start until it settles; `givenUp` once a wait for it ended first. */
interface Flight {
  place: ReadPlace;
  pending: Promise<unknown>;
  givenUp: boolean;
}

/** The reads running, by reader and path (flightKey). */
const flights = new Map<string, Flight>();

/**
 * A read is shared only by callers of the same reader (`reader` names its result's shape and its
 * limit): a value file's read must never answer with a workspace read's larger text.
 */
function flightKey(reader: string, place: ReadPlace): string {
  return `${reader}\u0000${place.path}`;
}

/** The reads given up on and still pending. */
export function stuckReads(): ReadPlace[] {
  return [...flights.values()].filter((f) => f.givenUp).map((f) => f.place);
}

/** A bounded read's end: its value, no answer in time, refused without being started (`stuck`, the read why), or the user's Cancel. */
export type Bounded<T> = { kind: 'done'; value: T } | { kind: 'noAnswer' } | { kind: 'refused'; stuck: ReadPlace; sameArea: boolean } | { kind: 'cancelled' };

/** Why a read at `place` is refused now, if it is (see above). */
function refusal(place: ReadPlace): Bounded<never> | undefined {
  const stuck = stuckReads().filter((s) => s.pool === place.pool);
  const near = stuck.find((s) => s.area === place.area);
  if (near) return { kind: 'refused', stuck: near, sameArea: true };
  if (stuck.length >= MAX_STUCK_READS) return { kind: 'refused', stuck: stuck[0], sameArea: false };
  return undefined;
}

/** The reads of `place`'s area running now. */
function running(place: ReadPlace): Flight[] {
  return [...flights.values()].filter((f) => f.place.pool === place.pool && f.place.area === place.area);
}

/**
 * `read()` started at `place` (or the running read of that file by the same `reader` joined), once
 * its area has a free turn and unless a read given up on refuses it (see above); waited for
 * WORKSPACE_READ_WAIT_MS at most in all, or until `token` is cancelled.
 */
export async function readWithinWait<T>(reader: string, place: ReadPlace, read: () => Promise<T>, token?: CancelToken): Promise<Bounded<T>> {
  if (token?.isCancellationRequested) return { kind: 'cancelled' };
  const deadline = Date.now() + WORKSPACE_READ_WAIT_MS;
  const key = flightKey(reader, place);
  let flight = flights.get(key);
  // This very read was given up on and still hangs: no second wait of the bound for it.
  if (flight?.givenUp) return { kind: 'noAnswer' };
  while (!flight) {
    const refused = refusal(place);
    if (refused) return refused;
    const others = running(place);
    if (others.length < MAX_READS_PER_AREA) {
      flight = start(key, place, read);
      break;
    }
    // Not started: a turn that does not come in time ends as a refusal once those reads are given up on.
    const settled = (f: Flight) => f.pending.then(noop, noop);
    const turn = await raceWait(Promise.race(others.map(settled)), { ms: Math.max(0, deadline - Date.now()), token });
    if (turn.kind !== 'done') return turn.kind === 'cancelled' ? turn : (refusal(place) ?? { kind: 'noAnswer' });
    flight = flights.get(key);
  }
  const raced = await raceWait(flight.pending as Promise<T>, { ms: Math.max(0, deadline - Date.now()), token });
  if (raced.kind === 'done') return raced;
  // Given up on (late, or cancelled), the read still holds its thread: recorded until it settles.
  flight.givenUp = true;
  return raced.kind === 'late' ? { kind: 'noAnswer' } : raced;
}

function noop(): void {}

/** `read()` started and recorded until it settles. */
function start<T>(key: string, place: ReadPlace, read: () => Promise<T>): Flight {
  const flight: Flight = { place, pending: read(), givenUp: false };
  flights.set(key, flight);
  const leave = () => void (flights.get(key) === flight && flights.delete(key));
  flight.pending.then(leave, leave);
  return flight;
}
