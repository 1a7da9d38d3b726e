/** A CancellationToken for tests (waitRace.ts's CancelToken): cancelled by `cancel()`, counting its live listeners. */
export function cancelToken() {
  const listeners = new Set<() => void>();
  const t = {
    isCancellationRequested: false,
    onCancellationRequested(listener: () => void) {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    cancel() {
      t.isCancellationRequested = true;
      for (const l of [...listeners]) l();
    },
    listeners,
  };
  return t;
}
