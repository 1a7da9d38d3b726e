/**
 * One listing at a time per API client: a refresh that comes while one runs waits for it instead
 * of asking RunPod again; another client (another account) starts its own.
 */
export class OneAtATime<K> {
  private running: { key: K; done: Promise<void> } | undefined;

  run(key: K, task: () => Promise<void>): Promise<void> {
    if (this.running?.key !== key) {
      const running: { key: K; done: Promise<void> } = {
        key,
        done: task().finally(() => {
          if (this.running === running) this.running = undefined;
        }),
      };
      this.running = running;
    }
    return this.running.done;
  }
}
