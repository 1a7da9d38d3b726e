/**
 * The RunPod reads a command waits for with no pick on screen (Update/Delete Endpoint's and Change
 * Workers' endpoint, Show Logs' target): one that outlasts a moment shows a notification saying what
 * is read, whose Cancel calls the read off through its cancel option and ends the command quietly at
 * once. The delay's timer is the test's (heldProgressClock).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { resolveEndpoint } from '../../client/src/commands/endpointTarget';
import { showLogs } from '../../client/src/commands/showLogs';
import type { Endpoint, RunpodApi } from '../../client/src/runpod/types';
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

  it('from the palette, the endpoint listing is cancellable too: Cancel shows no picker', async () => {
    const read = hangingRead<Endpoint[]>();
    const resolved = resolveEndpoint({ listEndpoints: read.read } as unknown as RunpodApi, undefined, 'RunPod: Change Workers');
    (await clock.fire()).cancel();
    expect(await resolved).toBeUndefined();
    expect(read.seen.aborted).toBe(true);
    expect(fake.picks).toEqual([]);
  });
});

describe('Show Logs', () => {
  function services(api: Partial<RunpodApi>): Services {
    return { requireApi: async () => api, accounts: { active: 'default' }, log: { error: () => {} } } as unknown as Services;
  }

  const cases = [
    { what: "of a Pod: its name", api: (read: unknown) => ({ getPod: read }), arg: { podId: 'pod1' }, title: 'Reading Pod pod1 from RunPod…' },
    { what: "of a worker: its endpoint's name", api: (read: unknown) => ({ getEndpoint: read }), arg: { endpointId: 'ep1', workerId: 'w1' }, title: 'Reading endpoint ep1 from RunPod…' },
    { what: 'from the palette: the Pods and endpoints to pick from', api: (read: unknown) => ({ listPods: read, listEndpoints: async () => [] }), arg: undefined, title: 'Reading Pods and endpoints from RunPod…' },
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
