import { describe, expect, it } from 'vitest';
import type { FakeRunpod } from '../fake-runpod/index';
import { useFakeAndClient, rejection, seen, type Harness } from './helpers';

let fake: FakeRunpod;
let h: Harness;

useFakeAndClient((started) => ({ fake, h } = started));

describe('templates', () => {
  it('lists own templates, gets one, creates and updates', async () => {
    const list = await h.client.listTemplates();
    expect(list.map((t) => t.name)).toEqual(expect.arrayContaining(['pytorch-train', 'vllm-serve']));
    const vllm = list.find((t) => t.name === 'vllm-serve')!;
    expect((await h.client.getTemplate(vllm.id)).env.OPENAI_API_KEY).toBe('{{ RUNPOD_SECRET_openai-key }}');

    const created = await h.client.createTemplate({ name: 'my-template', image: 'ubuntu:24.04', env: { A: '1' } });
    expect(created).toMatchObject({ name: 'my-template', image: 'ubuntu:24.04', env: { A: '1' } });
    const updated = await h.client.updateTemplate(created.id, { env: { A: '2', B: '{{ RUNPOD_SECRET_hf-token }}' } });
    expect(updated.env).toEqual({ A: '2', B: '{{ RUNPOD_SECRET_hf-token }}' });
    expect(fake.inspect().templates.find((t) => t.id === created.id)!.env.A).toBe('2');
  });

  it('a duplicate template name is duplicate-name; an unknown id is not-found', async () => {
    expect((await rejection(() => h.client.createTemplate({ name: 'pytorch-train', image: 'x', env: {} }))).kind).toBe('duplicate-name');
    const missing = await rejection(() => h.client.getTemplate('doesnotexist'));
    expect(missing.kind).toBe('not-found');
    expect(missing.status).toBe(404);
  });

  it('an unknown field is a 422 validation error with RunPod errors', async () => {
    const error = await rejection(() =>
      h.client.createTemplate({ name: 'bad-fields', image: 'x', env: {}, ...({ bogus: true } as object) }),
    );
    expect(error.kind).toBe('validation');
    expect((error.details as string[]).join(' ')).toContain('bogus');
  });
});

describe('pods', () => {
  it('creates from a template, lists, gets, stops, starts and terminates', async () => {
    const template = (await h.client.listTemplates()).find((t) => t.name === 'pytorch-train')!;
    const pod = await h.client.createPod({
      name: 'train-1',
      templateId: template.id,
      gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 },
      env: { EXTRA: 'yes' },
    });
    expect(pod.name).toBe('train-1');
    expect(pod.env).toMatchObject({ HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', EXTRA: 'yes' });
    expect((await h.client.listPods()).map((p) => p.id)).toContain(pod.id);

    await new Promise((resolve) => setTimeout(resolve, 120)); // podBootMs is 50
    expect((await h.client.getPod(pod.id)).status).toBe('RUNNING');

    expect((await h.client.podAction(pod.id, 'stop')).status).toBe('EXITED');
    expect(['PROVISIONING', 'STARTING', 'RUNNING']).toContain((await h.client.podAction(pod.id, 'start')).status);
    await expect(h.client.terminatePod(pod.id)).resolves.toBeUndefined();
    expect((await h.client.listPods()).map((p) => p.id)).not.toContain(pod.id);
  });

  it('terminate: RunPod answers 204 and the Pod is gone, which is success; nothing is read after it', async () => {
    const pod = await h.client.createPod({ name: 'doomed', image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 } });
    await h.client.terminatePod(pod.id);
    expect(seen(fake, 'POST', `/pods/${pod.id}/action`)).toEqual([204]);
    expect(seen(fake, 'GET', `/pods/${pod.id}`)).toEqual([]);
    // A Pod that is not there (already terminated, a wrong id) is not-found, not a silent success.
    const again = await rejection(() => h.client.terminatePod(pod.id));
    expect(again.kind).toBe('not-found');
    expect(again.message).toMatch(/found nothing to terminate pod/);
  });

  it('terminate whose answer is lost: a 404 afterwards means it happened; a Pod still there may yet be terminated, and trying again is safe', async () => {
    const done = await h.client.createPod({ name: 'lost-answer', image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 } });
    fake.faults.inject({ reset: true, afterHandling: true }, { method: 'POST', path: `/pods/${done.id}/action` });
    await expect(h.client.terminatePod(done.id)).resolves.toBeUndefined();
    expect(seen(fake, 'GET', `/pods/${done.id}`)).toEqual([404]);

    const kept = await h.client.createPod({ name: 'never-reached', image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 } });
    fake.faults.inject({ reset: true }, { method: 'POST', path: `/pods/${kept.id}/action` });
    const error = await rejection(() => h.client.terminatePod(kept.id));
    expect(error.message).toMatch(/^The request to terminate pod `[^`]+` got no answer \(ECONNRESET\), and it is still listed, but RunPod may still carry it out\. To check, run 'RunPod: Refresh Pods'; trying again is safe\.$/);
    expect(error.mayHaveSucceeded).toBe(true);
    expect((await h.client.getPod(kept.id)).id).toBe(kept.id);
  });

  it('a failed action or template update names its Pod or template by the name the caller gives, the id in parentheses', async () => {
    const pod = await h.client.createPod({ name: 'train', image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 } });
    fake.faults.inject({ status: 500 }, { method: 'POST', path: `/pods/${pod.id}/action`, times: 10 });
    expect((await rejection(() => h.client.podAction(pod.id, 'stop', { name: 'train' }))).message).toContain(`while trying to stop Pod \`train\` (${pod.id}).`);
    expect((await rejection(() => h.client.terminatePod(pod.id, { name: 'train' }))).message).toContain(`to terminate Pod \`train\` (${pod.id})`);
    // Without a name (the command line acts by id) the id alone says which.
    expect((await rejection(() => h.client.podAction(pod.id, 'stop'))).message).toContain(`while trying to stop pod \`${pod.id}\`.`);
    fake.faults.clear();
    const vllm = (await h.client.listTemplates()).find((t) => t.name === 'vllm-serve')!;
    fake.faults.inject({ status: 429 }, { method: 'PATCH', path: `/templates/${vllm.id}`, times: 10 });
    expect((await rejection(() => h.client.updateTemplate(vllm.id, { env: {} }, { name: 'vllm-serve' }))).message).toContain(`while trying to update template \`vllm-serve\` (${vllm.id}).`);
    fake.faults.clear();
  });

  it('an action the pod does not allow is a conflict that says what to do', async () => {
    const pod = await h.client.createPod({ name: 'conflicted', image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 } });
    await h.client.podAction(pod.id, 'stop');
    const error = await rejection(() => h.client.podAction(pod.id, 'stop'));
    expect(error.kind).toBe('conflict');
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/allowed actions/);
    expect(seen(fake, 'POST', `/pods/${pod.id}/action`)).toEqual([200, 409]);
  });

  it('400 on create is no-capacity and is not retried', async () => {
    const error = await rejection(() => h.client.createPod({ name: 'no-room', image: 'x', gpu: { id: 'NVIDIA RTX A6000', count: 1 } }));
    expect(error.kind).toBe('no-capacity');
    expect(error.message).toBe('No capacity for that GPU type right now; pick another GPU type or cloud.');
    expect((error.details as string[]).join(' ')).toMatch(/no longer any instances available/);
    expect(fake.inspect().requests.filter((r) => r.method === 'POST' && r.path === '/v2/pods' && r.status === 400)).toHaveLength(1);
  });

  it('402 is insufficient-balance and is never retried', async () => {
    fake.setBalance(0);
    const before = seen(fake, 'POST', '/pods').length;
    const error = await rejection(() => h.client.createPod({ name: 'broke', image: 'x', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 } }));
    expect(error.kind).toBe('insufficient-balance');
    expect(error.message).toMatch(/Add funds/);
    expect(seen(fake, 'POST', '/pods').length - before).toBe(1);
    expect(h.sleeps).toEqual([]);
  });
});

describe('GPU catalog', () => {
  it('lists GPU types, with availability only when asked', async () => {
    const plain = await h.client.listGpuTypes();
    expect(plain.map((g) => g.id)).toContain('NVIDIA GeForce RTX 4090');
    expect(plain.every((g) => g.availability === undefined)).toBe(true);
    // The fake answers 400 unless include=AVAILABILITY comes with product=POD.
    const withAvailability = await h.client.listGpuTypes({ availability: true });
    expect(withAvailability.find((g) => g.id === 'NVIDIA RTX A6000')!.availability).toEqual({ secure: 'None', community: 'None' });
    // The log never carries the query string.
    expect(h.events.filter((e) => e.path.startsWith('/catalog')).every((e) => e.path === '/catalog/gpus')).toBe(true);
  });
});
