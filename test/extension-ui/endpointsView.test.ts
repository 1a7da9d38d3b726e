/**
 * The Endpoints view stays far inside the rate limit: it reads each endpoint's workers up front only
 * within a quarter of what the minute has left (the others when expanded), and a listing that fails
 * shows an error node with Retry.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { RunpodClient } from '../../client/src/runpod/client';
import { registerEndpointsView } from '../../client/src/views/endpointsView';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { fake, ui } from './vscodeFake';

let api: FakeRunpod | undefined;
let client: RunpodClient | undefined;
afterEach(async () => {
  await client?.close();
  await api?.close();
});

type Row = { label: string; description?: string; contextValue?: string; command?: { command: string } };

async function view(rateLimitPerMinute: number) {
  fake.reset();
  api = await startFakeRunpod({ seed: true, rateLimitPerMinute });
  client = new RunpodClient({ apiKey: api.apiKey, baseUrl: api.url, timeoutMs: 5_000, sleep: async () => {}, maxRetries: 0 });
  for (const name of ['a', 'b', 'c']) await client.createEndpoint({ name, image: 'img:1', gpu: { pools: ['ADA_24'] } });
  registerEndpointsView({ context: { subscriptions: [] }, store: { onDidChange: () => ({ dispose() {} }) }, log: { warn() {} }, getApi: async () => client } as never);
  const provider = ui.treeViews.get('runpod.endpoints')!.provider as { getChildren(parent?: unknown): Promise<Row[]> };
  const workerReads = () => api!.inspect().requests.filter((r) => r.method === 'GET' && r.path.endsWith('/workers')).length;
  return { provider, workerReads };
}

describe('the Endpoints view and the rate limit', () => {
  it('with plenty left, the workers of every endpoint are read up front, once', async () => {
    const { provider, workerReads } = await view(600);
    const rows = await provider.getChildren();
    expect(rows.map((r) => r.label)).toEqual(['a', 'b', 'c', 'sd-endpoint']);
    expect(rows.every((r) => /\d+ running/.test(r.description ?? ''))).toBe(true);
    expect(workerReads()).toBe(4);
  });

  it('with little left in the minute, only what a quarter of it allows; the rest are read when expanded', async () => {
    // 4 creates + the listing leave 11 of 16: a quarter is 2.
    const { provider, workerReads } = await view(16);
    const rows = await provider.getChildren();
    expect(workerReads()).toBe(2);
    expect(rows.filter((r) => /workers \d+\.\.\d+/.test(r.description ?? '')).map((r) => r.label)).toEqual(['c', 'sd-endpoint']);
    await provider.getChildren(rows[3]);
    expect(workerReads()).toBe(3);
  });

  it('a listing that fails shows the cause with Retry, the refresh command', async () => {
    const { provider } = await view(600);
    api!.faults.inject({ status: 503 }, { method: 'GET', path: '/serverless', times: 5 });
    const rows = await provider.getChildren();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ contextValue: 'runpod.endpoints.error', command: { command: 'runpod.endpoints.refresh' } });
  });
});

describe('the Endpoints view and the active account', () => {
  it("a listing still on its way when the account changes never shows under the new account: the view lists the new one's endpoints", async () => {
    fake.reset();
    const endpoint = (id: string, name: string) => ({ id, name, type: 'QUEUE', image: 'img:1', env: {}, gpu: { pools: ['ADA_24'] }, workers: { min: 0, max: 1 }, version: 1 });
    let answerOld!: () => void;
    const held = new Promise<void>((resolve) => (answerOld = resolve));
    // The old account's listing is answered only after the switch (a slow network), the new one's at once.
    const oldAccount = { listEndpoints: async () => (await held, [endpoint('old1', 'personal-endpoint')]), listWorkers: async () => [] };
    const newAccount = { listEndpoints: async () => [endpoint('new1', 'team-endpoint')], listWorkers: async () => [] };
    let active: unknown = oldAccount;
    let storeChanged!: () => void;
    registerEndpointsView({
      context: { subscriptions: [] },
      store: { onDidChange: (listener: () => void) => ((storeChanged = listener), { dispose() {} }) },
      log: { warn() {} },
      getApi: async () => active,
    } as never);
    const provider = ui.treeViews.get('runpod.endpoints')!.provider as { getChildren(parent?: unknown): Promise<Row[]> };

    const before = provider.getChildren();
    active = newAccount;
    storeChanged();
    const after = provider.getChildren();
    answerOld();
    await before;
    expect((await after).map((r) => r.label)).toEqual(['team-endpoint']);
    expect((await provider.getChildren()).map((r) => r.label)).toEqual(['team-endpoint']);
  });
});
