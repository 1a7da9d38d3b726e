/**
 * One listing at a time per API client: a refresh that comes while one runs waits for it instead
 * of asking RunPod again; another client (another account) starts its own. A refresh after a
 * write asks for `fresh`: a listing already on its way may have been read before the write, so
 * one more follows it (one for any number of such asks).
 */
interface Run<K> {
  key: K;
  started: boolean;
  done: Promise<void>;
}

export class OneAtATime<K> {
  private running: Run<K> | undefined;

  run(key: K, task: () => Promise<void>, fresh = false): Promise<void> {
    const current = this.running?.key === key ? this.running : undefined;
    // A run not started yet reads after this ask anyway.
    if (current && (!fresh || !current.started)) return current.done;
    const run: Run<K> = { key, started: false, done: Promise.resolve() };
    const start = () => {
      run.started = true;
      return task();
    };
    run.done = (current ? current.done.catch(() => undefined).then(start) : start()).finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run.done;
  }
}
