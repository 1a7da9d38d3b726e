/**
 * A wait raced against a timer and Cancel leaves neither behind once it settles (waitRace.ts): the
 * followers of a Pod or an endpoint sleep hundreds of times on one token.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { raceWait, sleepUnlessCancelled } from '../../client/src/waitRace';
import { followerSleep } from '../../client/src/launch/follow';
import { cancelToken } from '../helpers/cancelToken';

const token = cancelToken;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('raceWait', () => {
  it('work first: its value, the timer cleared and the listener disposed', async () => {
    const t = token();
    expect(await raceWait(Promise.resolve(7), { ms: 1000, token: t })).toEqual({ kind: 'done', value: 7 });
    expect(vi.getTimerCount()).toBe(0);
    expect(t.listeners.size).toBe(0);
  });

  it('the timer first: late, the listener disposed', async () => {
    const t = token();
    const raced = raceWait(new Promise(() => {}), { ms: 1000, token: t });
    await vi.advanceTimersByTimeAsync(1000);
    expect(await raced).toEqual({ kind: 'late' });
    expect(t.listeners.size).toBe(0);
  });

  it('Cancel first: cancelled at once, the timer cleared', async () => {
    const t = token();
    const raced = raceWait(new Promise(() => {}), { ms: 1000, token: t });
    t.cancel();
    expect(await raced).toEqual({ kind: 'cancelled' });
    expect(vi.getTimerCount()).toBe(0);
    expect(t.listeners.size).toBe(0);
  });

  it('a rejected work rejects, leaving nothing', async () => {
    const t = token();
    await expect(raceWait(Promise.reject(new Error('x')), { ms: 1000, token: t })).rejects.toThrow('x');
    expect(vi.getTimerCount()).toBe(0);
    expect(t.listeners.size).toBe(0);
  });
});

describe('raceWait on an AbortSignal (a log stream)', () => {
  it('an abort mid-wait: cancelled at once, the timer cleared, the listener removed', async () => {
    const controller = new AbortController();
    const removed = vi.spyOn(controller.signal, 'removeEventListener');
    const raced = raceWait(new Promise(() => {}), { ms: 1000, token: controller.signal });
    controller.abort();
    expect(await raced).toEqual({ kind: 'cancelled' });
    expect(vi.getTimerCount()).toBe(0);
    expect(removed).toHaveBeenCalledWith('abort', expect.any(Function));
  });

  it('an aborted signal does not wait', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await raceWait(new Promise(() => {}), { ms: 1000, token: controller.signal })).toEqual({ kind: 'cancelled' });
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('sleepUnlessCancelled on a clock of its own (a test recording waits)', () => {
  it('Cancel ends a wait the clock would never end', async () => {
    const t = token();
    const asked: number[] = [];
    const slept = sleepUnlessCancelled(20_000, t, async (ms) => {
      asked.push(ms);
      return new Promise<void>(() => {});
    });
    t.cancel();
    await slept;
    expect(asked).toEqual([20_000]);
    expect(t.listeners.size).toBe(0);
  });

  it('a cancelled token does not ask the clock', async () => {
    const t = token();
    t.cancel();
    const asked: number[] = [];
    await sleepUnlessCancelled(20_000, t, async (ms) => void asked.push(ms));
    expect(asked).toEqual([]);
  });
});

describe("the followers' sleep", () => {
  it('leaves no listener on the token after each wait, and no timer once cancelled', async () => {
    const t = token();
    const sleep = followerSleep({ cancel: t });
    for (let i = 0; i < 3; i++) {
      const slept = sleep(500);
      await vi.advanceTimersByTimeAsync(500);
      await slept;
    }
    expect(t.listeners.size).toBe(0);
    const slept = sleep(500);
    t.cancel();
    await slept;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sleepUnlessCancelled: a cancelled token does not wait', async () => {
    const t = token();
    t.cancel();
    await sleepUnlessCancelled(60_000, t);
    expect(vi.getTimerCount()).toBe(0);
  });
});
