import { describe, expect, it } from 'vitest';
import type { FakeRunpod } from '../fake-runpod/index';
import { RunpodApiError } from '../../client/src/runpod/errors';
import { useFakeAndClient, rejection, seen, type Harness } from './helpers';

let fake: FakeRunpod;
let h: Harness;

useFakeAndClient((started) => ({ fake, h } = started));

describe('secrets by name against the fake', () => {
  it('lists metadata only, never values', async () => {
    const secrets = await h.client.listSecrets();
    expect(secrets.map((s) => s.name).sort()).toEqual(['db_password', 'hf-token', 'openai-key']);
    const hf = secrets.find((s) => s.name === 'hf-token')!;
    expect(Object.keys(hf).sort()).toEqual(['createdAt', 'description', 'id', 'name', 'valueLastUpdatedAt']);
    expect(hf.description).toBe('Hugging Face read token');
    expect(secrets.find((s) => s.name === 'db_password')!.description).toBeNull();
  });

  it('gets a secret by name through its id', async () => {
    const secret = await h.client.getSecret('openai-key');
    expect(secret.name).toBe('openai-key');
    const id = fake.inspect().secrets.find((s) => s.name === 'openai-key')!.id;
    expect(secret.id).toBe(id);
    expect(seen(fake, 'GET', `/account/secrets/${id}`)).toEqual([200]);
  });

  it('creates a secret whose value reaches RunPod but never comes back', async () => {
    const created = await h.client.createSecret({ name: 'wandb/api.key', value: 'wandb-value-123456', description: 'W&B' });
    expect(created).toMatchObject({ name: 'wandb/api.key', description: 'W&B' });
    expect(JSON.stringify(created)).not.toContain('wandb-value-123456');
    expect(fake.inspect().secrets.find((s) => s.name === 'wandb/api.key')?.value).toBe('wandb-value-123456');
  });

  it('updates value and description by name', async () => {
    await h.client.createSecret({ name: 'to-update', value: 'first-value-000' });
    const onlyDescription = await h.client.updateSecret('to-update', { description: 'now described' });
    expect(onlyDescription.description).toBe('now described');
    expect(fake.inspect().secrets.find((s) => s.name === 'to-update')!.value).toBe('first-value-000');
    await h.client.updateSecret('to-update', { value: 'second-value-111' });
    const stored = fake.inspect().secrets.find((s) => s.name === 'to-update')!;
    expect(stored.value).toBe('second-value-111');
    expect(stored.description).toBe('now described');
  });

  it('refuses an update with nothing to change before sending anything', async () => {
    const before = fake.inspect().requests.length;
    const error = await rejection(() => h.client.updateSecret('hf-token', {}));
    expect(error).toBeInstanceOf(RunpodApiError);
    expect(error.kind).toBe('validation');
    expect(fake.inspect().requests.length).toBe(before);
  });

  it('deletes by name (204)', async () => {
    await h.client.createSecret({ name: 'short-lived', value: 'temporary-value' });
    await h.client.deleteSecret('short-lived');
    expect(fake.inspect().secrets.some((s) => s.name === 'short-lived')).toBe(false);
  });

  it('a delete whose answer is lost and whose secret is still listed may yet happen: it says so, and trying again is safe', async () => {
    await h.client.createSecret({ name: 'lost-delete', value: 'lost-delete-value' });
    fake.faults.inject({ reset: true }, { method: 'DELETE', path: '/account/secrets', times: 1 });
    const error = await rejection(() => h.client.deleteSecret('lost-delete'));
    expect(error.mayHaveSucceeded).toBe(true);
    expect(error.message).toBe(
      "The request to delete secret `lost-delete` got no answer (ECONNRESET), and it is still listed, but RunPod may still carry it out. To check, run 'RunPod: Refresh Secrets'; trying again is safe.",
    );
    await h.client.deleteSecret('lost-delete');
    expect(fake.inspect().secrets.some((s) => s.name === 'lost-delete')).toBe(false);
  });

  it('a delete RunPod answers 500 while the secret is still listed says RunPod answered, not that no answer came', async () => {
    await h.client.createSecret({ name: 'delete-500', value: 'delete-500-value' });
    fake.faults.inject({ status: 500 }, { method: 'DELETE', path: '/account/secrets', times: 1 });
    const error = await rejection(() => h.client.deleteSecret('delete-500'));
    expect(error.mayHaveSucceeded).toBe(true);
    expect(error.message).toBe(
      "RunPod answered 500 (server error) to the request to delete secret `delete-500`, and it is still listed, but RunPod may still carry it out. To check, run 'RunPod: Refresh Secrets'; trying again is safe.",
    );
  });

  it('accepts 200 on delete as well as 204', async () => {
    await h.client.createSecret({ name: 'deleted-with-200', value: 'another-value-1' });
    fake.faults.inject({ status: 200, body: '{}' , headers: { 'Content-Type': 'application/json' } }, { method: 'DELETE', path: '/account/secrets' });
    await expect(h.client.deleteSecret('deleted-with-200')).resolves.toBeUndefined();
  });

  it.each([
    ['get', (name: string) => h.client.getSecret(name)],
    ['update', (name: string) => h.client.updateSecret(name, { description: 'x' })],
    ['delete', (name: string) => h.client.deleteSecret(name)],
  ])('%s of an unknown name is not-found naming it', async (_label, call) => {
    const error = await rejection(() => call('no-such-secret'));
    expect(error.kind).toBe('not-found');
    // The client is the editor's unless told otherwise.
    // The editor's store adds whether it listed the secrets again (secrets/store.ts listAgainAfterGone).
    expect(error.message).toBe('Secret `no-such-secret` no longer exists on this RunPod account (deleted elsewhere).');
  });

  it('a duplicate name is duplicate-name, caught before the value is sent', async () => {
    const error = await rejection(() => h.client.createSecret({ name: 'hf-token', value: 'would-be-dup' }));
    expect(error.kind).toBe('duplicate-name');
    expect(error.message).toMatch(/^A secret named `hf-token` already exists/);
    expect(fake.inspect().secrets.find((s) => s.name === 'hf-token')!.value).not.toBe('would-be-dup');
  });

  /** RunPod's answer to the create only: the pre-check found no such name (another client won the race). */
  function answerCreate(status: number, detail: string, errors: string[] = []) {
    const body = JSON.stringify({ title: 'Error', status, detail, ...(errors.length ? { errors } : {}) });
    fake.faults.inject({ status, body, headers: { 'Content-Type': 'application/problem+json' } }, { method: 'POST', path: '/account/secrets' });
  }

  it.each([
    [409, 'name already exists', []],
    [409, 'Conflict', []],
    [400, 'bad request', ['name: a secret with this name already exists']],
    [422, 'invalid', ['name: already exists']],
    [422, 'Secret name is already taken', []],
    [400, 'duplicate name', []],
  ])('a duplicate reported by RunPod with %i (%s) is "a secret named x already exists"', async (status, detail, errors) => {
    answerCreate(status, detail, errors);
    const error = await rejection(() => h.client.createSecret({ name: `raced-${status}`, value: 'raced-value-1' }));
    expect(error.kind).toBe('duplicate-name');
    expect(error.message).toBe(`A secret named \`raced-${status}\` already exists. Choose another name, or update that secret.`);
  });

  it.each([
    [422, 'invalid', ['value: must be smaller than 16 MiB']],
    [400, 'malformed JSON body', []],
    [422, 'invalid', ['description: duplicate whitespace is not allowed']],
  ])('a %i about something else (%s) stays a validation error with RunPod\'s words', async (status, detail, errors) => {
    answerCreate(status, detail, errors);
    const error = await rejection(() => h.client.createSecret({ name: `other-${status}`, value: 'other-value-1' }));
    expect(error.kind).toBe('validation');
    expect(error.status).toBe(status);
    expect([error.message, ...(error.details as string[])].join(' ')).toContain(errors[0] ?? detail);
  });

  it('a name that reads like a duplicate is not taken for RunPod saying so', async () => {
    answerCreate(422, 'invalid', ['value: must not be empty']);
    const error = await rejection(() => h.client.createSecret({ name: 'duplicate_name-already_exists-taken', value: 'x-value-1' }));
    expect(error.kind).toBe('validation');
  });

  it('RunPod\'s own 422 for a reserved name is validation with its errors', async () => {
    const error = await rejection(() => h.client.createSecret({ name: 'RUNPOD_reserved', value: 'some-value-1' }));
    expect(error.kind).toBe('validation');
    expect(error.status).toBe(422);
    expect((error.details as string[]).join(' ')).toMatch(/RUNPOD/);
  });
});
