/** The bounded wait for a timer: it returns once one is set, and fails (not hangs) when none ever is. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { untilATimerIsSet } from './timers';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('untilATimerIsSet', () => {
  it('returns once the code under test sets a timer a few turns later', async () => {
    void Promise.resolve()
      .then(() => undefined)
      .then(() => setTimeout(() => undefined, 1_000));
    await untilATimerIsSet();
    expect(vi.getTimerCount()).toBe(1);
  });

  it('fails, instead of spinning for good, when no timer is ever set', async () => {
    await expect(untilATimerIsSet()).rejects.toThrow(/set no timer/);
  });
});
