/**
 * The RunPod reads a command waits for with no pick on screen (Update/Delete Endpoint's and Change
 * Workers' endpoint, Show Logs' target): one that outlasts a moment shows a notification saying what
 * is read, whose Cancel calls the read off through its cancel option and ends the command quietly at
 * once. The delay's timer is the test's (heldProgressClock).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { keptEndpointTarget, resolveEndpoint } from '../../client/src/commands/endpointTarget';
import { showLogs } from '../../client/src/commands/showLogs';
import type { Endpoint, RunpodApi } from '../../client/src/runpod/types';
import { CallCancelled } from '../../client/src/runpod/errors';
import { hangingRead, heldProgressClock } from './hangingRead';
import type { Services } from '../../client/src/services';
import { fake, ui } from './vscodeFake';

const clock = heldProgressClock();

const ENDPOINT = { id: 'ep1', name: 'whisper', type: 'QUEUE', workers: { min: 0, max: 1 } } as Endpoint;

beforeEach(() => fake.reset());

describe('an endpoint command given an endpoint id', () => {
  it('reads the endpoint under a cancellable notification; Cancel ends it at once with no endpoint and calls the read off', async () => {
    const read = hangingRead<Endpoint>();
    const resolved = resolveEndpoint({ getEndpoint: read.read } as unknown as RunpodApi, { endpointId: 'ep1' }, 'RunPod: Update Endpoint Env');
    const progress = await clock.fire();
    expect(progress).toMatchObject({ title: 'Reading endpoint ep1 from RunPod…', cancellable: true });
    progress.cancel();
    expect(await resolved).toBeUndefined();
    expect(read.seen).toEqual({ calls: 1, aborted: true });
    read.answer(ENDPOINT);
  });

  it('a quick read shows no notification; a failed read is thrown as before', async () => {
    const read = hangingRead<Endpoint>();
    const resolved = resolveEndpoint({ getEndpoint: read.read } as unknown as RunpodApi, 'ep1', 'RunPod: Delete Endpoint');
    read.answer(ENDPOINT);
    expect(await resolved).toBe(ENDPOINT);
    expect(clock.timers.map((t) => t.stopped)).toEqual([true]);
    expect(ui.progress).toEqual([]);
    const error = new Error('RunPod answered 500');
    await expect(resolveEndpoint({ getEndpoint: async () => Promise.reject(error) } as unknown as RunpodApi, 'ep1', 'RunPod: Delete Endpoint')).rejects.toBe(error);
  });

  it('from the palette, the endpoints are listed in a pick that opens busy at once and becomes the pick: Escape while busy calls the read off, and no notification covers it', async () => {
    const read = hangingRead<Endpoint[]>();
    ui.busyPickScript.push((p) => p.hide());
    const resolved = resolveEndpoint({ listEndpoints: read.read } as unknown as RunpodApi, undefined, 'RunPod: Change Workers');
    expect(await resolved).toBeUndefined();
    expect(read.seen).toEqual({ calls: 1, aborted: true });
    expect(ui.busyPicks).toEqual([expect.objectContaining({ title: 'RunPod: Change Workers', placeholder: 'Reading the endpoints from RunPod…', items: [] })]);
    read.answer([ENDPOINT]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ui.quickPicks).toEqual([]);
    expect(ui.progress).toEqual([]);
    expect(fake.picks).toEqual([]);
  });

  it('an empty list that answers after Escape says nothing: the pick has closed, there is no "no endpoint" to tell', async () => {
    const read = hangingRead<Endpoint[]>();
    ui.busyPickScript.push((p) => p.hide());
    expect(await resolveEndpoint({ listEndpoints: read.read } as unknown as RunpodApi, undefined, 'RunPod: Change Workers')).toBeUndefined();
    read.answer([]);
    await settled();
    expect(fake.messages).toEqual([]);
  });

  it('from the palette, the listed endpoints fill the same pick; the one picked is read fresh', async () => {
    const read = hangingRead<Endpoint>();
    ui.quickPickScript.push((p) => p.choose('whisper'));
    const resolved = resolveEndpoint({ listEndpoints: async () => [ENDPOINT], getEndpoint: read.read } as unknown as RunpodApi, undefined, 'RunPod: Change Workers');
    await read.called;
    expect(read.seen.calls).toBe(1);
    read.answer(ENDPOINT);
    expect(await resolved).toBe(ENDPOINT);
    expect(ui.busyPicks.map((p) => p.placeholder)).toEqual(['Reading the endpoints from RunPod…']);
    expect(ui.quickPicks).toEqual([expect.objectContaining({ title: 'RunPod: Change Workers', placeholder: 'Endpoint', items: ['whisper'] })]);
  });
});

describe('an endpoint read again on Retry', () => {
  it('picked from the list, its read failed: Retry reads it again under its name, as shown in a pick (one line), not its id', async () => {
    const named = { ...ENDPOINT, name: 'whisper\nprod' };
    ui.quickPickScript.push((p) => p.choose(/whisper/));
    const target = keptEndpointTarget(undefined);
    const failed = { listEndpoints: async () => [named], getEndpoint: async () => Promise.reject(new Error('RunPod answered 500')) } as unknown as RunpodApi;
    await expect(target(failed, 'RunPod: Change Workers')).rejects.toThrow('500');
    const read = hangingRead<Endpoint>();
    const again = target({ getEndpoint: read.read } as unknown as RunpodApi, 'RunPod: Change Workers');
    const progress = await clock.fire();
    expect(progress.title).toBe('Reading endpoint whisper prod from RunPod…');
    read.answer(named);
    expect(await again).toBe(named);
    expect(ui.quickPicks).toHaveLength(1); // not asked again
  });

  it("given the Endpoints view's node: read under the node's name", async () => {
    const read = hangingRead<Endpoint>();
    const resolved = keptEndpointTarget({ endpointId: 'ep1', endpointName: 'whisper' })({ getEndpoint: read.read } as unknown as RunpodApi, 'RunPod: Change Workers');
    expect((await clock.fire()).title).toBe('Reading endpoint whisper from RunPod…');
    read.answer(ENDPOINT);
    expect(await resolved).toBe(ENDPOINT);
  });
});

describe('Show Logs', () => {
  function services(api: Partial<RunpodApi>): Services {
    return { requireApi: async () => api, accounts: { active: 'default' }, log: { error: () => {} } } as unknown as Services;
  }

  const cases = [
    { what: "of a Pod: its name", api: (read: unknown) => ({ getPod: read }), arg: { podId: 'pod1' }, title: 'Reading Pod pod1 from RunPod…' },
    { what: "of a worker: its endpoint's name", api: (read: unknown) => ({ getEndpoint: read }), arg: { endpointId: 'ep1', workerId: 'w1' }, title: 'Reading endpoint ep1 from RunPod…' },
  ];
  for (const c of cases) {
    it(`${c.what}: read under a cancellable notification; Cancel calls the read off, opens no picker or terminal and says nothing`, async () => {
      const read = hangingRead<never>();
      const shown = showLogs(services(c.api(read.read) as Partial<RunpodApi>), c.arg);
      const progress = await clock.fire();
      expect(progress.title).toBe(c.title);
      progress.cancel();
      await shown;
      expect(read.seen.aborted).toBe(true);
      expect(fake.picks).toEqual([]);
      expect(ui.terminals).toEqual([]);
      expect(fake.messages).toEqual([]);
    });
  }
});

/** Lets a read answered after its step settled run to its end (what it would say). */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Show Logs from the palette', () => {
  const services = (api: Partial<RunpodApi>) => ({ requireApi: async () => api, accounts: { active: 'default' }, log: { error: () => {} } }) as unknown as Services;

  it('the Pods and endpoints are listed in a pick that opens busy and becomes the pick; Escape while busy calls the read off and opens nothing', async () => {
    const read = hangingRead<never>();
    ui.busyPickScript.push((p) => p.hide());
    await showLogs(services({ listPods: read.read, listEndpoints: async () => [] }), undefined);
    expect(read.seen.aborted).toBe(true);
    expect(ui.busyPicks).toEqual([expect.objectContaining({ title: 'RunPod: Show Logs', placeholder: 'Reading Pods and endpoints from RunPod…' })]);
    expect(ui.progress).toEqual([]);
    expect(ui.terminals).toEqual([]);
    expect(fake.messages).toEqual([]);
  });

  it("an endpoint picked: its workers are listed in a second busy pick; Escape there calls the read off and goes back to the first pick", async () => {
    const workers = hangingRead<never>();
    ui.quickPickScript.push((p) => p.choose(/whisper/));
    ui.busyPickScript.push(() => {}, (p) => p.hide());
    await showLogs(services({ listPods: async () => [], listEndpoints: async () => [ENDPOINT], listWorkers: workers.read }), undefined);
    expect(workers.seen).toEqual({ calls: 1, aborted: true });
    // Back at the first pick (read again, then closed: nothing scripted picks in it).
    expect(ui.busyPicks.map((p) => p.placeholder)).toEqual(['Reading Pods and endpoints from RunPod…', 'Reading the workers of whisper from RunPod…', 'Reading Pods and endpoints from RunPod…']);
    expect(ui.busyPicks[1]!.title).toBe('RunPod: Show Logs of a worker of whisper');
    expect(ui.progress).toEqual([]);
    expect(ui.terminals).toEqual([]);
  });

  it('no Pods, and the endpoints still being listed: Escape calls that listing off, and no false "no Pod and no endpoint" shows after the pick closed', async () => {
    const endpoints = hangingRead<never>();
    ui.busyPickScript.push((p) => p.hide());
    await showLogs(services({ listPods: async () => [], listEndpoints: endpoints.read }), undefined);
    expect(endpoints.seen.aborted).toBe(true);
    // The client's answer to a call called off while it waited.
    endpoints.fail(new CallCancelled('cancelled while waiting for the answer'));
    await settled();
    expect(fake.messages).toEqual([]);
    expect(ui.terminals).toEqual([]);
  });

  it('lists that answer empty just after Escape say nothing either', async () => {
    const endpoints = hangingRead<never[]>();
    ui.busyPickScript.push((p) => p.hide());
    await showLogs(services({ listPods: async () => [], listEndpoints: endpoints.read }), undefined);
    endpoints.answer([]);
    await settled();
    expect(fake.messages).toEqual([]);
  });

  it('without Escape, no Pod and no endpoint is said, and an endpoint listing that fails is taken as none', async () => {
    await showLogs(services({ listPods: async () => [], listEndpoints: async () => Promise.reject(new Error('403')) }), undefined);
    expect(fake.messages.map((m) => m.text)).toEqual(['No Pod and no serverless endpoint on this RunPod account: nothing has a log yet.']);
  });

  it("an endpoint's workers that answer none after Escape say nothing", async () => {
    const workers = hangingRead<never[]>();
    ui.quickPickScript.push((p) => p.choose(/whisper/));
    ui.busyPickScript.push(() => {}, (p) => p.hide());
    await showLogs(services({ listPods: async () => [], listEndpoints: async () => [ENDPOINT], listWorkers: workers.read }), undefined);
    workers.answer([]);
    await settled();
    expect(fake.messages).toEqual([]);
  });
});
