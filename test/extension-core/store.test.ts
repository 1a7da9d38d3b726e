import { describe, expect, it } from 'vitest';
import { SecretsStore, type ApiAccess } from '../../client/src/secrets/store';
import { whileActive } from '../../client/src/auth/accountBound';
import type { StoreState } from '../../client/src/services';
import { RunpodApiError } from '../../client/src/runpod/errors';
import { messages } from '../../client/src/runpod/messages';
import { AccessSwitch, FakeSecretsApi, KindError, MemoryPersistence, TestEmitter, TEST_ACCOUNT, deferred, secret, steppingClock } from './helpers';

function setup(options: { secrets?: ReturnType<typeof secret>[]; persistence?: MemoryPersistence; signedOut?: boolean } = {}) {
  const api = new FakeSecretsApi(options.secrets ?? [secret('hf-token'), secret('db_password')]);
  const access = new AccessSwitch(options.signedOut ? undefined : api);
  const persistence = options.persistence ?? new MemoryPersistence();
  const emitter = new TestEmitter();
  const states: StoreState['kind'][] = [];
  const store = new SecretsStore({ emitter, getAccess: access.get, persistence, now: steppingClock() });
  store.onDidChange(() => states.push(store.state.kind));
  return { api, access, persistence, emitter, store, states };
}

const names = (store: SecretsStore) => store.secrets.map((s) => s.name);

describe('SecretsStore states', () => {
  it('starts signed out with unknown knowledge when nothing is cached', () => {
    const { store } = setup();
    expect(store.state).toEqual({ kind: 'signed-out' });
    expect(store.secrets).toEqual([]);
    expect(store.toCatalog()).toEqual({ state: 'unknown', secrets: [] });
  });

  it('refresh while signed out makes no API call and stays unknown', async () => {
    const { store, api, states } = setup({ signedOut: true });
    await store.refresh();
    expect(api.calls).toEqual([]);
    expect(store.state.kind).toBe('signed-out');
    expect(states).toEqual(['loading', 'signed-out']);
    expect(store.toCatalog().state).toBe('unknown');
  });

  it('goes loading then fresh on a good refresh, sorted by name, and persists metadata', async () => {
    const { store, states, persistence } = setup();
    await store.refresh();
    expect(states).toEqual(['loading', 'fresh']);
    expect(store.state).toEqual({ kind: 'fresh', fetchedAt: '2026-10-10T10:00:00.000Z' });
    expect(names(store)).toEqual(['db_password', 'hf-token']);
    expect(persistence.stored?.fetchedAt).toBe('2026-10-10T10:00:00.000Z');
    expect(persistence.stored?.secrets.map((s) => s.name)).toEqual(['db_password', 'hf-token']);
  });

  it('untrusted: no API call; state untrusted', async () => {
    const { store, api, access } = setup();
    access.current = { kind: 'untrusted' };
    await store.refresh();
    expect(api.calls).toEqual([]);
    expect(store.state).toEqual({ kind: 'untrusted' });
    expect(store.toCatalog()).toEqual({ state: 'unknown', secrets: [] });
  });

  it('untrusted with a list from the last session still serves names, as stale', async () => {
    const persistence = new MemoryPersistence({ fetchedAt: '2026-09-09T09:00:00.000Z', secrets: [secret('hf-token')] });
    const { store, api, access } = setup({ persistence });
    access.current = { kind: 'untrusted' };
    await store.refresh();
    expect(api.calls).toEqual([]);
    expect(store.state.kind).toBe('untrusted');
    expect(store.toCatalog()).toMatchObject({ state: 'stale', fetchedAt: '2026-09-09T09:00:00.000Z' });
    expect(store.toCatalog().secrets.map((s) => s.name)).toEqual(['hf-token']);
  });

  it('first fetch failing gives error with the cause, and unknown knowledge', async () => {
    const { store, api } = setup();
    api.failNext('listSecrets', new KindError('unauthorized', 'RunPod rejected the API key (401).'));
    await store.refresh();
    expect(store.state).toEqual({
      kind: 'error',
      error: { kind: 'unauthorized', message: 'RunPod rejected the API key (401).' },
    });
    expect(store.toCatalog()).toEqual({ state: 'unknown', secrets: [] });
  });

  it('a failed refresh after a good one keeps the list and goes stale with the last good time', async () => {
    const { store, api } = setup();
    await store.refresh();
    api.failNext('listSecrets', new KindError('network', 'Could not reach RunPod.'));
    await store.refresh();
    expect(store.state).toEqual({
      kind: 'stale',
      fetchedAt: '2026-10-10T10:00:00.000Z',
      error: { kind: 'network', message: 'Could not reach RunPod.' },
    });
    expect(names(store)).toEqual(['db_password', 'hf-token']);
    expect(store.toCatalog()).toMatchObject({ state: 'stale', fetchedAt: '2026-10-10T10:00:00.000Z' });
    expect(store.toCatalog().secrets).toHaveLength(2);
  });

  it('a non-API error still lands in the state (kind unexpected), never thrown from refresh', async () => {
    const { store, access } = setup();
    access.failure = new Error('The RunPod API URL is not a valid URL.');
    await expect(store.refresh()).resolves.toBeUndefined();
    expect(store.state).toEqual({ kind: 'error', error: { kind: 'unexpected', message: 'The RunPod API URL is not a valid URL.' } });
  });

  it('keeps the previous knowledge for the server while loading', async () => {
    const { store, api } = setup();
    await store.refresh();
    const release = api.gate();
    const pending = store.refresh();
    expect(store.state).toEqual({ kind: 'loading', previous: { kind: 'fresh', fetchedAt: '2026-10-10T10:00:00.000Z' } });
    expect(store.toCatalog().state).toBe('fresh');
    release();
    await pending;
    expect(store.state.kind).toBe('fresh');
  });

  it('after a restart offline, the cached list gives stale, not error', async () => {
    const first = setup();
    await first.store.refresh();
    // New session, same storage, the network is down.
    const second = setup({ persistence: first.persistence });
    expect(second.store.state.kind).toBe('stale');
    expect(second.store.toCatalog()).toMatchObject({ state: 'stale', fetchedAt: '2026-10-10T10:00:00.000Z' });
    second.api.failNext('listSecrets', new KindError('network', 'offline'));
    await second.store.refresh();
    expect(second.store.state).toMatchObject({ kind: 'stale', fetchedAt: '2026-10-10T10:00:00.000Z', error: { kind: 'network' } });
    expect(names(second.store)).toEqual(['db_password', 'hf-token']);
  });

  it('a stored list that cannot be read is ignored, the store starts signed out', () => {
    const persistence = new MemoryPersistence();
    persistence.load = () => {
      throw new Error('corrupt');
    };
    const { store } = setup({ persistence });
    expect(store.state.kind).toBe('signed-out');
  });

  it('sign-out forgets the list and its cache', async () => {
    const { store, persistence } = setup();
    await store.refresh();
    await store.signOut();
    expect(store.state).toEqual({ kind: 'signed-out' });
    expect(store.secrets).toEqual([]);
    expect(persistence.stored).toBeUndefined();
    expect(store.toCatalog()).toEqual({ state: 'unknown', secrets: [] });
  });

  it('refresh after the key disappears goes signed-out without clearing the stored cache', async () => {
    const { store, access, persistence } = setup();
    await store.refresh();
    access.current = { kind: 'signed-out' };
    await store.refresh();
    expect(store.state.kind).toBe('signed-out');
    expect(store.toCatalog().state).toBe('unknown');
    expect(persistence.stored?.secrets).toHaveLength(2);
  });

  it('accept() takes a list fetched elsewhere and outdates a refresh still running', async () => {
    const { store, api } = setup();
    const release = api.gate();
    const pending = store.refresh();
    store.accept([secret('from-key-check')]);
    release();
    await pending;
    expect(names(store)).toEqual(['from-key-check']);
    expect(store.state.kind).toBe('fresh');
  });
});

describe('SecretsStore refresh coalescing', () => {
  it('refreshes requested while one runs share it: one API call', async () => {
    const { store, api } = setup();
    const release = api.gate();
    const a = store.refresh();
    const b = store.refresh();
    const c = store.refresh();
    expect(b).toBe(a);
    expect(c).toBe(a);
    release();
    await Promise.all([a, b, c]);
    expect(api.calls.filter((call) => call === 'listSecrets')).toHaveLength(1);
  });

  it('a write during a running refresh is not overwritten by that older answer', async () => {
    const { store, api } = setup();
    await store.refresh();
    const release = api.gate(); // this listing snapshots the list before the create
    const running = store.refresh();
    const creating = store.create({ name: 'new_one', value: 'value-of-new-one' });
    release();
    await Promise.all([running, creating]);
    expect(names(store)).toEqual(['db_password', 'hf-token', 'new_one']);
    expect(store.state.kind).toBe('fresh');
  });

  it('a refresh asked for after the endpoint changed does not join the older one: it lists anew', async () => {
    const { store, api } = setup();
    const release = api.gate(); // the listing for the old endpoint is still on its way
    const old = store.refresh();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(api.calls).toEqual(['listSecrets:start']);
    store.reloadFromCache(); // runpod.apiUrl changed
    const fresh = store.refresh();
    expect(fresh).not.toBe(old);
    release();
    await Promise.all([old, fresh]);
    expect(api.calls.filter((call) => call === 'listSecrets')).toHaveLength(2);
    expect(store.state.kind).toBe('fresh');
  });
});

describe('SecretsStore mutations', () => {
  it('create calls the API, then refreshes; the new secret is listed and returned', async () => {
    const { store, api } = setup();
    await store.refresh();
    const created = await store.create({ name: 'api_key', value: 'sk-live-123456', description: 'OpenAI' });
    expect(created).toMatchObject({ name: 'api_key', description: 'OpenAI' });
    expect(api.values.get('api_key')).toBe('sk-live-123456');
    expect(api.calls).toEqual(['listSecrets:start', 'listSecrets', 'createSecret', 'listSecrets:start', 'listSecrets']);
    expect(names(store)).toContain('api_key');
    expect(store.toCatalog().secrets.map((s) => s.name)).toContain('api_key');
  });

  it('a failed create throws and leaves list, state and cache untouched', async () => {
    const { store, api, persistence } = setup();
    await store.refresh();
    const before = { state: store.state, secrets: [...store.secrets], saves: persistence.saved.length };
    api.failNext('createSecret', new KindError('validation', 'name is invalid'));
    await expect(store.create({ name: '9bad', value: 'whatever-value' })).rejects.toMatchObject({ kind: 'validation' });
    expect(store.state).toEqual(before.state);
    expect(store.secrets).toEqual(before.secrets);
    expect(persistence.saved.length).toBe(before.saves);
    expect(api.calls.filter((c) => c === 'listSecrets')).toHaveLength(1);
  });

  it('a duplicate name is refused by the API and nothing changes', async () => {
    const { store } = setup();
    await store.refresh();
    await expect(store.create({ name: 'hf-token', value: 'another-value' })).rejects.toMatchObject({ kind: 'duplicate-name' });
    expect(names(store)).toEqual(['db_password', 'hf-token']);
  });

  it('a write while signed out throws without any API call', async () => {
    const { store, api } = setup({ signedOut: true });
    await expect(store.create({ name: 'x_name', value: 'some-value' })).rejects.toMatchObject({ kind: 'unauthorized' });
    await expect(store.delete('hf-token')).rejects.toThrow(/API key/);
    expect(api.calls).toEqual([]);
  });

  it('a write in an untrusted workspace throws without any API call', async () => {
    const { store, api, access } = setup();
    access.current = { kind: 'untrusted' };
    await expect(store.updateDescription('hf-token', 'd')).rejects.toMatchObject({ kind: 'invalid-config', message: expect.stringMatching(/untrusted/) });
    expect(api.calls).toEqual([]);
  });

  it('a write that succeeded but whose refresh failed keeps the change and goes stale', async () => {
    const { store, api } = setup();
    await store.refresh();
    api.failNext('listSecrets', new KindError('timeout', 'no answer'));
    await store.create({ name: 'made_it', value: 'value-made-it' });
    expect(names(store)).toContain('made_it');
    expect(store.state).toMatchObject({ kind: 'stale', error: { kind: 'timeout' } });
  });

  it('updateValue and updateDescription replace the entry; delete removes it', async () => {
    const { store } = setup();
    await store.refresh();
    const valued = await store.updateValue('hf-token', 'hf_newvalue_abcdef');
    expect(valued.valueLastUpdatedAt).toBe('2026-10-01T00:00:00.000Z');
    await store.updateDescription('hf-token', 'Read token');
    expect(store.secrets.find((s) => s.name === 'hf-token')?.description).toBe('Read token');
    await store.delete('db_password');
    expect(names(store)).toEqual(['hf-token']);
  });

  it('deleting a missing secret throws and keeps the list', async () => {
    const { store } = setup();
    await store.refresh();
    await expect(store.delete('nope')).rejects.toMatchObject({ kind: 'not-found' });
    expect(names(store)).toEqual(['db_password', 'hf-token']);
  });

  it('a secret gone from the account: the error says the list was refreshed only when it was; after a switch of list it says to run Refresh Secrets', async () => {
    const gone = () => new RunpodApiError('not-found', messages.secretNotFound('hf-token', 'editor'));
    const { store, api } = setup();
    await store.refresh();
    api.deleteSecret = async () => {
      api.secrets.delete('hf-token');
      throw gone();
    };
    await expect(store.delete('hf-token')).rejects.toThrow('Secret `hf-token` no longer exists on this RunPod account (deleted elsewhere). The Secrets list was refreshed.');
    expect(names(store)).toEqual(['db_password']);

    // Another account's list arrives while the write runs: that list is not the one the write found stale, and is not listed again.
    api.deleteSecret = async () => {
      store.accept([secret('other-account')]);
      throw gone();
    };
    const listings = api.calls.filter((c) => c === 'listSecrets').length;
    await expect(store.delete('hf-token')).rejects.toThrow("Secret `hf-token` no longer exists on this RunPod account (deleted elsewhere). To see the current list, run 'RunPod: Refresh Secrets'.");
    expect(api.calls.filter((c) => c === 'listSecrets')).toHaveLength(listings);
  });

  it('a gone secret is listed again unless its error was made with a list-again step: words that only look like one (a server detail) do not count', async () => {
    const { store, api } = setup();
    await store.refresh();
    const quoting = "Secret `hf-token` no longer exists. RunPod said: To see the current list, run 'RunPod: Refresh Secrets'.";
    api.deleteSecret = async () => {
      api.secrets.delete('hf-token');
      throw new RunpodApiError('not-found', quoting);
    };
    await expect(store.delete('hf-token')).rejects.toThrow(`${quoting} The Secrets list was refreshed.`);
    expect(names(store)).toEqual(['db_password']);
    // The client's own 404, which sends to the list itself, is left as it is.
    const own = new RunpodApiError('not-found', messages.notFound({ label: 'delete secret `db_password`', resource: 'secrets', action: 'delete', target: 'db_password' }, 'editor'));
    api.deleteSecret = async () => {
      throw own;
    };
    const listings = api.calls.filter((c) => c === 'listSecrets').length;
    await expect(store.delete('db_password')).rejects.toThrow(/^RunPod found nothing to delete secret `db_password` \(404\); it may have been deleted. To see the current list, run 'RunPod: Refresh Secrets'.$/);
    expect(api.calls.filter((c) => c === 'listSecrets')).toHaveLength(listings);
  });
});

describe('SecretsStore.secretNames: one frozen array per list, for the name boxes', () => {
  it('is the same frozen array while the list is the same, and a new one once a refresh, write or sign-out replaced it', async () => {
    const { store } = setup();
    const none = store.secretNames;
    expect(none).toEqual([]);
    await store.refresh();
    const listed = store.secretNames;
    expect(listed).toEqual(['db_password', 'hf-token']);
    expect(Object.isFrozen(listed)).toBe(true);
    expect(store.secretNames).toBe(listed);
    await store.create({ name: 'api_key', value: 'sk-live-123456' });
    expect(store.secretNames).not.toBe(listed);
    expect(store.secretNames).toEqual(['api_key', 'db_password', 'hf-token']);
    // The old array still holds the old names: it was replaced, never changed in place.
    expect(listed).toEqual(['db_password', 'hf-token']);
    await store.signOut();
    expect(store.secretNames).toEqual([]);
  });
});

describe('SecretsStore.toCatalog', () => {
  it('sends only names and metadata: no id, no value field', async () => {
    const { store } = setup({ secrets: [secret('hf-token', { description: 'HF' })] });
    await store.refresh();
    await store.updateValue('hf-token', 'the-secret-value-xyz');
    const catalog = store.toCatalog();
    expect(catalog).toEqual({
      state: 'fresh',
      fetchedAt: catalog.fetchedAt,
      secrets: [
        { name: 'hf-token', description: 'HF', createdAt: '2026-09-01T12:00:00.000Z', valueLastUpdatedAt: '2026-10-01T00:00:00.000Z' },
      ],
    });
    expect(JSON.stringify(catalog)).not.toContain('the-secret-value-xyz');
  });
});

describe('SecretsStore tells the secret history about each write', () => {
  it('after success only, with the action and the name, never the value', async () => {
    const api = new FakeSecretsApi([secret('hf-token')]);
    const access = new AccessSwitch(api);
    const writes: unknown[][] = [];
    const store = new SecretsStore({ emitter: new TestEmitter(), getAccess: access.get, persistence: new MemoryPersistence(), now: steppingClock(), onWrite: (...args) => writes.push(args) });
    await store.refresh();
    await store.create({ name: 'new', value: 'v-created-123' });
    await store.updateValue('new', 'v-changed-456');
    await store.updateDescription('new', 'd');
    api.failNext('deleteSecret', new KindError('network', 'offline'));
    await expect(store.delete('new')).rejects.toThrow();
    await store.delete('new');
    expect(writes).toEqual([
      ['created', 'new', TEST_ACCOUNT],
      ['value-changed', 'new', TEST_ACCOUNT],
      ['description-changed', 'new', TEST_ACCOUNT],
      ['deleted', 'new', TEST_ACCOUNT],
    ]);
    expect(JSON.stringify(writes)).not.toMatch(/v-created|v-changed/);
  });

  it('under the account of the client that wrote, when another is active by the time it answers; the caller is told the same', async () => {
    const team = { origin: 'https://api.runpod.io', label: 'team' };
    const api = new FakeSecretsApi([secret('hf-token')]);
    const access = new AccessSwitch(api);
    access.current = { kind: 'api', api: api.asApi(), account: team };
    const writes: unknown[][] = [];
    const store = new SecretsStore({ emitter: new TestEmitter(), getAccess: access.get, persistence: new MemoryPersistence(), now: steppingClock(), onWrite: (...args) => writes.push(args) });
    // The write is in flight with team's client when the window switches to another account.
    const update = api.updateSecret.bind(api);
    api.updateSecret = async (name, patch) => {
      access.current = { kind: 'api', api: new FakeSecretsApi().asApi(), account: { origin: 'https://api.runpod.io', label: 'personal' } };
      return update(name, patch);
    };
    const told: unknown[] = [];
    await store.updateValue('hf-token', 'v-rotated-789', { writtenIn: (account) => told.push(account) });
    expect(writes).toEqual([['value-changed', 'hf-token', team]]);
    expect(told).toEqual([team]);
  });
});

describe('a write held to its flow\'s account', () => {
  /**
   * A store listed under team whose next key lookup is a switch to personal (accounts.active too):
   * the lookup then answers with `afterSwitch` (personal's client, or none).
   */
  async function switchingOnLookup(api: FakeSecretsApi, afterSwitch: (api: FakeSecretsApi) => ApiAccess, writes?: unknown[][]) {
    const access = new AccessSwitch(api);
    const accounts = { active: 'team' };
    let switchOnLookup = false;
    const getAccess = () => {
      if (switchOnLookup) {
        accounts.active = 'personal';
        access.current = afterSwitch(api);
      }
      return access.get();
    };
    const store = new SecretsStore({ emitter: new TestEmitter(), getAccess, persistence: new MemoryPersistence(), now: steppingClock(), ...(writes ? { onWrite: (...args: unknown[]) => writes.push(args) } : {}) });
    await store.refresh();
    switchOnLookup = true;
    return { store, accounts };
  }

  it('is refused, with no API call, when the client the store took is another account\'s (a switch during the key lookup)', async () => {
    const api = new FakeSecretsApi([secret('hf-token')]);
    const writes: unknown[][] = [];
    // The flow started under team (whileActive's own check passed); the key lookup answers with personal's client.
    const { store, accounts } = await switchingOnLookup(api, (a) => ({ kind: 'api', api: a.asApi(), account: { origin: 'https://api.runpod.io', label: 'personal' } }), writes);
    const flow = { name: 'Delete Secret', title: 'RunPod: Delete Secret...', nothing: 'nothing was deleted' };
    const run = whileActive(accounts as never, 'team', flow, (check) => store.delete('hf-token', { check }));
    await expect(run()).rejects.toThrow(/The active RunPod account changed to personal while Delete Secret was open; nothing was deleted/);
    expect(api.calls.filter((c) => c.startsWith('delete'))).toEqual([]);
    expect(writes).toEqual([]);
    expect(names(store)).toEqual(['hf-token']);
  });

  it('names the switch, not a sign-out or a changed key, when the account switched to during the key lookup has no key here', async () => {
    const api = new FakeSecretsApi([secret('hf-token')]);
    // The switch lands while the store looks up its key: personal has none for this URL.
    const { store, accounts } = await switchingOnLookup(api, () => ({ kind: 'signed-out' }));
    const flow = { name: 'Edit Secret Value', title: 'RunPod: Edit Secret Value...', nothing: 'the value was not changed' };
    const run = whileActive(accounts as never, 'team', flow, (check) => store.updateValue('hf-token', 'v-new-0001', { check }));
    await expect(run()).rejects.toThrow(
      "The active RunPod account changed to personal while Edit Secret Value was open; the value was not changed. Run 'RunPod: Edit Secret Value...' again.",
    );
    expect(api.calls.filter((c) => c.startsWith('update'))).toEqual([]);
  });
});

describe('a write that answers after a switch of account', () => {
  const personal = { origin: 'https://api.runpod.io', label: 'personal' };
  const team = { origin: 'https://api.runpod.io', label: 'team' };

  /**
   * team's write is held in flight; the window switches to personal as accountSwitch.ts does
   * (personal's cached list, then its refresh, held too); then team's write answers.
   */
  async function switchDuringWrite(write: (store: SecretsStore) => Promise<unknown>, release: 'write-first' | 'refresh-first' = 'write-first') {
    const teamApi = new FakeSecretsApi([secret('shared'), secret('team-only')]);
    const personalApi = new FakeSecretsApi([secret('shared', { description: 'personal' }), secret('personal-only')]);
    const access = new AccessSwitch(teamApi);
    access.current = { kind: 'api', api: teamApi.asApi(), account: team };
    const persistence = new MemoryPersistence();
    const emitter = new TestEmitter();
    const store = new SecretsStore({ emitter, getAccess: access.get, persistence, now: steppingClock() });
    await store.refresh();
    const held = deferred<void>();
    const writing = deferred<void>();
    for (const method of ['createSecret', 'updateSecret', 'deleteSecret'] as const) {
      const real = (teamApi[method] as (...a: unknown[]) => Promise<unknown>).bind(teamApi);
      (teamApi as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
        writing.resolve();
        await held.promise;
        return real(...args);
      };
    }
    // Every catalog the language server is sent, and every list the tree shows, from the switch on.
    const seen: string[][] = [];
    const catalogs: string[][] = [];
    let switched = false;
    store.onDidChange(() => {
      if (!switched) return;
      seen.push(names(store));
      catalogs.push(store.toCatalog().secrets.map((s) => s.name));
    });
    const done = write(store).catch((error: unknown) => error);
    await writing.promise;
    // The switch: personal's key, personal's list from the last session, then personal's refresh.
    switched = true;
    access.current = { kind: 'api', api: personalApi.asApi(), account: personal };
    persistence.stored = { fetchedAt: '2026-09-09T09:00:00.000Z', secrets: [secret('shared', { description: 'personal' }), secret('personal-only')] };
    store.reloadFromCache();
    const releaseList = personalApi.gate();
    const refreshing = store.refresh();
    if (release === 'refresh-first') {
      releaseList();
      await refreshing;
      held.resolve();
    } else {
      held.resolve();
      // The write's answer is handled before personal's listing answers (pending promises only, no timer).
      await new Promise((resolve) => setImmediate(resolve));
      releaseList();
    }
    await refreshing;
    await done;
    return { store, seen, catalogs, personalApi, teamApi, result: await done };
  }

  it.each([
    ['create', (store: SecretsStore) => store.create({ name: 'team-new', value: 'v-team-new-1' })],
    ['update the value', (store: SecretsStore) => store.updateValue('team-only', 'v-team-2')],
    ['update the description', (store: SecretsStore) => store.updateDescription('shared', 'team')],
    ['delete', (store: SecretsStore) => store.delete('shared')],
  ])('%s: the new account\'s list, tree and catalog stay its own, and its refresh is not discarded', async (_what, write) => {
    for (const order of ['write-first', 'refresh-first'] as const) {
      const { store, seen, catalogs, personalApi, teamApi } = await switchDuringWrite(write, order);
      const personalList = ['personal-only', 'shared'];
      for (const list of [...seen, ...catalogs]) expect(list).toEqual(personalList);
      expect(names(store)).toEqual(personalList);
      expect(store.secrets.find((s) => s.name === 'shared')?.description).toBe('personal');
      expect(store.state.kind).toBe('fresh');
      expect(store.toCatalog()).toMatchObject({ state: 'fresh' });
      // One listing with personal's key: the switch's refresh counted, none listed again for team's write.
      expect(personalApi.calls.filter((c) => c === 'listSecrets')).toEqual(['listSecrets']);
      // The write itself still happened, in team (finishing it after a switch is on purpose).
      expect(teamApi.calls.some((c) => /Secret$/.test(c) && c !== 'listSecrets')).toBe(true);
    }
  });
});

describe("a write that answers after its own account's list replaced the list", () => {
  /**
   * team's write is held in flight while a list of team's own replaces the store's (Set API Key for
   * the active account, re-adding it, a switch away and back: accept or reloadFromCache), taken
   * before the write landed; then the write answers.
   */
  it.each([
    ['Set API Key again (accept)', (store: SecretsStore, before: ReturnType<typeof secret>[]) => store.accept(before)],
    ['a switch away and back (reloadFromCache)', (store: SecretsStore) => store.reloadFromCache()],
    // Account names are the same ignoring case (sameAccountName): DEFAULT is the account that wrote.
    ['a switch back to the same account under its name in another case', (store: SecretsStore, _before: unknown, access: AccessSwitch) => {
      if (access.current.kind === 'api') access.current = { ...access.current, account: { ...TEST_ACCOUNT, label: 'DEFAULT' } };
      store.reloadFromCache();
    }],
  ])('%s: the store lists again after the write, so a just-created secret is known', async (_what, replace) => {
    const { store, api, access } = setup();
    await store.refresh();
    const before = [secret('hf-token'), secret('db_password')];
    const held = deferred<void>();
    const writing = deferred<void>();
    const create = api.createSecret.bind(api);
    api.createSecret = async (input) => {
      writing.resolve();
      await held.promise;
      return create(input);
    };
    const done = store.create({ name: 'just-made', value: 'v-just-made-1' });
    await writing.promise;
    replace(store, before, access);
    expect(access.current.kind).toBe('api'); // the write's account is still the active one
    held.resolve();
    await done; // a write awaits the refresh that follows it
    expect(names(store)).toContain('just-made');
    expect(store.toCatalog().secrets.map((s) => s.name)).toContain('just-made');
  });
});
