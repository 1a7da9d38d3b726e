/**
 * Following a new Pod until it runs or fails: a bounded exponential backoff schedule (pure, as a
 * generator) and a poll loop with an injected sleep, so both are tested without a clock.
 */
import { count } from '../../../server/src/template/counts';
import { CallCancelled } from '../runpod/errors';
import type { Pod, RunpodApi } from '../runpod/types';
import { isPodDown, podPhase } from '../runpod/podStatus';
import { isCancelled, sleepUnlessCancelled, type CancelToken } from '../waitRace';

export interface FollowSchedule {
  /** First wait, ms (default 1 s). */
  initialMs?: number;
  /** Cap on one wait, ms (default 10 s). */
  maxMs?: number;
  /** Growth per step (default 2). */
  factor?: number;
  /** Total waiting budget, ms (default {@link FOLLOW_LIMIT_MS}): the generator stops before exceeding it. */
  totalMs?: number;
}

/** How long a new Pod, a new endpoint's first worker or a rollout is followed before the editor gives up saying so. */
export const FOLLOW_LIMIT_MS = 600_000;

const DEFAULT_FOLLOW_SCHEDULE: Required<FollowSchedule> = { initialMs: 1_000, maxMs: 10_000, factor: 2, totalMs: FOLLOW_LIMIT_MS };

/** A follow's limit in words: whole minutes as minutes, else seconds. */
export function followLimitWords(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds % 60 === 0 ? count(seconds / 60, 'minute') : `${seconds} s`;
}

/** The words of {@link FOLLOW_LIMIT_MS} for the messages after it ran out ("still STARTING after 10 minutes"). */
export const FOLLOW_LIMIT_WORDS = followLimitWords(FOLLOW_LIMIT_MS);

/**
 * The waits between polls: initialMs, doubling up to maxMs, stopping once the next wait would pass
 * totalMs. Always finite; yields nothing when the budget cannot fit one wait.
 */
export function* followDelays(schedule: FollowSchedule = {}): Generator<number, void, void> {
  const { initialMs, maxMs, factor, totalMs } = { ...DEFAULT_FOLLOW_SCHEDULE, ...schedule };
  const first = Math.max(1, initialMs);
  const growth = Math.max(1, factor);
  let delay = Math.min(first, Math.max(1, maxMs));
  let spent = 0;
  while (spent + delay <= totalMs) {
    yield delay;
    spent += delay;
    delay = Math.min(Math.max(1, maxMs), delay * growth);
  }
}

export type FollowOutcome =
  | { kind: 'running'; pod: Pod }
  | { kind: 'failed'; pod: Pod }
  /** Still not running when the schedule ran out. */
  | { kind: 'timeout'; pod: Pod }
  | { kind: 'cancelled'; pod: Pod };

/**
 * How a follower (a Pod's, an endpoint's workers') waits between reads: on `sleep`, a test's clock,
 * or real time when none is given; either way the wait ends at once at `cancel`, leaving nothing
 * behind (waitRace.ts), so no caller has to wire its clock to the Cancel by hand.
 */
export function followerSleep(options: { sleep?: (ms: number) => Promise<void>; cancel?: CancelToken }): (ms: number) => Promise<void> {
  return (ms) => sleepUnlessCancelled(ms, options.cancel, options.sleep);
}

export interface FollowOptions {
  schedule?: FollowSchedule;
  /** A test's clock (real time when not given); a wait ends at the Cancel either way (followerSleep). */
  sleep?: (ms: number) => Promise<void>;
  /** The user's Cancel: asked between steps, and it ends the API client's waits and reads at once (never a write it sent). */
  cancel?: CancelToken;
  /** Called with every status read (also the first). */
  onUpdate?: (pod: Pod) => void;
}

/**
 * Polls `getPod` on the schedule until the Pod is RUNNING or failed. A read error ends the follow
 * by throwing (the Pod exists either way: the caller says so). A 429 is not waited for here: the
 * API client already waited as long as DEFAULT_RETRY_POLICY (runpod/retry.ts) allows, so a 429
 * that reaches this loop is one the client gave up on, and its message says when to try again.
 */
export async function followPod(api: Pick<RunpodApi, 'getPod'>, initial: Pod, options: FollowOptions = {}): Promise<FollowOutcome> {
  const sleep = followerSleep(options);
  const cancelled = () => isCancelled(options.cancel);
  let pod = initial;
  options.onUpdate?.(pod);
  // The follow stops when the Pod is up, or will not come up by itself (runpod/podStatus.ts).
  const verdict = (p: Pod): FollowOutcome | undefined =>
    podPhase(p.status) === 'running' ? { kind: 'running', pod: p } : isPodDown(p.status) ? { kind: 'failed', pod: p } : undefined;
  const first = verdict(pod);
  if (first) return first;
  for (const delay of followDelays(options.schedule)) {
    if (cancelled()) return { kind: 'cancelled', pod };
    await sleep(delay);
    if (cancelled()) return { kind: 'cancelled', pod };
    try {
      // The client's own waits (a retry, a rate-limit window: up to DEFAULT_RETRY_POLICY.maxRetryAfterMs) end at the Cancel too.
      pod = await api.getPod(pod.id, { cancel: options.cancel });
    } catch (error) {
      if (error instanceof CallCancelled) return { kind: 'cancelled', pod };
      throw error;
    }
    options.onUpdate?.(pod);
    const done = verdict(pod);
    if (done) return done;
  }
  return { kind: 'timeout', pod };
}
