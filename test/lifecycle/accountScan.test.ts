/** The account listing cache: one call per resource type, a TTL, shared calls, invalidation after our writes. */
import { describe, expect, it } from 'vitest';
import { AccountScan, accountListers, writtenResource, type AccountConnection } from '../../client/src/secrets/accountScan';
import { deferred } from '../extension-core/helpers';

function setup(options: { ttlMs?: number; errorTtlMs?: number; endpoints?: boolean } = {}) {
  let clock = 1_000_000;
  const calls: string[] = [];
  const failures = new Set<string>();
  const identity = { key: 'a' };
  let connection: () => AccountConnection = () => ({
    identity,
    listers: {
      template: async () => {
        calls.push('template');
        if (failures.has('template')) throw new Error('Offline: RunPod cannot be reached');
        return [{ id: 't', name: 't', image: 'i', env: {} }];
      },
      pod: async () => {
        calls.push('pod');
        return [];
      },
      ...(options.endpoints ? { endpoint: async () => (calls.push('endpoint'), []) } : {}),
    },
  });
  let changes = 0;
  const scan = new AccountScan({
    connect: async () => connection(),
    now: () => clock,
    describeError: (e) => (e as Error).message,
    ...(options.ttlMs !== undefined ? { ttlMs: options.ttlMs } : {}),
    ...(options.errorTtlMs !== undefined ? { errorTtlMs: options.errorTtlMs } : {}),
  });
  scan.onDidInvalidate(() => changes++);
  return {
    scan,
    calls,
    failures,
    advance: (ms: number) => (clock += ms),
    setConnection: (c: () => AccountConnection) => (connection = c),
    changes: () => changes,
  };
}

describe('AccountScan', () => {
  it('lists each resource type once, then serves the cache until the TTL passes', async () => {
    const { scan, calls, advance } = setup({ ttlMs: 60_000 });
    const first = await scan.snapshot();
    expect(first.template).toEqual({ items: [{ id: 't', name: 't', image: 'i', env: {} }] });
    expect(first.endpoint).toBeUndefined(); // no lister: endpoints neither listed nor claimed checked
    await scan.snapshot();
    advance(59_000);
    await scan.snapshot();
    expect(calls).toEqual(['template', 'pod']);
    advance(2_000);
    await scan.snapshot();
    expect(calls).toEqual(['template', 'pod', 'template', 'pod']);
  });

  it('twenty askers at once (a tree of twenty secrets) share one call per type', async () => {
    const { scan, calls } = setup({ endpoints: true });
    await Promise.all(Array.from({ length: 20 }, () => scan.snapshot()));
    expect(calls.sort()).toEqual(['endpoint', 'pod', 'template']);
  });

  it('fresh lists again now; invalidate(kind) drops that kind only and tells listeners', async () => {
    const { scan, calls, changes } = setup();
    await scan.snapshot();
    await scan.snapshot({ fresh: true });
    expect(calls).toEqual(['template', 'pod', 'template', 'pod']);
    const before = changes();
    scan.invalidate('pod');
    expect(changes()).toBe(before + 1);
    await scan.snapshot();
    expect(calls).toEqual(['template', 'pod', 'template', 'pod', 'pod']);
  });

  it('a listing started before our write is not cached after it', async () => {
    const { scan, setConnection } = setup();
    const gate = deferred<never[]>();
    let pods = 0;
    const identity = {};
    setConnection(() => ({ identity, listers: { template: async () => [], pod: () => (pods++ === 0 ? gate.promise : Promise.resolve([])) } }));
    const early = scan.snapshot();
    await Promise.resolve();
    scan.invalidate('pod'); // e.g. a restart answered while the list was on its way
    gate.resolve([]);
    await early;
    await scan.snapshot();
    expect(pods).toBe(2);
  });

  it('keeps a failure for a short while only, and lists again after it', async () => {
    const { scan, calls, failures, advance } = setup({ errorTtlMs: 15_000 });
    failures.add('template');
    expect((await scan.snapshot()).template).toEqual({ error: 'Offline: RunPod cannot be reached' });
    await scan.snapshot();
    expect(calls.filter((c) => c === 'template')).toHaveLength(1);
    failures.delete('template');
    advance(16_000);
    expect('items' in (await scan.snapshot()).template).toBe(true);
  });

  it('forgets everything when the key or URL changes, and says why when no API can be used', async () => {
    const { scan, calls, setConnection } = setup();
    await scan.snapshot();
    setConnection(() => ({ unavailable: 'no API key is set' }));
    expect(await scan.snapshot()).toEqual({ template: { error: 'no API key is set' }, pod: { error: 'no API key is set' } });
    expect(scan.peek()).toBeUndefined();
    setConnection(() => ({ identity: { other: true }, listers: { template: async () => (calls.push('template2'), []), pod: async () => [] } }));
    await scan.snapshot();
    expect(calls).toContain('template2');
  });
});

describe('AccountScan tells of its listings (the Pods view shows the Pods it found)', () => {
  it('each listing fetched, with its connection, once; never one reused from the cache, a failed one, or one outdated by a write', async () => {
    const { scan, failures, setConnection } = setup({ ttlMs: 60_000 });
    const listed: string[] = [];
    const invalidated: (string | undefined)[] = [];
    scan.onDidList((e) => listed.push(`${e.kind}:${e.items.length}:${(e.identity as { key: string }).key}`));
    scan.onDidInvalidate((kind) => invalidated.push(kind));
    failures.add('template');
    await scan.snapshot();
    expect(listed).toEqual(['pod:0:a']);
    await scan.snapshot(); // from the cache
    expect(listed).toEqual(['pod:0:a']);
    const gate = deferred<never[]>();
    const other = { key: 'b' };
    setConnection(() => ({ identity: other, listers: { template: async () => [], pod: () => gate.promise } }));
    const outdated = scan.snapshot({ fresh: true });
    for (let i = 0; i < 3; i++) await Promise.resolve();
    scan.invalidate('pod'); // a restart answered while the list was on its way
    gate.resolve([]);
    await outdated;
    expect(listed).toEqual(['pod:0:a', 'template:0:b']);
    expect(invalidated).toEqual(['pod']);
    scan.invalidate();
    expect(invalidated).toEqual(['pod', undefined]);
  });
});

describe('writtenResource (invalidation after our own writes)', () => {
  it.each([
    ['PATCH', '/templates/abc', 'template'],
    ['POST', '/templates', 'template'],
    ['POST', '/pods/p1/action', 'pod'],
    ['DELETE', '/pods/p1', 'pod'],
    ['PATCH', '/serverless/e1', 'endpoint'],
    ['GET', '/pods', undefined],
    ['PATCH', '/account/secrets/s1', undefined],
  ])('%s %s -> %s', (method, path, kind) => {
    expect(writtenResource({ method, path })).toBe(kind);
  });
});

it('accountListers plugs in listEndpoints once the API client has it', async () => {
  const base = { listTemplates: async () => [], listPods: async () => [] };
  expect(accountListers(base).endpoint).toBeUndefined();
  const withEndpoints = { ...base, listEndpoints: async () => [{ id: 'e', name: 'e', env: {} }] };
  expect(await accountListers(withEndpoints).endpoint!()).toEqual([{ id: 'e', name: 'e', env: {} }]);
});
