/**
 * The command line shares the extension's transport: with HTTP(S)_PROXY set, the fake on this
 * machine is reached directly (the key never crosses the proxy), and a proxy that drops every
 * CONNECT cannot make `runpod-check` hang: it exits 2 with a timeout, retries included.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { startRawServer, startRecordingProxy } from '../runpod-client/hostileNet';
import { DEFAULT_RETRY_POLICY } from '../../client/src/runpod/retry';
import { MIN_TIMEOUT_MS } from '../../client/src/runpod/timeout';
import { apiEnv, buildOnce, runCli } from './helpers';

// Each test starts a process; on two shared cores that can take a while (not a timing assertion).
vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

let fake: FakeRunpod;
beforeAll(async () => {
  buildOnce();
  fake = await startFakeRunpod({ seed: true });
});
afterAll(async () => {
  await fake?.close();
});

describe('runpod-check behind a proxy', () => {
  it('reaches the API on this machine directly, never through HTTP(S)_PROXY', async () => {
    const proxy = await startRecordingProxy('refuse');
    try {
      const proxied = { HTTP_PROXY: proxy.url, http_proxy: proxy.url, HTTPS_PROXY: proxy.url, https_proxy: proxy.url };
      const r = await runCli(['secrets', 'list', '--json'], { env: { ...apiEnv(fake), ...proxied } });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toHaveLength(3);
      expect(proxy.connections()).toBe(0);
    } finally {
      await proxy.close();
    }
  });

  it('a proxy that drops every CONNECT ends in a timeout (exit 2), not a hang', async () => {
    const proxy = await startRecordingProxy('drop');
    try {
      const r = await runCli(['secrets', 'list'], {
        env: { RUNPOD_API_KEY: 'rp_cli_deadline_key_123456', RUNPOD_API_URL: 'https://10.255.255.1/v2', RUNPOD_TIMEOUT_MS: String(MIN_TIMEOUT_MS), HTTPS_PROXY: proxy.url },
        timeoutMs: 60_000,
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`did not answer ${1 + DEFAULT_RETRY_POLICY.maxRetries} attempts to list secrets, each given 1 s: `));
      expect(proxy.connections()).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });
});

describe('runpod-check against a server that accepts and never answers', () => {
  it('says how many attempts it made and how long it waited in all, not only the per-request timeout (exit 2)', async () => {
    const silent = await startRawServer(() => undefined);
    try {
      const r = await runCli(['secrets', 'list'], {
        env: { RUNPOD_API_KEY: 'rp_cli_silent_key_123456', RUNPOD_API_URL: silent.url, RUNPOD_TIMEOUT_MS: String(MIN_TIMEOUT_MS) },
        timeoutMs: 60_000,
      });
      expect(r.code).toBe(2);
      const attempts = 1 + DEFAULT_RETRY_POLICY.maxRetries;
      const said = new RegExp(`^runpod-check: RunPod did not answer ${attempts} attempts to list secrets, each given 1 s: (\\d+(?:\\.\\d)?) s in all, with the pauses between them\\. Check your connection, or raise the timeout \\(RUNPOD_TIMEOUT_MS\\), and try again\\.`).exec(r.stderr);
      expect(said, r.stderr).not.toBeNull();
      // What it says it waited covers every attempt's full timeout: the total is not the per-request one.
      expect(Number(said![1])).toBeGreaterThanOrEqual((attempts * MIN_TIMEOUT_MS) / 1000);
    } finally {
      await silent.close();
    }
  });
});
