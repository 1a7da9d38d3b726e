/**
 * A Launch Pod or Deploy Endpoint whose create, or a read of it under the flow's Cancel (the list
 * before the create, the follow's reads of the Pod and the workers), waits (RunPod's Retry-After on a 429, up to 30 s)
 * is called off by the user's Cancel during the wait, not after it: the call ends within one
 * (CreateCancelled, the runners' 'cancelled' outcome) and nothing more is sent. The client's
 * waits are recorded and never end by themselves; Cancel is pressed once the wait listens for it,
 * so a flow that ends at all ended at the Cancel, and the wait's listener is gone after.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallCancelled, CreateCancelled } from '../../client/src/runpod/errors';
import { followPod } from '../../client/src/launch/follow';
import { watchWorkers } from '../../client/src/serverless/rollout';
import { runLaunch } from '../../client/src/launch/launchPlanRunner';
import { runDeploy } from '../../client/src/serverless/endpointRunner';
import type { Pod } from '../../client/src/runpod/types';
import { RunpodClient } from '../../client/src/runpod/client';
import type { CancelToken } from '../../client/src/waitRace';
import { clientFor, rejection, seen, startFake, useFakeAndClient } from './helpers';
import type { FakeRunpod } from '../fake-runpod/index';
import { cancelToken } from '../helpers/cancelToken';
import { untilATimerIsSet } from '../helpers/timers';

let fake: FakeRunpod;
useFakeAndClient((started) => ({ fake } = started));

/** The waits each test's client began. */
let sleeps: number[] = [];
/** The Cancel of each test's flow, and how many listeners it had when pressed. */
let token: ReturnType<typeof cancelToken> | undefined;
let listenersAtCancel: number | undefined;
let client: RunpodClient | undefined;
afterEach(async () => {
  await client?.close();
  client = token = listenersAtCancel = undefined;
});

/**
 * A client whose waits are recorded and never end by themselves: the user's Cancel is pressed once
 * a wait has begun, a microtask later, so the wait is listening (raceWait) and must end at the
 * Cancel itself, not at the check for a Cancel pressed before it.
 */
function cancelledInWait(): [RunpodClient, CancelToken] {
  const cancel = cancelToken();
  token = cancel;
  sleeps = [];
  client = clientFor(fake, {
    sleep: (ms) => {
      sleeps.push(ms);
      queueMicrotask(() => {
        listenersAtCancel ??= cancel.listeners.size;
        cancel.cancel();
      });
      return new Promise<never>(() => {});
    },
  }).client;
  return [client, cancel];
}

/** The Cancel ended a wait that was listening for it, and nothing listens to it any more. */
function expectEndedByTheCancel(): void {
  expect(listenersAtCancel).toBeGreaterThan(0);
  expect(token?.listeners.size).toBe(0);
}
/** What the fake answers `method path` from now on (its record spans the file's tests). */
const from = (method: string, path: string) => {
  const before = seen(fake, method, path).length;
  return () => seen(fake, method, path).slice(before);
};

/** The creates a flow can cancel: a Pod (Launch Pod) and an endpoint (Deploy Endpoint). */
const CREATES = [
  { what: 'a Pod', path: '/pods', create: (c: RunpodClient, cancel: CancelToken) => c.createPod({ name: 'train', image: 'x' }, { cancel }) },
  {
    what: 'an endpoint',
    path: '/serverless',
    create: (c: RunpodClient, cancel: CancelToken) => c.createEndpoint({ name: 'worker', templateId: 't', gpuTypeIds: ['NVIDIA A40'] } as never, { cancel }),
  },
];

describe('Cancel during a wait before a create is sent again', () => {
  it.each(CREATES)('$what: a Retry-After of 20 s ends at the Cancel, and the create is not sent again', async ({ path, create }) => {
    fake.faults.inject({ status: 429, retryAfter: 20 }, { method: 'POST', path, times: 1 });
    const error = await rejection(() => create(...cancelledInWait()));
    expect(error).toBeInstanceOf(CreateCancelled);
    expect(seen(fake, 'POST', path)).toEqual([429]);
    expect(sleeps).toEqual([20_000]);
    expectEndedByTheCancel();
  });
});

describe('Cancel during a wait before a read is sent again', () => {
  it.each(CREATES)("$what: the list before the create ends at the Cancel as the create would (nothing created), and nothing is posted", async ({ path, create }) => {
    fake.faults.inject({ status: 429, retryAfter: 20 }, { method: 'GET', path, times: 1 });
    const [gets, posts] = [from('GET', path), from('POST', path)];
    const error = await rejection(() => create(...cancelledInWait()));
    expect(error).toBeInstanceOf(CreateCancelled);
    expect(gets()).toEqual([429]);
    expect(posts()).toEqual([]);
    expect(sleeps).toEqual([20_000]);
    expectEndedByTheCancel();
  });

  it.each([
    { what: 'a Pod read', path: '/pods/p1', call: (c: RunpodClient, cancel: CancelToken) => c.getPod('p1', { cancel }) },
    { what: "an endpoint's workers", path: '/serverless/e1/workers', call: (c: RunpodClient, cancel: CancelToken) => c.listWorkers('e1', { cancel }) },
  ])('$what: a Retry-After of 20 s ends at the Cancel (CallCancelled), and the read is not sent again', async ({ path, call }) => {
    fake.faults.inject({ status: 429, retryAfter: 20 }, { method: 'GET', path, times: 1 });
    const gets = from('GET', path);
    const error = await rejection(() => call(...cancelledInWait()));
    expect(error).toBeInstanceOf(CallCancelled);
    expect(error).not.toBeInstanceOf(CreateCancelled);
    expect(gets()).toEqual([429]);
    expect(sleeps).toEqual([20_000]);
    expectEndedByTheCancel();
  });

  it("Launch Pod's follow: Cancel during the client's wait on a Pod read ends the follow as cancelled at once", async () => {
    const pod = { id: 'p1', name: 'train', status: 'CREATED' } as unknown as Pod;
    fake.faults.inject({ status: 429, retryAfter: 20 }, { method: 'GET', path: '/pods/p1', times: 1 });
    const [client, cancel] = cancelledInWait();
    const out = await followPod(client, pod, { sleep: async () => undefined, cancel });
    expect(out).toEqual({ kind: 'cancelled', pod });
    expect(sleeps).toEqual([20_000]);
    expectEndedByTheCancel();
  });

  it("an endpoint's follow (Deploy, Update): Cancel during the client's wait on the workers' read ends the watch as cancelled at once", async () => {
    fake.faults.inject({ status: 429, retryAfter: 20 }, { method: 'GET', path: '/serverless/e1/workers', times: 1 });
    const [client, cancel] = cancelledInWait();
    const out = await watchWorkers((options) => client.listWorkers('e1', options), () => undefined, { sleep: async () => undefined, cancel });
    expect(out).toEqual({ kind: 'cancelled', workers: [] });
    expect(sleeps).toEqual([20_000]);
    expectEndedByTheCancel();
  });
});

describe('Cancel during a wait on the template read before a launch or a deploy', () => {
  const ui = (cancel: CancelToken) => ({ secretNames: async () => [], onFindings: async () => 'cancel' as const, sleep: async () => undefined, cancel });
  it.each([
    { what: 'Launch Pod', post: '/pods', run: (c: RunpodClient, cancel: CancelToken) => runLaunch(c, { body: { name: 'train', templateId: 't1' } as never }, ui(cancel)) },
    { what: 'Deploy Endpoint', post: '/serverless', run: (c: RunpodClient, cancel: CancelToken) => runDeploy(c, { body: { name: 'worker', templateId: 't1', gpuTypeIds: ['NVIDIA A40'] } as never }, ui(cancel)) },
  ])('$what: ends at the Cancel as cancelled before the create, and nothing is posted', async ({ post, run }) => {
    fake.faults.inject({ status: 429, retryAfter: 20 }, { method: 'GET', path: '/templates/t1', times: 1 });
    const [gets, posts] = [from('GET', '/templates/t1'), from('POST', post)];
    const [client, cancel] = cancelledInWait();
    expect(await run(client, cancel)).toEqual({ kind: 'cancelled', stage: 'before-create' });
    expect(gets()).toEqual([429]);
    expect(posts()).toEqual([]);
    expect(sleeps).toEqual([20_000]);
    expectEndedByTheCancel();
  });
});

describe("Cancel during the client's own wait, on real timers", () => {
  /**
   * A client on its own timers (no sleep given) whose rate-limit window is used up: the minute's one
   * request was spent, and the window may take up to a minute to reset. `run` starts with fake timers.
   */
  async function withWindowUsedUp(run: (own: RunpodClient, limited: FakeRunpod) => Promise<void>): Promise<void> {
    const limited = await startFake({ rateLimitPerMinute: 1 });
    const own = new RunpodClient({ apiKey: limited.apiKey, baseUrl: limited.url, timeoutMs: 5_000, retry: { maxRetryAfterMs: 120_000 } });
    try {
      await own.listPods(); // the minute's one request: the answer says none is left
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      await run(own, limited);
    } finally {
      vi.useRealTimers();
      await own.close();
      await limited.close();
    }
  }

  it('a wait for a used-up rate-limit window ends at the Cancel at once, leaving no timer and no listener', () =>
    withWindowUsedUp(async (own, limited) => {
      const cancel = cancelToken();
      const read = rejection(() => own.getPod('p1', { cancel }));
      await untilATimerIsSet();
      cancel.cancel();
      expect(await read).toBeInstanceOf(CallCancelled);
      expect(vi.getTimerCount()).toBe(0);
      expect(cancel.listeners.size).toBe(0);
      expect(seen(limited, 'GET', '/pods/p1')).toEqual([]);
    }));

  it("closing a log view during a used-up window's wait ends its stream at once (aborted), leaving no timer", () =>
    withWindowUsedUp(async (own, limited) => {
      const closed = new AbortController();
      const stream = own.streamPodLogs('p1', { signal: closed.signal });
      const first = stream.next();
      await untilATimerIsSet();
      closed.abort();
      expect((await first).value).toEqual({ kind: 'end', reason: 'aborted' });
      expect(vi.getTimerCount()).toBe(0);
      expect(seen(limited, 'GET', '/pods/p1/logs')).toEqual([]);
    }));
});
