/**
 * A Launch Pod or Deploy Endpoint whose create, or a read of it under the flow's Cancel (the list
 * before the create, the follow's reads of the Pod and the workers), waits (RunPod's Retry-After on a 429, up to 30 s)
 * is called off by the user's Cancel during the wait, not after it: the call ends within one
 * check (CreateCancelled, the runners' 'cancelled' outcome) and nothing more is sent. The client's
 * sleeps are recorded, not waited for; Cancel is pressed once it has waited half a second.
 */
import { describe, expect, it } from 'vitest';
import { CallCancelled, CreateCancelled } from '../../client/src/runpod/errors';
import { followPod } from '../../client/src/launch/follow';
import { watchWorkers } from '../../client/src/serverless/rollout';
import { runLaunch } from '../../client/src/launch/launchPlanRunner';
import { runDeploy } from '../../client/src/serverless/endpointRunner';
import type { Pod } from '../../client/src/runpod/types';
import type { RunpodClient } from '../../client/src/runpod/client';
import { rejection, seen, useFakeAndClient, type Harness } from './helpers';
import type { FakeRunpod } from '../fake-runpod/index';

let fake: FakeRunpod;
let h: Harness;
useFakeAndClient((started) => ({ fake, h } = started));

const waited = () => h.sleeps.reduce((sum, ms) => sum + ms, 0);
/** What the fake answers `method path` from now on (its record spans the file's tests). */
const from = (method: string, path: string) => {
  const before = seen(fake, method, path).length;
  return () => seen(fake, method, path).slice(before);
};

/** The creates a flow can cancel: a Pod (Launch Pod) and an endpoint (Deploy Endpoint). */
const CREATES = [
  { what: 'a Pod', path: '/pods', create: (c: RunpodClient, isCancelled: () => boolean) => c.createPod({ name: 'train', image: 'x' }, { isCancelled }) },
  {
    what: 'an endpoint',
    path: '/serverless',
    create: (c: RunpodClient, isCancelled: () => boolean) => c.createEndpoint({ name: 'worker', templateId: 't', gpuTypeIds: ['NVIDIA A40'] } as never, { isCancelled }),
  },
];

describe('Cancel during a wait before a create is sent again', () => {
  it.each(CREATES)('$what: a Retry-After of 20 s ends at the Cancel, and the create is not sent again', async ({ path, create }) => {
    fake.faults.inject({ status: 429, retryAfter: 20 }, { method: 'POST', path, times: 1 });
    const error = await rejection(() => create(h.client, () => waited() >= 500));
    expect(error).toBeInstanceOf(CreateCancelled);
    expect(seen(fake, 'POST', path)).toEqual([429]);
    expect(waited()).toBeLessThan(1_000);
  });
});

describe('Cancel during a wait before a read is sent again', () => {
  it.each(CREATES)("$what: the list before the create ends at the Cancel as the create would (nothing created), and nothing is posted", async ({ path, create }) => {
    fake.faults.inject({ status: 429, retryAfter: 20 }, { method: 'GET', path, times: 1 });
    const [gets, posts] = [from('GET', path), from('POST', path)];
    const error = await rejection(() => create(h.client, () => waited() >= 500));
    expect(error).toBeInstanceOf(CreateCancelled);
    expect(gets()).toEqual([429]);
    expect(posts()).toEqual([]);
    expect(waited()).toBeLessThan(1_000);
  });

  it.each([
    { what: 'a Pod read', path: '/pods/p1', call: (c: RunpodClient, isCancelled: () => boolean) => c.getPod('p1', { isCancelled }) },
    { what: "an endpoint's workers", path: '/serverless/e1/workers', call: (c: RunpodClient, isCancelled: () => boolean) => c.listWorkers('e1', { isCancelled }) },
  ])('$what: a Retry-After of 20 s ends at the Cancel (CallCancelled), and the read is not sent again', async ({ path, call }) => {
    fake.faults.inject({ status: 429, retryAfter: 20 }, { method: 'GET', path, times: 1 });
    const gets = from('GET', path);
    const error = await rejection(() => call(h.client, () => waited() >= 500));
    expect(error).toBeInstanceOf(CallCancelled);
    expect(error).not.toBeInstanceOf(CreateCancelled);
    expect(gets()).toEqual([429]);
    expect(waited()).toBeLessThan(1_000);
  });

  it("Launch Pod's follow: Cancel during the client's wait on a Pod read ends the follow as cancelled at once", async () => {
    const pod = { id: 'p1', name: 'train', status: 'CREATED' } as unknown as Pod;
    fake.faults.inject({ status: 429, retryAfter: 20 }, { method: 'GET', path: '/pods/p1', times: 1 });
    const out = await followPod(h.client, pod, { sleep: async () => undefined, isCancelled: () => waited() >= 500 });
    expect(out).toEqual({ kind: 'cancelled', pod });
    expect(waited()).toBeLessThan(1_000);
  });

  it("an endpoint's follow (Deploy, Update): Cancel during the client's wait on the workers' read ends the watch as cancelled at once", async () => {
    fake.faults.inject({ status: 429, retryAfter: 20 }, { method: 'GET', path: '/serverless/e1/workers', times: 1 });
    const out = await watchWorkers((options) => h.client.listWorkers('e1', options), () => undefined, { sleep: async () => undefined, isCancelled: () => waited() >= 500 });
    expect(out).toEqual({ kind: 'cancelled', workers: [] });
    expect(waited()).toBeLessThan(1_000);
  });
});

describe('Cancel during a wait on the template read before a launch or a deploy', () => {
  const ui = () => ({ secretNames: async () => [], onFindings: async () => 'cancel' as const, sleep: async () => undefined, isCancelled: () => waited() >= 500 });
  it.each([
    { what: 'Launch Pod', post: '/pods', run: (c: RunpodClient) => runLaunch(c, { body: { name: 'train', templateId: 't1' } as never }, ui()) },
    { what: 'Deploy Endpoint', post: '/serverless', run: (c: RunpodClient) => runDeploy(c, { body: { name: 'worker', templateId: 't1', gpuTypeIds: ['NVIDIA A40'] } as never }, ui()) },
  ])('$what: ends at the Cancel as cancelled before the create, and nothing is posted', async ({ post, run }) => {
    fake.faults.inject({ status: 429, retryAfter: 20 }, { method: 'GET', path: '/templates/t1', times: 1 });
    const [gets, posts] = [from('GET', '/templates/t1'), from('POST', post)];
    expect(await run(h.client)).toEqual({ kind: 'cancelled', stage: 'before-create' });
    expect(gets()).toEqual([429]);
    expect(posts()).toEqual([]);
    expect(waited()).toBeLessThan(1_000);
  });
});
