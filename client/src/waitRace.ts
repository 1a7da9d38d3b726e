/**
 * A wait raced against a timer and the user's Cancel, leaving nothing behind once it settles: the
 * timer cleared and the Cancel listener disposed, whichever won. A loop of waits (a Pod or an
 * endpoint followed for minutes, Find Usages' reads of up to 2,000 files) would otherwise leave a
 * live timer per wait and a listener per wait on the same token. No `vscode` import: a token is
 * anything with VS Code's CancellationToken shape.
 */
export interface CancelToken {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): unknown };
}

/** How a race ended: `work` first (its value), the timer first (`late`), or Cancel first. */
export type Raced<T> = { kind: 'done'; value: T } | { kind: 'late' } | { kind: 'cancelled' };

/**
 * `work` raced against `ms` (when given) and `token` (when given). A `work` that rejects rejects
 * the race. The losers are stopped: `work` itself cannot be, and goes on (or not) on its own.
 */
export function raceWait<T>(work: Promise<T>, options: { ms?: number; token?: CancelToken | undefined }): Promise<Raced<T>> {
  const { ms, token } = options;
  if (token?.isCancellationRequested) return Promise.resolve({ kind: 'cancelled' });
  return new Promise<Raced<T>>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let listener: { dispose(): unknown } | undefined;
    const settle = (end: () => void) => {
      clearTimeout(timer);
      listener?.dispose();
      end();
    };
    if (ms !== undefined) timer = setTimeout(() => settle(() => resolve({ kind: 'late' })), ms);
    listener = token?.onCancellationRequested(() => settle(() => resolve({ kind: 'cancelled' })));
    work.then(
      (value) => settle(() => resolve({ kind: 'done', value })),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}

/** Waits `ms`, or less when `token` is cancelled first. */
export async function sleepUnlessCancelled(ms: number, token?: CancelToken): Promise<void> {
  await raceWait(new Promise<never>(() => {}), { ms, token });
}
