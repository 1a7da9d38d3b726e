/**
 * Following workers: "n of m on release r", the first ready worker after a deploy, a poll loop that
 * stops on the verdict, on Cancel (the endpoint carries on) or when its schedule runs out, and waits
 * longer when the rate limit says little is left.
 */
import { describe, expect, it, vi } from 'vitest';
import { RunpodApiError } from '../../client/src/runpod/errors';
import { pacedPollDelay, pollBudget } from '../../client/src/runpod/rateLimit';
import { firstWorkerVerdict, rolloutProgress, startingText, watchWorkers } from '../../client/src/serverless/rollout';
import { rolloutVerdict } from '../../client/src/serverless/endpointRunner';
import type { Worker } from '../../client/src/runpod/types';
import { cancelToken } from '../helpers/cancelToken';
import { untilATimerIsSet } from '../helpers/timers';

const w = (id: string, status: string, version: number | null, isStale = false): Worker => ({ id, status, version, isStale });

describe('rolloutProgress', () => {
  it('counts the workers on the release that are ready, and those still starting', () => {
    const workers = [w('a', 'IDLE', 2), w('b', 'INITIALIZING', 2), w('c', 'IDLE', 1, true)];
    expect(rolloutProgress(2, workers)).toEqual({ total: 3, ready: 1, starting: 1, done: false, text: '1 of 3 workers on release 2 (1 starting)' });
    expect(rolloutProgress(2, [w('a', 'IDLE', 2), w('b', 'RUNNING', 3)])).toMatchObject({ done: true, text: '2 of 2 workers on release 2' });
  });

  it('a stale worker is not on the release whatever its version says; without a release number staleness decides', () => {
    expect(rolloutProgress(2, [w('a', 'IDLE', 2, true)]).ready).toBe(0);
    expect(rolloutProgress(undefined, [w('a', 'IDLE', null), w('b', 'IDLE', null, true)])).toMatchObject({ ready: 1, text: '1 of 2 workers on the new release' });
  });

  it('a rollout over no running worker is done at once (new workers start on the release)', () => {
    expect(rolloutVerdict(3)([])).toMatchObject({ total: 0 });
    expect(rolloutVerdict(3)([w('a', 'IDLE', 2, true)])).toBeUndefined();
  });
});

describe('firstWorkerVerdict', () => {
  it('ready once any worker takes jobs; failed only when every worker failed', () => {
    expect(firstWorkerVerdict([])).toBeUndefined();
    expect(firstWorkerVerdict([w('a', 'INITIALIZING', 1)])).toBeUndefined();
    expect(firstWorkerVerdict([w('a', 'INITIALIZING', 1), w('b', 'IDLE', 1)])).toMatchObject({ kind: 'ready', worker: { id: 'b' } });
    expect(firstWorkerVerdict([w('a', 'UNHEALTHY', 1), w('b', 'INITIALIZING', 1)])).toBeUndefined();
    expect(firstWorkerVerdict([w('a', 'UNHEALTHY', 1)])).toMatchObject({ kind: 'failed', worker: { id: 'a' } });
  });

  it("the deploy progress while no worker is ready: each status once, with how many workers have it", () => {
    expect(startingText([])).toBe('waiting for a worker…');
    expect(startingText([w('a', 'INITIALIZING', 1)])).toBe('waiting for a worker: INITIALIZING');
    expect(startingText([w('a', 'INITIALIZING', 1), w('b', 'THROTTLED', 1), w('c', 'INITIALIZING', 1)])).toBe('waiting for a worker: 2 INITIALIZING, THROTTLED');
  });
});

describe('watchWorkers', () => {
  it('polls on the schedule until the verdict, reporting every list', async () => {
    const lists = [[w('a', 'INITIALIZING', 1)], [w('a', 'INITIALIZING', 1)], [w('a', 'IDLE', 1)]];
    const slept: number[] = [];
    const seen: string[] = [];
    const outcome = await watchWorkers(async () => lists.shift()!, firstWorkerVerdict, {
      sleep: async (ms) => void slept.push(ms),
      schedule: { initialMs: 100, maxMs: 400 },
      onUpdate: (ws) => seen.push(ws[0]!.status),
    });
    expect(outcome).toMatchObject({ kind: 'done', value: { kind: 'ready' } });
    expect(slept).toEqual([100, 200]);
    expect(seen).toEqual(['INITIALIZING', 'INITIALIZING', 'IDLE']);
  });

  it('Cancel stops following after the current wait; a schedule that runs out is a timeout', async () => {
    const cancel = cancelToken();
    const reads: number[] = [];
    const outcome = await watchWorkers(async () => (reads.push(1), [w('a', 'INITIALIZING', 1)]), firstWorkerVerdict, {
      sleep: async () => cancel.cancel(),
      cancel,
    });
    expect(outcome.kind).toBe('cancelled');
    expect(reads).toHaveLength(1);
    const timeout = await watchWorkers(async () => [], firstWorkerVerdict, { sleep: async () => {}, schedule: { initialMs: 10, maxMs: 10, totalMs: 30 } });
    expect(timeout).toEqual({ kind: 'timeout', workers: [] });
  });

  it('the pace stretches each wait', async () => {
    const lists = [[w('a', 'INITIALIZING', 1)], [w('a', 'IDLE', 1)]];
    const slept: number[] = [];
    const outcome = await watchWorkers(async () => lists.shift()!, firstWorkerVerdict, {
      sleep: async (ms) => void slept.push(ms),
      schedule: { initialMs: 100 },
      pace: (ms) => ms * 10,
    });
    expect(outcome.kind).toBe('done');
    expect(slept).toEqual([1000]);
  });

  it('on real time (no sleep given), Cancel in the middle of a wait ends the watch at once, leaving no timer and no listener', async () => {
    vi.useFakeTimers();
    try {
      const cancel = cancelToken();
      let reads = 0;
      const out = watchWorkers(async () => (reads++, [w('a', 'INITIALIZING', 1)]), firstWorkerVerdict, { cancel });
      await untilATimerIsSet();
      cancel.cancel();
      expect((await out).kind).toBe('cancelled');
      expect(reads).toBe(1);
      expect(vi.getTimerCount()).toBe(0);
      expect(cancel.listeners.size).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a test's clock that never ends by itself still ends at the Cancel", async () => {
    const cancel = cancelToken();
    const never = () => {
      queueMicrotask(() => cancel.cancel());
      return new Promise<void>(() => undefined);
    };
    const out = await watchWorkers(async () => [w('a', 'INITIALIZING', 1)], firstWorkerVerdict, { sleep: never, cancel });
    expect(out.kind).toBe('cancelled');
    expect(cancel.listeners.size).toBe(0);
  });

  // The API client already waits on a 429 by DEFAULT_RETRY_POLICY; one it gave up on ends the watch.
  it('a rate-limited read the client gave up on ends the watch without another wait', async () => {
    const limited = new RunpodApiError('rate-limited', 'slow down', { retryAfterSeconds: 45 });
    const slept: number[] = [];
    let reads = 0;
    const read = async () => {
      reads++;
      if (reads === 1) throw limited;
      return [w('a', 'IDLE', 1)];
    };
    await expect(watchWorkers(read, firstWorkerVerdict, { sleep: async (ms) => void slept.push(ms) })).rejects.toBe(limited);
    expect(slept).toEqual([]);
    expect(reads).toBe(1);
  });
});

describe('pacedPollDelay', () => {
  const at = (windows: { name: string; remaining?: number; resetSeconds?: number }[]) => ({ windows, receivedAt: 1_000 });

  it('uses at most a quarter of what each window has left until it resets', () => {
    expect(pacedPollDelay(2_000, at([{ name: 'minute', remaining: 40, resetSeconds: 60 }]), 1_000)).toBe(6_000);
    expect(pacedPollDelay(2_000, at([{ name: 'minute', remaining: 2, resetSeconds: 30 }]), 11_000)).toBe(20_000);
    expect(pacedPollDelay(2_000, at([{ name: 'minute', remaining: 600, resetSeconds: 60 }]), 1_000)).toBe(2_000);
  });

  it('waits the base delay when nothing is known or the window has reset', () => {
    expect(pacedPollDelay(2_000, undefined, 0)).toBe(2_000);
    expect(pacedPollDelay(2_000, at([{ name: 'minute', remaining: 0, resetSeconds: 5 }]), 10_000)).toBe(2_000);
    expect(pacedPollDelay(2_000, at([{ name: 'minute', remaining: 3 }]), 1_000)).toBe(2_000);
  });
});

describe('pollBudget', () => {
  it('a quarter of what the tightest window has left; a window that has reset or states nothing does not count', () => {
    const state = { windows: [{ name: 'minute', remaining: 10, resetSeconds: 30 }, { name: 'hour', remaining: 2000, resetSeconds: 1800 }, { name: 'x' }], receivedAt: 0 };
    expect(pollBudget(state, 1_000)).toBe(2);
    expect(pollBudget(state, 31_000)).toBe(500);
    expect(pollBudget(undefined, 0)).toBe(Infinity);
    expect(pollBudget({ windows: [{ name: 'minute', remaining: 3, resetSeconds: 60 }], receivedAt: 0 }, 0)).toBe(0);
  });
});
