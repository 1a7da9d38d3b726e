/**
 * The deploy and update runners against the fake RunPod API, the UI replaced by callbacks: a Pod
 * template cannot make an endpoint, an update that changes nothing sends nothing, and an image
 * change is still checked against the env the restarted workers get.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../client/src/launch/checks';
import type { ChecksDecision } from '../../client/src/launch/launchPlanRunner';
import { RunpodClient } from '../../client/src/runpod/client';
import { runDeploy, runEndpointUpdate } from '../../client/src/serverless/endpointRunner';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { cancelToken } from '../helpers/cancelToken';

let fake: FakeRunpod;
let api: RunpodClient;
let clock = Date.parse('2026-09-01T12:00:00Z');
beforeAll(async () => {
  fake = await startFakeRunpod({ seed: true, podBootMs: 1000, workerCycleMs: 1000, now: () => clock, rateLimitPerMinute: 100_000 });
  api = new RunpodClient({ apiKey: fake.apiKey, baseUrl: fake.url, timeoutMs: 5_000, sleep: async () => {} });
});
afterAll(async () => {
  await api.close();
  await fake.close();
});

function ui(decide: ChecksDecision = 'cancel') {
  const reports: CheckReport[] = [];
  const confirmed: string[][] = [];
  return {
    reports,
    confirmed,
    secretNames: async () => (await api.listSecrets()).map((s) => s.name),
    onFindings: async (report: CheckReport) => (reports.push(report), decide),
    sleep: async (ms: number) => void (clock += ms),
    confirm: async (_e: unknown, changes: { field: string }[]) => (confirmed.push(changes.map((c) => c.field)), true),
  };
}
const templateId = (name: string) => fake.inspect().templates.find((t) => t.name === name)!.id;

describe('runDeploy', () => {
  it('a Pod template is refused before anything is created', async () => {
    const result = await runDeploy(api, { body: { name: 'x', templateId: templateId('pytorch-train'), gpu: { pools: ['ADA_24'] } } }, ui());
    expect(result).toMatchObject({ kind: 'failed', error: { kind: 'validation', message: 'Template pytorch-train is a Pod template; an endpoint needs a serverless template.' } });
    expect(fake.inspect().requests.filter((r) => r.method === 'POST' && r.path === '/v2/serverless')).toEqual([]);
  });

  it("checks the template's env under the body's: the template's reference to a deleted secret blocks", async () => {
    await api.deleteSecret('hf-token');
    try {
      const t = ui();
      const result = await runDeploy(api, { body: { name: 'x', templateId: templateId('sd-worker'), gpu: { pools: ['ADA_24'] } } }, t);
      expect(result.kind).toBe('blocked');
      expect(t.reports[0]!.blocking.map((b) => [b.key, b.name])).toEqual([['HF_TOKEN', 'hf-token']]);
    } finally {
      await api.createSecret({ name: 'hf-token', value: 'hf_restored_value_for_tests' });
    }
  });
});

describe('a deploy that fails before its create', () => {
  it('Cancel pressed once the create has begun, while the client still lists the endpoints before its POST, creates nothing', async () => {
    const cancel = cancelToken();
    const before = fake.inspect().requests.filter((r) => r.method === 'POST').length;
    const t = { ...ui('proceed'), progress: (message: string) => void (message === 'Creating the endpoint…' && cancel.cancel()), cancel };
    const result = await runDeploy(api, { body: { name: 'cancelled-deploy', templateId: templateId('sd-worker'), gpu: { pools: ['ADA_24'] } }, templateEnv: {} }, t);
    expect(result).toEqual({ kind: 'cancelled', stage: 'before-create' });
    expect((await api.listEndpoints()).map((e) => e.name)).not.toContain('cancelled-deploy');
    expect(fake.inspect().requests.filter((r) => r.method === 'POST')).toHaveLength(before);
  });

  it('names the deploy and the endpoint, says nothing was created, and offers Retry', async () => {
    // The secret check lists the account's secrets: RunPod cannot be reached for it, retries and all.
    fake.faults.inject({ reset: true }, { method: 'GET', path: '/account/secrets', times: 20 });
    try {
      const result = await runDeploy(api, { body: { name: 'qa-ep-2', templateId: templateId('sd-worker'), gpu: { pools: ['ADA_24'] } } }, ui());
      expect(result.kind).toBe('failed');
      const advice = (result as Extract<typeof result, { kind: 'failed' }>).advice;
      expect(advice.message).toMatch(/^Could not deploy endpoint qa-ep-2: Could not reach RunPod at .* to list secrets \(ECONNRESET\)\. .* Nothing was created\.$/);
      expect(advice.actions).toEqual(['retry', 'show-log']);
      expect(fake.inspect().requests.filter((r) => r.method === 'POST' && r.path === '/v2/serverless')).toEqual([]);
    } finally {
      fake.faults.clear();
    }
  });
});

describe('runEndpointUpdate', () => {
  it('the same env and image send nothing', async () => {
    const endpoint = await api.createEndpoint({ name: 'same', image: 'img:1', env: { A: '1' }, gpu: { pools: ['ADA_24'] } });
    const result = await runEndpointUpdate(api, { endpoint, envOverrides: { A: '1' }, image: 'img:1' }, ui());
    expect(result).toEqual({ kind: 'unchanged' });
    expect(fake.inspect().requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(endpoint.id))).toEqual([]);
  });

  it('an image change is checked against the env the workers restart with, and sends the image alone', async () => {
    const endpoint = await api.createEndpoint({ name: 'img', image: 'img:1', env: { T: '{{ RUNPOD_SECRET_gone-soon }}' }, gpu: { pools: ['ADA_24'] } });
    const blocked = ui();
    expect((await runEndpointUpdate(api, { endpoint, image: 'img:2' }, blocked)).kind).toBe('blocked');
    expect(blocked.reports[0]!.blocking.map((b) => b.name)).toEqual(['gone-soon']);

    await api.createSecret({ name: 'gone-soon', value: 'v' });
    const ok = ui();
    const result = await runEndpointUpdate(api, { endpoint, image: 'img:2' }, ok);
    expect(result).toMatchObject({ kind: 'updated', endpoint: { image: 'img:2', version: 2 } });
    expect(ok.confirmed).toEqual([['image']]);
    const release = (await api.listReleases(endpoint.id))[0]!;
    expect(release.diff).toEqual([{ field: 'template.image', change: 'changed', old: 'img:1', new: 'img:2' }]);
  });
});

describe("a secret named for another environment than the endpoint's", () => {
  const prod = { name: 'prod', environments: ['dev', 'prod'] };
  const devPassword = { DB_PASSWORD: '{{ RUNPOD_SECRET_db_password_dev }}' };
  beforeAll(async () => {
    await api.createSecret({ name: 'db_password_dev', value: 'dev-pw' });
  });
  const creates = () => fake.inspect().requests.filter((r) => r.method === 'POST' && r.path === '/v2/serverless');

  it("a prod deploy asks first, as Launch Pod does: Cancel creates nothing, Deploy anyway creates it", async () => {
    const body = { name: 'prod-ep', image: 'img:1', env: devPassword, gpu: { pools: ['ADA_24'] } };
    const before = creates().length;
    const cancelled = ui('cancel');
    expect((await runDeploy(api, { body, environment: prod }, cancelled)).kind).toBe('cancelled');
    expect(cancelled.reports[0]!.crossing?.map((x) => [x.key, x.name, x.marked])).toEqual([['DB_PASSWORD', 'db_password_dev', ['dev']]]);
    expect(creates()).toHaveLength(before);
    expect((await runDeploy(api, { body, environment: prod }, ui('proceed'))).kind).toBe('created');
  });

  it("a prod env file's update asks first: Cancel sends no PATCH; dev's own update is not asked", async () => {
    const endpoint = await api.createEndpoint({ name: 'prod-upd', image: 'img:1', env: { A: '1' }, gpu: { pools: ['ADA_24'] } });
    const patches = () => fake.inspect().requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(endpoint.id));
    const cancelled = ui('cancel');
    expect((await runEndpointUpdate(api, { endpoint, envOverrides: devPassword, environment: prod }, cancelled)).kind).toBe('cancelled');
    expect(cancelled.reports[0]!.crossing?.map((x) => x.name)).toEqual(['db_password_dev']);
    expect(patches()).toEqual([]);
    const dev = ui('cancel');
    expect((await runEndpointUpdate(api, { endpoint, envOverrides: devPassword, environment: { ...prod, name: 'dev' } }, dev)).kind).toBe('updated');
    expect(dev.reports).toEqual([]);
  });
});
