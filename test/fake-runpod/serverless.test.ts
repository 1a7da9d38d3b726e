/**
 * The fake's serverless endpoints over real HTTP: create from a serverless template (env merged
 * per key, body winning), strict bodies, releases on env/image changes with diffs that never show
 * a plain value, workers cycling onto a release as the clock moves, references resolved per worker.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from './index';
import { call, expectProblem } from './testHelpers';
import { Vault } from './vault';

const BOOT_MS = 1000;
const CYCLE_MS = 2000;
let fake: FakeRunpod;
let clock = Date.parse('2026-09-01T12:00:00Z');

beforeAll(async () => {
  fake = await startFakeRunpod({ seed: true, podBootMs: BOOT_MS, workerCycleMs: CYCLE_MS, rateLimitPerMinute: 10_000, now: () => clock });
});
afterAll(() => fake.close());

function templateId(name: string): string {
  const t = fake.inspect().templates.find((x) => x.name === name);
  if (!t) throw new Error(`no template ${name}`);
  return t.id;
}

async function deploy(body: Record<string, unknown>): Promise<{ id: string; version: number; env: Record<string, string> }> {
  const res = await call(fake, 'POST', '/serverless', { gpu: { pools: ['ADA_24'] }, ...body });
  if (res.status !== 201) throw new Error(`deploy: ${res.status} ${res.text}`);
  return res.json;
}

type WorkerRow = { id: string; status: string; version: number; isStale: boolean };
async function workers(id: string): Promise<WorkerRow[]> {
  return (await call(fake, 'GET', `/serverless/${id}/workers`)).json.workers;
}

describe('endpoints', () => {
  it('creates from a serverless template (201): env merged per key with the body winning, defaults filled in', async () => {
    const res = await call(fake, 'POST', '/serverless', {
      name: 'sd',
      templateId: templateId('sd-worker'),
      gpu: { pools: ['ADA_24'] },
      env: { HF_TOKEN: '{{ RUNPOD_SECRET_openai-key }}', EXTRA: '1' },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      id: expect.stringMatching(/^[a-z0-9]{14}$/),
      name: 'sd',
      type: 'QUEUE',
      image: 'runpod/worker-sdxl:3.0.0',
      env: { HF_TOKEN: '{{ RUNPOD_SECRET_openai-key }}', EXTRA: '1' },
      workers: { min: 0, max: 3, idleTimeout: 5 },
      version: 1,
    });
    expect((await call(fake, 'GET', `/serverless/${res.json.id}`)).json).toEqual(res.json);
    expect((await call(fake, 'GET', '/serverless')).json.endpoints.map((e: { id: string }) => e.id)).toContain(res.json.id);
  });

  it('refuses what RunPod refuses: unknown fields (422), a Pod template (422), an unknown template (404), bad pools and counts (422)', async () => {
    expect(expectProblem(await call(fake, 'POST', '/serverless', { name: 'x', image: 'i', gpu: { pools: ['ADA_24'] }, color: 'red' }), 422).errors).toEqual(['color: unknown field']);
    expect(expectProblem(await call(fake, 'POST', '/serverless', { name: 'x', templateId: templateId('pytorch-train'), gpu: { pools: ['ADA_24'] } }), 422).detail).toMatch(/not a serverless template/);
    expectProblem(await call(fake, 'POST', '/serverless', { name: 'x', templateId: 'nope', gpu: { pools: ['ADA_24'] } }), 404);
    expect(expectProblem(await call(fake, 'POST', '/serverless', { name: 'x', gpu: { pools: ['ADA_24'] } }), 422).errors).toEqual(['image: is required unless templateId is given']);
    expect(expectProblem(await call(fake, 'POST', '/serverless', { name: 'x', image: 'i', gpu: { pools: ['NOPE'] } }), 422).errors![0]).toMatch(/^gpu\.pools\[0\]: unknown GPU pool/);
    expect(expectProblem(await call(fake, 'POST', '/serverless', { name: 'x', image: 'i' }), 422).errors).toEqual(['gpu: give exactly one of gpu or cpu']);
    expect(expectProblem(await call(fake, 'POST', '/serverless', { name: 'x', image: 'i', gpu: { pools: ['ADA_24'] }, workers: { min: 4, max: 2 } }), 422).errors).toEqual(['workers.min: must not exceed workers.max']);
  });

  it('deletes (204), then it is gone (404), and a template in use by an endpoint cannot be deleted (400)', async () => {
    const template = (await call(fake, 'POST', '/templates', { name: 'srv-del', image: 'img', serverless: true })).json;
    const endpoint = await deploy({ name: 'to-delete', templateId: template.id });
    expect(expectProblem(await call(fake, 'DELETE', `/templates/${template.id}`), 400).detail).toMatch(/in use by 1 endpoint/);
    expect((await call(fake, 'DELETE', `/serverless/${endpoint.id}`)).status).toBe(204);
    expectProblem(await call(fake, 'GET', `/serverless/${endpoint.id}`), 404);
    expectProblem(await call(fake, 'GET', `/serverless/${endpoint.id}/workers`), 404);
    expect((await call(fake, 'DELETE', `/templates/${template.id}`)).status).toBe(204);
  });
});

describe('releases and workers', () => {
  it('a PATCH of env makes a release whose diff is per key and never shows a plain value; other fields do not', async () => {
    const endpoint = await deploy({ name: 'rel', image: 'img:1', env: { A: '{{ RUNPOD_SECRET_hf-token }}', PLAIN: 'sk-live-not-for-logs', KEEP: 'k' } });
    const renamed = await call(fake, 'PATCH', `/serverless/${endpoint.id}`, { name: 'rel-2', workers: { max: 5 } });
    expect(renamed.json).toMatchObject({ name: 'rel-2', version: 1, workers: { min: 0, max: 5 } });
    const res = await call(fake, 'PATCH', `/serverless/${endpoint.id}`, { image: 'img:2', env: { A: '{{ RUNPOD_SECRET_openai-key }}', KEEP: 'k', NEW: 'also-plain' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ version: 2, image: 'img:2', env: { A: '{{ RUNPOD_SECRET_openai-key }}', KEEP: 'k', NEW: 'also-plain' } });
    const releases = await call(fake, 'GET', `/serverless/${endpoint.id}/releases`);
    expect(releases.json.releases.map((r: { version: number }) => r.version)).toEqual([2, 1]);
    expect(releases.json.releases[0]).toMatchObject({ source: 'MANUAL', createdAt: expect.any(String), workerCount: expect.any(Number) });
    expect(releases.json.releases[0].diff).toEqual([
      { field: 'template.image', old: 'img:1', new: 'img:2' },
      { field: 'template.env.A', old: '{{ RUNPOD_SECRET_hf-token }}', new: '{{ RUNPOD_SECRET_openai-key }}' },
      { field: 'template.env.PLAIN', old: '[hidden]', new: null },
      { field: 'template.env.NEW', old: null, new: '[hidden]' },
    ]);
    expect(releases.text).not.toContain('sk-live-not-for-logs');
    expect(releases.text).not.toContain('also-plain');
    expect(expectProblem(await call(fake, 'PATCH', `/serverless/${endpoint.id}`, { type: 'LOAD_BALANCER' }), 422).errors).toEqual(['type: unknown field']);
    expectProblem(await call(fake, 'PATCH', `/serverless/${endpoint.id}`, {}), 422);
  });

  it('workers cycle onto a new release one after another as the clock moves: n of m, stale until replaced', async () => {
    const endpoint = await deploy({ name: 'roll', image: 'img:1', workers: { min: 3, max: 3 } });
    expect((await workers(endpoint.id)).map((w) => [w.status, w.version])).toEqual([['INITIALIZING', 1], ['INITIALIZING', 1], ['INITIALIZING', 1]]);
    clock += BOOT_MS;
    const before = await workers(endpoint.id);
    expect(before.every((w) => w.status === 'IDLE' && !w.isStale)).toBe(true);

    await call(fake, 'PATCH', `/serverless/${endpoint.id}`, { image: 'img:2' });
    const onNew = async () => (await workers(endpoint.id)).filter((w) => w.version === 2 && !w.isStale).length;
    const stale = async () => (await workers(endpoint.id)).filter((w) => w.isStale).length;
    expect([await onNew(), await stale()]).toEqual([1, 2]);
    clock += CYCLE_MS;
    expect([await onNew(), await stale()]).toEqual([2, 1]);
    clock += CYCLE_MS;
    expect([await onNew(), await stale()]).toEqual([3, 0]);
    clock += BOOT_MS;
    const after = await workers(endpoint.id);
    expect(after.every((w) => w.status === 'IDLE' && w.version === 2)).toBe(true);
    // Each cycle brings a new worker: none of the old ids is left.
    expect(after.some((w) => before.some((b) => b.id === w.id))).toBe(false);
    const releases = (await call(fake, 'GET', `/serverless/${endpoint.id}/releases`)).json.releases;
    expect(releases.map((r: { workerCount: number }) => r.workerCount)).toEqual([3, 0]);
  });

  it('scales the worker count with workers.min (at least one while max allows)', async () => {
    const endpoint = await deploy({ name: 'scale', image: 'img', workers: { min: 0, max: 2 } });
    expect(await workers(endpoint.id)).toHaveLength(1);
    await call(fake, 'PATCH', `/serverless/${endpoint.id}`, { workers: { min: 2 } });
    expect(await workers(endpoint.id)).toHaveLength(2);
    await call(fake, 'PATCH', `/serverless/${endpoint.id}`, { workers: { min: 0, max: 0 } });
    expect(await workers(endpoint.id)).toHaveLength(0);
  });

  it('resolves references when each worker comes up: a missing secret stays literal until a worker boots after it exists', async () => {
    const endpoint = await deploy({ name: 'refs', image: 'img', env: { TOKEN: '{{ RUNPOD_SECRET_later-secret }}', HF: '{{ RUNPOD_SECRET_hf-token }}' } });
    clock += BOOT_MS;
    const inspected = () => fake.inspect().endpoints.find((e) => e.id === endpoint.id)!.runningWorkers[0]!;
    expect(inspected()).toMatchObject({ unresolvedSecrets: ['later-secret'], bootEnv: { TOKEN: '{{ RUNPOD_SECRET_later-secret }}', HF: 'hf_fakeDemoToken000000000000000000' } });
    expect((await call(fake, 'POST', '/account/secrets', { name: 'later-secret', value: 'v-later' })).status).toBe(201);
    // A running worker keeps what it booted with; the next release's worker gets the value.
    expect(inspected().unresolvedSecrets).toEqual(['later-secret']);
    await call(fake, 'PATCH', `/serverless/${endpoint.id}`, { env: { TOKEN: '{{ RUNPOD_SECRET_later-secret }}', HF: '{{ RUNPOD_SECRET_hf-token }}', V: '2' } });
    clock += BOOT_MS;
    expect(inspected()).toMatchObject({ version: 2, unresolvedSecrets: [], bootEnv: { TOKEN: 'v-later' } });
    // The API never shows a value: the endpoint keeps the placeholders.
    expect((await call(fake, 'GET', `/serverless/${endpoint.id}`)).text).not.toContain('v-later');
  });
});

describe('durability', () => {
  it('keeps endpoints and releases across a restart, and opens a state written before endpoints existed', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-serverless-'));
    try {
      const first = await startFakeRunpod({ dataDir, seed: true });
      const template = first.inspect().templates.find((t) => t.name === 'sd-worker')!;
      const created = (await call(first, 'POST', '/serverless', { name: 'kept', templateId: template.id, gpu: { pools: ['ADA_24'] } })).json;
      await call(first, 'PATCH', `/serverless/${created.id}`, { image: 'img:2' });
      await first.close();
      const second = await startFakeRunpod({ dataDir });
      expect((await call(second, 'GET', `/serverless/${created.id}`)).json).toMatchObject({ name: 'kept', version: 2, image: 'img:2' });
      expect((await call(second, 'GET', `/serverless/${created.id}/releases`)).json.releases).toHaveLength(2);
      await second.close();

      // The same folder as an older fake wrote it: no endpoints, no logs (a valid MAC).
      const file = path.join(dataDir, 'state.json');
      const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
      delete doc.state.endpoints;
      delete doc.state.podLogs;
      doc.mac = Vault.open(dataDir, false).mac(JSON.stringify(doc.state));
      fs.writeFileSync(file, JSON.stringify(doc));
      const third = await startFakeRunpod({ dataDir });
      expect((await call(third, 'GET', '/serverless')).json).toEqual({ endpoints: [] });
      await third.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
