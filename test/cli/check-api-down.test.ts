/**
 * `check` when the API fails while a key is set (rate limited, server error, connection refused):
 * every finding that needs no account is still printed, unknown-secret is skipped with one note
 * saying why (never the key), --secrets-file is the fallback when given, and the exit code (2)
 * still says the account was not checked.
 */
import * as net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { apiEnv, buildOnce, runCli, workspace } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

let fake: FakeRunpod;
let ws: string;
let closedPort: number;

beforeAll(async () => {
  buildOnce();
  fake = await startFakeRunpod({ seed: true });
  ws = workspace({
    'bad.runpod.env': 'X={{ RUNPOD_SECRET_ }}\nT={{ RUNPOD_SECRET_missing }}\nK={{ RUNPOD_SECRET_listed }}\n',
    'names.txt': 'listed\n',
  });
  // A port nothing listens on: bound, then closed, so the connection is refused.
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closedPort = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

afterAll(async () => {
  await fake?.close();
});

const MALFORMED = /^bad\.runpod\.env:1:3: error malformed-reference /m;

describe('check, the API fails while a key is set', () => {
  it('rate limited: the malformed reference is still reported, unknown-secret skipped with the reason, exit 2', async () => {
    fake.faults.clear();
    fake.faults.inject({ status: 429 }, { method: 'GET', path: /\/account\/secrets(\?.*)?$/, times: 100 });
    const r = await runCli(['check'], { cwd: ws, env: apiEnv(fake) });
    fake.faults.clear();
    expect(r.stdout).toMatch(MALFORMED);
    expect(r.stdout).not.toContain('unknown-secret');
    expect(r.stderr).toMatch(/note: the secret list could not be fetched \(.*\(429\).*\): unknown-secret checks skipped/);
    expect(r.stderr).not.toContain(fake.apiKey);
    expect(r.code).toBe(2);
  });

  it('connection refused with --secrets-file: falls back to the file, says so, unknown-secret judged by it', async () => {
    const env = { ...apiEnv(fake), RUNPOD_API_URL: `http://127.0.0.1:${closedPort}/v2` };
    const r = await runCli(['check', '--secrets-file', 'names.txt'], { cwd: ws, env });
    expect(r.stdout).toMatch(MALFORMED);
    expect(r.stdout).toMatch(/^bad\.runpod\.env:2:20: warning unknown-secret /m);
    expect(r.stdout).not.toMatch(/^bad\.runpod\.env:3:/m);
    expect(r.stderr).toMatch(/names from --secrets-file names\.txt instead/);
    expect(r.stderr).not.toContain('is ignored');
    expect(r.stderr).not.toContain(fake.apiKey);
    expect(r.code).toBe(2);
  });

  it('a file with no findings still exits 2: the account was not checked', async () => {
    const clean = workspace({ 'ok.runpod.env': 'A={{ RUNPOD_SECRET_hf-token }}\n' });
    fake.faults.inject({ status: 503 }, { method: 'GET', path: /\/account\/secrets(\?.*)?$/, times: 100 });
    const r = await runCli(['check', '--format', 'json'], { cwd: clean, env: apiEnv(fake) });
    fake.faults.clear();
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.stderr).toMatch(/unknown-secret checks skipped/);
    expect(r.code).toBe(2);
  });
});

interface SarifRun {
  invocations?: { executionSuccessful: boolean; toolExecutionNotifications?: { level: string; message: { text: string } }[] }[];
  results: { ruleId: string }[];
}
const sarifRun = (stdout: string): SarifRun => (JSON.parse(stdout) as { runs: SarifRun[] }).runs[0]!;

describe('check --format sarif, the API fails: the SARIF says the account was not checked', () => {
  it('invocations: executionSuccessful false, an error notification with the reason (never the key); the other findings kept', async () => {
    fake.faults.inject({ status: 503 }, { method: 'GET', path: /\/account\/secrets(\?.*)?$/, times: 100 });
    const r = await runCli(['check', '--format', 'sarif'], { cwd: ws, env: apiEnv(fake) });
    fake.faults.clear();
    expect(r.code).toBe(2);
    const run = sarifRun(r.stdout);
    expect(run.results.map((x) => x.ruleId)).toEqual(['malformed-reference']);
    expect(run.invocations).toHaveLength(1);
    const [invocation] = run.invocations!;
    expect(invocation!.executionSuccessful).toBe(false);
    const texts = invocation!.toolExecutionNotifications!.map((n) => `${n.level} ${n.message.text}`);
    expect(texts).toEqual([expect.stringMatching(/^error The account was not checked: the secret list could not be fetched \(.*503.*\): unknown-secret not checked$/)]);
    expect(r.stdout).not.toContain(fake.apiKey);
  });

  it('with --secrets-file the notification says unknown-secret was judged by the file', async () => {
    fake.faults.inject({ status: 503 }, { method: 'GET', path: /\/account\/secrets(\?.*)?$/, times: 100 });
    const r = await runCli(['check', '--format', 'sarif', '--secrets-file', 'names.txt'], { cwd: ws, env: apiEnv(fake) });
    fake.faults.clear();
    expect(r.code).toBe(2);
    const [invocation] = sarifRun(r.stdout).invocations!;
    expect(invocation!.executionSuccessful).toBe(false);
    expect(invocation!.toolExecutionNotifications![0]!.message.text).toMatch(/unknown-secret judged by --secrets-file$/);
  });

  it('the account read: executionSuccessful true and no notification', async () => {
    const r = await runCli(['check', '--format', 'sarif'], { cwd: ws, env: apiEnv(fake) });
    expect(r.code).toBe(1);
    expect(sarifRun(r.stdout).invocations).toEqual([{ executionSuccessful: true }]);
    expect(sarifRun(r.stdout).results.map((x) => x.ruleId)).toContain('unknown-secret');
  });
});

describe('check, the API answers what configuration fixes', () => {
  it('a 404 (a wrong RUNPOD_API_URL) is an error, not "API down": no findings printed as if checked, exit 2', async () => {
    fake.faults.inject({ status: 404 }, { method: 'GET', path: /\/account\/secrets(\?.*)?$/, times: 100 });
    const r = await runCli(['check'], { cwd: ws, env: apiEnv(fake) });
    fake.faults.clear();
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toContain('unknown-secret checks skipped');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.code).toBe(2);
  });

  it('--rotation-days with a key set and the API failing says the list could not be fetched, not "set RUNPOD_API_KEY"', async () => {
    fake.faults.inject({ status: 503 }, { method: 'GET', path: /\/account\/secrets(\?.*)?$/, times: 100 });
    const r = await runCli(['check', '--rotation-days', '30'], { cwd: ws, env: apiEnv(fake) });
    fake.faults.clear();
    expect(r.stderr).toContain('note: --rotation-days: rotation not checked (the secret list could not be fetched)\n');
    expect(r.stderr).not.toContain('set RUNPOD_API_KEY');
    expect(r.code).toBe(2);
  });
});
