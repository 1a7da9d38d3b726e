/**
 * Key permission levels (`keyAccess`, `--key-access`): a valid key without the permission gets 403
 * problem+json naming what is missing (never the key); a wrong key is still 401; the data folder is
 * the same account whatever the key may do.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeRunpod, type FakeRunpod, type FakeRunpodOptions } from './index';
import { call, expectProblem } from './testHelpers';

const KEY = 'rp_access_test_key_0123456789';
let work: string;
let fake: FakeRunpod | undefined;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-runpod-access-'));
});
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A seeded account in its own folder, then the fake restarted on it with `options`. */
async function seededThen(options: FakeRunpodOptions): Promise<FakeRunpod> {
  const dataDir = fs.mkdtempSync(path.join(work, 'data-'));
  await (await startFakeRunpod({ dataDir, apiKey: KEY, seed: true })).close();
  return startFakeRunpod({ dataDir, apiKey: KEY, rateLimitPerMinute: 10_000, ...options });
}

/** The 403 problem of `res`; its text must not carry the key. */
function expectForbidden(res: Awaited<ReturnType<typeof call>>): string {
  const p = expectProblem(res, 403);
  expect(p.title).toBe('Forbidden');
  expect(res.text).not.toContain(KEY);
  return p.detail;
}

describe('key access', () => {
  it('read-write (the default) reads and writes', async () => {
    fake = await seededThen({});
    expect((await call(fake, 'GET', '/account/secrets')).status).toBe(200);
    expect((await call(fake, 'POST', '/account/secrets', { name: 'new-one', value: 'v' })).status).toBe(201);
  });

  it('read-only: every GET works, every POST/PATCH/DELETE is 403 naming the read/write permission, and changes nothing', async () => {
    fake = await seededThen({ keyAccess: 'read-only' });
    const list = await call(fake, 'GET', '/account/secrets');
    expect(list.status).toBe(200);
    expect(list.json.secrets.map((s: { name: string }) => s.name).sort()).toEqual(['db_password', 'hf-token', 'openai-key']);
    const hf = list.json.secrets.find((s: { name: string }) => s.name === 'hf-token');
    expect((await call(fake, 'GET', `/account/secrets/${hf.id}`)).status).toBe(200);
    expect((await call(fake, 'GET', '/templates')).status).toBe(200);
    expect((await call(fake, 'GET', '/pods')).status).toBe(200);
    expect((await call(fake, 'GET', '/catalog/gpus')).status).toBe(200);

    const before = fake.inspect();
    const create = expectForbidden(await call(fake, 'POST', '/account/secrets', { name: 'blocked', value: 'blocked-value-123' }));
    expect(create).toBe('this API key is read-only: POST /v2/account/secrets needs the read/write permission');
    expect(expectForbidden(await call(fake, 'PATCH', `/account/secrets/${hf.id}`, { value: 'new-value-456' }))).toMatch(/read-only: PATCH .* needs the read\/write permission/);
    expect(expectForbidden(await call(fake, 'DELETE', `/account/secrets/${hf.id}`))).toMatch(/read-only: DELETE .* needs the read\/write permission/);
    expectForbidden(await call(fake, 'POST', '/templates', { name: 't', image: 'i' }));
    expectForbidden(await call(fake, 'POST', '/pods', { name: 'p', image: 'i', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 } }));
    expectForbidden(await call(fake, 'POST', '/pods/anything/action', { action: 'stop' }));
    // The permission is checked before the body: an invalid body is 403 too, not 400/422.
    expectForbidden(await call(fake, 'POST', '/account/secrets', undefined, { rawBody: '{"name":' }));

    const after = fake.inspect();
    expect(after.secrets).toEqual(before.secrets);
    expect(after.templates).toEqual(before.templates);
    expect(after.pods).toEqual([]);
  });

  it('none: every /v2 request with the right key is 403 naming the read permission; a wrong or missing key is still 401', async () => {
    fake = await seededThen({ keyAccess: 'none' });
    for (const [method, p] of [
      ['GET', '/account/secrets'],
      ['GET', '/templates'],
      ['GET', '/pods'],
      ['GET', '/catalog/gpus'],
      ['GET', '/nope'],
      ['POST', '/account/secrets'],
    ] as const) {
      const res = await call(fake, method, p, method === 'POST' ? { name: 'x', value: 'v' } : undefined);
      expect(expectForbidden(res), `${method} ${p}`).toBe('this API key has no API access: it needs the read permission (or read/write) for the REST API');
    }
    const wrong = await call(fake, 'GET', '/account/secrets', undefined, { auth: 'Bearer rp_some_other_key' });
    expect(expectProblem(wrong, 401).detail).toMatch(/invalid API key/);
    expect(expectProblem(await call(fake, 'GET', '/account/secrets', undefined, { auth: null }), 401).detail).toBe('missing bearer token');
    expect(fake.inspect().secrets.map((s) => s.name).sort()).toEqual(['db_password', 'hf-token', 'openai-key']);
  });

  it('a 403 is an authenticated answer: it carries the RateLimit headers and counts against the quota', async () => {
    fake = await seededThen({ keyAccess: 'none', rateLimitPerMinute: 2 });
    const first = await call(fake, 'GET', '/account/secrets');
    expectForbidden(first);
    expect(first.headers.get('ratelimit')).toMatch(/^"minute";r=1;/);
    expectForbidden(await call(fake, 'GET', '/account/secrets'));
    const limited = await call(fake, 'GET', '/account/secrets');
    expectProblem(limited, 429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('rejects an unknown level', async () => {
    await expect(startFakeRunpod({ keyAccess: 'admin' as never })).rejects.toThrow(/keyAccess must be one of read-write, read-only, none/);
  });
});

describe('--key-access on the command line', () => {
  let bundle: string;
  beforeAll(async () => {
    bundle = path.join(work, 'fake-runpod.cjs');
    await esbuild.build({ entryPoints: [path.join(__dirname, 'main.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  });

  /** Runs the CLI with `args`; resolves with its URL once it listens, or its exit code and stderr. */
  function runCli(args: string[]): Promise<{ url?: string; code?: number | null; stderr: string; stop(): void }> {
    const dataDir = fs.mkdtempSync(path.join(work, 'cli-'));
    const child = spawn(process.execPath, [bundle, '--data-dir', dataDir, '--port', '0', '--api-key', KEY, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000, // never outlive the test run
    });
    const stop = () => void child.kill('SIGTERM');
    return new Promise((resolve) => {
      let out = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /^RunPod fake API listening on (\S+) /m.exec(out);
        if (m) resolve({ url: m[1]!, stderr, stop });
      });
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (code) => resolve({ code, stderr, stop }));
    });
  }

  it('--key-access read-only serves reads and refuses writes with 403', async () => {
    const cli = await runCli(['--key-access', 'read-only']);
    try {
      expect(cli.url, cli.stderr).toBeDefined();
      const headers = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' };
      expect((await fetch(`${cli.url}/account/secrets`, { headers })).status).toBe(200);
      const post = await fetch(`${cli.url}/account/secrets`, { method: 'POST', headers, body: JSON.stringify({ name: 'x', value: 'v' }) });
      expect(post.status).toBe(403);
      expect(((await post.json()) as { detail: string }).detail).toMatch(/read-only/);
    } finally {
      cli.stop();
    }
  });

  it('--key-access=none refuses reads with 403', async () => {
    const cli = await runCli(['--key-access=none']);
    try {
      expect(cli.url, cli.stderr).toBeDefined();
      const res = await fetch(`${cli.url}/account/secrets`, { headers: { Authorization: `Bearer ${KEY}` } });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    } finally {
      cli.stop();
    }
  });

  it('an unknown level exits 2 naming the accepted ones', async () => {
    const cli = await runCli(['--key-access', 'admin']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('--key-access needs one of read-write, read-only, none');
  });
});
