/**
 * The client reads RunPod's RateLimit headers from the fake (real HTTP) and, when a window has no
 * request left, holds the next request back until that window resets instead of provoking a 429.
 * The fake and the client share one virtual clock that the client's injected sleep advances, so
 * the fake's windows really reset after the client's wait and no test waits for real.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeRunpod } from '../fake-runpod/index';
import { RunpodClient } from '../../client/src/runpod/client';
import type { RequestLogEvent, RunpodClientOptions } from '../../client/src/runpod/types';
import { rejection, startFake } from './helpers';

const DAY_MS = 86_400_000;
let clock = 1_700_000_000_000;
const fakes: FakeRunpod[] = [];
const clients: RunpodClient[] = [];

interface Gated {
  client: RunpodClient;
  sleeps: number[];
  events: RequestLogEvent[];
}

/** A client on `fake` whose sleeps advance the shared clock instead of waiting. */
function gatedClient(fake: FakeRunpod, options: Partial<RunpodClientOptions> = {}): Gated {
  const sleeps: number[] = [];
  const events: RequestLogEvent[] = [];
  const client = new RunpodClient({
    apiKey: fake.apiKey,
    baseUrl: fake.url,
    timeoutMs: 5_000,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    onRequest: (event) => events.push(event),
    ...options,
  });
  clients.push(client);
  return { client, sleeps, events };
}

async function fakeWithQuota(perMinute: number): Promise<FakeRunpod> {
  const fake = await startFake({ rateLimitPerMinute: perMinute, now: () => clock });
  fakes.push(fake);
  return fake;
}

/** Statuses of the requests `fake` saw for a method and path since the test began. */
const marks = new Map<FakeRunpod, number>();
function seen(fake: FakeRunpod, method: string, path: string): number[] {
  return fake
    .inspect()
    .requests.slice(marks.get(fake) ?? 0)
    .filter((r) => r.method === method && r.path === `/v2${path}`)
    .map((r) => r.status);
}

let fake3: FakeRunpod;
beforeAll(async () => {
  fake3 = await fakeWithQuota(3);
});
// Every window of every fake (minute, hour, day) starts afresh in each test.
beforeEach(() => {
  clock += 2 * DAY_MS;
  for (const fake of fakes) marks.set(fake, fake.inspect().requests.length);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

describe('client.rateLimit', () => {
  it('is undefined before any answer, then holds the windows and quotas of the latest answer', async () => {
    const { client } = gatedClient(fake3);
    expect(client.rateLimit).toBeUndefined();
    await client.listSecrets();
    const receivedAt = clock;
    expect(client.rateLimit).toEqual({
      receivedAt,
      windows: [
        { name: 'minute', remaining: 2, resetSeconds: 60, quota: 3, windowSeconds: 60 },
        { name: 'hour', remaining: 89, resetSeconds: 3600, quota: 90, windowSeconds: 3600 },
        { name: 'day', remaining: 1499, resetSeconds: 86_400, quota: 1500, windowSeconds: 86_400 },
      ],
    });
    clock += 10_000;
    await client.listTemplates();
    expect(client.rateLimit?.receivedAt).toBe(receivedAt + 10_000);
    expect(client.rateLimit?.windows[0]).toEqual({ name: 'minute', remaining: 1, resetSeconds: 50, quota: 3, windowSeconds: 60 });
  });

  it('keeps the last known state when an answer carries no RateLimit headers (an injected fault)', async () => {
    const { client } = gatedClient(fake3, { maxRetries: 0 });
    await client.listSecrets();
    const before = client.rateLimit;
    fake3.faults.inject({ status: 503 }, { method: 'GET', path: '/templates' });
    await rejection(() => client.listTemplates());
    fake3.faults.clear();
    expect(client.rateLimit).toBe(before);
  });
});

describe('waiting for an exhausted window instead of provoking a 429', () => {
  it.each([2, 4])('with a quota of %i per minute, sends that many at once, then waits for the reset', async (perMinute) => {
    const fake = await fakeWithQuota(perMinute);
    const { client, sleeps } = gatedClient(fake);
    for (let i = 0; i < perMinute; i++) await client.listSecrets();
    expect(sleeps).toEqual([]);
    expect(client.rateLimit?.windows[0]).toMatchObject({ name: 'minute', remaining: 0, resetSeconds: 60 });

    clock += 45_000;
    await client.listSecrets();
    expect(sleeps).toEqual([15_000]);
    expect(seen(fake, 'GET', '/account/secrets')).toEqual(Array(perMinute + 1).fill(200));
    expect(client.rateLimit?.windows[0]).toMatchObject({ remaining: perMinute - 1, resetSeconds: 60 });
  });

  it('holds back a write the same way: a create after the quota is used up is sent once, after the reset', async () => {
    const { client, sleeps } = gatedClient(fake3);
    await client.listTemplates();
    await client.listTemplates();
    clock += 40_000;
    // createSecret lists first (the third request of the minute, r=0), then POSTs.
    const created = await client.createSecret({ name: 'after-quota', value: 'value-after-quota' });
    expect(created.name).toBe('after-quota');
    expect(sleeps).toEqual([20_000]);
    expect(seen(fake3, 'POST', '/account/secrets')).toEqual([201]);
  });

  it('a wait beyond the cap is not waited for: rate-limited with the wait, and nothing is sent', async () => {
    const { client, sleeps, events } = gatedClient(fake3);
    for (let i = 0; i < 3; i++) await client.listTemplates();
    const error = await rejection(() => client.listTemplates());
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterSeconds).toBe(60);
    expect(error.mayHaveSucceeded).toBe(false);
    expect(error.message).toBe(
      "RunPod's minute request quota for this API key is used up, so the request to list templates was not sent. Try again in 60 s.",
    );
    expect(sleeps).toEqual([]);
    expect(seen(fake3, 'GET', '/templates')).toEqual([200, 200, 200]);
    expect(events.at(-1)).toMatchObject({ method: 'GET', path: '/templates', error: 'rate-limited' });
    expect(events.at(-1)?.status).toBeUndefined();

    // Once the window has reset on its own, the next call goes through without waiting.
    clock += 60_000;
    await client.listTemplates();
    expect(sleeps).toEqual([]);
  });

  it('the cap is the Retry-After cap: raised, the client waits the whole minute', async () => {
    const { client, sleeps } = gatedClient(fake3, { retry: { maxRetryAfterMs: 120_000 } });
    for (let i = 0; i < 3; i++) await client.listTemplates();
    await client.listTemplates();
    expect(sleeps).toEqual([60_000]);
    expect(seen(fake3, 'GET', '/templates')).toEqual([200, 200, 200, 200]);
  });
});

describe('window names are server text', () => {
  it('an echoed API key as a window name reaches neither client.rateLimit nor the error', async () => {
    const { client } = gatedClient(fake3);
    fake3.faults.inject(
      { status: 200, body: '{"templates": []}', headers: { RateLimit: `"${fake3.apiKey}";r=0;t=3600`, 'RateLimit-Policy': `"${fake3.apiKey}";q=1;w=3600` } },
      { method: 'GET', path: '/templates' },
    );
    await client.listTemplates();
    expect(client.rateLimit?.windows).toHaveLength(1);
    expect(client.rateLimit?.windows[0]).toMatchObject({ remaining: 0, resetSeconds: 3600, quota: 1 });
    expect(JSON.stringify(client.rateLimit)).not.toContain(fake3.apiKey);
    const error = await rejection(() => client.listTemplates());
    expect(error.kind).toBe('rate-limited');
    expect(error.message).toContain('rate-limit request quota');
    expect(JSON.stringify(error)).not.toContain(fake3.apiKey);
    expect(error.message).not.toContain(fake3.apiKey);
  });
});
