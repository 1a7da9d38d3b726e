/**
 * `pods logs` and `endpoints logs` end to end: the backfill printed line by line with a note on
 * stderr naming a secret that was not substituted; escape sequences from the container (an image
 * name crafted with OSC 52 and ESC[2K, a hostile server's lines) never reach the terminal raw; a
 * 10 MB line is skipped with a note; --follow prints new lines and Ctrl+C ends it with exit 0.
 */
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { apiEnv, buildOnce, cliEnv, cliPath, ROOT, runCli } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const RTX = { id: 'NVIDIA GeForce RTX 4090', count: 1 };
const BOOT_MS = 1000;
const INTERVAL_MS = 1000;
let fake: FakeRunpod;
// The fake's clock: the test moves it, so no test waits for lines to be produced in real time.
let clock = Date.parse('2026-09-01T12:00:00Z');

beforeAll(async () => {
  buildOnce();
  fake = await startFakeRunpod({ seed: true, podBootMs: BOOT_MS, logIntervalMs: INTERVAL_MS, streamPollMs: 20, now: () => clock });
});
afterAll(async () => {
  await fake?.close();
});

async function pod(image: string, env: Record<string, string>): Promise<string> {
  const res = await fetch(`${fake.url}/pods`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${fake.apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'logs', image, gpu: RTX, env }),
  });
  const id = ((await res.json()) as { id: string }).id;
  clock += BOOT_MS + 100; // up, and past the lines it prints at boot
  return id;
}

describe('pods logs', () => {
  it('prints the backfill; a secret left literal gets one note on stderr naming it; a crafted image name stays inert', async () => {
    const id = await pod('evil\u001b]52;c;cHduZWQ=\u0007\u001b[2K\u202eimage', { HF_TOKEN: '{{ RUNPOD_SECRET_hf-tokn }}', OTHER: '{{ RUNPOD_SECRET_hf-tokn }}' });
    const r = await runCli(['pods', 'logs', id, '--source', 'container'], { env: apiEnv(fake) });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 3).map((l) => l.replace(/^\S+ /, ''))).toEqual([
      'container HF_TOKEN={{ RUNPOD_SECRET_hf-tokn }}',
      'container OTHER={{ RUNPOD_SECRET_hf-tokn }}',
      'container Application started',
    ]);
    expect(lines[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z container /);
    expect(r.stderr.match(/^note: .*RunPod did not substitute "hf-tokn"/gm)).toHaveLength(1);

    const system = await runCli(['pods', 'logs', id, '--source', 'system', '--tail', '5'], { env: apiEnv(fake) });
    expect(system.stdout).toContain('system Pulling image evil\\u001b]52;c;cHduZWQ=\\u0007\\u001b[2K\\u202eimage\n');
    expect(system.stdout).not.toMatch(RAW_CONTROL);
  });

  it('rejects a bad --tail or --source before calling the API; an unknown pod is exit 2 with RunPod\'s answer', async () => {
    expect((await runCli(['pods', 'logs', 'x', '--tail', '5001'], { env: apiEnv(fake) })).stderr).toMatch(/--tail must be a number from 0 to 5000/);
    expect((await runCli(['pods', 'logs', 'x', '--source', 'stdout'], { env: apiEnv(fake) })).stderr).toMatch(/--source must be container or system/);
    const missing = await runCli(['pods', 'logs', 'nosuchpod'], { env: apiEnv(fake) });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^runpod-check: RunPod found nothing to read the logs of pod `nosuchpod` \(404\)/);
  });

  it('--follow prints new lines as they come; Ctrl+C ends it cleanly with exit 0', async () => {
    const id = await pod('img', {});
    const child = spawn(process.execPath, [cliPath(), 'pods', 'logs', id, '--follow', '--tail', '0'], { cwd: ROOT, env: { ...cliEnv(), ...apiEnv(fake) } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // tail=0 starts at the fake's clock when the request arrives: move the clock only after that.
    const opened = () => fake.inspect().requests.some((r) => r.path === `/v2/pods/${id}/logs`);
    while (!opened()) await new Promise((resolve) => setTimeout(resolve, 20));
    while ((stdout.match(/heartbeat/g) ?? []).length < 2) {
      clock += INTERVAL_MS;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    const beats = stdout.trimEnd().split('\n').map((l) => Number(/heartbeat (\d+)/.exec(l)?.[1]));
    expect(beats.every((n, i) => i === 0 || n === beats[i - 1]! + 1)).toBe(true);
  });
});

describe('endpoints logs', () => {
  it('prints a worker\'s log, and names a missing secret', async () => {
    const template = fake.inspect().templates.find((t) => t.name === 'sd-worker')!;
    const res = await fetch(`${fake.url}/serverless`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${fake.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'cli-logs', templateId: template.id, gpu: { pools: ['ADA_24'] }, env: { KEY: '{{ RUNPOD_SECRET_worker-missing }}' } }),
    });
    const endpoint = (await res.json()) as { id: string };
    clock += BOOT_MS + 100;
    const worker = fake.inspect().endpoints.find((e) => e.id === endpoint.id)!.runningWorkers[0]!;
    expect(worker.status).toBe('IDLE');
    const r = await runCli(['endpoints', 'logs', endpoint.id, worker.id], { env: apiEnv(fake) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ container KEY=\{\{ RUNPOD_SECRET_worker-missing \}\}\n/);
    expect(r.stderr).toMatch(/^note: .*RunPod did not substitute "worker-missing"/m);
    // A worker that is gone: the next step is the endpoint's workers, not the list of endpoints.
    const gone = await runCli(['endpoints', 'logs', endpoint.id, 'nosuchworker'], { env: apiEnv(fake) });
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain(`RunPod found nothing to read the logs of worker \`nosuchworker\` (404); it may have been deleted. To see the current list, run \`runpod-check endpoints workers ${endpoint.id}\`.`);
  });
});

/** A log server of the test's own on loopback for the describe block: its API URL. */
function logServer(handler: http.RequestListener): { url: string } {
  const served = { url: '' };
  let server: http.Server;
  beforeAll(async () => {
    server = http.createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    served.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return served;
}

describe('a hostile log server', () => {
  const served = logServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    const event = (n: number, line: string) => `id: ${n}\ndata: ${JSON.stringify({ source: 'container', line, ts: `t${n}` })}\n\n`;
    res.write(event(1, 'clipboard \u001b]52;c;ZXZpbA==\u0007 erase \u001b[2K\r over \u009b6n \u202eevil'));
    res.write(`id: 2\ndata: ${JSON.stringify({ source: 'container', line: 'x'.repeat(10 * 1024 * 1024), ts: 't2' })}\n\n`);
    res.end(event(3, 'after the big one'));
  });

  it('escape sequences are shown, never sent raw; a 10 MB line is skipped with a note', async () => {
    const r = await runCli(['pods', 'logs', 'p'], { env: { RUNPOD_API_KEY: 'rp_test', RUNPOD_API_URL: served.url } });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toBe('t1 container clipboard \\u001b]52;c;ZXZpbA==\\u0007 erase \\u001b[2K\\u000d over \\u009b6n \\u202eevil\nt3 container after the big one\n');
    expect(r.stderr).toBe('note: [a log line longer than 1 MiB was skipped]\n');
  });
});

describe('a log server that stalls after its headers', () => {
  // Headers, then nothing: neither a line nor the end of the backfill ever comes.
  const served = logServer((_req, res) => void res.writeHead(200, { 'Content-Type': 'text/event-stream' }).flushHeaders());

  it('without --follow, the whole read is bounded by RUNPOD_TIMEOUT_MS: exit 2 with the timeout message naming it', async () => {
    const r = await runCli(['pods', 'logs', 'p'], { env: { RUNPOD_API_KEY: 'rp_test', RUNPOD_API_URL: served.url, RUNPOD_TIMEOUT_MS: '1000' }, timeoutMs: 30_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/did not answer within 1 s to read the logs of pod `p`.*RUNPOD_TIMEOUT_MS/s);
    expect(r.stderr).not.toMatch(/interrupted|reconnecting/);
  });

  it('--help says how long --follow waits on a quiet stream before reconnecting', async () => {
    const help = await runCli(['pods', 'logs', '--help']);
    expect(help.stdout).toMatch(/--follow[^]*no byte for 45 s[^]*reconnect/);
  });
});
