/**
 * A client is closed when the window's key, API URL or account changes while a flow still holds
 * it. A request already in flight is let finish (what it did is real and the flow reports it); a
 * request the closed client is asked for afterwards is never sent, and its error says so instead
 * of a network error, a retry, or a "checking whether it happened failed too". A scripted server
 * holds each request until the test answers it, so the close comes at a known step, not a time.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { clientFor, rejection } from './helpers';
import { startServer } from './hostileNet';
import type { FakeRunpod } from '../fake-runpod/index';

interface Held {
  method: string;
  res: ServerResponse;
}

/** A server that holds every request; `next()` resolves with the next one to arrive. */
async function holdingServer() {
  const arrived: Held[] = [];
  const waiting: ((held: Held) => void)[] = [];
  const server = await startServer((req: IncomingMessage, res) => {
    const held = { method: req.method ?? '', res };
    req.resume();
    const waiter = waiting.shift();
    if (waiter) waiter(held);
    else arrived.push(held);
  });
  const next = () => new Promise<Held>((resolve) => (arrived.length ? resolve(arrived.shift()!) : waiting.push(resolve)));
  return { server, next };
}

const json = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const SECRET = { id: 'sec_1', name: 'closed-test', createdAt: '2026-01-01T00:00:00Z' };

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

/** A recording client on the scripted server. */
async function setup() {
  const s = await holdingServer();
  const h = clientFor({ apiKey: 'rp_closed_test_key_123', url: s.server.url } as FakeRunpod);
  stop = async () => {
    await h.client.close();
    await s.server.close();
  };
  return { ...s, h };
}

describe('a client closed while a flow holds it', () => {
  it('a create in flight as the client closes finishes, and returns what was created', async () => {
    const { next, h, server } = await setup();
    const creating = h.client.createSecret({ name: 'closed-test', value: 'closed-test-value' });
    json((await next()).res, 200, { secrets: [] });
    const post = await next();
    expect(post.method).toBe('POST');
    const closing = h.client.close();
    json(post.res, 201, SECRET);
    expect((await creating).name).toBe('closed-test');
    await closing;
    expect(server.requests()).toBe(2);
  });

  it('a create asked after the close is not sent, not retried, and says nothing was created', async () => {
    const { next, h, server } = await setup();
    const failing = rejection(() => h.client.createSecret({ name: 'closed-test', value: 'closed-test-value' }));
    const listing = await next(); // the listing before the POST, in flight at the close
    const closing = h.client.close();
    json(listing.res, 200, { secrets: [] });
    const error = await failing;
    await closing;
    expect(error.mayHaveSucceeded).toBe(false);
    expect(error.message).toBe(
      'The request to create secret `closed-test` was not sent: this RunPod client was closed, as the API key, the API URL or the active account changed. Nothing was done; run it again.',
    );
    expect(h.sleeps).toEqual([]);
    expect(server.requests()).toBe(1);
  });

  it('a create whose answer is lost after the close: the check is not run on the closed client, and the message says why', async () => {
    const { next, h, server } = await setup();
    const failing = rejection(() => h.client.createSecret({ name: 'closed-test', value: 'closed-test-value' }));
    json((await next()).res, 200, { secrets: [] });
    const post = await next();
    const closing = h.client.close();
    post.res.socket?.destroy(); // the answer is lost
    const error = await failing;
    await closing;
    expect(error.mayHaveSucceeded).toBe(true);
    expect(error.message).toMatch(
      /^The request to create secret `closed-test` got no answer \([A-Z_]+\), and whether it happened could not be checked: this RunPod client was closed, as the API key, the API URL or the active account changed\. So as not to create it twice, run 'RunPod: Refresh Secrets' in the account it was meant for before trying again\.$/,
    );
    expect(server.requests()).toBe(2);
  });
});
