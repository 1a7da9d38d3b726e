/**
 * Following an endpoint's workers: until the first one is ready after a deploy, or until every
 * worker runs the new release after an update ("2 of 3 workers on release 4"). The verdicts are
 * pure functions of a worker list; the poll loop waits on the project's follow schedule
 * (launch/follow.ts), paced by the rate limit the answers state, with an injected sleep so tests
 * move the fake's clock instead of waiting.
 */
import { count } from '../../../server/src/template/counts';
import { followDelays, followerSleep, type FollowSchedule } from '../launch/follow';
import { CallCancelled } from '../runpod/errors';
import type { CallOptions, Worker } from '../runpod/types';
import { hasFailed, isReady } from '../runpod/workerStatus';
import { isCancelled, type CancelToken } from '../waitRace';

/** Where a rollout stands. */
export interface RolloutProgress {
  /** Workers running now. */
  total: number;
  /** Of them, on the new release and ready. */
  ready: number;
  /** On the new release but still starting. */
  starting: number;
  /** Every worker is on the new release and ready (and there is at least one). */
  done: boolean;
  /** `2 of 3 workers on release 4 (1 starting)`. */
  text: string;
}

/**
 * How far `release` has rolled out over `workers`. A worker is on it when RunPod does not call it
 * stale and its version (when given) is at least `release`; without a release number, staleness
 * alone decides.
 */
export function rolloutProgress(release: number | undefined, workers: readonly Worker[]): RolloutProgress {
  const onRelease = workers.filter((w) => !w.isStale && (release === undefined || w.version === null || w.version >= release));
  const ready = onRelease.filter(isReady).length;
  const starting = onRelease.length - ready;
  const total = workers.length;
  const what = release === undefined ? 'the new release' : `release ${release}`;
  const text = `${ready} of ${count(total, 'worker')} on ${what}${starting > 0 ? ` (${starting} starting)` : ''}`;
  return { total, ready, starting, done: total > 0 && ready === total, text };
}

/** After a deploy: a worker is ready, every worker failed, or still waiting (undefined). */
export type FirstWorker = { kind: 'ready'; worker: Worker } | { kind: 'failed'; worker: Worker };

export function firstWorkerVerdict(workers: readonly Worker[]): FirstWorker | undefined {
  const ready = workers.find(isReady);
  if (ready) return { kind: 'ready', worker: ready };
  if (workers.length > 0 && workers.every(hasFailed)) return { kind: 'failed', worker: workers[0]! };
  return undefined;
}

/**
 * Deploy Endpoint's progress while no worker is ready: `waiting for a worker: 2 INITIALIZING,
 * THROTTLED`. Each status once with its count, so an endpoint of many workers keeps a short line.
 */
export function startingText(workers: readonly Worker[]): string {
  if (workers.length === 0) return 'waiting for a worker…';
  const counts = new Map<string, number>();
  for (const w of workers) counts.set(w.status, (counts.get(w.status) ?? 0) + 1);
  return `waiting for a worker: ${[...counts].map(([status, n]) => (n > 1 ? `${n} ${status}` : status)).join(', ')}`;
}

export interface WatchOptions {
  schedule?: FollowSchedule;
  /** A test's clock (real time when not given); a wait ends at the Cancel either way (followerSleep). */
  sleep?: (ms: number) => Promise<void>;
  /** The user's Cancel: asked between steps, and it ends the API client's waits and reads at once (never a write it sent). */
  cancel?: CancelToken;
  /** Stretches a wait so polling stays far inside the rate limit (runpod/rateLimit.ts `pacedPollDelay`). */
  pace?: (delayMs: number) => number;
  /** Every worker list read (also the first). */
  onUpdate?: (workers: Worker[]) => void;
}

export type WatchOutcome<T> =
  | { kind: 'done'; value: T; workers: Worker[] }
  /** The user stopped following; the endpoint carries on. */
  | { kind: 'cancelled'; workers: Worker[] }
  /** The schedule ran out before the verdict. */
  | { kind: 'timeout'; workers: Worker[] };

/**
 * Reads the workers now, then on the schedule, until `verdict` gives a value. A read failure ends
 * the watch by throwing (the endpoint is unaffected: the caller says so); a 429 too, because the
 * API client already waited on it as DEFAULT_RETRY_POLICY (runpod/retry.ts) allows.
 */
export async function watchWorkers<T>(
  read: (options: CallOptions) => Promise<Worker[]>,
  verdict: (workers: Worker[]) => T | undefined,
  options: WatchOptions,
): Promise<WatchOutcome<T>> {
  const cancelled = () => isCancelled(options.cancel);
  const sleep = followerSleep(options);
  let workers: Worker[] = [];
  /** False when the Cancel came during the client's own wait (a retry, a rate-limit window: up to DEFAULT_RETRY_POLICY.maxRetryAfterMs) before the read. */
  const readNow = async (): Promise<boolean> => {
    try {
      workers = await read({ cancel: options.cancel });
    } catch (error) {
      if (error instanceof CallCancelled) return false;
      throw error;
    }
    options.onUpdate?.(workers);
    return true;
  };
  if (!(await readNow())) return { kind: 'cancelled', workers };
  let value = verdict(workers);
  if (value !== undefined) return { kind: 'done', value, workers };
  for (const delay of followDelays(options.schedule)) {
    if (cancelled()) return { kind: 'cancelled', workers };
    await sleep(options.pace ? options.pace(delay) : delay);
    if (cancelled() || !(await readNow())) return { kind: 'cancelled', workers };
    value = verdict(workers);
    if (value !== undefined) return { kind: 'done', value, workers };
  }
  return { kind: 'timeout', workers };
}
