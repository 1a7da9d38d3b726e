import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../../client/src/auth/apiProvider';
import { checkApiUrl } from '../../client/src/config';
import { RedactingLog, describeError, formatRequest, scrubError } from '../../client/src/log/runpodLog';
import type { RunpodApi, RunpodClientOptions } from '../../client/src/runpod/types';
import { CACHE_KEY, MAX_CACHED_LISTS, mementoPersistence } from '../../client/src/secrets/persistence';
import { SecretsStore } from '../../client/src/secrets/store';
import { FakeSecretsApi, KindError, TestEmitter, secret, TEST_ACCOUNT } from './helpers';

function provider(state: { key?: string; account?: string; trusted?: boolean; url?: string; timeout?: number }) {
  const created: Array<RunpodClientOptions & { closed: boolean }> = [];
  const keysSeen: string[] = [];
  const origins: string[] = [];
  const p = new ApiProvider({
    lookupKey: async (origin) => {
      origins.push(origin);
      return state.key ? { kind: 'key', key: state.key, account: state.account ?? 'default' } : { kind: 'none' };
    },
    settings: () => ({ apiUrl: checkApiUrl(state.url ?? 'https://api.runpod.io/v2'), requestTimeoutMs: state.timeout ?? 30_000 }),
    isTrusted: () => state.trusted ?? true,
    createClient: (options) => {
      const record = { ...options, closed: false };
      created.push(record);
      return { close: async () => void (record.closed = true) } as unknown as RunpodApi;
    },
    onKey: (k) => keysSeen.push(k),
  });
  return { p, created, keysSeen, origins };
}

describe('ApiProvider', () => {
  it('untrusted: no client, whatever the key', async () => {
    const { p, created } = provider({ key: 'rpa_key_1', trusted: false });
    expect(await p.access()).toEqual({ kind: 'untrusted' });
    expect(await p.getApi()).toBeUndefined();
    expect(created).toHaveLength(0);
  });

  it('signed out without a key, naming the origin in effect', async () => {
    const { p } = provider({});
    expect(await p.access()).toEqual({ kind: 'signed-out', origin: 'https://api.runpod.io' });
  });

  it("names the client's account as the key lookup found it, and the origin it calls: where its writes happen", async () => {
    const { p } = provider({ key: 'rpa_key_1', account: 'team', url: 'http://127.0.0.1:8787/v2' });
    expect(await p.access()).toMatchObject({ kind: 'api', account: { origin: 'http://127.0.0.1:8787', label: 'team' } });
  });

  it('asks storage for the key of the origin in effect only', async () => {
    const state: { key?: string; url?: string } = { key: 'rpa_key_1' };
    const { p, origins } = provider(state);
    await p.access();
    state.url = 'http://localhost:8787/v2/';
    await p.access();
    expect(origins).toEqual(['https://api.runpod.io', 'http://localhost:8787']);
  });

  it('caches one client per key, URL and timeout; a change closes the old one', async () => {
    const state: { key?: string; url?: string; timeout?: number } = { key: 'rpa_key_1' };
    const { p, created, keysSeen } = provider(state);
    const a = await p.getApi();
    expect(await p.getApi()).toBe(a);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ apiKey: 'rpa_key_1', baseUrl: 'https://api.runpod.io/v2', timeoutMs: 30_000 });
    state.url = 'http://127.0.0.1:8787/v2';
    const b = await p.getApi();
    expect(b).not.toBe(a);
    expect(created[0]!.closed).toBe(true);
    state.key = 'rpa_key_2';
    await p.getApi();
    expect(created).toHaveLength(3);
    expect(keysSeen).toEqual(['rpa_key_1', 'rpa_key_1', 'rpa_key_2']);
    state.key = undefined;
    expect(await p.access()).toMatchObject({ kind: 'signed-out' });
    expect(created[2]!.closed).toBe(true);
  });

  it('a bad URL surfaces as invalid-config, and the store shows it as an error state', async () => {
    const { p } = provider({ key: 'rpa_key_1', url: 'ftp://x' });
    await expect(p.access()).rejects.toMatchObject({ kind: 'invalid-config' });
    const store = new SecretsStore({
      emitter: new TestEmitter(),
      getAccess: () => p.access(),
      persistence: { load: () => undefined, save: async () => undefined },
    });
    await store.refresh();
    expect(store.state).toMatchObject({ kind: 'error', error: { kind: 'invalid-config' } });
  });
});

describe('mementoPersistence', () => {
  function memento() {
    const data = new Map<string, unknown>();
    return { data, get: <T>(k: string) => data.get(k) as T | undefined, update: async (k: string, v: unknown) => void data.set(k, v) };
  }

  it('round-trips names and metadata for the same API URL', async () => {
    const m = memento();
    const p = mementoPersistence(m, () => ({ account: 'default', apiUrl: 'https://api.runpod.io/v2' }));
    await p.save({ fetchedAt: '2026-10-10T10:00:00.000Z', secrets: [secret('hf-token', { description: 'HF' })] });
    expect(p.load()).toEqual({ fetchedAt: '2026-10-10T10:00:00.000Z', secrets: [secret('hf-token', { description: 'HF' })] });
  });

  it('a list from another API URL is not loaded', async () => {
    const m = memento();
    let url = 'http://127.0.0.1:8787/v2';
    const p = mementoPersistence(m, () => ({ account: 'default', apiUrl: url }));
    await p.save({ fetchedAt: '2026-10-10T10:00:00.000Z', secrets: [secret('fake-one')] });
    url = 'https://api.runpod.io/v2';
    expect(p.load()).toBeUndefined();
  });

  it('never writes or reads fields beyond the metadata (a stray value field is dropped)', async () => {
    const m = memento();
    const p = mementoPersistence(m, () => ({ account: 'default', apiUrl: 'u' }));
    const withValue = { ...secret('a_name'), value: 'must-not-be-stored' };
    await p.save({ fetchedAt: '2026-10-10T10:00:00.000Z', secrets: [withValue] });
    expect(JSON.stringify(m.data.get(CACHE_KEY))).not.toContain('must-not-be-stored');
    m.data.set(CACHE_KEY, { lists: [{ account: 'default', apiUrl: 'u', fetchedAt: '2026-10-10T10:00:00.000Z', secrets: [withValue, 42, { name: 'no-id' }] }] });
    expect(p.load()).toEqual({ fetchedAt: '2026-10-10T10:00:00.000Z', secrets: [secret('a_name')] });
  });

  it('garbage in storage reads as no cache', () => {
    const m = memento();
    const p = mementoPersistence(m, () => ({ account: 'default', apiUrl: 'u' }));
    const list = (extra: object) => ({ lists: [{ account: 'default', apiUrl: 'u', ...extra }] });
    for (const junk of [42, 'x', null, { lists: 'x' }, { lists: [null, 7] }, list({ fetchedAt: 'yesterday', secrets: [] }), list({ secrets: [] }), list({ account: 3, fetchedAt: '2026-10-10T10:00:00.000Z' })]) {
      m.data.set(CACHE_KEY, junk);
      expect(p.load()).toBeUndefined();
    }
  });

  it('switching URL: reloadFromCache drops the other endpoint list', async () => {
    const m = memento();
    let url = 'http://127.0.0.1:8787/v2';
    const persistence = mementoPersistence(m, () => ({ account: 'default', apiUrl: url }));
    const store = new SecretsStore({
      emitter: new TestEmitter(),
      getAccess: async () => ({ kind: 'api', api: new FakeSecretsApi([secret('fake-one')]).asApi(), account: TEST_ACCOUNT }),
      persistence,
    });
    await store.refresh();
    url = 'https://api.runpod.io/v2';
    store.reloadFromCache();
    expect(store.secrets).toEqual([]);
    expect(store.toCatalog().state).toBe('unknown');
    url = 'http://127.0.0.1:8787/v2';
    store.reloadFromCache();
    expect(store.secrets.map((s) => s.name)).toEqual(['fake-one']);
    expect(store.toCatalog().state).toBe('stale');
  });

  it('keeps one list per account and URL: a switch of account never shows the other account\'s names', async () => {
    const m = memento();
    let scope = { account: 'personal', apiUrl: 'https://api.runpod.io/v2' };
    const p = mementoPersistence(m, () => scope);
    await p.save({ fetchedAt: '2026-10-10T10:00:00.000Z', secrets: [secret('mine')] });
    scope = { account: 'team', apiUrl: 'https://api.runpod.io/v2' };
    expect(p.load()).toBeUndefined();
    await p.save({ fetchedAt: '2026-10-10T11:00:00.000Z', secrets: [secret('theirs')] });
    scope = { account: 'personal', apiUrl: 'https://api.runpod.io/v2' };
    expect(p.load()?.secrets.map((s) => s.name)).toEqual(['mine']);
    // Signing one account out forgets its list only; Remove Account forgets all of an account's lists.
    await p.save(undefined);
    expect(p.load()).toBeUndefined();
    scope = { account: 'team', apiUrl: 'https://api.runpod.io/v2' };
    expect(p.load()?.secrets.map((s) => s.name)).toEqual(['theirs']);
    await p.forgetAccount('team');
    expect(p.load()).toBeUndefined();
  });

  it('one account by the account-name rule (case, - as _): Remove Account of my-team forgets the list saved as My_Team, and a list is found under either spelling', async () => {
    const m = memento();
    let scope = { account: 'My_Team', apiUrl: 'u' };
    const p = mementoPersistence(m, () => scope);
    await p.save({ fetchedAt: '2026-10-10T10:00:00.000Z', secrets: [secret('theirs')] });
    scope = { account: 'personal', apiUrl: 'u' };
    await p.save({ fetchedAt: '2026-10-10T10:00:00.000Z', secrets: [secret('mine')] });
    scope = { account: 'my-team', apiUrl: 'u' };
    expect(p.load()?.secrets.map((s) => s.name)).toEqual(['theirs']);
    // A save under the other spelling replaces the list, never keeps a second one of the same account.
    await p.save({ fetchedAt: '2026-10-10T11:00:00.000Z', secrets: [secret('newer')] });
    expect((m.data.get(CACHE_KEY) as { lists: unknown[] }).lists).toHaveLength(2);
    await p.forgetAccount('MY-team');
    expect(p.load()).toBeUndefined();
    expect((m.data.get(CACHE_KEY) as { lists: { account: string }[] }).lists.map((l) => l.account)).toEqual(['personal']);
    // The list of older versions is account default's, whatever the case it is asked in.
    m.data.set('runpod.secretsCache.v1', { apiUrl: 'u', fetchedAt: '2026-10-10T10:00:00.000Z', secrets: [secret('old')] });
    scope = { account: 'Default', apiUrl: 'u' };
    expect(p.load()?.secrets.map((s) => s.name)).toEqual(['old']);
  });

  it("reads the single list of older versions as account default's, then drops it", async () => {
    const m = memento();
    m.data.set('runpod.secretsCache.v1', { apiUrl: 'u', fetchedAt: '2026-10-10T10:00:00.000Z', secrets: [secret('old')] });
    expect(mementoPersistence(m, () => ({ account: 'team', apiUrl: 'u' })).load()).toBeUndefined();
    const p = mementoPersistence(m, () => ({ account: 'default', apiUrl: 'u' }));
    expect(p.load()?.secrets.map((s) => s.name)).toEqual(['old']);
    await p.save({ fetchedAt: '2026-10-10T12:00:00.000Z', secrets: [secret('new')] });
    expect(m.data.get('runpod.secretsCache.v1')).toBeUndefined();
    expect(p.load()?.secrets.map((s) => s.name)).toEqual(['new']);
  });

  it('keeps at most MAX_CACHED_LISTS lists, dropping the one saved longest ago', async () => {
    const m = memento();
    let n = 0;
    const p = mementoPersistence(m, () => ({ account: `a${n}`, apiUrl: 'u' }));
    for (n = 0; n <= MAX_CACHED_LISTS; n++) await p.save({ fetchedAt: '2026-10-10T10:00:00.000Z', secrets: [] });
    expect((m.data.get(CACHE_KEY) as { lists: unknown[] }).lists).toHaveLength(MAX_CACHED_LISTS);
    n = 0;
    expect(p.load()).toBeUndefined();
    n = MAX_CACHED_LISTS;
    expect(p.load()).toBeDefined();
  });
});

describe('RedactingLog', () => {
  it('logs API calls as one line: method, path, status, duration; failures as warnings', () => {
    const lines: string[] = [];
    const log = new RedactingLog({ info: (m) => lines.push(`I ${m}`), warn: (m) => lines.push(`W ${m}`), error: (m) => lines.push(`E ${m}`) });
    log.request({ method: 'GET', path: '/account/secrets', status: 200, durationMs: 41.6, attempt: 1 });
    log.request({ method: 'POST', path: '/account/secrets', status: 422, durationMs: 12, attempt: 1 });
    log.request({ method: 'GET', path: '/account/secrets', durationMs: 30000, attempt: 2, error: 'timeout' });
    expect(lines).toEqual([
      'I GET /account/secrets -> 200 in 42 ms',
      'W POST /account/secrets -> 422 in 12 ms',
      'W GET /account/secrets -> failed (timeout) in 30000 ms attempt 2',
    ]);
  });

  it('formats errors by kind and scrubs message, stack and details in place', () => {
    const error = Object.assign(new KindError('validation', 'value hunter2-long was refused'), { details: ['got hunter2-long'] });
    const scrubbed = scrubError(error, (t) => t.replaceAll('hunter2-long', '[redacted]'));
    expect(scrubbed).toBe(error);
    expect(error.message).toBe('value [redacted] was refused');
    expect(error.stack).not.toContain('hunter2-long');
    expect(error.details).toEqual(['got [redacted]']);
    expect(describeError(error)).toBe('validation: value [redacted] was refused');
    expect(describeError('plain')).toBe('plain');
    expect(describeError({ a: 1 })).toBe('{"a":1}');
    expect(formatRequest({ method: 'DELETE', path: '/x', status: 204, durationMs: 1, attempt: 1 })).toBe('DELETE /x -> 204 in 1 ms');
  });
});
