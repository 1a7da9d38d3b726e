/**
 * The Pods view lists Pods once per account change, never because a secret changed: the secrets
 * store fires for a patched list, then `loading`, then `fresh`, and each of those used to list again.
 * VS Code is modelled as fetching the root children after every onDidChangeTreeData.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const captured = vi.hoisted(() => ({ provider: undefined as unknown, view: { visible: true } }));

vi.mock('vscode', async () => {
  const base = await import('./vscodeFake');
  class TreeItem {
    constructor(
      public label: string,
      public collapsibleState: number,
    ) {}
  }
  class MarkdownString {
    constructor(public value: string) {}
  }
  return {
    ...base,
    TreeItem,
    MarkdownString,
    TreeItemCollapsibleState: { None: 0 },
    window: {
      ...base.window,
      createTreeView: (_id: string, options: { treeDataProvider: unknown }) => {
        captured.provider = options.treeDataProvider;
        captured.view = { visible: true };
        return Object.assign(captured.view, { dispose() {} });
      },
    },
  };
});

import type * as vscode from 'vscode';
import { window as vscodeWindow } from 'vscode';
import { podAction, register as registerPodActions } from '../../client/src/commands/podActions';
import { PODS_REFRESH_COMMAND, registerPodsView } from '../../client/src/views/podsView';
import type { Pod } from '../../client/src/runpod/types';
import type { Services, StoreState } from '../../client/src/services';
import { AccountScan } from '../../client/src/secrets/accountScan';
import { clientFor, startFake } from '../runpod-client/helpers';
import { EventEmitter, fake, ui } from './vscodeFake';
import { RunpodApiError } from '../../client/src/runpod/errors';

const pod: Pod = { id: 'p1', name: 'train', image: 'img', status: 'RUNNING', actions: ['stop'], cloud: 'SECURE', env: {}, createdAt: '' };

function setup() {
  const storeChanged = new EventEmitter<void>();
  const store = { state: { kind: 'fresh', fetchedAt: '' } as StoreState, onDidChange: storeChanged.event };
  let podsFail: boolean | Error = false;
  /** While set, a listing waits for it (a listing on its way). */
  let held: Promise<void> | undefined;
  const newApi = () => ({
    listPods: vi.fn(async () => {
      await held;
      if (podsFail instanceof Error) throw podsFail;
      if (podsFail) throw Object.assign(new Error('Could not reach RunPod'), { kind: 'network' });
      return [pod];
    }),
  });
  let api: ReturnType<typeof newApi> | undefined = newApi();
  // The real account scan (the usages' Pods), over the same client as the view.
  const scan = new AccountScan({
    connect: async () => (api ? { identity: api, listers: { template: async () => [], pod: () => api!.listPods() } } : { unavailable: 'signed out' }),
    now: () => 0,
    describeError: (error) => String(error),
  });
  const services = {
    context: { subscriptions: [] as { dispose(): unknown }[] },
    store,
    log: { info() {}, warn() {}, error() {}, addSensitive() {} },
    getApi: async () => api,
    lifecycle: { account: scan },
  } as unknown as Services;
  registerPodsView(services);
  const provider = captured.provider as vscode.TreeDataProvider<vscode.TreeItem>;
  let fetches = 0;
  const fetched: Promise<unknown>[] = [];
  const fetch = () => {
    fetches++;
    fetched.push(Promise.resolve(provider.getChildren()));
  };
  // VS Code asks for the children only while the view is visible.
  const view = captured.view;
  provider.onDidChangeTreeData!(() => {
    if (view.visible) fetch();
  });
  /** Lets the async listeners and every fetch they started finish. */
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    await Promise.all(fetched);
  };
  return {
    view,
    store,
    storeChanged,
    scan,
    fetch,
    settle,
    fetches: () => fetches,
    /** What the view showed at its last fetch: Pod ids, or the message's label. */
    shown: async () => ((await fetched.at(-1)) as (vscode.TreeItem & { podId?: string })[]).map((i) => i.podId ?? i.label),
    get api() {
      return api;
    },
    switchKey: () => (api = newApi()),
    failPods: (fail: boolean | Error) => (podsFail = fail),
    /** Holds every listing from now on its way until the returned function is called. */
    holdPods: () => {
      let release!: () => void;
      held = new Promise<void>((resolve) => (release = resolve));
      return () => {
        held = undefined;
        release();
      };
    },
    dispose: () => services.context.subscriptions.forEach((s) => void s.dispose()),
    signOut: () => (api = undefined),
  };
}

beforeEach(() => fake.reset());

describe('Pods view and the secrets store', () => {
  it('a secret change (patched list, loading, fresh) lists no Pods again', async () => {
    const view = setup();
    view.fetch(); // the view is opened
    await view.settle();
    const first = view.api!;
    expect(first.listPods).toHaveBeenCalledTimes(1);

    view.storeChanged.fire(); // create: the list is patched at once
    view.store.state = { kind: 'loading', previous: view.store.state };
    view.storeChanged.fire();
    view.store.state = { kind: 'fresh', fetchedAt: 'later' };
    view.storeChanged.fire();
    await view.settle();

    expect(first.listPods).toHaveBeenCalledTimes(1);
    expect(view.fetches()).toBe(1);
  });

  it('another key lists the Pods once, however often the store fires; signing out empties the view once (its welcome shows)', async () => {
    const view = setup();
    view.fetch();
    await view.settle();

    const second = view.switchKey();
    view.storeChanged.fire(); // accept() with the new key's list
    view.storeChanged.fire();
    await view.settle();
    expect(second.listPods).toHaveBeenCalledTimes(1);

    view.signOut();
    view.storeChanged.fire();
    view.storeChanged.fire();
    await view.settle();
    expect(view.fetches()).toBe(3);
    // No node: VS Code shows a view's welcome content only while it has none.
    expect(await (captured.provider as vscode.TreeDataProvider<vscode.TreeItem>).getChildren()).toEqual([]);
  });

  it('an error node lists again once the store reaches RunPod again, not on every secret change', async () => {
    const view = setup();
    view.failPods(true);
    view.fetch(); // offline: the view shows an error node
    await view.settle();

    view.storeChanged.fire(); // a secret change while the store stays fresh
    await view.settle();
    expect(view.fetches()).toBe(1);

    view.store.state = { kind: 'stale', fetchedAt: '', error: { kind: 'network', message: 'offline' } };
    view.storeChanged.fire();
    view.failPods(false);
    view.store.state = { kind: 'fresh', fetchedAt: 'later' }; // back online
    view.storeChanged.fire();
    view.storeChanged.fire();
    await view.settle();
    expect(view.fetches()).toBe(2);
    expect(view.api!.listPods).toHaveBeenCalledTimes(2);
  });
});

describe("the Pods view's error row", () => {
  it('says what failed in a short label, the cause beside Retry, and the whole message (escaped) in its tooltip', async () => {
    const view = setup();
    view.failPods(true);
    view.fetch();
    await view.settle();
    const [row] = (await (captured.provider as vscode.TreeDataProvider<vscode.TreeItem>).getChildren())!;
    expect(row).toMatchObject({ label: 'Could not list Pods', description: 'Offline: RunPod cannot be reached · Retry', contextValue: 'runpod.pods.error' });
    expect(row!.command).toMatchObject({ command: 'runpod.pods.refresh', title: 'Retry' });
    const tooltip = row!.tooltip as vscode.MarkdownString;
    expect(tooltip.value).toContain('Could not reach RunPod');
    expect(tooltip.value).toContain('Check the connection');
    expect(tooltip.isTrusted).toBe(false);
  });
});

describe('the Pods view retries a failed listing on its own', () => {
  const provider = () => captured.provider as vscode.TreeDataProvider<vscode.TreeItem>;
  /** The row's description as the view shows it now. */
  const description = async () => ((await provider().getChildren())!)[0]!.description;
  /** Runs the clock `ms` on, letting every listing and fetch it starts finish. */
  const pass = async (ms: number) => {
    await vi.advanceTimersByTimeAsync(ms);
    for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(0);
  };
  const serverError = () => new RunpodApiError('server', 'RunPod answered 500', { status: 500 });

  // The row's time of day is shown in UTC and says so (dates.ts), whatever the editor's zone: run in one that is not UTC.
  const zone = process.env['TZ'];
  beforeEach(() => {
    process.env['TZ'] = 'Asia/Kolkata';
    expect(new Date(0).getTimezoneOffset()).toBe(-330);
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1, 12, 0, 0) });
    // The jitter's low end: each wait is half its backoff step, so the times shown are known.
    vi.spyOn(Math, 'random').mockReturnValue(0);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    if (zone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = zone;
  });

  it('a 500 on the listing alone: tried again with backoff, the row saying when, until RunPod lists again; no progress bar', async () => {
    const view = setup();
    const progress = vi.spyOn(vscodeWindow, 'withProgress');
    view.failPods(serverError());
    view.fetch();
    await pass(0);
    expect(await description()).toBe('RunPod had a server error · next try at 12:00:05 UTC · Retry');
    await pass(5_000);
    expect(view.api!.listPods).toHaveBeenCalledTimes(2);
    expect(await description()).toBe('RunPod had a server error · next try at 12:00:15 UTC · Retry');
    view.failPods(false);
    await pass(10_000);
    expect(view.api!.listPods).toHaveBeenCalledTimes(3);
    expect(await view.shown()).toEqual(['p1']);
    expect(progress).not.toHaveBeenCalled();
    // Listed: nothing more is tried.
    await pass(600_000);
    expect(view.api!.listPods).toHaveBeenCalledTimes(3);
  });

  it("waits as long as RunPod's Retry-After asks, and gives up after a few tries, the row then offering Retry alone", async () => {
    const view = setup();
    view.failPods(new RunpodApiError('rate-limited', 'RunPod answered 429', { status: 429, retryAfterSeconds: 42 }));
    view.fetch();
    await pass(0);
    expect(await description()).toMatch(/ · next try at 12:00:42 UTC · Retry$/);
    view.failPods(serverError());
    await pass(600_000);
    const tries = view.api!.listPods.mock.calls.length;
    expect(tries).toBeGreaterThan(2);
    expect(tries).toBeLessThan(8);
    expect(await description()).toBe('RunPod had a server error · Retry');
  });

  it('a view hidden when the next try is due tries nothing until it is shown again', async () => {
    const view = setup();
    view.failPods(serverError());
    view.fetch();
    await pass(0);
    view.view.visible = false;
    await pass(600_000);
    expect(view.api!.listPods).toHaveBeenCalledTimes(1);
    view.failPods(false);
    view.view.visible = true;
    view.fetch(); // shown: VS Code asks for the rows
    await pass(0);
    expect(await view.shown()).toEqual(['p1']);
  });

  it('a view hidden longer than the tries last that fails again when shown starts a new series of tries', async () => {
    const view = setup();
    view.failPods(serverError());
    view.fetch();
    await pass(0);
    view.view.visible = false;
    await pass(600_000); // 12:10:00
    view.view.visible = true;
    view.fetch();
    await pass(0);
    expect(view.api!.listPods).toHaveBeenCalledTimes(2);
    expect(await description()).toBe('RunPod had a server error · next try at 12:10:05 UTC · Retry');
    await pass(5_000);
    expect(view.api!.listPods).toHaveBeenCalledTimes(3);
  });

  it("the user's Refresh failing after the tries ran out starts a new series of tries", async () => {
    const view = setup();
    view.failPods(serverError());
    view.fetch();
    await pass(600_000); // the tries ran out: Retry alone
    expect(await description()).toBe('RunPod had a server error · Retry');
    const tries = view.api!.listPods.mock.calls.length;
    (captured.provider as { refresh(): void }).refresh(); // the user's Refresh
    await pass(0);
    expect(view.api!.listPods).toHaveBeenCalledTimes(tries + 1);
    expect(await description()).toBe('RunPod had a server error · next try at 12:10:05 UTC · Retry');
    await pass(5_000);
    expect(view.api!.listPods).toHaveBeenCalledTimes(tries + 2);
  });

  it("a try due while the user's Refresh is on its way joins it: no second listing", async () => {
    const view = setup();
    view.failPods(serverError());
    view.fetch();
    await pass(4_000); // the next try is due at 12:00:05
    const release = view.holdPods();
    (captured.provider as { refresh(): void }).refresh();
    await pass(2_000);
    release();
    await pass(0);
    expect(view.api!.listPods).toHaveBeenCalledTimes(2);
  });

  it('another account while a try is due: the old account is not tried, and the new one starts its own series', async () => {
    const view = setup();
    view.failPods(serverError());
    view.fetch();
    await pass(5_000); // one try made: the next is due at 12:00:15
    const old = view.api!;
    expect(old.listPods).toHaveBeenCalledTimes(2);
    await pass(1_000);
    const second = view.switchKey();
    view.storeChanged.fire();
    await pass(0);
    expect(second.listPods).toHaveBeenCalledTimes(1);
    expect(await description()).toBe('RunPod had a server error · next try at 12:00:11 UTC · Retry');
    await pass(600_000);
    expect(old.listPods).toHaveBeenCalledTimes(2);
  });

  it('a listing that lands after the view was disposed schedules no try', async () => {
    const view = setup();
    view.failPods(serverError());
    view.fetch();
    await pass(0);
    const release = view.holdPods();
    await pass(5_000); // the try is on its way
    expect(view.api!.listPods).toHaveBeenCalledTimes(2);
    view.dispose();
    release();
    await pass(600_000);
    expect(view.api!.listPods).toHaveBeenCalledTimes(2);
  });
});

describe('Pods view and the account scan (one source of Pods)', () => {
  it('a Pod listing the usage lookup fetched shows in the view, with no list call of its own', async () => {
    const view = setup();
    const listPods = view.api!.listPods;
    listPods.mockResolvedValueOnce([]); // the view opened before the Pod was created through the API
    view.fetch();
    await view.settle();
    expect(listPods).toHaveBeenCalledTimes(1);
    expect(await view.shown()).toEqual(['No Pods. Launch one…']);

    await view.scan.snapshot({ fresh: true }); // Refresh Secrets counting uses, or Rotate naming the Pods to restart
    await view.settle();
    expect(view.fetches()).toBe(2);
    expect(await view.shown()).toEqual(['p1']);
    expect(listPods).toHaveBeenCalledTimes(2); // the scan's one call, shown as it is

    await view.scan.snapshot(); // the same listing again (within its TTL): nothing new to show
    await view.settle();
    expect(view.fetches()).toBe(2);
  });

  it('a Pod write (Rotate restarting the Pods) lists the view again; a template write does not', async () => {
    const view = setup();
    view.fetch();
    await view.settle();
    view.scan.invalidate('pod');
    await view.settle();
    expect(view.api!.listPods).toHaveBeenCalledTimes(2);
    expect(view.fetches()).toBe(1); // the same Pods: nothing repaints
    view.api!.listPods.mockResolvedValueOnce([{ ...pod, status: 'EXITED' }]);
    view.scan.invalidate('pod');
    await view.settle();
    expect(view.api!.listPods).toHaveBeenCalledTimes(3);
    expect(view.fetches()).toBe(2);
    view.scan.invalidate('template'); // a template PATCH changes no Pod
    await view.settle();
    expect(view.api!.listPods).toHaveBeenCalledTimes(3);
  });

  it('a Pod whose status changes repaints its row alone, the same item with the new status: the other rows keep their handles', async () => {
    const view = setup();
    const provider = captured.provider as vscode.TreeDataProvider<vscode.TreeItem & { podId?: string }>;
    view.api!.listPods.mockResolvedValue([pod, { ...pod, id: 'p2', name: 'eval' }]);
    view.fetch();
    await view.settle();
    const rows = (await provider.getChildren())!;
    const events: unknown[] = [];
    provider.onDidChangeTreeData!((event) => events.push(event));
    view.api!.listPods.mockResolvedValue([{ ...pod, status: 'EXITED' }, { ...pod, id: 'p2', name: 'eval' }]);
    view.scan.invalidate('pod');
    await view.settle();
    const train = rows.find((r) => r.podId === 'p1')!;
    expect(events).toEqual([[train]]);
    expect(String(train.description)).toContain('EXITED');
    const after = (await provider.getChildren())!;
    expect(after.length === rows.length && after.every((row, i) => row === rows[i])).toBe(true);
  });

  it('a listing the scan took while the view was hidden is not shown after a Pod write: the view lists again', async () => {
    const view = setup();
    view.fetch();
    await view.settle();
    view.view.visible = false; // collapsed: Rotate lists the Pods, then restarts them
    await view.scan.snapshot({ fresh: true });
    view.scan.invalidate('pod');
    await view.settle();
    const calls = view.api!.listPods.mock.calls.length;
    view.view.visible = true;
    view.fetch(); // opened later
    await view.settle();
    expect(view.api!.listPods).toHaveBeenCalledTimes(calls + 1);
  });
});

/** The view opened, then a Pod write whose listing is held: returns what answers that listing. */
async function openThenHoldAListing(view: ReturnType<typeof setup>): Promise<(pods: Pod[]) => void> {
  view.fetch();
  await view.settle();
  let answer!: (pods: Pod[]) => void;
  view.api!.listPods.mockImplementationOnce(() => new Promise<Pod[]>((resolve) => (answer = resolve)));
  view.scan.invalidate('pod');
  await new Promise((resolve) => setTimeout(resolve, 0));
  return (pods) => answer(pods);
}

describe('Pods view repaints without dropping the rows on screen', () => {
  // VS Code drops every row's handle when the root repaints, until getChildren answers: Stop or
  // Terminate from a row's menu in that window gets no Pod. So the listing comes first.
  it('a Pod write lists first, the rows on screen answer meanwhile, and the repaint asks nothing', async () => {
    const view = setup();
    const answer = await openThenHoldAListing(view);
    expect(view.api!.listPods).toHaveBeenCalledTimes(2);
    expect(view.fetches()).toBe(1); // not repainted while the listing is on its way
    const meanwhile = (await (captured.provider as vscode.TreeDataProvider<vscode.TreeItem & { podId?: string }>).getChildren())!;
    expect(meanwhile.map((i) => i.podId)).toEqual(['p1']);
    answer([pod, { ...pod, id: 'p2', name: 'eval' }]);
    await view.settle();
    expect(view.fetches()).toBe(2);
    expect(await view.shown()).toEqual(['p2', 'p1']);
    expect(view.api!.listPods).toHaveBeenCalledTimes(2);
  });

  it("a listing of the account switched from that lands late is dropped: the new account's Pods stay", async () => {
    const view = setup();
    const answerOld = await openThenHoldAListing(view); // a background listing of the old account, held
    const second = view.switchKey();
    second.listPods.mockResolvedValue([{ ...pod, id: 'team1', name: 'team' }]);
    view.storeChanged.fire();
    await view.settle();
    expect(await view.shown()).toEqual(['team1']);
    answerOld([pod]);
    await view.settle();
    view.fetch(); // whatever VS Code asks next
    await view.settle();
    expect(await view.shown()).toEqual(['team1']);
    expect(second.listPods).toHaveBeenCalledTimes(1); // the new account's listing stayed: nothing to list again
  });

  it('while the view is hidden a Pod write asks nothing: the view lists when shown', async () => {
    const view = setup();
    view.fetch();
    await view.settle();
    view.view.visible = false;
    view.scan.invalidate('pod');
    await view.settle();
    expect(view.api!.listPods).toHaveBeenCalledTimes(1);
  });
});

describe('Terminate from the Pods view, against the fake API', () => {
  it('RunPod answers 204: the Pod leaves the view, with no error message and no error node', async () => {
    // Running at once: no boot timer lists again on its own, only the refresh the command asks for.
    const api = await startFake({ podBootMs: 0 });
    const { client } = clientFor(api);
    try {
      const pod = await client.createPod({ name: 'view-doomed', image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 } });
      const storeChanged = new EventEmitter<void>();
      const logged: string[] = [];
      const services = {
        context: { subscriptions: [] as { dispose(): unknown }[] },
        store: { state: { kind: 'fresh', fetchedAt: '' } as StoreState, onDidChange: storeChanged.event },
        log: { info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m), addSensitive() {} },
        getApi: async () => client,
        requireApi: async () => client,
        accounts: { active: 'default' },
        lifecycle: { account: new AccountScan({ connect: async () => ({ identity: client, listers: { template: async () => [], pod: () => client.listPods() } }), now: () => 0, describeError: String }) },
      } as unknown as Services;
      registerPodsView(services);
      const provider = captured.provider as vscode.TreeDataProvider<vscode.TreeItem & { podId?: string }>;
      const before = (await provider.getChildren())!;
      expect(before.map((item) => item.podId)).toContain(pod.id);

      fake.dialogAnswers.push('Terminate'); // the modal confirmation
      const repainted = new Promise<void>((resolve) => provider.onDidChangeTreeData!(() => resolve()));
      await podAction(services, 'terminate', { podId: pod.id });
      // The command asks the view to refresh; the fake only records that, so it is run as VS Code would.
      expect(ui.executed.map((c) => c.id)).toContain(PODS_REFRESH_COMMAND);
      await fake.commands.get(PODS_REFRESH_COMMAND)!();
      await repainted; // the view lists again, then repaints

      expect(fake.messages.filter((m) => m.level === 'error')).toEqual([]);
      expect(logged.join('\n')).toContain(`Terminate Pod ${pod.id}: terminated.`);
      expect(fake.shown).toContain('RunPod: Pod view-doomed terminated');
      const after = (await provider.getChildren())!; // what the refresh after the command shows
      expect(after.map((item) => item.podId)).not.toContain(pod.id);
      expect(after.map((item) => item.contextValue)).not.toContain('runpod.pods.error');
    } finally {
      await client.close();
      await api.close();
    }
  });
});

describe('Restart from the Pods view, against the fake API', () => {
  it('asks first, naming the Pod and that its running processes stop (Cancel restarts nothing); Restart boots it with the secret values of now', async () => {
    const api = await startFake({ podBootMs: 0 });
    const { client } = clientFor(api);
    try {
      await client.createSecret({ name: 'view-token', value: 'v1' });
      const pod = await client.createPod({ name: 'view-running', image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 }, env: { TOKEN: '{{ RUNPOD_SECRET_view-token }}' } });
      const bootEnv = () => api.inspect().pods.find((p) => p.id === pod.id)!.bootEnv;
      expect((await client.getPod(pod.id)).actions).toContain('restart');
      expect(bootEnv()).toEqual({ TOKEN: 'v1' });
      await client.updateSecret('view-token', { value: 'v2' });
      const logged: string[] = [];
      const services = {
        context: { subscriptions: [] as { dispose(): unknown }[] },
        log: { info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m), addSensitive() {} },
        getApi: async () => client,
        requireApi: async () => client,
        accounts: { active: 'default', onDidChange: () => ({ dispose() {} }) },
      } as unknown as Services;
      registerPodActions(services);
      const actions = () => api.inspect().requests.filter((r) => r.method === 'POST' && r.path === `/v2/pods/${pod.id}/action`);
      // Dismissed (Escape, Cancel): nothing is sent, the Pod runs on with the old value.
      fake.dialogAnswers.push(undefined);
      await fake.commands.get('runpod.pods.restart')!({ podId: pod.id });
      const confirm = {
        level: 'warning',
        text: 'Restart Pod view-running?',
        detail: `Its running processes stop and the container starts again: the work running in it is interrupted. Pod ${pod.id} (1 × NVIDIA GeForce RTX 4090).`,
        buttons: ['Restart'],
        dismiss: 'Cancel',
      };
      expect(fake.messages).toEqual([confirm]);
      expect(actions()).toEqual([]);
      expect(bootEnv()).toEqual({ TOKEN: 'v1' });
      fake.messages.length = 0;
      fake.dialogAnswers.push('Restart');
      await fake.commands.get('runpod.pods.restart')!({ podId: pod.id });
      expect(fake.messages).toEqual([confirm]);
      expect(actions()).toHaveLength(1);
      expect(bootEnv()).toEqual({ TOKEN: 'v2' });
      expect(logged.join('\n')).toContain(`Restart Pod ${pod.id}: now RUNNING.`);
      expect(fake.shown).toContain('RunPod: Pod view-running is RUNNING');
    } finally {
      await client.close();
      await api.close();
    }
  });
});

describe('Retry of a Pod action RunPod did not act on', () => {
  /** A restart refused before it was sent (RunPod did not act: Retry is offered), then whatever `later` answers. */
  function retrying(podNow: () => Pod) {
    const notSent = new RunpodApiError('network', 'Could not reach RunPod (ECONNREFUSED).', { mayHaveSucceeded: false });
    const api = {
      getPod: vi.fn(async () => podNow()),
      podAction: vi.fn(async (): Promise<Pod> => {
        if (api.podAction.mock.calls.length === 1) throw notSent;
        return { ...podNow(), status: 'RUNNING' };
      }),
    };
    const services = {
      context: { subscriptions: [] as { dispose(): unknown }[] },
      log: { info() {}, warn() {}, error() {}, addSensitive() {} },
      getApi: async () => api,
      requireApi: async () => api,
      accounts: { active: 'default', onDidChange: () => ({ dispose() {} }) },
    } as unknown as Services;
    return { api, services };
  }
  const running: Pod = { ...pod, actions: ['stop', 'restart'] };

  it('Retry reads the Pod again (one call) and restarts it when it still runs, without asking to confirm again', async () => {
    const { api, services } = retrying(() => running);
    fake.dialogAnswers.push('Restart', 'Retry');
    await podAction(services, 'restart', { podId: 'p1' });
    // Which action failed; the client names the Pod by the name given with its id (runpod/client.ts).
    expect(fake.messages).toEqual([
      expect.objectContaining({ level: 'warning', text: 'Restart Pod train?', buttons: ['Restart'] }),
      expect.objectContaining({ level: 'error', text: expect.stringMatching(/^Could not restart the Pod: /), buttons: ['Retry', 'Show Output'] }),
    ]);
    expect(api.getPod).toHaveBeenCalledTimes(2);
    expect(api.podAction.mock.calls).toEqual([['p1', 'restart', { name: 'train' }], ['p1', 'restart', { name: 'train' }]]);
    expect(fake.shown).toContain('RunPod: Pod train is RUNNING');
  });

  it('a restart RunPod may have acted on (its answer lost) offers Refresh Pods, not Retry: the Pod\'s state is unknown, and the button lists the Pods again', async () => {
    const { api, services } = retrying(() => running);
    api.podAction.mockReset().mockRejectedValueOnce(new RunpodApiError('timeout', 'RunPod did not answer in time to restart Pod train (p1).', { mayHaveSucceeded: true }));
    fake.dialogAnswers.push('Restart', 'Refresh Pods');
    await podAction(services, 'restart', { podId: 'p1' });
    expect(fake.messages.at(-1)).toEqual(expect.objectContaining({ level: 'error', text: expect.stringMatching(/^Could not restart the Pod: /), buttons: ['Refresh Pods', 'Show Output'] }));
    expect(api.podAction).toHaveBeenCalledTimes(1);
    // The button's listing and the view shown, then the flow's own refresh as it ends.
    expect(ui.executed.map((c) => c.id)).toEqual(['runpod.pods.refresh', 'runpod.pods.focus', 'runpod.pods.refresh']);
  });

  it('Retry once the Pod was stopped meanwhile restarts nothing and says why', async () => {
    let now = running;
    const { api, services } = retrying(() => now);
    fake.dialogAnswers.push('Restart', () => {
      now = { ...pod, status: 'EXITED', actions: ['start', 'terminate'] };
      return 'Retry';
    });
    await podAction(services, 'restart', { podId: 'p1' });
    expect(api.getPod).toHaveBeenCalledTimes(2);
    expect(api.podAction).toHaveBeenCalledTimes(1);
    expect(fake.messages.at(-1)).toEqual({ level: 'warning', text: 'Pod train is EXITED and cannot restart now (allowed: start, terminate).' });
  });

  it('Retry once the Pod was terminated meanwhile: the re-read 404 says it is no longer on the account, and nothing is acted on', async () => {
    let gone = false;
    const { api, services } = retrying(() => {
      if (gone) throw new RunpodApiError('not-found', 'RunPod found nothing to read Pod p1 (404).', { status: 404 });
      return running;
    });
    fake.dialogAnswers.push('Restart', () => {
      gone = true;
      return 'Retry';
    });
    await podAction(services, 'restart', { podId: 'p1' });
    expect(api.getPod).toHaveBeenCalledTimes(2);
    expect(api.podAction).toHaveBeenCalledTimes(1);
    expect(fake.messages.at(-1)).toEqual({ level: 'warning', text: 'Pod train is no longer on the account: there is nothing to restart.' });
    expect(fake.messages.filter((m) => /^Could not restart the Pod/.test(m.text))).toHaveLength(1);
  });

  it('Terminate retried once the Pod is gone (the first try went through after all): said as done', async () => {
    let gone = false;
    const notSent = new RunpodApiError('network', 'Could not reach RunPod (ECONNREFUSED).', { mayHaveSucceeded: false });
    const { api, services } = retrying(() => {
      if (gone) throw new RunpodApiError('not-found', 'RunPod found nothing to read Pod p1 (404).', { status: 404 });
      return { ...running, actions: ['stop', 'terminate'] };
    });
    Object.assign(api, { terminatePod: vi.fn(async () => Promise.reject(notSent)) });
    fake.dialogAnswers.push('Terminate', () => {
      gone = true;
      return 'Retry';
    });
    await podAction(services, 'terminate', { podId: 'p1' });
    expect(api.getPod).toHaveBeenCalledTimes(2);
    expect(fake.messages.at(-1)).toEqual({ level: 'info', text: 'Pod train is no longer on the account: it is terminated.' });
  });

  it('a Pod gone before the first read (a stale tree node) is named by its id; another failure of the read still fails', async () => {
    const { services } = retrying(() => {
      throw new RunpodApiError('not-found', 'RunPod found nothing to read Pod p1 (404).', { status: 404 });
    });
    await podAction(services, 'stop', { podId: 'p1' });
    expect(fake.messages).toEqual([{ level: 'warning', text: 'Pod p1 is no longer on the account: there is nothing to stop.' }]);
    fake.messages.length = 0;
    const { services: down } = retrying(() => {
      throw new RunpodApiError('network', 'Could not reach RunPod (ECONNREFUSED).', { mayHaveSucceeded: false });
    });
    await podAction(down, 'stop', { podId: 'p1' });
    expect(fake.messages).toEqual([expect.objectContaining({ level: 'error', text: expect.stringMatching(/^Could not stop the Pod: /) })]);
  });

  it("Retry goes by the Pod's actions (what RunPod documents it allows now), not its status", async () => {
    // A status RunPod added later whose actions allow the restart: restarted.
    const later = retrying(() => ({ ...running, status: 'MIGRATING' as Pod['status'] }));
    fake.dialogAnswers.push('Restart', 'Retry');
    await podAction(later.services, 'restart', { podId: 'p1' });
    expect(later.api.podAction).toHaveBeenCalledTimes(2);
    // RUNNING, but RunPod allows no restart now: nothing is sent on Retry, and the message says what it allows.
    let now = running;
    const refused = retrying(() => now);
    fake.dialogAnswers.push('Restart', () => {
      now = { ...running, actions: ['stop'] };
      return 'Retry';
    });
    await podAction(refused.services, 'restart', { podId: 'p1' });
    expect(refused.api.podAction).toHaveBeenCalledTimes(1);
    expect(fake.messages.at(-1)).toEqual({ level: 'warning', text: 'Pod train is RUNNING and cannot restart now (allowed: stop).' });
  });

  it('a Pod picked from the list is the one retried (read again by its id, not picked again)', async () => {
    const { api, services } = retrying(() => running);
    Object.assign(api, { listPods: vi.fn(async () => [running]) });
    fake.pickScript = [(items) => items[0]];
    fake.dialogAnswers.push('Restart', 'Retry');
    await podAction(services, 'restart');
    expect((api as unknown as { listPods: ReturnType<typeof vi.fn> }).listPods).toHaveBeenCalledTimes(1);
    expect(api.getPod.mock.calls).toEqual([['p1']]);
    expect(api.podAction).toHaveBeenCalledTimes(2);
  });
});
