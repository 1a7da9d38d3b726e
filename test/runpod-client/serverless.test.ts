/**
 * The API client's serverless calls against the fake over real HTTP: endpoints, workers and
 * releases; a deploy whose answer is lost is looked up, never sent twice; the list shapes RunPod
 * may use; release diffs that keep no env value whatever the server sends.
 */
import { describe, expect, it } from 'vitest';
import type { FakeRunpod } from '../fake-runpod/index';
import { seen, useFakeAndClient, type Harness } from './helpers';

let fake: FakeRunpod;
let h: Harness;
let clock = Date.parse('2026-09-01T12:00:00Z');
useFakeAndClient(
  (started) => {
    fake = started.fake;
    h = started.h;
  },
  { fake: { podBootMs: 1000, workerCycleMs: 2000, now: () => clock } },
);

function sdWorker(): string {
  return fake.inspect().templates.find((t) => t.name === 'sd-worker')!.id;
}

describe('endpoints', () => {
  it('deploys, reads, lists, updates (a release) and deletes', async () => {
    const created = await h.client.createEndpoint({ name: 'client-ep', templateId: sdWorker(), gpu: { pools: ['ADA_24'] }, workers: { min: 2, max: 3 } });
    expect(created).toMatchObject({ name: 'client-ep', type: 'QUEUE', workers: { min: 2, max: 3 }, version: 1, env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}' } });
    expect(await h.client.getEndpoint(created.id)).toEqual(created);
    expect((await h.client.listEndpoints()).map((e) => e.name)).toEqual(expect.arrayContaining(['sd-endpoint', 'client-ep']));
    const updated = await h.client.updateEndpoint(created.id, { env: { HF_TOKEN: '{{ RUNPOD_SECRET_openai-key }}' } });
    expect(updated.version).toBe(2);
    const releases = await h.client.listReleases(created.id);
    expect(releases[0]).toMatchObject({ version: 2, source: 'MANUAL', diff: [{ field: 'template.env.HF_TOKEN', change: 'changed' }] });
    expect(releases[0]!.diff[0]).not.toHaveProperty('old');
    const workers = await h.client.listWorkers(created.id);
    expect(workers).toHaveLength(2);
    expect(workers.map((w) => [w.version, w.isStale])).toEqual([[2, false], [1, true]]);
    await h.client.deleteEndpoint(created.id);
    await expect(h.client.getEndpoint(created.id)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('a deploy whose answer is lost is found by name, not sent twice', async () => {
    fake.faults.inject({ reset: true, afterHandling: true }, { method: 'POST', path: '/serverless' });
    const created = await h.client.createEndpoint({ name: 'lost-answer', image: 'img', gpu: { pools: ['ADA_24'] } });
    expect(created.name).toBe('lost-answer');
    expect((await h.client.listEndpoints()).filter((e) => e.name === 'lost-answer')).toHaveLength(1);
    expect(seen(fake, 'POST', '/serverless').at(-1)).toBe(0); // the one POST, its answer lost
    expect(h.events.filter((e) => e.method === 'POST').map((e) => e.error)).toEqual(['network']);
  });

  it('a deploy that RunPod refuses says why (422) and creates nothing', async () => {
    const before = (await h.client.listEndpoints()).length;
    const error = await h.client.createEndpoint({ name: 'bad', image: 'img', gpu: { pools: ['NOPE'] } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'validation', status: 422 });
    expect((error as Error).message).toMatch(/^RunPod rejected the request to deploy endpoint `bad` \(422\)\. Fix the fields listed and try again\. RunPod said: .*gpu\.pools\[0\]: unknown GPU pool/);
    expect(await h.client.listEndpoints()).toHaveLength(before);
  });

  it('reads the list shapes RunPod may use: endpoints, serverless, or a bare array', async () => {
    const item = { id: 'e1', name: 'n', workers: { min: 1, max: 2 }, env: { A: 'x', N: 5 } };
    for (const body of [{ endpoints: [item] }, { serverless: [item] }, [item]]) {
      fake.faults.inject({ status: 200, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }, { method: 'GET', path: /^\/v2\/serverless$/ });
      const [endpoint] = await h.client.listEndpoints();
      expect(endpoint).toMatchObject({ id: 'e1', name: 'n', type: 'QUEUE', env: { A: 'x' }, workers: { min: 1, max: 2 } });
    }
    fake.faults.inject({ status: 200, body: '{"items": []}', headers: { 'Content-Type': 'application/json' } }, { method: 'GET', path: /^\/v2\/serverless$/ });
    await expect(h.client.listEndpoints()).rejects.toMatchObject({ kind: 'bad-response' });
  });

  it('keeps no env value from a release diff, whatever the server puts in it', async () => {
    const releases = { releases: [{ version: 3, diff: [
      { field: 'template.env', old: { TOKEN: 'sk-old-value' }, new: { TOKEN: 'sk-new-value' } },
      { field: 'template.env.DB', old: null, new: 'postgres://u:pw@h' },
      { field: 'template.image', old: 'a:1', new: 'a:2' },
    ] }] };
    fake.faults.inject({ status: 200, body: JSON.stringify(releases), headers: { 'Content-Type': 'application/json' } }, { method: 'GET', path: /\/releases$/ });
    const [release] = await h.client.listReleases('any');
    expect(release!.diff).toEqual([
      { field: 'template.env', change: 'changed' },
      { field: 'template.env.DB', change: 'added' },
      { field: 'template.image', change: 'changed', old: 'a:1', new: 'a:2' },
    ]);
    expect(JSON.stringify(release)).not.toMatch(/sk-old|sk-new|pw@/);
  });
});
