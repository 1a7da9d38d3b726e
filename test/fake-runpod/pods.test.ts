import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from './index';
import { call, expectProblem } from './testHelpers';

const RTX = 'NVIDIA GeForce RTX 4090';
const BOOT_MS = 1000;
let fake: FakeRunpod;
let clock = Date.parse('2026-09-01T12:00:00Z');

beforeAll(async () => {
  fake = await startFakeRunpod({ seed: true, podBootMs: BOOT_MS, rateLimitPerMinute: 10_000, now: () => clock });
});
afterAll(() => fake.close());

async function templateId(name: string): Promise<string> {
  const t = fake.inspect().templates.find((x) => x.name === name);
  if (!t) throw new Error(`no template ${name}`);
  return t.id;
}

describe('templates', () => {
  it('lists only the account\'s own seeded templates', async () => {
    const res = await call(fake, 'GET', '/templates');
    expect(res.status).toBe(200);
    expect(res.json.templates.map((t: { name: string }) => t.name).sort()).toEqual(['pytorch-train', 'sd-worker', 'vllm-serve']);
    expect(res.json.templates.find((t: { name: string }) => t.name === 'pytorch-train').env).toEqual({
      HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}',
      HF_HOME: '/workspace/hf',
    });
  });

  it('gets a public template of another owner by id but refuses to change it', async () => {
    const id = await templateId('runpod-ubuntu');
    expect((await call(fake, 'GET', `/templates/${id}`)).json.name).toBe('runpod-ubuntu');
    expectProblem(await call(fake, 'PATCH', `/templates/${id}`, { args: 'x' }), 403);
    expectProblem(await call(fake, 'DELETE', `/templates/${id}`), 403);
  });

  it('creates with 201 and defaults, requires image, rejects unknown fields and duplicate names', async () => {
    const res = await call(fake, 'POST', '/templates', { name: 'mine', image: 'ubuntu:24.04', env: { A: '1' }, ports: ['22/tcp'] });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ id: expect.stringMatching(/^[a-z0-9]{10}$/), name: 'mine', image: 'ubuntu:24.04', env: { A: '1' }, category: 'NVIDIA', serverless: false });
    expect(expectProblem(await call(fake, 'POST', '/templates', { name: 'noimage' }), 422).errors).toEqual(['image: is required']);
    expect(expectProblem(await call(fake, 'POST', '/templates', { name: 'x', image: 'i', gpu: 'A100' }), 422).errors).toEqual(['gpu: unknown field']);
    expect(expectProblem(await call(fake, 'POST', '/templates', { name: 'x', image: 'i', ports: ['8888'] }), 422).errors![0]).toMatch(/^ports\[0\]: /);
    expect(expectProblem(await call(fake, 'POST', '/templates', { name: 'x', image: 'i', env: { A: 1 } }), 422).errors).toEqual(['env.A: must be a string']);
    expect(expectProblem(await call(fake, 'POST', '/templates', { name: 'mine', image: 'other' }), 409).detail).toMatch(/"mine" already exists/);
  });

  it('patches fields (200), keeps pods\' snapshots, refuses delete while a pod uses it (400), then deletes (204)', async () => {
    const created = (await call(fake, 'POST', '/templates', { name: 'snap', image: 'img:1', env: { K: 'v1' } })).json;
    const pod = (await call(fake, 'POST', '/pods', { name: 'snap-pod', templateId: created.id, gpu: { id: RTX, count: 1 } })).json;
    const patched = await call(fake, 'PATCH', `/templates/${created.id}`, { image: 'img:2', env: { K: 'v2' } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ image: 'img:2', env: { K: 'v2' }, name: 'snap' });
    expect((await call(fake, 'GET', `/pods/${pod.id}`)).json).toMatchObject({ image: 'img:1', env: { K: 'v1' } });
    expectProblem(await call(fake, 'PATCH', `/templates/${created.id}`, { id: 'new' }), 422);
    expect(expectProblem(await call(fake, 'DELETE', `/templates/${created.id}`), 400).detail).toMatch(/in use/);
    await call(fake, 'POST', `/pods/${pod.id}/action`, { action: 'terminate' });
    expect((await call(fake, 'DELETE', `/templates/${created.id}`)).status).toBe(204);
    expectProblem(await call(fake, 'GET', `/templates/${created.id}`), 404);
  });
});

describe('pod create', () => {
  it('merges template env with the body winning per key and reports cost per hour', async () => {
    const res = await call(fake, 'POST', '/pods', {
      name: 'train-1',
      templateId: await templateId('pytorch-train'),
      gpu: { id: RTX, count: 2 },
      env: { HF_HOME: '/data/hf', EXTRA: 'yes' },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      id: expect.stringMatching(/^[a-z0-9]{14}$/),
      name: 'train-1',
      image: 'runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04',
      status: 'PROVISIONING',
      actions: ['stop', 'terminate'],
      gpu: { id: RTX, count: 2 },
      cloud: 'SECURE',
      env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', HF_HOME: '/data/hf', EXTRA: 'yes' },
      cost: 1.38,
      startedAt: null,
      ssh: null,
    });
  });

  it('validates the body: name, image unless templateId, exactly one of gpu or cpu, unknown fields', async () => {
    const errs = async (body: unknown) => expectProblem(await call(fake, 'POST', '/pods', body), 422).errors;
    expect(await errs({ image: 'i', gpu: { id: RTX } })).toEqual(['name: is required']);
    expect(await errs({ name: 'p', gpu: { id: RTX } })).toEqual(['image: is required unless templateId is given']);
    expect(await errs({ name: 'p', image: 'i' })).toEqual(['gpu: give exactly one of gpu or cpu']);
    expect(await errs({ name: 'p', image: 'i', gpu: { id: RTX }, cpu: {} })).toEqual(['gpu: give exactly one of gpu or cpu']);
    expect(await errs({ name: 'p', image: 'i', gpu: { id: RTX, type: 'x' } })).toEqual(['gpu.type: unknown field']);
    expect(await errs({ name: 'p', image: 'i', gpu: { id: RTX }, cloud: 'PRIVATE' })).toEqual(['cloud: must be one of SECURE, COMMUNITY']);
    expect(await errs({ name: 'p', image: 'i', gpu: { id: 'NVIDIA GTX 9999' } })).toEqual([expect.stringMatching(/^gpu\.id: unknown GPU type/)]);
    expect(await errs({ name: 'p', image: 'i', gpu: { id: RTX, count: 9 } })).toEqual([`gpu.count: at most 8 for ${RTX}`]);
    expect(await errs({ name: 'p', image: 'i', gpu: { id: RTX }, env: JSON.parse('{"__proto__": "x", "1BAD": "y"}') })).toEqual([
      'env.__proto__: invalid environment variable name',
      'env.1BAD: invalid environment variable name',
    ]);
    const env = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`V${i}`, 'x']));
    expect(await errs({ name: 'p', image: 'i', gpu: { id: RTX }, env })).toEqual([expect.stringMatching(/at most 50/)]);
  });

  it('404s an unknown template and 422s a serverless one', async () => {
    expectProblem(await call(fake, 'POST', '/pods', { name: 'p', templateId: 'nosuchtmpl', gpu: { id: RTX } }), 404);
    const p = expectProblem(await call(fake, 'POST', '/pods', { name: 'p', templateId: await templateId('sd-worker'), gpu: { id: RTX } }), 422);
    expect(p.errors![0]).toMatch(/serverless/);
  });

  it('answers 400 "no capacity" for a GPU with no availability or not offered in the cloud', async () => {
    const noStock = expectProblem(await call(fake, 'POST', '/pods', { name: 'p', image: 'i', gpu: { id: 'NVIDIA RTX A6000', count: 1 } }), 400);
    expect(noStock.detail).toMatch(/no longer any instances available/);
    expectProblem(await call(fake, 'POST', '/pods', { name: 'p', image: 'i', gpu: { id: 'NVIDIA A100 80GB PCIe' }, cloud: 'COMMUNITY' }), 400);
    expectProblem(await call(fake, 'POST', '/pods', { name: 'p', image: 'i', gpu: { id: 'NVIDIA H100 80GB HBM3' }, cloud: 'COMMUNITY' }), 400);
    expect((await call(fake, 'POST', '/pods', { name: 'p', image: 'i', gpu: { id: 'NVIDIA A100 80GB PCIe' }, cloud: 'SECURE' })).status).toBe(201);
  });

  it('answers 402 when the balance does not cover an hour, and creates no pod', async () => {
    const before = fake.inspect().pods.length;
    fake.setBalance(1);
    try {
      const p = expectProblem(await call(fake, 'POST', '/pods', { name: 'pricey', image: 'i', gpu: { id: RTX, count: 2 } }), 402);
      expect(p.detail).toMatch(/insufficient balance/);
      expect(fake.inspect().pods.length).toBe(before);
      expect((await call(fake, 'POST', '/pods', { name: 'cheap', image: 'i', gpu: { id: RTX, count: 1 } })).status).toBe(201);
    } finally {
      fake.setBalance(100);
    }
  });
});

describe('pod lifecycle', () => {
  it('moves PROVISIONING -> STARTING -> RUNNING over podBootMs, then has ssh and startedAt', async () => {
    const pod = (await call(fake, 'POST', '/pods', { name: 'life', image: 'i', gpu: { id: RTX } })).json;
    const status = async () => (await call(fake, 'GET', `/pods/${pod.id}`)).json;
    expect((await status()).status).toBe('PROVISIONING');
    clock += BOOT_MS / 2;
    expect(await status()).toMatchObject({ status: 'STARTING', actions: ['stop', 'terminate'], ssh: null });
    clock += BOOT_MS / 2;
    const running = await status();
    expect(running).toMatchObject({ status: 'RUNNING', actions: ['stop', 'restart', 'terminate'], startedAt: expect.any(String) });
    expect(running.ssh.command).toMatch(/^ssh root@127\.0\.0\.1 -p \d+ -i ~\/\.ssh\/id_ed25519$/);
    expect((await call(fake, 'GET', '/pods')).json.pods.find((p: { id: string }) => p.id === pod.id).status).toBe('RUNNING');
  });

  it('allows actions per status and answers 409 otherwise; start, stop and restart answer 200 with the pod', async () => {
    const pod = (await call(fake, 'POST', '/pods', { name: 'acts', image: 'i', gpu: { id: RTX } })).json;
    const act = (action: string) => call(fake, 'POST', `/pods/${pod.id}/action`, { action });
    expect(expectProblem(await act('start'), 409).detail).toMatch(/cannot start .* while it is PROVISIONING/);
    expectProblem(await act('restart'), 409);
    const stopped = await act('stop');
    expect(stopped.status).toBe(200);
    expect(stopped.json).toMatchObject({ id: pod.id, status: 'EXITED', actions: ['start', 'terminate'] });
    expectProblem(await act('stop'), 409);
    const started = await act('start');
    expect([started.status, started.json.status]).toEqual([200, 'PROVISIONING']);
    clock += BOOT_MS;
    const restarted = await act('restart');
    expect([restarted.status, restarted.json.id, restarted.json.status]).toEqual([200, pod.id, 'PROVISIONING']);
    expect(expectProblem(await act('reboot'), 422).errors![0]).toMatch(/^action: must be one of/);
  });

  it('terminate answers 204 No Content and the pod is gone: GET, list, actions and DELETE then 404', async () => {
    const pod = (await call(fake, 'POST', '/pods', { name: 'doomed', image: 'i', gpu: { id: RTX } })).json;
    const terminated = await call(fake, 'POST', `/pods/${pod.id}/action`, { action: 'terminate' });
    expect(terminated.status).toBe(204);
    expect(terminated.text).toBe('');
    expectProblem(await call(fake, 'GET', `/pods/${pod.id}`), 404);
    expect((await call(fake, 'GET', '/pods')).json.pods.map((p: { id: string }) => p.id)).not.toContain(pod.id);
    expectProblem(await call(fake, 'POST', `/pods/${pod.id}/action`, { action: 'terminate' }), 404);
    expectProblem(await call(fake, 'DELETE', `/pods/${pod.id}`), 404);
    expect(fake.inspect().pods.some((p) => p.id === pod.id)).toBe(false);
  });

  it('DELETE removes a pod (204)', async () => {
    const pod = (await call(fake, 'POST', '/pods', { name: 'deleted', image: 'i', gpu: { id: RTX } })).json;
    expect((await call(fake, 'DELETE', `/pods/${pod.id}`)).status).toBe(204);
    expectProblem(await call(fake, 'GET', `/pods/${pod.id}`), 404);
    expectProblem(await call(fake, 'POST', `/pods/${pod.id}/action`, { action: 'start' }), 404);
  });

  it('resolves secret references at boot, records missing ones, and never echoes values', async () => {
    const missing = await call(fake, 'POST', '/pods', {
      name: 'refs',
      templateId: await templateId('vllm-serve'),
      gpu: { id: RTX },
      env: { WANDB_API_KEY: '{{ RUNPOD_SECRET_wandb-key }}', SPACED: '{{RUNPOD_SECRET_hf-token}}' },
    });
    expect(missing.status).toBe(201);
    const id = missing.json.id;
    const inspectPod = () => fake.inspect().pods.find((p) => p.id === id)!;
    expect(inspectPod().bootEnv).toBeNull(); // not booted yet
    clock += BOOT_MS;
    const got = await call(fake, 'GET', `/pods/${id}`);
    expect(got.json.status).toBe('RUNNING');
    expect(got.json.env.OPENAI_API_KEY).toBe('{{ RUNPOD_SECRET_openai-key }}');
    expect(got.text).not.toContain('sk-fake-demo');
    expect(got.text).not.toContain('hf_fakeDemoToken');
    const pod = inspectPod();
    expect(pod.unresolvedSecrets).toEqual(['wandb-key']);
    expect(pod.bootEnv).toMatchObject({
      HUGGING_FACE_HUB_TOKEN: 'hf_fakeDemoToken000000000000000000',
      OPENAI_API_KEY: 'sk-fake-demo-000000000000000000000000',
      DATABASE_URL: 'postgres://app:fake-demo-db-password@db:5432/app',
      WANDB_API_KEY: '{{ RUNPOD_SECRET_wandb-key }}', // missing: stays literal
      SPACED: '{{RUNPOD_SECRET_hf-token}}', // only the canonical spacing is substituted
    });

    // A secret created later is picked up at the next boot (restart), like RunPod.
    expect((await call(fake, 'POST', '/account/secrets', { name: 'wandb-key', value: 'wb_123' })).status).toBe(201);
    expect(inspectPod().unresolvedSecrets).toEqual(['wandb-key']);
    await call(fake, 'POST', `/pods/${id}/action`, { action: 'restart' });
    clock += BOOT_MS;
    expect(inspectPod()).toMatchObject({ status: 'RUNNING', unresolvedSecrets: [], bootEnv: expect.objectContaining({ WANDB_API_KEY: 'wb_123' }) });
  });

  it('a rotated value reaches a running Pod only when it restarts, as RunPod does', async () => {
    const created = await call(fake, 'POST', '/account/secrets', { name: 'rot-token', value: 'rot-old-value' });
    expect(created.status).toBe(201);
    const pod = await call(fake, 'POST', '/pods', { name: 'rot', image: 'ubuntu:24.04', gpu: { id: RTX }, env: { TOKEN: '{{ RUNPOD_SECRET_rot-token }}' } });
    clock += BOOT_MS;
    const inspectPod = () => fake.inspect().pods.find((p) => p.id === pod.json.id)!;
    expect(inspectPod()).toMatchObject({ status: 'RUNNING', bootEnv: { TOKEN: 'rot-old-value' } });

    clock += 1000;
    const patched = await call(fake, 'PATCH', `/account/secrets/${created.json.id}`, { value: 'rot-new-value' });
    expect(patched.json.valueLastUpdatedAt).not.toBe(created.json.valueLastUpdatedAt);
    expect(inspectPod().bootEnv).toEqual({ TOKEN: 'rot-old-value' }); // still running on the old value

    const restarted = await call(fake, 'POST', `/pods/${pod.json.id}/action`, { action: 'restart' });
    expect(restarted.status).toBe(200);
    expect(restarted.json.env).toEqual({ TOKEN: '{{ RUNPOD_SECRET_rot-token }}' }); // the answer never carries a value
    clock += BOOT_MS;
    expect(inspectPod()).toMatchObject({ status: 'RUNNING', bootEnv: { TOKEN: 'rot-new-value' } });
  });
});

describe('GPU catalog', () => {
  it('lists GPU types without availability by default', async () => {
    const res = await call(fake, 'GET', '/catalog/gpus');
    expect(res.status).toBe(200);
    const rtx = res.json.gpus.find((g: { id: string }) => g.id === RTX);
    expect(rtx).toEqual({ id: RTX, name: 'RTX 4090', pool: 'ADA_24', manufacturer: 'Nvidia', memory: 24, secure: true, community: true, price: { secure: 0.69, community: 0.34 }, maxCount: 8 });
    expect(res.json.gpus.map((g: { id: string }) => g.id)).toEqual(expect.arrayContaining(['NVIDIA A100 80GB PCIe', 'NVIDIA H100 80GB HBM3']));
  });

  it('adds availability with include=AVAILABILITY&product=POD and answers 400 without product', async () => {
    const res = await call(fake, 'GET', '/catalog/gpus?include=AVAILABILITY&product=POD');
    expect(res.json.gpus.find((g: { id: string }) => g.id === 'NVIDIA RTX A6000').availability).toEqual({ secure: 'None', community: 'None' });
    expect(res.json.gpus.find((g: { id: string }) => g.id === RTX).availability).toEqual({ secure: 'High', community: 'Medium' });
    expect(expectProblem(await call(fake, 'GET', '/catalog/gpus?include=AVAILABILITY'), 400).detail).toMatch(/product=POD/);
    expectProblem(await call(fake, 'GET', '/catalog/gpus?include=AVAILABILITY&product=SERVERLESS'), 400);
  });
});
