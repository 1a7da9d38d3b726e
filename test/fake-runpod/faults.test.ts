import { afterEach, describe, expect, it } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from './index';
import { call, expectProblem } from './testHelpers';
import { until } from '../helpers/until';

let fake: FakeRunpod | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('rate limits', () => {
  it('sends RateLimit and RateLimit-Policy on authenticated responses, 429 with Retry-After beyond the quota', async () => {
    let clock = Date.parse('2026-09-01T12:00:10Z');
    fake = await startFakeRunpod({ rateLimitPerMinute: 3, now: () => clock });
    const first = await call(fake, 'GET', '/account/secrets');
    expect(first.headers.get('ratelimit')).toBe('"minute";r=2;t=60, "hour";r=89;t=3600, "day";r=1499;t=86400');
    expect(first.headers.get('ratelimit-policy')).toBe('"minute";q=3;w=60, "hour";q=90;w=3600, "day";q=1500;w=86400');
    // Errors after auth carry the headers too.
    expect((await call(fake, 'GET', '/nope')).headers.get('ratelimit')).toMatch(/^"minute";r=1;/);
    clock += 20_000;
    expect((await call(fake, 'POST', '/account/secrets', { name: 'a', value: 'v' })).status).toBe(201);
    const limited = await call(fake, 'POST', '/account/secrets', { name: 'b', value: 'v' });
    const p = expectProblem(limited, 429);
    expect(limited.headers.get('retry-after')).toBe('40');
    expect(limited.headers.get('ratelimit')).toMatch(/^"minute";r=0;t=40,/);
    expect(p.detail).toMatch(/retry after 40 seconds/);
    expect(fake.inspect().secrets.map((s) => s.name)).toEqual(['a']); // the limited create did nothing
    // Unauthenticated requests do not count and carry no RateLimit header.
    expect((await call(fake, 'GET', '/account/secrets', undefined, { auth: null })).headers.get('ratelimit')).toBeNull();
    clock += 40_000;
    expect((await call(fake, 'POST', '/account/secrets', { name: 'b', value: 'v' })).status).toBe(201);
  });
});

describe('fault injection', () => {
  it('returns queued 5xx problems for the next N matching requests only', async () => {
    fake = await startFakeRunpod();
    fake.faults.inject({ status: 503 }, { method: 'GET', path: '/account/secrets', times: 2 });
    expect(fake.faults.pending).toBe(2);
    expect((await call(fake, 'GET', '/pods')).status).toBe(200); // other path: untouched
    expect((await call(fake, 'POST', '/account/secrets', { name: 'x', value: 'v' })).status).toBe(201); // other method
    expectProblem(await call(fake, 'GET', '/account/secrets'), 503);
    expectProblem(await call(fake, 'GET', '/account/secrets'), 503);
    expect((await call(fake, 'GET', '/account/secrets')).status).toBe(200);
    // The full path (with /v2) works as a prefix too, and covers sub-paths.
    fake.faults.inject({ status: 503 }, { path: '/v2/account/secrets' });
    expectProblem(await call(fake, 'GET', '/account/secrets/abc'), 503);
    fake.faults.inject({ status: 500 }, { path: /\/pods$/ });
    fake.faults.inject({ status: 502 }, { path: /\/pods$/ });
    expectProblem(await call(fake, 'GET', '/pods'), 500);
    expectProblem(await call(fake, 'GET', '/pods'), 502);
    expect(fake.inspect().requests.filter((r) => r.path === '/v2/pods').map((r) => r.status)).toEqual([200, 500, 502]);
  });

  it('a 5xx fault on create does not create anything', async () => {
    fake = await startFakeRunpod();
    fake.faults.inject({ status: 500 }, { method: 'POST' });
    expectProblem(await call(fake, 'POST', '/account/secrets', { name: 'x', value: 'v' }), 500);
    expect(fake.inspect().secrets).toEqual([]);
  });

  it('injects 429 with Retry-After', async () => {
    fake = await startFakeRunpod();
    fake.faults.inject({ status: 429, retryAfter: 2 });
    const res = await call(fake, 'GET', '/account/secrets');
    expectProblem(res, 429);
    expect(res.headers.get('retry-after')).toBe('2');
  });

  it('resets the connection', async () => {
    fake = await startFakeRunpod();
    fake.faults.inject({ reset: true }, { path: '/account/secrets' });
    const err = await call(fake, 'GET', '/account/secrets').then(() => undefined, (e: Error) => e);
    expect(err).toBeInstanceOf(TypeError); // fetch failed
    expect(fake.inspect().requests.at(-1)).toEqual({ method: 'GET', path: '/v2/account/secrets', status: 0 });
    expect((await call(fake, 'GET', '/account/secrets')).status).toBe(200);
  });

  it('resets the connection after a create took effect (afterHandling): the create happened', async () => {
    fake = await startFakeRunpod();
    fake.faults.inject({ reset: true, afterHandling: true }, { method: 'POST', path: '/account/secrets' });
    await expect(call(fake, 'POST', '/account/secrets', { name: 'happened', value: 'v' })).rejects.toThrow();
    expect(fake.inspect().secrets.map((s) => s.name)).toEqual(['happened']);
  });

  it('delays responses by latencyMs; a client that gives up first leaves nothing created', async () => {
    fake = await startFakeRunpod();
    // Longer than any stall of a busy machine between the fake taking the fault and the abort below:
    // with 300 ms, a starved test process could abort after the create went through.
    fake.faults.inject({ latencyMs: 2_000 }, { method: 'POST' });
    // The client gives up once the fake holds the request (it took the fault), not after a fixed
    // time: on a busy machine a 50 ms timer could fire before the request was even sent.
    const giveUp = new AbortController();
    const aborted = fetch(`${fake.url}/account/secrets`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${fake.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'late', value: 'v' }),
      signal: giveUp.signal,
    });
    await until(() => fake!.faults.pending === 0, 'the fake to take the fault');
    giveUp.abort();
    await expect(aborted).rejects.toThrow();
    // Wait until the fake has finished with the request (it logs status 0 for an abandoned one).
    await until(() => fake!.inspect().requests.length > 0, 'the fake to log the abandoned request');
    expect(fake.inspect().secrets).toEqual([]);
    expect(fake.inspect().requests.at(-1)!.status).toBe(0);
    // With a patient client the delayed request succeeds.
    fake.faults.inject({ latencyMs: 100 }, { method: 'GET' });
    expect((await call(fake, 'GET', '/account/secrets')).status).toBe(200);
  });

  it('hang answers nothing until the client leaves; before handling nothing is created, after it the create stands', async () => {
    fake = await startFakeRunpod();
    const create = async (name: string): Promise<void> => {
      const logged = fake!.inspect().requests.length;
      const giveUp = new AbortController();
      const sent = fetch(`${fake!.url}/account/secrets`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${fake!.apiKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name, value: 'v' }),
        signal: giveUp.signal,
      });
      // Given up once the fake holds the request (it took the fault): no answer came before.
      await until(() => fake!.faults.pending === 0, 'the fake to take the fault');
      giveUp.abort();
      await expect(sent).rejects.toThrow();
      // The fake logs the request once the client has gone (status 0: no answer was sent).
      await until(() => fake!.inspect().requests.length > logged, 'the abandoned request logged');
      expect(fake!.inspect().requests.slice(logged)).toEqual([{ method: 'POST', path: '/v2/account/secrets', status: 0 }]);
    };
    fake.faults.inject({ hang: true }, { method: 'POST' });
    await create('never');
    expect(fake.inspect().secrets).toEqual([]);
    fake.faults.inject({ hang: true, afterHandling: true }, { method: 'POST' });
    await create('happened');
    expect(fake.inspect().secrets.map((s) => s.name)).toEqual(['happened']);
  });

  it('answers 200 with a malformed JSON body', async () => {
    fake = await startFakeRunpod();
    fake.faults.inject({ malformedBody: true });
    const res = await call(fake, 'GET', '/account/secrets');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it('echoes a custom status, body and headers (to test that clients do not leak what servers echo)', async () => {
    fake = await startFakeRunpod();
    fake.faults.inject({ status: 400, body: `bad key ${fake.apiKey}`, headers: { 'X-Echo': fake.apiKey } });
    const res = await call(fake, 'GET', '/account/secrets');
    expect(res.status).toBe(400);
    expect(res.text).toBe(`bad key ${fake.apiKey}`);
    expect(res.headers.get('x-echo')).toBe(fake.apiKey);
  });

  it('clear() drops queued faults', async () => {
    fake = await startFakeRunpod();
    fake.faults.inject({ status: 500 }, { times: 5 });
    fake.faults.clear();
    expect(fake.faults.pending).toBe(0);
    expect((await call(fake, 'GET', '/account/secrets')).status).toBe(200);
  });
});
