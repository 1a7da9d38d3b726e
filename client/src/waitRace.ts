/**
 * A wait raced against a timer and the user's Cancel, leaving nothing behind once it settles: the
 * timer cleared and the Cancel listener disposed, whichever won. A loop of waits (a Pod or an
 * endpoint followed for minutes, Find Usages' reads of up to 2,000 files) would otherwise leave a
 * live timer per wait and a listener per wait on the same token. No `vscode` import: a token is
 * anything with VS Code's CancellationToken shape; an AbortSignal (a log stream's) is one too.
 * Every cancellable wait of the extension goes through raceWait: the followers' sleeps, the API
 * client's retry and rate-limit waits and its reads on the wire, a log stream's reconnection waits, bounded reads.
 */
export interface CancelToken {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): unknown };
}

/** What can call a wait off: a CancellationToken, or an AbortSignal. */
export type Cancel = CancelToken | AbortSignal;

/** Whether `cancel` was called off already. */
export function isCancelled(cancel: Cancel | undefined): boolean {
  return cancel !== undefined && ('aborted' in cancel ? cancel.aborted : cancel.isCancellationRequested);
}

/** Listens for `cancel` until the returned handle is disposed. */
function onCancel(cancel: Cancel, listener: () => void): { dispose(): unknown } {
  if (!('aborted' in cancel)) return cancel.onCancellationRequested(listener);
  cancel.addEventListener('abort', listener, { once: true });
  return { dispose: () => cancel.removeEventListener('abort', listener) };
}

/** How a race ended: `work` first (its value), the timer first (`late`), or Cancel first. */
export type Raced<T> = { kind: 'done'; value: T } | { kind: 'late' } | { kind: 'cancelled' };

/**
 * `work` raced against `ms` (when given) and `token` (when given). A `work` that rejects rejects
 * the race. The losers are stopped: `work` itself cannot be, and goes on (or not) on its own.
 */
export function raceWait<T>(work: Promise<T>, options: { ms?: number; token?: Cancel | undefined }): Promise<Raced<T>> {
  const { ms, token } = options;
  if (isCancelled(token)) return Promise.resolve({ kind: 'cancelled' });
  return new Promise<Raced<T>>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let listener: { dispose(): unknown } | undefined;
    const settle = (end: () => void) => {
      clearTimeout(timer);
      listener?.dispose();
      end();
    };
    if (ms !== undefined) timer = setTimeout(() => settle(() => resolve({ kind: 'late' })), ms);
    if (token) listener = onCancel(token, () => settle(() => resolve({ kind: 'cancelled' })));
    work.then(
      (value) => settle(() => resolve({ kind: 'done', value })),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}

/**
 * Waits `ms`, or less when `token` is cancelled first. `sleep`: a clock of the caller's (a test's,
 * recording its waits instead of waiting) in place of the timer; Cancel still ends the wait at once.
 */
export async function sleepUnlessCancelled(ms: number, token?: Cancel, sleep?: (ms: number) => Promise<void>): Promise<void> {
  if (isCancelled(token)) return;
  await raceWait(sleep ? sleep(ms) : new Promise<never>(() => {}), sleep ? { token } : { ms, token });
}
