/**
 * Whatever a server (or a proxy in front of it) echoes back, the API key and secret values sent by
 * this client never reach an error's message, details, stack, JSON or inspect output, nor a log event.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { FakeRunpod } from '../fake-runpod/index';
import { expectNoLeak } from '../helpers/noLeak';
import { useFakeAndClient, rejection, type Harness } from './helpers';

const KEY = 'rp_leaktest_KEY_5f3c9a1b2d4e6f708192';
const VALUE = 'hf_LEAKTEST_value_"quoted"_\n_line2_9a8b7c';
const VALUE2 = 'second-LEAK-value-0x7f7f7f7f';

let fake: FakeRunpod;
let h: Harness;

useFakeAndClient((started) => ({ fake, h } = started), { fake: { apiKey: KEY }, client: { maxRetries: 1 } });

/** A problem document and headers that echo every sensitive string in every place a server could. */
function echo(status: number, all: string[] = [KEY, VALUE, VALUE2]) {
  return {
    status,
    body: JSON.stringify({
      title: `Echo ${KEY}`,
      status,
      detail: `you sent key ${KEY} and ${all.slice(1).map((v) => `value ${v}`).join(' and ')}`,
      errors: [...all, { field: 'value', message: `got ${VALUE}` }, `Bearer ${KEY}`],
    }),
    headers: {
      'Content-Type': 'application/problem+json',
      'X-Request-Id': `req-${KEY}`,
      'X-Echo-Value': encodeURIComponent(VALUE),
      'WWW-Authenticate': `Bearer realm="${KEY}"`,
      'Retry-After': '1',
    },
  };
}

/** Checks every rendering of `error` (and the log) for any piece of the key and each value sent so far. */
function assertClean(error: Error & Record<string, unknown>, sent: string[] = [VALUE]): void {
  const texts = {
    message: error.message,
    string: String(error),
    stack: error.stack ?? '',
    json: JSON.stringify(error),
    inspect: inspect(error, { depth: 10, showHidden: true }),
    details: ((error.details as string[]) ?? []).join('\n'),
    events: JSON.stringify(h.events),
  };
  for (const [where, text] of Object.entries(texts)) {
    expectNoLeak(text, [KEY, ...sent], where);
    expect(text).not.toContain('LEAKTEST');
  }
}

describe('no leak of the key or values', () => {
  it.each([401, 403, 409, 422, 429, 500, 503])('create answered %i with everything echoed', async (status) => {
    // Only what this client sent can be known to it: the key and VALUE (VALUE2 comes later).
    fake.faults.inject(echo(status, [KEY, VALUE]), { method: 'POST', path: '/account/secrets', times: 3 });
    const error = await rejection(() => h.client.createSecret({ name: `leak-${status}`, value: VALUE }));
    assertClean(error);
    // The error is still useful: server text other than the secrets survives.
    if (status === 422) expect(error.message).toContain('you sent key [redacted]');
  });

  it('update answered with an echo, and a later read that echoes both values', async () => {
    await h.client.createSecret({ name: 'leak-update', value: VALUE });
    fake.faults.inject(echo(422), { method: 'PATCH', path: '/account/secrets' });
    assertClean(await rejection(() => h.client.updateSecret('leak-update', { value: VALUE2 })), [VALUE, VALUE2]);

    fake.faults.inject(echo(500), { method: 'GET', path: '/account/secrets', times: 5 });
    assertClean(await rejection(() => h.client.listSecrets()), [VALUE, VALUE2]);
  });

  it('an echo cut short, one line of a multi-line value, or the key in base64', async () => {
    const line2 = VALUE.split('\n')[1]!;
    fake.faults.inject(
      {
        status: 422,
        body: JSON.stringify({
          title: 'Unprocessable Entity',
          status: 422,
          detail: `value "${VALUE.slice(0, 20)}…" is invalid at line 2: ${line2}`,
          errors: [`Authorization: Basic ${Buffer.from(`user:${KEY}`).toString('base64')}`, `Basic ${Buffer.from(KEY).toString('base64')}`],
        }),
        headers: { 'Content-Type': 'application/problem+json' },
      },
      { method: 'POST', path: '/account/secrets' },
    );
    const error = await rejection(() => h.client.createSecret({ name: 'leak-partial', value: VALUE }));
    expect(error.kind).toBe('validation');
    assertClean(error);
    expect(error.message).toContain('is invalid at line 2: [redacted]');
  });

  it('a plain-text or HTML error body from a proxy that echoes the request', async () => {
    fake.faults.inject(
      { status: 400, body: `<html>Authorization: Bearer ${KEY}\n{"value":${JSON.stringify(VALUE)}}</html>`, headers: { 'X-Request-Id': KEY } },
      { method: 'POST', path: '/pods' },
    );
    const error = await rejection(() =>
      h.client.createPod({ name: 'leaky', image: 'x', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 }, env: { A: VALUE } }),
    );
    expect(error.kind).toBe('no-capacity');
    assertClean(error);
  });

  it('a 200 whose body echoes the value is not passed on', async () => {
    fake.faults.inject(
      { status: 201, body: JSON.stringify({ id: 'abc123', name: 'echoed', createdAt: '2026-01-01T00:00:00Z', value: VALUE }), headers: { 'Content-Type': 'application/json' } },
      { method: 'POST', path: '/account/secrets' },
    );
    const secret = await h.client.createSecret({ name: 'echoed', value: VALUE });
    expect(JSON.stringify(secret)).not.toContain('LEAKTEST');
  });

  it('a list whose secrets echo the key or a value sent in their description or dates passes neither on (the CLI and the views print them)', async () => {
    await h.client.createSecret({ name: 'leak-listed', value: VALUE });
    const echoed = { id: 'abc123', name: 'echoed', description: `your key Bearer ${KEY}, your value ${VALUE}`, createdAt: KEY, valueLastUpdatedAt: VALUE };
    fake.faults.inject({ status: 200, body: JSON.stringify({ secrets: [echoed] }), headers: { 'Content-Type': 'application/json' } }, { method: 'GET', path: '/account/secrets' });
    const [secret] = await h.client.listSecrets();
    expectNoLeak(JSON.stringify(secret), [KEY, VALUE], 'listed secret');
    // What is not an echo is kept as sent.
    expect(secret!.name).toBe('echoed');
    expect(secret!.description).toContain('your key Bearer [redacted]');
  });

  it("a create's own list comes after its value is registered: the list it hands on and its failure are redacted, the failure worded as the create's", async () => {
    const fresh = 'fresh-LEAK-value-never-sent-4b1d';
    const echoed = { id: 'abc125', name: 'other', description: `your value ${fresh}`, createdAt: '2026-01-01T00:00:00Z' };
    fake.faults.inject({ status: 200, body: JSON.stringify({ secrets: [echoed] }), headers: { 'Content-Type': 'application/json' } }, { method: 'GET', path: '/account/secrets' });
    fake.faults.inject(echo(500, [KEY, fresh]), { method: 'POST', path: '/account/secrets' });
    let seen = '';
    await h.client.createSecret({ name: 'fresh-one', value: fresh }, { onListed: (listed) => (seen = JSON.stringify(listed)) }).catch(() => undefined);
    expect(seen).toContain('your value [redacted]');
    const fresh2 = 'fresh-LEAK-value-two-8c2e';
    fake.faults.inject(echo(400, [KEY, fresh2]), { method: 'GET', path: '/account/secrets' });
    const error = await rejection(() => h.client.createSecret({ name: 'fresh-two', value: fresh2 }));
    expect(error.message).toMatch(/create secret `fresh-two`/);
    assertClean(error, [fresh2]);
  });

  it("a create's own list answered 404 says to check the API URL (the list has no target), not that a secret was not found", async () => {
    fake.faults.inject({ status: 404, body: '{}', headers: { 'Content-Type': 'application/json' } }, { method: 'GET', path: '/account/secrets' });
    const error = await rejection(() => h.client.createSecret({ name: 'fresh-three', value: 'fresh-LEAK-value-three-9d3f' }));
    expect(error.message).toMatch(/create secret `fresh-three`/);
    expect(error.message).toMatch(/Check the API URL/);
    expect(error.message).not.toMatch(/may have been deleted/);
  });

  it('a secret\'s dates are read as dates, not redacted: a value sent that is `2025` or `01` leaves them whole (rotation age reads them)', async () => {
    h.client.addSensitive('2025');
    h.client.addSensitive('01');
    const dated = { id: 'abc123', name: 'dated', description: 'since 2025', createdAt: '2025-01-02T03:04:05Z', valueLastUpdatedAt: '2025-06-01T00:00:00Z' };
    const notDates = { id: 'abc124', name: 'not-dated', createdAt: `Bearer ${KEY}`, valueLastUpdatedAt: 'next Tuesday' };
    fake.faults.inject({ status: 200, body: JSON.stringify({ secrets: [dated, notDates] }), headers: { 'Content-Type': 'application/json' } }, { method: 'GET', path: '/account/secrets' });
    const [secret, other] = await h.client.listSecrets();
    expect(secret).toMatchObject({ createdAt: '2025-01-02T03:04:05Z', valueLastUpdatedAt: '2025-06-01T00:00:00Z', description: 'since [redacted]' });
    // Text that names no instant is no date: unknown, never shown.
    expect(other).toMatchObject({ createdAt: '', valueLastUpdatedAt: null });
  });

  it('Pods, templates and endpoints whose name or image echo the key show neither with it (the lists and views print them)', async () => {
    const echoed = { id: 'abc123', name: `pod ${KEY}`, image: `img:${KEY}`, status: 'RUNNING', templateId: 't1' };
    for (const [path, key] of [['/pods', 'pods'], ['/templates', 'templates'], ['/serverless', 'endpoints']] as const) {
      fake.faults.inject({ status: 200, body: JSON.stringify({ [key]: [echoed] }), headers: { 'Content-Type': 'application/json' } }, { method: 'GET', path });
    }
    const lists = [await h.client.listPods(), await h.client.listTemplates(), await h.client.listEndpoints()];
    for (const [item] of lists) {
      expectNoLeak(`${item!.name} ${item!.image}`, [KEY], 'name and image');
      expect(item!.name).toBe('pod [redacted]');
    }
  });

  it('every other displayed text of a Pod, template or endpoint (cloud, type, status, SSH command, scaling type, nested ones) shows no key either; ids and env as sent', async () => {
    const echo = `x ${KEY} y`;
    const pod = { id: 'pod-1', name: echo, image: echo, status: echo, cloud: echo, ssh: { command: `ssh root@${KEY}`, port: 22 }, machine: { gpuDisplayName: echo, notes: [echo] }, templateId: 't1', env: { RUNPOD_API_KEY: KEY } };
    const template = { id: 'tpl-1', name: echo, image: echo, readme: echo, category: echo, env: { RUNPOD_API_KEY: KEY } };
    const endpoint = { id: 'ep-1', name: echo, image: echo, type: echo, scaling: { type: echo, value: 4 }, gpu: { pools: [echo] }, templateId: 't1', env: { RUNPOD_API_KEY: KEY } };
    for (const [path, key, item] of [['/pods', 'pods', pod], ['/templates', 'templates', template], ['/serverless', 'endpoints', endpoint]] as const) {
      fake.faults.inject({ status: 200, body: JSON.stringify({ [key]: [item] }), headers: { 'Content-Type': 'application/json' } }, { method: 'GET', path });
    }
    const [[p], [t], [e]] = [await h.client.listPods(), await h.client.listTemplates(), await h.client.listEndpoints()];
    for (const item of [p, t, e] as unknown as Record<string, unknown>[]) {
      const { env, ...shown } = item;
      // env is the user's own (a Pod may be given the key on purpose) and goes back to RunPod at Launch and Push.
      expect(env).toEqual({ RUNPOD_API_KEY: KEY });
      expectNoLeak(JSON.stringify(shown), [KEY], `displayed fields of ${String(item.id)}`);
    }
    expect(p).toMatchObject({ id: 'pod-1', templateId: 't1', cloud: 'x [redacted] y', ssh: { command: 'ssh root@[redacted]', port: 22 } });
    expect(e).toMatchObject({ id: 'ep-1', type: 'x [redacted] y', scaling: { type: 'x [redacted] y', value: 4 } });
  });

  it("a field RunPod may add whose name merely ends in Id (machineId, a nested hostIds) is shown text, not an id kept as sent: only the id fields RunPod documents are", async () => {
    const echo = `x ${KEY} y`;
    const pod = { id: 'pod-1', name: 'p', image: 'i', status: 'RUNNING', templateId: 't1', dataCenterIds: ['EU-RO-1'], gpu: { id: 'NVIDIA A40', count: 1 }, machineId: echo, machine: { hostIds: [echo], id: echo, env: echo, templateId: echo } };
    fake.faults.inject({ status: 200, body: JSON.stringify({ pods: [pod] }), headers: { 'Content-Type': 'application/json' } }, { method: 'GET', path: '/pods' });
    const [p] = await h.client.listPods();
    expectNoLeak(JSON.stringify(p), [KEY], 'fields named like ids');
    // Kept where RunPod documents them (the resource's own fields, the GPU type's id), not under any name anywhere.
    expect(p).toMatchObject({ id: 'pod-1', templateId: 't1', dataCenterIds: ['EU-RO-1'], gpu: { id: 'NVIDIA A40', count: 1 }, machineId: 'x [redacted] y' });
    expect((p as unknown as { machine: unknown }).machine).toEqual({ hostIds: ['x [redacted] y'], id: 'x [redacted] y', env: 'x [redacted] y', templateId: 'x [redacted] y' });
    // An endpoint list is redacted whole (listEndpoints): its endpoints are resources all the same.
    const endpoint = { id: 'ep-1', name: 'e', templateId: 't1', env: { RUNPOD_API_KEY: KEY }, workerId: echo, scaler: { id: echo } };
    fake.faults.inject({ status: 200, body: JSON.stringify({ endpoints: [endpoint] }), headers: { 'Content-Type': 'application/json' } }, { method: 'GET', path: '/serverless' });
    const [e] = await h.client.listEndpoints();
    expect(e).toMatchObject({ id: 'ep-1', templateId: 't1', env: { RUNPOD_API_KEY: KEY }, workerId: 'x [redacted] y', scaler: { id: 'x [redacted] y' } });
  });

  it('a malformed success body does not carry its text into the error', async () => {
    fake.faults.inject({ status: 200, body: `{"secrets": "${KEY}`, headers: { 'Content-Type': 'application/json' } }, { method: 'GET', path: '/account/secrets' });
    const error = await rejection(() => h.client.listSecrets());
    expect(error.kind).toBe('bad-response');
    assertClean(error);
  });
});
