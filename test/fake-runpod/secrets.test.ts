import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from './index';
import { call, expectProblem } from './testHelpers';

const MiB = 1024 * 1024;
let fake: FakeRunpod;
let clock = Date.parse('2026-09-01T12:00:00Z');

beforeAll(async () => {
  fake = await startFakeRunpod({ rateLimitPerMinute: 10_000, now: () => clock });
});
afterAll(() => fake.close());
beforeEach(async () => {
  // Each test starts without secrets.
  const list = await call(fake, 'GET', '/account/secrets');
  for (const s of list.json.secrets) await call(fake, 'DELETE', `/account/secrets/${s.id}`);
});

describe('auth and problem documents', () => {
  it('rejects a request without a bearer token as "missing bearer token"', async () => {
    const p = expectProblem(await call(fake, 'GET', '/account/secrets', undefined, { auth: null }), 401);
    expect(p.detail).toBe('missing bearer token');
    expect(p.title).toBe('Unauthorized');
  });

  it('rejects a wrong key without echoing it, and a non-Bearer scheme', async () => {
    const wrong = await call(fake, 'GET', '/account/secrets', undefined, { auth: 'Bearer rp_wrong_key_123' });
    expectProblem(wrong, 401);
    expect(wrong.text).not.toContain('rp_wrong_key_123');
    expectProblem(await call(fake, 'GET', '/account/secrets', undefined, { auth: `Basic ${fake.apiKey}` }), 401);
    // The key is only accepted as a header: no query parameter on v2.
    const res = await fetch(`${fake.url}/account/secrets?api_key=${fake.apiKey}`);
    expect(res.status).toBe(401);
  });

  it('answers unknown paths 404 and wrong methods 405 with problem+json', async () => {
    expectProblem(await call(fake, 'GET', '/nope'), 404);
    const p405 = await call(fake, 'PUT', '/account/secrets', { name: 'a' });
    expectProblem(p405, 405);
    expect(p405.headers.get('allow')).toBe('GET, POST');
  });

  it('answers 400 to a body that is not JSON and 404 to an unknown id', async () => {
    expectProblem(await call(fake, 'POST', '/account/secrets', undefined, { rawBody: '{"name": "a",' }), 400);
    expectProblem(await call(fake, 'GET', '/account/secrets/zzzzzzzzzzzz'), 404);
    expectProblem(await call(fake, 'PATCH', '/account/secrets/zzzzzzzzzzzz', { value: 'x' }), 404);
    expectProblem(await call(fake, 'DELETE', '/account/secrets/zzzzzzzzzzzz'), 404);
  });
});

describe('secret create', () => {
  it('creates with 201 and returns metadata with a 12-character lowercase id', async () => {
    const res = await call(fake, 'POST', '/account/secrets', { name: 'hf-token', value: 'hf_abc', description: 'HF read' });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: expect.stringMatching(/^[a-z0-9]{12}$/),
      name: 'hf-token',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      description: 'HF read',
      valueLastUpdatedAt: res.json.createdAt,
    });
    const got = await call(fake, 'GET', `/account/secrets/${res.json.id}`);
    expect(got.json).toEqual(res.json);
    const list = await call(fake, 'GET', '/account/secrets');
    expect(list.json).toEqual({ secrets: [res.json] });
    expect(fake.inspect().secrets).toEqual([{ id: res.json.id, name: 'hf-token', value: 'hf_abc', description: 'HF read' }]);
  });

  it('rejects unknown fields with 422 naming the field', async () => {
    const p = expectProblem(await call(fake, 'POST', '/account/secrets', { name: 'a', value: 'v', color: 'red' }), 422);
    expect(p.errors).toEqual(['color: unknown field']);
    expect(fake.inspect().secrets).toEqual([]);
  });

  it('requires name and value, as strings', async () => {
    const p = expectProblem(await call(fake, 'POST', '/account/secrets', { description: 'd' }), 422);
    expect(p.errors).toEqual(expect.arrayContaining(['name: is required', 'value: is required']));
    const q = expectProblem(await call(fake, 'POST', '/account/secrets', { name: 5, value: true }), 422);
    expect(q.errors).toEqual(expect.arrayContaining(['name: must be a string', 'value: must be a string']));
  });

  const accepted = ['a', '_private', 'A1', 'hf-token', 'db_password', 'team/ml.key-2', 'Runpo', 'my_RUNPOD', 'x'.repeat(191)];
  it.each(accepted)('accepts the name %s', async (name) => {
    expect((await call(fake, 'POST', '/account/secrets', { name, value: 'v' })).status).toBe(201);
  });

  const rejected: Array<[string, string, RegExp]> = [
    ['empty', '', /at least 1 character/],
    ['192 characters', 'x'.repeat(192), /at most 191 characters/],
    ['leading digit', '1token', /must start with a letter or "_"/],
    ['leading dot', '.token', /must start with a letter or "_"/],
    ['leading dash', '-token', /must start with a letter or "_"/],
    ['leading slash', '/token', /must start with a letter or "_"/],
    ['a space', 'my token', /only letters, digits/],
    ['a colon', 'a:b', /only letters, digits/],
    ['non-ASCII letters', 'clé', /only letters, digits/],
    ['RUNPOD prefix', 'RUNPOD_KEY', /RUNPOD.*reserved/],
    ['lowercase runpod prefix', 'runpod-token', /RUNPOD.*reserved/],
    ['mixed-case RunPod prefix', 'RunPodKey', /RUNPOD.*reserved/],
  ];
  it.each(rejected)('rejects a name with %s (422)', async (_label, name, message) => {
    const p = expectProblem(await call(fake, 'POST', '/account/secrets', { name, value: 'v' }), 422);
    expect(p.errors!.join('\n')).toMatch(message);
    expect(p.errors!.every((e) => e.startsWith('name: '))).toBe(true);
    expect(fake.inspect().secrets).toEqual([]);
  });

  it('rejects a duplicate name with 409 saying the name exists', async () => {
    expect((await call(fake, 'POST', '/account/secrets', { name: 'dup', value: 'one' })).status).toBe(201);
    const p = expectProblem(await call(fake, 'POST', '/account/secrets', { name: 'dup', value: 'two' }), 409);
    expect(p.detail).toMatch(/"dup" already exists/);
    expect(fake.inspect().secrets.map((s) => s.value)).toEqual(['one']);
    // Names are case-sensitive: a different case is another secret.
    expect((await call(fake, 'POST', '/account/secrets', { name: 'DUP', value: 'three' })).status).toBe(201);
  });

  it('rejects an empty value and accepts a 1-byte one', async () => {
    const p = expectProblem(await call(fake, 'POST', '/account/secrets', { name: 'empty', value: '' }), 422);
    expect(p.errors).toEqual(['value: must be at least 1 byte']);
    expect((await call(fake, 'POST', '/account/secrets', { name: 'one', value: 'x' })).status).toBe(201);
  });

  it('accepts a value of 16 MiB - 1 byte and rejects 16 MiB (counted in UTF-8 bytes)', async () => {
    const ok = await call(fake, 'POST', '/account/secrets', { name: 'big', value: 'a'.repeat(16 * MiB - 1) });
    expect(ok.status).toBe(201);
    expect(fake.inspect().secrets[0]!.value.length).toBe(16 * MiB - 1);
    await call(fake, 'DELETE', `/account/secrets/${ok.json.id}`); // keep later state writes small
    const p = expectProblem(await call(fake, 'POST', '/account/secrets', { name: 'big2', value: 'a'.repeat(16 * MiB) }), 422);
    expect(p.errors).toEqual(['value: must be smaller than 16 MiB (16777216 bytes) of UTF-8']);
    // 'é' is 2 bytes: 8 Mi characters are exactly 16 MiB.
    expectProblem(await call(fake, 'POST', '/account/secrets', { name: 'big3', value: 'é'.repeat(8 * MiB) }), 422);
  });

  it('answers 413 to a body beyond the request size limit', async () => {
    const p = expectProblem(await call(fake, 'POST', '/account/secrets', undefined, { rawBody: `{"name":"x","value":"${'a'.repeat(18 * MiB)}"}` }), 413);
    expect(p.detail).toMatch(/exceeds/);
    expect(fake.inspect().secrets).toEqual([]);
  });

  it('limits the description to 65535 bytes', async () => {
    expect((await call(fake, 'POST', '/account/secrets', { name: 'd1', value: 'v', description: 'd'.repeat(65_535) })).status).toBe(201);
    const p = expectProblem(await call(fake, 'POST', '/account/secrets', { name: 'd2', value: 'v', description: 'd'.repeat(65_536) }), 422);
    expect(p.errors).toEqual(['description: must be at most 65535 bytes of UTF-8']);
  });
});

describe('secret update and delete', () => {
  async function create(name: string, value: string, description?: string) {
    const res = await call(fake, 'POST', '/account/secrets', { name, value, description });
    expect(res.status).toBe(201);
    return res.json;
  }

  it('updates the value, keeps the description, and moves valueLastUpdatedAt', async () => {
    const created = await create('tok', 'old', 'keep me');
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    expect(created.valueLastUpdatedAt).toBe(iso(clock));
    clock += 5_000;
    const res = await call(fake, 'PATCH', `/account/secrets/${created.id}`, { value: 'new' });
    expect(res.status).toBe(200);
    expect(res.json.description).toBe('keep me');
    expect(res.json.createdAt).toBe(created.createdAt);
    expect(res.json.valueLastUpdatedAt).toBe(iso(clock));
    expect(fake.inspect().secrets[0]!.value).toBe('new');
  });

  it('updates only the description; "" clears it without touching the value', async () => {
    const created = await create('tok', 'val', 'first');
    const res = await call(fake, 'PATCH', `/account/secrets/${created.id}`, { description: 'second' });
    expect(res.json.description).toBe('second');
    expect(res.json.valueLastUpdatedAt).toBe(created.valueLastUpdatedAt);
    const cleared = await call(fake, 'PATCH', `/account/secrets/${created.id}`, { description: '' });
    expect(cleared.json.description).toBeNull();
    expect(fake.inspect().secrets[0]!.value).toBe('val');
  });

  it('refuses an empty patch, a rename, and an empty value with 422', async () => {
    const created = await create('tok', 'val');
    expect(expectProblem(await call(fake, 'PATCH', `/account/secrets/${created.id}`, {}), 422).errors).toEqual([
      'body: give at least one of value, description',
    ]);
    expect(expectProblem(await call(fake, 'PATCH', `/account/secrets/${created.id}`, { name: 'other', value: 'v2' }), 422).errors).toEqual([
      'name: unknown field',
    ]);
    expectProblem(await call(fake, 'PATCH', `/account/secrets/${created.id}`, { value: '' }), 422);
    expect(fake.inspect().secrets).toEqual([expect.objectContaining({ name: 'tok', value: 'val' })]);
  });

  it('deletes with 204 and an empty body; the name can then be reused', async () => {
    const created = await create('gone', 'val');
    const res = await call(fake, 'DELETE', `/account/secrets/${created.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expectProblem(await call(fake, 'GET', `/account/secrets/${created.id}`), 404);
    expect((await call(fake, 'POST', '/account/secrets', { name: 'gone', value: 'again' })).status).toBe(201);
  });

  it('never returns a value from any endpoint', async () => {
    const value = 'sv_VALUE_MARKER_7f3a9c';
    const created = await create('marker', value, 'desc');
    await call(fake, 'PATCH', `/account/secrets/${created.id}`, { value: `${value}-2` });
    const bodies = [
      await call(fake, 'POST', '/account/secrets', { name: 'marker2', value }),
      await call(fake, 'POST', '/account/secrets', { name: 'marker', value }), // 409
      await call(fake, 'POST', '/account/secrets', { name: 'RUNPOD_x', value, extra: value }), // 422
      await call(fake, 'GET', '/account/secrets'),
      await call(fake, 'GET', `/account/secrets/${created.id}`),
      await call(fake, 'PATCH', `/account/secrets/${created.id}`, { value, description: 'd' }),
      await call(fake, 'PATCH', `/account/secrets/${created.id}`, { value, name: 'x' }), // 422
    ];
    expect(bodies.map((b) => b.status)).toEqual([201, 409, 422, 200, 200, 200, 422]);
    for (const b of bodies) {
      expect(b.text).not.toContain('VALUE_MARKER');
      for (const [, header] of b.headers) expect(header).not.toContain('VALUE_MARKER');
    }
  });
});
