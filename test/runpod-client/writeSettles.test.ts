/**
 * A write stays "in flight" for `onWrite` (the CLI's Ctrl+C warning, interruptedWrites.ts) until its
 * outcome is known: after a lost answer that includes the look-up that follows, which is exactly
 * the time the write may or may not have taken effect.
 */
import { describe, expect, it } from 'vitest';
import type { FakeRunpod } from '../fake-runpod/index';
import { clientFor, useFakeAndClient, type Harness } from './helpers';

let fake: FakeRunpod;
let h: Harness;
useFakeAndClient((started) => ({ fake, h } = started));

/** A client whose write notices and request-log lines land in one ordered list. */
function ordered(): { order: string[]; client: Harness['client'] } {
  const order: string[] = [];
  const { client } = clientFor(fake, {
    onRequest: (event) => order.push(`${event.method} ${event.path}`),
    onWrite: (op) => {
      order.push(`write ${op.action}`);
      return () => order.push(`settled ${op.action}`);
    },
  });
  return { order, client };
}

describe('a write settles only once its outcome is known', () => {
  it('create whose answer is lost: settled after the look-up, not when the POST ends', async () => {
    const { order, client } = ordered();
    fake.faults.inject({ reset: true, afterHandling: true }, { method: 'POST', path: '/account/secrets' });
    await client.createSecret({ name: 'settles-late', value: 'settles-late-value' });
    // createSecret reads the list first (a duplicate name is refused before sending); the write starts after it.
    expect(order.slice(order.indexOf('write create'))).toEqual(['write create', 'POST /account/secrets', 'GET /account/secrets', 'settled create']);
    await client.close();
  });

  it('terminate whose answer is lost: settled after the Pod look-up', async () => {
    const pod = await h.client.createPod({ name: 'settle-terminate', image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 } });
    const { order, client } = ordered();
    fake.faults.inject({ reset: true, afterHandling: true }, { method: 'POST', path: `/pods/${pod.id}/action` });
    await client.terminatePod(pod.id);
    expect(order).toEqual(['write pod-action', `POST /pods/${pod.id}/action`, `GET /pods/${pod.id}`, 'settled pod-action']);
    await client.close();
  });

  it('a write answered at once settles when its answer comes', async () => {
    const { order, client } = ordered();
    await client.createSecret({ name: 'settles-at-once', value: 'settles-at-once-value' });
    expect(order.slice(order.indexOf('write create'))).toEqual(['write create', 'POST /account/secrets', 'settled create']);
    await client.close();
  });
});
