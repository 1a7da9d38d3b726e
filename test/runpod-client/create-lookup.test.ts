/**
 * A create whose answer is lost must neither be repeated (that could create it twice) nor be
 * reported as failed when it happened: the client lists and looks. The fake's inspect() is the
 * ground truth of what was created.
 */
import { describe, expect, it } from 'vitest';
import type { FakeRunpod } from '../fake-runpod/index';
import { useFakeAndClient, rejection, seen, type Harness } from './helpers';
import { until } from '../helpers/until';
import { RunpodApiError, lostOutcome } from '../../client/src/runpod/errors';
import { messages } from '../../client/src/runpod/messages';
import { RunpodClient } from '../../client/src/runpod/client';
import { startServer } from './hostileNet';

let fake: FakeRunpod;
let h: Harness;

// The creates whose answer is lost get none (a hang fault), so a slow machine cannot race the timeout.
useFakeAndClient((started) => ({ fake, h } = started), { client: { timeoutMs: 300 } });

const secretsNamed = (name: string) => fake.inspect().secrets.filter((s) => s.name === name);

describe('create after a lost answer', () => {
  it('secret created but the answer is late: the client returns it, created once', async () => {
    fake.faults.inject({ hang: true, afterHandling: true }, { method: 'POST', path: '/account/secrets' });
    const secret = await h.client.createSecret({ name: 'late-answer', value: 'late-answer-value' });
    expect(secret.name).toBe('late-answer');
    expect(secretsNamed('late-answer')).toHaveLength(1);
    expect(secretsNamed('late-answer')[0]!.id).toBe(secret.id);
    expect(h.events.filter((e) => e.method === 'POST')).toHaveLength(1);
  });

  it('secret not listed after a timeout: no proof it was not created, so it may still appear, and a retry would be refused as a duplicate', async () => {
    const posted = seen(fake, 'POST', '/account/secrets').length;
    fake.faults.inject({ hang: true }, { method: 'POST', path: '/account/secrets' });
    const error = await rejection(() => h.client.createSecret({ name: 'never-made', value: 'never-made-value' }));
    expect(error.kind).toBe('timeout');
    expect(error.mayHaveSucceeded).toBe(true);
    expect(error.message).not.toMatch(/nothing was created/);
    expect(error.message).toBe(
      "The request to create secret `never-made` got no answer (UND_ERR_HEADERS_TIMEOUT), and it is not listed yet, but RunPod may still be creating it. If it appears, creating it again would be refused as a duplicate name: wait a minute, then run 'RunPod: Refresh Secrets' before trying again.",
    );
    // The fake is done with the stalled request once it logs it (status 0: abandoned, never handled).
    await until(() => seen(fake, 'POST', '/account/secrets').length > posted, 'the fake to log the abandoned create');
    expect(seen(fake, 'POST', '/account/secrets').slice(posted)).toEqual([0]);
    expect(secretsNamed('never-made')).toHaveLength(0);
  });

  it('connection reset after the secret was stored: the client finds it', async () => {
    fake.faults.inject({ reset: true, afterHandling: true }, { method: 'POST', path: '/account/secrets' });
    const secret = await h.client.createSecret({ name: 'reset-after', value: 'reset-after-value' });
    expect(secretsNamed('reset-after').map((s) => s.id)).toEqual([secret.id]);
  });

  it('connection reset, the secret not listed: the request may have reached RunPod, so it may still appear', async () => {
    fake.faults.inject({ reset: true }, { method: 'POST', path: '/account/secrets' });
    const error = await rejection(() => h.client.createSecret({ name: 'reset-before', value: 'reset-before-value' }));
    expect(error.kind).toBe('network');
    expect(error.mayHaveSucceeded).toBe(true);
    expect(error.message).not.toMatch(/nothing was created/);
    expect(error.message).toMatch(/may still be creating it\. If it appears, creating it again would be refused as a duplicate name/);
    expect(secretsNamed('reset-before')).toHaveLength(0);
  });

  it('template not listed after a timeout: it may still appear, and a second push would be refused as a duplicate', async () => {
    fake.faults.inject({ hang: true }, { method: 'POST', path: '/templates', times: 1 });
    const error = await rejection(() => h.client.createTemplate({ name: 'slow-template', image: 'ubuntu:24.04', env: {} }));
    expect(error.kind).toBe('timeout');
    expect(error.mayHaveSucceeded).toBe(true);
    expect(error.message).toBe(
      "The request to create template `slow-template` got no answer (UND_ERR_HEADERS_TIMEOUT), and it is not listed yet, but RunPod may still be creating it. If it appears, creating it again would be refused as a duplicate name: wait a minute, then open the account's templates in the RunPod console before trying again.",
    );
  });

  it('template created with a late answer is returned', async () => {
    fake.faults.inject({ hang: true, afterHandling: true }, { method: 'POST', path: '/templates' });
    const template = await h.client.createTemplate({ name: 'late-template', image: 'ubuntu:24.04', env: {} });
    expect(fake.inspect().templates.filter((t) => t.name === 'late-template').map((t) => t.id)).toEqual([template.id]);
  });

  it('pod created with a late answer is returned, even when an older pod has the same name', async () => {
    const older = await h.client.createPod({ name: 'same-name', image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 } });
    fake.faults.inject({ hang: true, afterHandling: true }, { method: 'POST', path: '/pods' });
    const pod = await h.client.createPod({ name: 'same-name', image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 } });
    expect(pod.id).not.toBe(older.id);
    expect(fake.inspect().pods.filter((p) => p.name === 'same-name')).toHaveLength(2);
  });

  it('a delete whose answer is lost is confirmed by listing', async () => {
    await h.client.createSecret({ name: 'delete-late', value: 'delete-late-value' });
    fake.faults.inject({ hang: true, afterHandling: true }, { method: 'DELETE', path: '/account/secrets' });
    await expect(h.client.deleteSecret('delete-late')).resolves.toBeUndefined();
    expect(secretsNamed('delete-late')).toHaveLength(0);
  });
});

// A 2xx is RunPod's word that the write was done, whatever its body: a proxy that rewrote or cut
// it must not turn it into "cannot be read. Try again", which for a Pod rents a second one.
describe('a write answered 2xx with a body that cannot be read', () => {
  it('a Pod create is looked up and returned, launched once', async () => {
    const posted = seen(fake, 'POST', '/pods').length;
    fake.faults.inject({ malformedBody: true, afterHandling: true }, { method: 'POST', path: '/pods' });
    const pod = await h.client.createPod({ name: 'unreadable-answer', image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 } });
    expect(fake.inspect().pods.filter((p) => p.name === 'unreadable-answer').map((p) => p.id)).toEqual([pod.id]);
    expect(seen(fake, 'POST', '/pods').length - posted).toBe(1);
  });

  it('a Pod action is read back from the Pod, as when its answer is not a Pod', async () => {
    const pod = await h.client.createPod({ name: 'stop-unreadable', image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 } });
    fake.faults.inject({ malformedBody: true, afterHandling: true }, { method: 'POST', path: `/pods/${pod.id}/action` });
    const stopped = await h.client.podAction(pod.id, 'stop');
    expect(stopped.id).toBe(pod.id);
    expect(stopped.status).toBe(fake.inspect().pods.find((p) => p.id === pod.id)!.status);
    expect(stopped.status).not.toBe('RUNNING');
  });

  it('a create answered 2xx that cannot be checked says RunPod accepted it, not that it had a server error', () => {
    const launch = { label: 'create pod `train`', resource: 'pods', action: 'pod-create', target: 'train' } as const;
    const accepted = new RunpodApiError('bad-response', 'x', { status: 201, mayHaveSucceeded: true });
    expect(messages.createOutcomeUnknown(launch, lostOutcome(accepted), 'cli').text()).toMatch(
      /^RunPod accepted the request to create pod `train` \(201\) but its answer cannot be read and checking whether it happened failed too\./,
    );
  });

  it('a Pod create answered 201 with more than the size cap is looked up and returned, launched once', async () => {
    const pods: { id: string; name: string; status: string }[] = [];
    let posts = 0;
    const server = await startServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.method === 'POST') {
          posts++;
          pods.push({ id: 'huge-1', name: 'huge-answer', status: 'RUNNING' });
          res.writeHead(201, { 'content-type': 'application/json' });
          // Past the 32 MiB cap, sent in pieces the client stops reading.
          const piece = ' '.repeat(1024 * 1024);
          for (let i = 0; i < 34; i++) res.write(piece);
          res.end('{}');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ pods }));
      });
    });
    const client = new RunpodClient({ apiKey: 'rp_huge_answer_key_123456', baseUrl: server.url, maxRetries: 0 });
    try {
      const pod = await client.createPod({ name: 'huge-answer', image: 'x' });
      expect(pod.id).toBe('huge-1');
      expect(posts).toBe(1);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('an update says it took effect, not to try again blindly', async () => {
    await h.client.createSecret({ name: 'update-unreadable', value: 'update-unreadable-value' });
    fake.faults.inject({ malformedBody: true, afterHandling: true }, { method: 'PATCH', path: '/account/secrets' });
    const error = await rejection(() => h.client.updateSecret('update-unreadable', { description: 'new words' }));
    expect(error).toMatchObject({ kind: 'bad-response', status: 200, mayHaveSucceeded: true });
    expect(error.message).toBe(
      'RunPod accepted the request to update the description of secret `update-unreadable` (200), but its answer cannot be read (HTTP 200 with a body that is not JSON). It has most likely taken effect: sending the same change again is safe, so run it again.',
    );
    expect(fake.inspect().secrets.find((s) => s.name === 'update-unreadable')!.description).toBe('new words');
  });
});
