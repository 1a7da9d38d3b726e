import { describe, expect, it } from 'vitest';
import { debounced } from '../../../server/src/lsp/workspaceIndex';

describe('debounced', () => {
  it('runs once after the last of a burst of calls', async () => {
    let runs = 0;
    const done = new Promise<void>((resolve) => {
      const soon = debounced(1, () => {
        runs++;
        resolve();
      });
      for (let i = 0; i < 100; i++) soon();
    });
    await done;
    await new Promise((r) => setTimeout(r, 5));
    expect(runs).toBe(1);
  });

  it('yields to answers already queued when its wait ran out during a long request', async () => {
    // The RPC library handles a message in an immediate and writes the answer in a later one: a
    // request (the first pull of a large file) that ran past the wait queued its answer before the
    // expired timer fired. The debounced index flush ran first and held the answer back.
    const order: string[] = [];
    await new Promise<void>((resolve) => {
      setImmediate(() => {
        const soon = debounced(1, () => {
          order.push('debounced action');
          resolve();
        });
        soon();
        const until = Date.now() + 20;
        while (Date.now() < until); // the request's work, past the wait
        setImmediate(() => order.push('answer written'));
      });
    });
    expect(order).toEqual(['answer written', 'debounced action']);
  });
});
