/**
 * A RunPod read that answers (or fails) when the test says, recording how often it was called and
 * whether it was called off: through a cancel option's AbortSignal or token (CallOptions, its last
 * argument), or an AbortSignal given as is (a pick's read, multiStepInput.ts PickRead).
 */
import type { CallOptions } from '../../client/src/runpod/types';

export function hangingRead<T>() {
  const seen = { calls: 0, aborted: false };
  let answer!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const read = (...args: unknown[]): Promise<T> => {
    seen.calls++;
    const last = args.at(-1);
    const cancel = last instanceof AbortSignal ? last : (last as CallOptions | undefined)?.cancel;
    if (cancel && 'aborted' in cancel) cancel.addEventListener('abort', () => (seen.aborted = true));
    else cancel?.onCancellationRequested(() => (seen.aborted = true));
    return new Promise<T>((resolve, reject) => {
      answer = resolve;
      fail = reject;
    });
  };
  return { read, seen, answer: (value: T) => answer(value), fail: (error: unknown) => fail(error) };
}
