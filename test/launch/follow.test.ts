import { describe, expect, it, vi } from 'vitest';
import { FOLLOW_LIMIT_MS, FOLLOW_LIMIT_WORDS, followDelays, followLimitWords, followPod } from '../../client/src/launch/follow';
import { RunpodApiError } from '../../client/src/runpod/errors';
import type { Pod, PodStatus } from '../../client/src/runpod/types';
import { cancelToken } from '../helpers/cancelToken';
import { untilATimerIsSet } from '../helpers/timers';

const pod = (status: PodStatus): Pod => ({ id: 'p1', name: 'train', image: 'i', status, actions: [], cloud: 'SECURE', env: {}, createdAt: '' });

describe('followDelays', () => {
  it('starts at 1 s, doubles to a 10 s cap and stops within 10 minutes', () => {
    const delays = [...followDelays()];
    expect(delays.slice(0, 6)).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
    const total = delays.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(600_000);
    expect(total).toBeGreaterThan(600_000 - 10_000); // the budget is used, not cut short
    expect(Math.max(...delays)).toBe(10_000);
  });

  it('the limit in words, for the messages that say the follow gave up: the words of the schedule used, not typed beside it', () => {
    expect(followLimitWords(600_000)).toBe('10 minutes');
    expect(followLimitWords(60_000)).toBe('1 minute');
    expect(followLimitWords(90_000)).toBe('90 s');
    // What the give-up messages say (notify.ts, deployEndpoint.ts, updateEndpoint.ts): the schedule's own limit.
    expect(FOLLOW_LIMIT_WORDS).toBe('10 minutes');
    expect([...followDelays()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(FOLLOW_LIMIT_MS);
    expect([...followDelays({ totalMs: FOLLOW_LIMIT_MS })]).toEqual([...followDelays()]);
  });

  it('is finite for any settings, even odd ones', () => {
    expect([...followDelays({ totalMs: 0 })]).toEqual([]);
    expect([...followDelays({ initialMs: 0, factor: 0, maxMs: 0, totalMs: 5 })]).toEqual([1, 1, 1, 1, 1]);
    expect([...followDelays({ initialMs: 50_000, maxMs: 10_000, totalMs: 25_000 })]).toEqual([10_000, 10_000]);
  });
});

describe('followPod', () => {
  const script = (statuses: (PodStatus | Error)[]) => {
    let i = 0;
    return {
      calls: () => i,
      api: {
        getPod: async () => {
          const next = statuses[Math.min(i++, statuses.length - 1)]!;
          if (next instanceof Error) throw next;
          return pod(next);
        },
      },
    };
  };

  it('polls until RUNNING and reports every status', async () => {
    const { api } = script(['STARTING', 'RUNNING']);
    const seen: string[] = [];
    const out = await followPod(api, pod('PROVISIONING'), { sleep: async () => undefined, onUpdate: (p) => seen.push(p.status) });
    expect(out.kind).toBe('running');
    expect(seen).toEqual(['PROVISIONING', 'STARTING', 'RUNNING']);
  });

  it('stops at a failed status', async () => {
    const { api } = script(['ERROR']);
    expect((await followPod(api, pod('STARTING'), { sleep: async () => undefined })).kind).toBe('failed');
  });

  it('gives up when the schedule runs out', async () => {
    const { api, calls } = script(['PROVISIONING']);
    const out = await followPod(api, pod('PROVISIONING'), { sleep: async () => undefined, schedule: { initialMs: 10, maxMs: 10, totalMs: 50 } });
    expect(out.kind).toBe('timeout');
    expect(calls()).toBe(5);
  });

  it('stops polling when cancelled', async () => {
    const { api, calls } = script(['PROVISIONING']);
    const cancel = cancelToken();
    const out = await followPod(api, pod('PROVISIONING'), {
      sleep: async () => {
        if (calls() === 2) cancel.cancel();
      },
      cancel,
    });
    expect(out.kind).toBe('cancelled');
    expect(calls()).toBe(2);
  });

  it('on real time, Cancel in the middle of a wait ends the follow at once, leaving no timer behind', async () => {
    vi.useFakeTimers();
    try {
      const { api, calls } = script(['PROVISIONING']);
      const cancel = cancelToken();
      const out = followPod(api, pod('PROVISIONING'), { cancel });
      await untilATimerIsSet();
      cancel.cancel();
      expect((await out).kind).toBe('cancelled');
      expect(calls()).toBe(0);
      expect(vi.getTimerCount()).toBe(0);
      expect(cancel.listeners.size).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a test's clock that never ends by itself still ends at the Cancel", async () => {
    const { api, calls } = script(['PROVISIONING']);
    const cancel = cancelToken();
    const never = () => {
      queueMicrotask(() => cancel.cancel());
      return new Promise<void>(() => undefined);
    };
    expect((await followPod(api, pod('PROVISIONING'), { sleep: never, cancel })).kind).toBe('cancelled');
    expect(calls()).toBe(0);
    expect(cancel.listeners.size).toBe(0);
  });

  // The API client already waits on a 429 by DEFAULT_RETRY_POLICY (runpod/retry.ts); a 429 it
  // gives up on ends the follow with its message instead of a second, longer wait here.
  it.each([
    ['a Retry-After beyond the client\'s cap (45 s)', 45],
    ['an hour window used up (1800 s)', 1800],
    ['no Retry-After', undefined],
  ])('a rate-limited read the client gave up on ends the follow at once: %s', async (_label, retryAfterSeconds) => {
    const limited = new RunpodApiError('rate-limited', 'slow down', retryAfterSeconds === undefined ? {} : { retryAfterSeconds });
    const { api, calls } = script([limited, 'RUNNING']);
    const waits: number[] = [];
    await expect(followPod(api, pod('PROVISIONING'), { sleep: async (ms) => void waits.push(ms) })).rejects.toBe(limited);
    expect(waits).toEqual([1000]);
    expect(calls()).toBe(1);
  });

  it('throws other read errors to the caller', async () => {
    const { api } = script([new RunpodApiError('unauthorized', 'bad key')]);
    await expect(followPod(api, pod('PROVISIONING'), { sleep: async () => undefined })).rejects.toMatchObject({ kind: 'unauthorized' });
  });
});
