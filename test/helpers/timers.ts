/**
 * Waits, on vitest's fake timers, for the code under test to set its first timer (a wait it is
 * about to be cancelled in). Bounded: code that never sets one fails the test here instead of
 * spinning the worker forever.
 */
import { expect, vi } from 'vitest';

/** Microtask turns given to the code under test before concluding it will set no timer. */
const MAX_TURNS = 1_000;

export async function untilATimerIsSet(): Promise<void> {
  for (let turn = 0; turn < MAX_TURNS && vi.getTimerCount() === 0; turn++) await Promise.resolve();
  expect(vi.getTimerCount(), 'the code under test set no timer').toBeGreaterThan(0);
}
