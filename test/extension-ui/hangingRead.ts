/**
 * A RunPod read that answers (or fails) when the test says, recording how often it was called and
 * whether it was called off: through a cancel option's AbortSignal or token (CallOptions, its last
 * argument), or an AbortSignal given as is (a pick's read, multiStepInput.ts PickRead); and the
 * delay's timer of the notification a command's read shows.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import type { CallOptions } from '../../client/src/runpod/types';
import { progressClock } from '../../client/src/ui/delayedProgress';
import { ui, type FakeProgress } from './vscodeFake';
import { until } from '../helpers/until';

export function hangingRead<T>() {
  const seen = { calls: 0, aborted: false };
  let answer!: (value: T) => void;
  let fail!: (error: unknown) => void;
  let wasCalled!: () => void;
  /** Settles at the first call: the read is under way, for a test to answer it. */
  const called = new Promise<void>((resolve) => (wasCalled = resolve));
  const read = (...args: unknown[]): Promise<T> => {
    seen.calls++;
    wasCalled();
    // A pick's read is given its signal first (then its busy placeholder's setter).
    const signal = args.find((arg): arg is AbortSignal => arg instanceof AbortSignal);
    const cancel = signal ?? (args.at(-1) as CallOptions | undefined)?.cancel;
    if (cancel && 'aborted' in cancel) cancel.addEventListener('abort', () => (seen.aborted = true));
    else cancel?.onCancellationRequested(() => (seen.aborted = true));
    return new Promise<T>((resolve, reject) => {
      answer = resolve;
      fail = reject;
    });
  };
  return { read, seen, called, answer: (value: T) => answer(value), fail: (error: unknown) => fail(error) };
}

/**
 * The delayed progress's timer (ui/delayedProgress.ts) held by the test: `pending` the scheduled
 * runs not yet fired nor stopped; `fire()` waits until the command's read has scheduled its
 * notification, lets the moment pass, and answers the notification opened.
 */
export function heldProgressClock() {
  const timers: { run: () => void; stopped: boolean }[] = [];
  beforeEach(() => {
    timers.length = 0;
    vi.spyOn(progressClock, 'schedule').mockImplementation((run) => {
      const timer = { run, stopped: false };
      timers.push(timer);
      return () => (timer.stopped = true);
    });
  });
  afterEach(() => vi.restoreAllMocks());
  return {
    timers,
    async fire(): Promise<FakeProgress> {
      await until(() => timers.some((t) => !t.stopped), "the read's notification to be scheduled");
      const before = ui.progress.length;
      timers.find((t) => !t.stopped)!.run();
      await new Promise((resolve) => setTimeout(resolve, 0));
      return ui.progress[before]!;
    },
  };
}
