/**
 * The Endpoints view stays far inside the rate limit: it reads each endpoint's workers up front only
 * within a quarter of what the minute has left (the others when expanded), and a listing that fails
 * shows an error node with Retry.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { RunpodClient } from '../../client/src/runpod/client';
import { registerEndpointsView } from '../../client/src/views/endpointsView';
import { escapeMarkdown } from '../../client/src/views/markdown';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { fake, TreeItemCollapsibleState, ui, type FakeTreeView } from './vscodeFake';

let api: FakeRunpod | undefined;
let client: RunpodClient | undefined;
afterEach(async () => {
  await client?.close();
  await api?.close();
});

type Row = { label: string; description?: string; contextValue?: string; command?: { command: string }; collapsibleState?: number };

async function view(rateLimitPerMinute: number) {
  fake.reset();
  api = await startFakeRunpod({ seed: true, rateLimitPerMinute });
  client = new RunpodClient({ apiKey: api.apiKey, baseUrl: api.url, timeoutMs: 5_000, sleep: async () => {}, maxRetries: 0 });
  for (const name of ['a', 'b', 'c']) await client.createEndpoint({ name, image: 'img:1', gpu: { pools: ['ADA_24'] } });
  registerEndpointsView({ context: { subscriptions: [] }, store: { state: { kind: 'fresh' }, onDidChange: () => ({ dispose() {} }) }, log: { warn() {} }, getApi: async () => client } as never);
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
    // Short enough for the view: what failed, then the cause beside Retry; the whole message in the tooltip.
    // A 503 is worth another try: the view makes one on its own, and says when.
    expect(rows[0]).toMatchObject({ label: 'Could not list endpoints' });
    expect(rows[0]!.description).toMatch(/^RunPod had a server error · next try at \d\d:\d\d:\d\d UTC · Retry$/);
    expect((rows[0] as { tooltip?: { value: string } }).tooltip?.value).toMatch(/503/);
    (ui.treeViews.get('runpod.endpoints')!.provider as unknown as { dispose(): void }).dispose(); // no try left pending
  });

  it("a message with Markdown in it shows as text in the error row's tooltip", async () => {
    const { provider } = await view(600);
    const listEndpoints = vi.spyOn(client!, 'listEndpoints').mockRejectedValue(new Error('bad [link](command:evil) *here*'));
    const rows = await provider.getChildren();
    listEndpoints.mockRestore();
    expect(rows[0]).toMatchObject({ label: 'Could not list endpoints', description: 'Retry' });
    const tooltip = (rows[0] as { tooltip?: { value: string } }).tooltip!.value;
    expect(tooltip).toContain(escapeMarkdown('bad [link](command:evil) *here*'));
    expect(tooltip).not.toContain('[link](command:evil)');
  });
});

/** The view over a window whose account is `first` until `switchTo(api)` (the store fires, as for a new key). */
function switchableView(first: unknown) {
  let active = first;
  let storeChanged!: () => void;
  registerEndpointsView({
    context: { subscriptions: [] },
    store: { state: { kind: 'fresh' }, onDidChange: (listener: () => void) => ((storeChanged = listener), { dispose() {} }) },
    log: { warn() {} },
    getApi: async () => active,
  } as never);
  const view = ui.treeViews.get('runpod.endpoints')! as FakeTreeView;
  const provider = view.provider as {
    getChildren(parent?: unknown): Promise<Row[]>;
    refresh(): void;
    showWorkers(api: unknown, endpoint: unknown, workers: unknown[]): void;
  };
  return {
    view,
    provider,
    switchTo: (api: unknown) => {
      active = api;
      storeChanged();
    },
  };
}

/** The view over a window whose account switches from `oldAccount` to `newAccount` at `switchAccount()`. */
function viewSwitching(oldAccount: unknown, newAccount: unknown) {
  const { provider, switchTo } = switchableView(oldAccount);
  return { provider, switchAccount: () => switchTo(newAccount) };
}

describe('the Endpoints view and the active account', () => {
  it("a listing still on its way when the account changes never shows under the new account: the view lists the new one's endpoints", async () => {
    fake.reset();
    const endpoint = (id: string, name: string) => ({ id, name, type: 'QUEUE', image: 'img:1', env: {}, gpu: { pools: ['ADA_24'] }, workers: { min: 0, max: 1 }, version: 1 });
    let answerOld!: () => void;
    const held = new Promise<void>((resolve) => (answerOld = resolve));
    // The old account's listing is answered only after the switch (a slow network), the new one's at once.
    const oldAccount = { listEndpoints: async () => (await held, [endpoint('old1', 'personal-endpoint')]), listWorkers: async () => [] };
    const newAccount = { listEndpoints: async () => [endpoint('new1', 'team-endpoint')], listWorkers: async () => [] };
    const { provider, switchAccount } = viewSwitching(oldAccount, newAccount);

    const before = provider.getChildren();
    switchAccount();
    const after = provider.getChildren();
    answerOld();
    await before;
    expect((await after).map((r) => r.label)).toEqual(['team-endpoint']);
    expect((await provider.getChildren()).map((r) => r.label)).toEqual(['team-endpoint']);
  });
});

describe('the Endpoints view across a switch away and back', () => {
  it('an endpoint expanded before the switch shows expanded again: VS Code keeps no state of rows that went', async () => {
    fake.reset();
    const endpoint = (id: string, name: string) => ({ id, name, type: 'QUEUE', image: 'img:1', env: {}, gpu: { pools: ['ADA_24'] }, workers: { min: 0, max: 1 }, version: 1 });
    const dev = { listEndpoints: async () => [endpoint('d1', 'alpha'), endpoint('d2', 'beta')], listWorkers: async () => [] };
    const prod = { listEndpoints: async () => [endpoint('p1', 'gamma')], listWorkers: async () => [] };
    const { view, provider, switchTo: to } = switchableView(dev);
    const switchTo = async (api: unknown) => {
      to(api);
      return provider.getChildren();
    };
    const first = await provider.getChildren();
    view.toggle(first[0], true);
    // prod's endpoints show as VS Code first shows any: collapsed.
    expect((await switchTo(prod)).map((r) => [r.label, r.collapsibleState])).toEqual([['gamma', TreeItemCollapsibleState.Collapsed]]);
    expect((await switchTo(dev)).map((r) => [r.label, r.collapsibleState])).toEqual([
      ['alpha', TreeItemCollapsibleState.Expanded],
      ['beta', TreeItemCollapsibleState.Collapsed],
    ]);
    // Closed again: it comes back closed.
    view.toggle((await provider.getChildren())[0], false);
    await switchTo(prod);
    expect((await switchTo(dev)).map((r) => r.collapsibleState)).toEqual([TreeItemCollapsibleState.Collapsed, TreeItemCollapsibleState.Collapsed]);
  });
});

describe('the Endpoints view repaints without dropping the rows on screen', () => {
  // VS Code drops the handle of every row when the root repaints, until getChildren answers: a
  // click or a context-menu command in that window finds no node. So a repaint must come after
  // the listing, and answer from memory.
  const endpoint = (id: string, name: string, version = 1) => ({ id, name, type: 'QUEUE', image: 'img:1', env: {}, gpu: { pools: ['ADA_24'] }, workers: { min: 1, max: 2 }, version });
  const worker = (id: string, status: string) => ({ id, status, version: 1, isStale: false, startedAt: '2026-12-01T00:00:00Z' });

  function held() {
    fake.reset();
    let listings = 0;
    let answer: ((endpoints: unknown[]) => void) | undefined;
    let next: unknown[] = [endpoint('e1', 'alpha')];
    const api = {
      listEndpoints: () => {
        listings++;
        return new Promise<unknown[]>((resolve) => (answer = resolve));
      },
      listWorkers: async () => [worker('w1', 'IDLE')],
    };
    registerEndpointsView({ context: { subscriptions: [] }, store: { state: { kind: 'fresh' }, onDidChange: () => ({ dispose() {} }) }, log: { warn() {} }, getApi: async () => api } as never);
    const provider = ui.treeViews.get('runpod.endpoints')!.provider as {
      getChildren(parent?: unknown): Promise<Row[]>;
      onDidChangeTreeData(listener: (element: unknown) => void): unknown;
      refresh(): void;
      showWorkers(api: unknown, endpoint: unknown, workers: unknown[]): void;
    };
    const fired: unknown[] = [];
    provider.onDidChangeTreeData((element) => fired.push(element));
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    const answerListing = async (endpoints?: unknown[]) => {
      await settle();
      answer!(endpoints ?? next);
      await settle();
    };
    return { api, provider, fired, listings: () => listings, answerListing, setNext: (e: unknown[]) => (next = e), settle };
  }

  it('Refresh lists first and repaints after: the old rows answer meanwhile, the repaint asks nothing', async () => {
    const { provider, fired, listings, answerListing, settle } = held();
    const first = provider.getChildren();
    await answerListing([endpoint('e1', 'alpha')]);
    expect((await first).map((r) => r.label)).toEqual(['alpha']);

    provider.refresh();
    await settle();
    expect(listings()).toBe(2);
    expect(fired).toEqual([]); // nothing repainted while the listing is on its way
    expect((await provider.getChildren()).map((r) => r.label)).toEqual(['alpha']);
    await answerListing([endpoint('e1', 'alpha'), endpoint('e2', 'beta')]);
    expect(fired).toEqual([undefined]);
    expect((await provider.getChildren()).map((r) => r.label)).toEqual(['alpha', 'beta']);
    expect(listings()).toBe(2);
  });

  it("a follower's worker list repaints its endpoint's row alone, with the new counts", async () => {
    const { api, provider, fired, answerListing } = held();
    const first = provider.getChildren();
    await answerListing([endpoint('e1', 'alpha'), endpoint('e2', 'beta')]);
    const rows = await first;
    provider.showWorkers(api, endpoint('e2', 'beta', 2), [worker('w2', 'IDLE'), worker('w3', 'INITIALIZING')]);
    expect(fired).toEqual([[rows[1]]]); // the same item, updated: VS Code keeps every handle
    expect(rows[1]!.description).toContain('1 idle, 1 starting');
    expect(rows[1]!.description).toContain('release 2');
  });

  it('a Refresh after a write while the first listing is on its way lists once more after it', async () => {
    const { provider, listings, answerListing } = held();
    const first = provider.getChildren();
    await new Promise((resolve) => setTimeout(resolve, 0));
    provider.refresh(); // Deploy's, after its create: the listing on its way may predate it
    await answerListing([endpoint('e1', 'alpha')]);
    expect(listings()).toBe(2);
    await answerListing([endpoint('e1', 'alpha'), endpoint('e2', 'deployed')]);
    expect((await first).map((r) => r.label)).toEqual(['alpha']);
    expect((await provider.getChildren()).map((r) => r.label)).toEqual(['alpha', 'deployed']);
  });

  it('a Refresh while the view is hidden asks nothing: the view lists when shown', async () => {
    const { provider, fired, listings, answerListing } = held();
    const first = provider.getChildren();
    await answerListing([endpoint('e1', 'alpha')]);
    await first;
    ui.treeViews.get('runpod.endpoints')!.setVisible(false);
    provider.refresh();
    expect(listings()).toBe(1);
    expect(fired).toEqual([undefined]); // VS Code asks again once the view shows
    const shown = provider.getChildren();
    await answerListing([endpoint('e1', 'alpha'), endpoint('e2', 'beta')]);
    expect((await shown).map((r) => r.label)).toEqual(['alpha', 'beta']);
  });

  it('before the view was ever shown, a follower or a Refresh repaints nothing (the first paint lists)', async () => {
    const { api, provider, fired, listings } = held();
    provider.showWorkers(api, endpoint('e1', 'alpha'), [worker('w1', 'IDLE')]);
    provider.refresh();
    expect(fired).toEqual([]);
    expect(listings()).toBe(0);
  });

  it('a Refresh after a write, while a listing is on its way, lists once more after it (the first may predate the write)', async () => {
    const { provider, fired, listings, answerListing, settle } = held();
    const first = provider.getChildren();
    await answerListing([endpoint('e1', 'alpha'), endpoint('e2', 'beta')]);
    await first;
    provider.refresh(); // the user's Refresh
    await settle();
    provider.refresh(); // Delete Endpoint's, after its DELETE
    provider.refresh(); // any number of them: one more listing
    await answerListing([endpoint('e1', 'alpha'), endpoint('e2', 'beta')]);
    expect(listings()).toBe(3);
    await answerListing([endpoint('e1', 'alpha')]);
    expect(listings()).toBe(3);
    expect(fired.at(-1)).toBeUndefined();
    expect((await provider.getChildren()).map((r) => r.label)).toEqual(['alpha']);
  });
});

describe('the Endpoints view and a switch of account while it lists', () => {
  const endpoint = (id: string, name: string) => ({ id, name, type: 'QUEUE', image: 'img:1', env: {}, gpu: { pools: ['ADA_24'] }, workers: { min: 1, max: 2 }, version: 1 });

  it("a background listing of the old account lands after the switch: the new account's rows show, never the old ones; the old follower's workers are not shown", async () => {
    fake.reset();
    let answerOld: ((endpoints: unknown[]) => void) | undefined;
    let oldCalls = 0;
    const oldAccount = {
      listEndpoints: async () => (oldCalls++ === 0 ? [endpoint('o1', 'personal')] : new Promise<unknown[]>((resolve) => (answerOld = resolve))),
      listWorkers: async () => [],
    };
    const newAccount = { listEndpoints: async () => [endpoint('n1', 'team')], listWorkers: async () => [] };
    const { provider, switchAccount } = viewSwitching(oldAccount, newAccount);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    expect((await provider.getChildren()).map((r) => r.label)).toEqual(['personal']);
    provider.refresh(); // a background listing of the old account, held
    await settle();
    switchAccount();
    await settle();
    expect((await provider.getChildren()).map((r) => r.label)).toEqual(['team']);
    answerOld!([endpoint('o1', 'personal'), endpoint('o2', 'personal-2')]);
    await settle();
    provider.showWorkers(oldAccount, endpoint('o3', 'personal-deployed'), []); // Deploy still following under the old key
    expect((await provider.getChildren()).map((r) => r.label)).toEqual(['team']);
  });
});

describe('the Endpoints view and the secrets store (the lifecycle it shares with the Pods view)', () => {
  it('an error node lists again once the store reaches RunPod again, not on every secret change, and without the progress bar of a Refresh', async () => {
    fake.reset();
    let offline = true;
    const api = {
      listEndpoints: vi.fn(async () => {
        if (offline) throw Object.assign(new Error('Could not reach RunPod'), { kind: 'network' });
        return [{ id: 'e1', name: 'alpha', type: 'QUEUE', image: 'img:1', env: {}, gpu: { pools: ['ADA_24'] }, workers: { min: 0, max: 1 }, version: 1 }];
      }),
      listWorkers: async () => [],
    };
    const store = { state: { kind: 'fresh' } as { kind: string }, onDidChange: (_listener: () => void) => ({ dispose() {} }) };
    let storeChanged!: () => void;
    store.onDidChange = (listener) => ((storeChanged = listener), { dispose() {} });
    registerEndpointsView({ context: { subscriptions: [] }, store, log: { warn() {} }, getApi: async () => api } as never);
    const provider = ui.treeViews.get('runpod.endpoints')!.provider as { getChildren(parent?: unknown): Promise<Row[]>; onDidChangeTreeData(listener: (element: unknown) => void): unknown };
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    const fired: unknown[] = [];
    provider.onDidChangeTreeData((element) => fired.push(element));
    expect((await provider.getChildren())[0]).toMatchObject({ contextValue: 'runpod.endpoints.error' });

    storeChanged(); // a secret change while the store stays fresh
    await settle();
    expect(api.listEndpoints).toHaveBeenCalledTimes(1);

    store.state = { kind: 'stale' };
    storeChanged();
    offline = false;
    const progressBars = ui.progress.length;
    store.state = { kind: 'fresh' }; // back online
    storeChanged();
    storeChanged();
    await settle();
    await settle();
    expect(api.listEndpoints).toHaveBeenCalledTimes(2);
    // The user pressed nothing: the view lists quietly, as the Pods view does (ListedView.followStore).
    expect(ui.progress.length).toBe(progressBars);
    expect(fired).toEqual([undefined]); // the error row gave way to the endpoints: the root repaints
    expect((await provider.getChildren()).map((r) => r.label)).toEqual(['alpha']);
    expect(api.listEndpoints).toHaveBeenCalledTimes(2);
  });
});
