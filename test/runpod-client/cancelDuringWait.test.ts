/**
 * A Launch Pod or Deploy Endpoint whose create waits (RunPod's Retry-After on a 429, up to 30 s)
 * is called off by the user's Cancel during the wait, not after it: the call ends within one
 * check (CreateCancelled, the runners' 'cancelled' outcome) and nothing more is sent. The client's
 * sleeps are recorded, not waited for; Cancel is pressed once it has waited half a second.
 */
import { describe, expect, it } from 'vitest';
import { CreateCancelled } from '../../client/src/runpod/errors';
import type { RunpodClient } from '../../client/src/runpod/client';
import { rejection, seen, useFakeAndClient, type Harness } from './helpers';
import type { FakeRunpod } from '../fake-runpod/index';

let fake: FakeRunpod;
let h: Harness;
useFakeAndClient((started) => ({ fake, h } = started));

const waited = () => h.sleeps.reduce((sum, ms) => sum + ms, 0);

describe('Cancel during a wait before a create is sent again', () => {
  it.each([
    { what: 'a Pod', path: '/pods', create: (c: RunpodClient, isCancelled: () => boolean) => c.createPod({ name: 'train', image: 'x' }, { isCancelled }) },
    {
      what: 'an endpoint',
      path: '/serverless',
      create: (c: RunpodClient, isCancelled: () => boolean) => c.createEndpoint({ name: 'worker', templateId: 't', gpuTypeIds: ['NVIDIA A40'] } as never, { isCancelled }),
    },
  ])("$what: a Retry-After of 20 s ends at the Cancel, and the create is not sent again", async ({ path, create }) => {
    fake.faults.inject({ status: 429, retryAfter: 20 }, { method: 'POST', path, times: 1 });
    const error = await rejection(() => create(h.client, () => waited() >= 500));
    expect(error).toBeInstanceOf(CreateCancelled);
    expect(seen(fake, 'POST', path)).toEqual([429]);
    expect(waited()).toBeLessThan(1_000);
  });
});
