/**
 * Transport properties users rely on without seeing them: one connection reused across calls
 * (keep-alive), the Bearer header, and an HTTP(S) proxy from the environment for every host but
 * this machine. Real sockets: a small counting server, a recording proxy, the fake.
 */
import * as http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeRunpod } from '../fake-runpod/index';
import { RunpodClient } from '../../client/src/runpod/client';
import { startFake } from './helpers';
import { listen, startRecordingProxy, withProxyEnv } from './hostileNet';

let fake: FakeRunpod;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(async () => {
  await fake.close();
});

describe('transport', () => {
  it('reuses keep-alive connections across sequential calls and sends the Bearer header', async () => {
    let connections = 0;
    const auth: (string | undefined)[] = [];
    const server = http.createServer((req, res) => {
      auth.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"secrets": []}');
    });
    server.on('connection', () => connections++);
    const port = await listen(server);
    const client = new RunpodClient({ apiKey: 'rp_reuse_key_123456', baseUrl: `http://127.0.0.1:${port}/v2/` });
    try {
      for (let i = 0; i < 10; i++) await client.listSecrets();
      // Back-to-back calls can open a second socket while the first is being released (undici's
      // pool does not wait for it); without reuse there would be one per call.
      expect(connections).toBeLessThanOrEqual(2);
      expect(auth).toEqual(Array(10).fill('Bearer rp_reuse_key_123456'));
    } finally {
      await client.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('proxy from the environment', () => {
  const KEY = 'rp_proxy_watch_key_123456';
  const everyProxyVariable = (url: string) => ({ HTTP_PROXY: url, http_proxy: url, HTTPS_PROXY: url, https_proxy: url });

  it('a request to this machine never goes through HTTP(S)_PROXY: the key and values would cross it in clear text', async () => {
    const proxy = await startRecordingProxy('refuse');
    try {
      await withProxyEnv(everyProxyVariable(proxy.url), async () => {
        for (const baseUrl of [fake.url, fake.url.replace('127.0.0.1', 'localhost')]) {
          const client = new RunpodClient({ apiKey: fake.apiKey, baseUrl, maxRetries: 0 });
          try {
            expect((await client.listSecrets()).length, baseUrl).toBeGreaterThan(0);
          } finally {
            await client.close();
          }
        }
      });
      expect(proxy.connections()).toBe(0);
    } finally {
      await proxy.close();
    }
  });

  it('a host off this machine still goes through the proxy, as a CONNECT tunnel that carries no key', async () => {
    const proxy = await startRecordingProxy('refuse');
    try {
      await withProxyEnv(everyProxyVariable(proxy.url), async () => {
        const client = new RunpodClient({ apiKey: KEY, baseUrl: 'https://api.runpod.invalid/v2', maxRetries: 0, timeoutMs: 5_000 });
        try {
          await expect(client.listSecrets()).rejects.toMatchObject({ kind: 'network' });
        } finally {
          await client.close();
        }
      });
      expect(proxy.requestLines).toEqual(['CONNECT api.runpod.invalid:443 HTTP/1.1']);
      expect(proxy.received()).not.toContain(KEY);
    } finally {
      await proxy.close();
    }
  });

  it('a proxy that refuses the tunnel (here 502) is named as the one to check, with its status, never its credentials; nothing was sent', async () => {
    const proxy = await startRecordingProxy('refuse');
    try {
      const withPassword = proxy.url.replace('http://', 'http://alice:s3cret_proxy_pw@');
      await withProxyEnv(everyProxyVariable(withPassword), async () => {
        const client = new RunpodClient({ apiKey: KEY, baseUrl: 'https://api.runpod.invalid/v2', maxRetries: 0, timeoutMs: 5_000 });
        try {
          const error = (await client.deleteEndpoint('ep1').catch((e: unknown) => e)) as Record<string, unknown>;
          expect(error).toMatchObject({ kind: 'network', code: 'PROXY_STATUS_502', mayHaveSucceeded: false });
          expect(error.message).toMatch(/proxy.*HTTPS?_PROXY.*502/);
          expect(error.message).not.toMatch(/Could not reach RunPod/);
          expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain('s3cret');
        } finally {
          await client.close();
        }
      });
    } finally {
      await proxy.close();
    }
  });

  it.each(['407 Proxy Authentication Required', '403 Forbidden'])('a proxy that refuses with %s is asked once: its verdict on this request, not a passing trouble', async (refusal) => {
    const proxy = await startRecordingProxy('refuse', refusal);
    try {
      await withProxyEnv(everyProxyVariable(proxy.url), async () => {
        const client = new RunpodClient({ apiKey: KEY, baseUrl: 'https://api.runpod.invalid/v2', maxRetries: 3, retry: { baseDelayMs: 1, maxDelayMs: 1 }, timeoutMs: 5_000 });
        try {
          await expect(client.listSecrets()).rejects.toMatchObject({ kind: 'network', code: `PROXY_STATUS_${refusal.slice(0, 3)}` });
        } finally {
          await client.close();
        }
      });
      expect(proxy.requestLines).toEqual(['CONNECT api.runpod.invalid:443 HTTP/1.1']);
    } finally {
      await proxy.close();
    }
  });

  it('a proxy variable that is not a URL fails the call with a clear code, and never echoes it', async () => {
    await withProxyEnv({ HTTPS_PROXY: 'http://user:s3cret_proxy_pw@[broken' }, async () => {
      const client = new RunpodClient({ apiKey: KEY, baseUrl: 'https://api.runpod.invalid/v2', maxRetries: 0 });
      try {
        const error = (await client.listSecrets().catch((e: unknown) => e)) as Record<string, unknown>;
        expect(error).toMatchObject({ name: 'RunpodApiError', kind: 'network', code: 'INVALID_PROXY' });
        expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain('s3cret');
      } finally {
        await client.close();
      }
    });
  });

  it('NO_PROXY still sends a listed host directly', async () => {
    const proxy = await startRecordingProxy('refuse');
    try {
      await withProxyEnv({ ...everyProxyVariable(proxy.url), NO_PROXY: '192.0.2.1' }, async () => {
        // TEST-NET-1: nothing answers there, so the direct attempt fails by itself.
        const client = new RunpodClient({ apiKey: KEY, baseUrl: 'https://192.0.2.1/v2', maxRetries: 0, timeoutMs: 1_000 });
        try {
          await expect(client.listSecrets()).rejects.toMatchObject({ kind: expect.stringMatching(/^(network|timeout)$/) });
        } finally {
          await client.close();
        }
      });
      expect(proxy.connections()).toBe(0);
    } finally {
      await proxy.close();
    }
  });
});

describe('a redirect from the API server', () => {
  it.each([301, 302, 303, 307, 308])('%i to another host is not followed: the key and the body go nowhere else, and the call fails naming the status', async (status) => {
    const elsewhere: http.IncomingHttpHeaders[] = [];
    const other = http.createServer((req, res) => {
      elsewhere.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"secrets": []}');
    });
    const otherPort = await listen(other);
    // `localhost`, not 127.0.0.1: another host by name, as a redirect to an attacker's server would be.
    const api = http.createServer((_req, res) => {
      res.writeHead(status, { location: `http://localhost:${otherPort}/v2/account/secrets` });
      res.end();
    });
    const port = await listen(api);
    const client = new RunpodClient({ apiKey: 'rp_redirect_key_123456', baseUrl: `http://127.0.0.1:${port}/v2`, maxRetries: 0 });
    try {
      const failure = await client.createSecret({ name: 'x', value: 'redirected-value-123456' }).catch((error: unknown) => error);
      expect(failure).toMatchObject({ kind: 'bad-response', message: expect.stringContaining(`answered ${status}`) });
      expect(elsewhere).toEqual([]);
    } finally {
      await client.close();
      api.closeAllConnections();
      other.closeAllConnections();
      await new Promise((resolve) => api.close(resolve));
      await new Promise((resolve) => other.close(resolve));
    }
  });
});
