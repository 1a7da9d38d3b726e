import { describe, expect, it } from 'vitest';
import type { FakeRunpod } from '../fake-runpod/index';
import { RunpodClient } from '../../client/src/runpod/client';
import { DEFAULT_RETRY_POLICY } from '../../client/src/runpod/retry';
import { MIN_TIMEOUT_MS } from '../../client/src/runpod/timeout';
import { useFakeAndClient, clientFor, rejection, seen, startFake, type Harness } from './helpers';

let fake: FakeRunpod;
let h: Harness;

useFakeAndClient((started) => ({ fake, h } = started));

describe('authentication and permission', () => {
  it('a wrong key is unauthorized (each surface words the fix: errorKinds.ts), not retried', async () => {
    const wrong = clientFor(fake, { apiKey: 'rp_wrong_key_0000000000' });
    try {
      const error = await rejection(() => wrong.client.listSecrets());
      expect(error.kind).toBe('unauthorized');
      expect(error.status).toBe(401);
      expect(error.message).toBe('RunPod rejected the API key (401).');
      expect(wrong.events).toHaveLength(1);
    } finally {
      await wrong.client.close();
    }
  });

  it('403 says which permission is missing', async () => {
    fake.faults.inject({ status: 403 }, { method: 'GET', path: '/account/secrets' });
    const error = await rejection(() => h.client.listSecrets());
    expect(error.kind).toBe('forbidden');
    expect(error.message).toBe('The API key lacks permission to list secrets (403). Create a key with read/write access to secrets.');
  });
});

describe('retries of reads', () => {
  it('429 then success, waiting exactly Retry-After', async () => {
    fake.faults.inject({ status: 429, retryAfter: 3 }, { method: 'GET', path: '/account/secrets', times: 2 });
    const secrets = await h.client.listSecrets();
    expect(secrets.length).toBeGreaterThan(0);
    expect(h.sleeps).toEqual([3000, 3000]);
    expect(h.events.map((e) => [e.attempt, e.status, e.error])).toEqual([
      [1, 429, 'rate-limited'],
      [2, 429, 'rate-limited'],
      [3, 200, undefined],
    ]);
  });

  it('429 that outlasts the retries is rate-limited, with the wait for the caller', async () => {
    fake.faults.inject({ status: 429, retryAfter: 1 }, { method: 'GET', path: '/templates', times: 10 });
    const error = await rejection(() => h.client.listTemplates());
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterSeconds).toBe(1);
    expect(error.message).toMatch(/Try again in 1 s/);
    expect(h.events).toHaveLength(4); // 1 + maxRetries (3)
  });

  it('a Retry-After beyond the cap is not waited for', async () => {
    fake.faults.inject({ status: 429, retryAfter: 3600 }, { method: 'GET', path: '/templates' });
    const error = await rejection(() => h.client.listTemplates());
    expect(error.retryAfterSeconds).toBe(3600);
    expect(h.sleeps).toEqual([]);
  });

  it('5xx on a GET is retried with backoff until it succeeds', async () => {
    fake.faults.inject({ status: 503 }, { method: 'GET', path: '/pods', times: 2 });
    await expect(h.client.listPods()).resolves.toBeInstanceOf(Array);
    expect(h.sleeps).toHaveLength(2);
    expect(h.sleeps[1]!).toBeGreaterThanOrEqual(500); // second step of 500 ms doubling, half jittered
  });

  it('persistent 5xx on a GET gives up after maxRetries with a server error', async () => {
    const few = clientFor(fake, { maxRetries: 1 });
    try {
      fake.faults.inject({ status: 502 }, { method: 'GET', path: '/catalog/gpus', times: 5 });
      const error = await rejection(() => few.client.listGpuTypes());
      expect(error.kind).toBe('server');
      expect(error.status).toBe(502);
      expect(few.events).toHaveLength(2);
    } finally {
      await few.client.close();
    }
  });

  it('a socket reset on a GET is retried', async () => {
    fake.faults.inject({ reset: true }, { method: 'GET', path: '/account/secrets' });
    await expect(h.client.listSecrets()).resolves.not.toHaveLength(0);
    expect(h.events[0]).toMatchObject({ attempt: 1, error: 'network' });
    expect(h.events[1]).toMatchObject({ attempt: 2, status: 200 });
  });

  it('a socket reset that persists is a network error', async () => {
    fake.faults.inject({ reset: true }, { method: 'GET', path: '/templates', times: 10 });
    const error = await rejection(() => h.client.listTemplates());
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/Could not reach RunPod at 127\.0\.0\.1:\d+ to list templates/);
  });

  it('a GET that times out is retried; one that keeps timing out is a timeout error', async () => {
    // The timed-out attempts get no answer at all (hang), so no load can make one come in time; the
    // retry that is answered has the shortest timeout a user can set, not a window a busy machine misses.
    const slow = clientFor(fake, { timeoutMs: MIN_TIMEOUT_MS });
    try {
      fake.faults.inject({ hang: true }, { method: 'GET', path: '/pods' });
      await expect(slow.client.listPods()).resolves.toBeInstanceOf(Array);
      expect(slow.events[0]).toMatchObject({ attempt: 1, error: 'timeout' });

      fake.faults.inject({ hang: true }, { method: 'GET', path: '/templates', times: 2 });
      const once = clientFor(fake, { timeoutMs: 300, maxRetries: 1 });
      try {
        const error = await rejection(() => once.client.listTemplates());
        expect(error.kind).toBe('timeout');
        expect(error.message).toMatch(/^RunPod did not answer 2 attempts to list templates, each given 0\.3 s: \d+(\.\d)? s in all/);
      } finally {
        await once.client.close();
      }
    } finally {
      await slow.client.close();
    }
  });

  it('a GET that never answers: the message says how many attempts the policy made and the time it counted, and where to raise the timeout', async () => {
    // A clock that only the retry pauses move: the total said is then exactly the pauses the policy chose.
    let clock = 0;
    const sleeps: number[] = [];
    const stuck = clientFor(fake, { timeoutMs: 300, surface: 'cli', now: () => clock, sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    } });
    try {
      fake.faults.inject({ hang: true }, { method: 'GET', path: '/pods', times: 10 });
      const error = await rejection(() => stuck.client.listPods());
      expect(error.kind).toBe('timeout');
      const attempts = 1 + DEFAULT_RETRY_POLICY.maxRetries;
      expect(stuck.events).toHaveLength(attempts);
      const total = sleeps.reduce((a, b) => a + b, 0);
      expect(sleeps).toHaveLength(attempts - 1);
      expect(error.message).toBe(
        `RunPod did not answer ${attempts} attempts to list pods, each given 0.3 s: ${Math.round(total / 100) / 10} s in all, with the pauses between them. ` +
          'Check your connection, or raise the timeout (RUNPOD_TIMEOUT_MS), and try again.',
      );
    } finally {
      await stuck.client.close();
    }
  });

  it('a malformed body is bad-response and not retried', async () => {
    fake.faults.inject({ malformedBody: true }, { method: 'GET', path: '/account/secrets' });
    const error = await rejection(() => h.client.listSecrets());
    expect(error.kind).toBe('bad-response');
    expect(h.events).toHaveLength(1);
  });

  it('a well-formed body of the wrong shape is bad-response', async () => {
    fake.faults.inject({ status: 200, body: '{"items": []}', headers: { 'Content-Type': 'application/json' } }, { method: 'GET', path: '/pods' });
    expect((await rejection(() => h.client.listPods())).kind).toBe('bad-response');
  });

  it('a refused connection is a network error after bounded retries, naming the setting of a non-RunPod URL', async () => {
    const closed = await startFake();
    const url = closed.url;
    await closed.close();
    const dead = new RunpodClient({
      apiKey: 'rp_key_0123456789',
      baseUrl: url,
      baseUrlSource: 'the runpod.apiUrl setting',
      sleep: async () => {},
      timeoutMs: 1000,
    });
    try {
      const error = await rejection(() => dead.listSecrets());
      expect(error.kind).toBe('network');
      expect(error.code).toBe('ECONNREFUSED');
      expect(error.message).toContain(`Check the runpod.apiUrl setting (${url}) and your connection.`);
      expect(error.message).not.toMatch(/proxy/);
    } finally {
      await dead.close();
    }
  });
});

describe('writes are not retried blindly', () => {
  it('5xx on a POST create is not retried; the client checks and reports nothing was created', async () => {
    fake.faults.inject({ status: 503 }, { method: 'POST', path: '/account/secrets' });
    const error = await rejection(() => h.client.createSecret({ name: 'after-503', value: 'value-after-503' }));
    expect(error.kind).toBe('server');
    expect(error.mayHaveSucceeded).toBe(false);
    expect(error.message).toMatch(/nothing was created/);
    expect(seen(fake, 'POST', '/account/secrets').filter((s) => s === 503)).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
  });

  it('429 on a create is retried after Retry-After (the request was not processed)', async () => {
    fake.faults.inject({ status: 429, retryAfter: 2 }, { method: 'POST', path: '/account/secrets' });
    const created = await h.client.createSecret({ name: 'after-429', value: 'value-after-429' });
    expect(created.name).toBe('after-429');
    expect(h.sleeps).toEqual([2000]);
  });

  it('429 on a PATCH is retried; 5xx on a PATCH is not', async () => {
    fake.faults.inject({ status: 429, retryAfter: 1 }, { method: 'PATCH', path: '/account/secrets' });
    await h.client.updateSecret('hf-token', { description: 'after 429' });
    expect(h.sleeps).toEqual([1000]);

    fake.faults.inject({ status: 500 }, { method: 'PATCH', path: '/account/secrets' });
    const error = await rejection(() => h.client.updateSecret('hf-token', { description: 'after 500' }));
    expect(error.kind).toBe('server');
    expect(error.mayHaveSucceeded).toBe(true);
    expect(error.message).toMatch(/may or may not have taken effect/);
    expect(h.sleeps).toEqual([1000]);
  });

  it('a PATCH that times out is not retried and says it may have happened', async () => {
    const slow = clientFor(fake, { timeoutMs: 300 });
    try {
      fake.faults.inject({ hang: true, afterHandling: true }, { method: 'PATCH', path: '/account/secrets' });
      const error = await rejection(() => slow.client.updateSecret('openai-key', { description: 'slow' }));
      expect(error.kind).toBe('timeout');
      expect(error.mayHaveSucceeded).toBe(true);
      expect(slow.events.filter((e) => e.method === 'PATCH')).toHaveLength(1);
    } finally {
      await slow.client.close();
    }
  });
});
