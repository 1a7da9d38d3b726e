/**
 * A hostile or broken server at the API URL states absurd rate limits: one answer must not lock the
 * client out. Its reset time is believed only within the window's length, and a request the user
 * asks for (Retry, Refresh) goes out as one probe whose answer replaces the belief. A real HTTP
 * server on loopback; the client's clock is virtual, so nothing waits for real.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RunpodClient } from '../../client/src/runpod/client';
import { startServer } from './hostileNet';
import { rejection } from './helpers';

let clock = 1_700_000_000_000;
/** Headers of the server's next answers; every answer is an empty secrets list. */
let limitHeaders: Record<string, string> = {};
let server: Awaited<ReturnType<typeof startServer>>;
const clients: RunpodClient[] = [];

beforeAll(async () => {
  server = await startServer((_req, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json', ...limitHeaders });
    res.end('{"secrets": []}');
  });
});
beforeEach(() => {
  limitHeaders = {};
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await server.close();
});

function client(): RunpodClient {
  const c = new RunpodClient({
    apiKey: 'rp_hostile_test_key',
    baseUrl: server.url,
    timeoutMs: 5_000,
    maxRetries: 0,
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
  });
  clients.push(c);
  return c;
}

const NORMAL = { RateLimit: '"minute";r=59;t=60, "hour";r=2999;t=3600', 'RateLimit-Policy': '"minute";q=60;w=60, "hour";q=3000;w=3600' };

describe('an absurd reset time', () => {
  it.each([
    ['"minute";r=0;t=999999999999', 60],
    ['"hour";r=0;t=999999999999', 3_600],
    ['"fortnight";r=0;t=999999999999', 86_400],
  ])('%s holds requests back for at most %i s, then the next one is sent', async (header, boundSeconds) => {
    const api = client();
    limitHeaders = { RateLimit: header };
    await api.listSecrets();
    limitHeaders = NORMAL;
    const before = server.requests();

    const refused = await rejection(() => api.listSecrets());
    expect(refused.kind).toBe('rate-limited');
    expect(refused.retryAfterSeconds).toBe(boundSeconds);
    expect(refused.message).not.toContain('999999');
    expect(server.requests()).toBe(before);

    clock += boundSeconds * 1000;
    await api.listSecrets();
    expect(server.requests()).toBe(before + 1);
    expect(api.rateLimit?.windows[0]).toMatchObject({ name: 'minute', remaining: 59 });
  });

  it('a policy naming a longer window cannot stretch the wait past a day', async () => {
    const api = client();
    limitHeaders = { RateLimit: '"minute";r=0;t=999999999999', 'RateLimit-Policy': '"minute";q=1;w=999999999999' };
    await api.listSecrets();
    limitHeaders = NORMAL;
    const refused = await rejection(() => api.listSecrets());
    expect(refused.retryAfterSeconds).toBe(86_400);
    expect(refused.message).toContain('Try again in about 24 hours.');
  });

  it('a negative remaining count is ignored, not taken as none left', async () => {
    const api = client();
    limitHeaders = { RateLimit: '"hour";r=-5;t=3000, "minute";r=-1;t=999999999999' };
    await api.listSecrets();
    const before = server.requests();
    await api.listSecrets();
    expect(server.requests()).toBe(before + 1);
  });
});

describe('a probe the user asks for', () => {
  it('is sent while a window is believed used up, and its answer replaces the belief', async () => {
    const api = client();
    limitHeaders = { RateLimit: '"day";r=0;t=80000' };
    await api.listSecrets();
    limitHeaders = NORMAL;
    const before = server.requests();
    await rejection(() => api.listSecrets());
    expect(server.requests()).toBe(before);

    api.probeRateLimit();
    await api.listSecrets();
    expect(server.requests()).toBe(before + 1);
    expect(api.rateLimit?.windows.map((w) => w.name)).toEqual(['minute', 'hour']);
    // The belief is the probe's answer now: the next request goes out without another probe.
    await api.listSecrets();
    expect(server.requests()).toBe(before + 2);
  });

  it('is one request: when its answer says the window is still used up, the next one is held back again', async () => {
    const api = client();
    limitHeaders = { RateLimit: '"day";r=0;t=80000' };
    await api.listSecrets();
    const before = server.requests();
    api.probeRateLimit();
    await api.listSecrets();
    expect(server.requests()).toBe(before + 1);
    const refused = await rejection(() => api.listSecrets());
    expect(refused.kind).toBe('rate-limited');
    expect(server.requests()).toBe(before + 1);
  });

  it('lets every request the refresh starts go out, not only the first (secrets and Pods list at once)', async () => {
    const api = client();
    limitHeaders = { RateLimit: '"day";r=0;t=80000' };
    await api.listSecrets();
    limitHeaders = NORMAL;
    const before = server.requests();
    api.probeRateLimit();
    const results = await Promise.allSettled([api.listSecrets(), api.listSecrets()]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(server.requests()).toBe(before + 2);
  });

  it('a successful answer without RateLimit headers clears the belief', async () => {
    const api = client();
    limitHeaders = { RateLimit: '"day";r=0;t=80000' };
    await api.listSecrets();
    limitHeaders = {};
    api.probeRateLimit();
    await api.listSecrets();
    expect(api.rateLimit).toBeUndefined();
    const before = server.requests();
    await api.listSecrets();
    expect(server.requests()).toBe(before + 1);
  });
});
