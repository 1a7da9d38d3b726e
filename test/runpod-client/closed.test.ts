/**
 * A client is closed when the window's key, API URL or account changes while a flow still holds
 * it. A request already in flight is let finish (what it did is real and the flow reports it); a
 * request the closed client is asked for afterwards is never sent, and its error says so instead
 * of a network error, a retry, or a "checking whether it happened failed too".
 */
import { describe, expect, it } from 'vitest';
import type { FakeRunpod } from '../fake-runpod/index';
import { clientFor, rejection, seen, useFakeAndClient } from './helpers';

let fake: FakeRunpod;

useFakeAndClient((started) => ({ fake } = started));

const secretsNamed = (name: string) => fake.inspect().secrets.filter((s) => s.name === name);

describe('a client closed while a flow holds it', () => {
  it('a create in flight as the client closes finishes, and returns what was created', async () => {
    const h = clientFor(fake);
    fake.faults.inject({ latencyMs: 150 }, { method: 'POST', path: '/account/secrets' });
    const creating = h.client.createSecret({ name: 'closed-in-flight', value: 'closed-in-flight-value' });
    while (!h.events.some((e) => e.method === 'GET')) await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 50)); // the POST is on its way
    const closing = h.client.close();
    expect((await creating).name).toBe('closed-in-flight');
    await closing;
    expect(secretsNamed('closed-in-flight')).toHaveLength(1);
  });

  it('a create asked after the close is not sent, not retried, and says nothing was created', async () => {
    const h = clientFor(fake);
    const posts = seen(fake, 'POST', '/account/secrets').length;
    fake.faults.inject({ latencyMs: 100 }, { method: 'GET', path: '/account/secrets' });
    const creating = h.client.createSecret({ name: 'closed-before-post', value: 'closed-before-post-value' });
    await new Promise((resolve) => setTimeout(resolve, 30)); // the listing before the POST hangs
    await h.client.close();
    const error = await rejection(() => creating);
    expect(error.mayHaveSucceeded).toBe(false);
    expect(error.message).toBe(
      "The request to create secret `closed-before-post` was not sent: this RunPod client was closed, as the API key, the API URL or the active account changed. Nothing was done; run it again.",
    );
    expect(h.sleeps).toEqual([]);
    expect(seen(fake, 'POST', '/account/secrets')).toHaveLength(posts);
    expect(secretsNamed('closed-before-post')).toHaveLength(0);
  });

  it('a create whose answer is lost after the close: the check is not run on the closed client, and the message says why', async () => {
    const h = clientFor(fake);
    fake.faults.inject({ latencyMs: 150, reset: true, afterHandling: true }, { method: 'POST', path: '/account/secrets' });
    const creating = h.client.createSecret({ name: 'closed-lost', value: 'closed-lost-value' });
    while (!h.events.some((e) => e.method === 'GET')) await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = h.client.close();
    const error = await rejection(() => creating);
    await closing;
    expect(error.mayHaveSucceeded).toBe(true);
    expect(error.message).toBe(
      "The request to create secret `closed-lost` got no answer (ECONNRESET), and whether it happened could not be checked: this RunPod client was closed, as the API key, the API URL or the active account changed. So as not to create it twice, run 'RunPod: Refresh Secrets' in the account it was meant for before trying again.",
    );
    expect(secretsNamed('closed-lost')).toHaveLength(1);
  });
});
