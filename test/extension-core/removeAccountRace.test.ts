/**
 * Remove Account of the active account while its secret list is being fetched: the list answers
 * after the account's keys and cached lists are gone but before the window switches. The cache is
 * saved under the active account at save time, so that list must be dropped, not written back
 * under the removed name (accounts.ts remove outdates the store's running fetch).
 */
import { expect, it } from 'vitest';
import { Accounts } from '../../client/src/auth/accounts';
import { ApiKeyStorage } from '../../client/src/auth/keyStorage';
import { mementoPersistence, type MementoLike } from '../../client/src/secrets/persistence';
import { SecretsStore } from '../../client/src/secrets/store';
import { AccessSwitch, FakeSecretsApi, MemorySecretStorage, TestEmitter, secret } from './helpers';

const ORIGIN = 'https://api.runpod.io';

class Memento implements MementoLike {
  data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, value);
  }
}

it('a list fetch of the removed account that answers during Remove Account is neither shown nor cached under its name', async () => {
  const memento = new Memento();
  const keys = new ApiKeyStorage(new MemorySecretStorage() as never);
  await keys.setFor('team', ORIGIN, 'rpa_team_key_0123456789');
  await keys.setFor('default', ORIGIN, 'rpa_default_key_0123456789');
  keys.account = 'team';
  const persistence = mementoPersistence(memento, () => ({ account: keys.account, apiUrl: ORIGIN }));
  const api = new FakeSecretsApi([secret('team-db')]);
  const store = new SecretsStore({ emitter: new TestEmitter(), getAccess: new AccessSwitch(api).get, persistence });
  const accounts = new Accounts({ keys, memento, emitter: new TestEmitter(), forgetCachedLists: (name) => persistence.forgetAccount(name), outdateLists: () => store.outdate() });

  const open = api.gate(); // team's list is on its way
  const fetching = store.refresh();
  await accounts.remove('team');
  open(); // it answers now: after the keys and cached lists went, before the switch
  await fetching;

  expect(JSON.stringify([...memento.data.values()])).not.toContain('team-db');
  expect(store.secrets.map((s) => s.name)).not.toContain('team-db');
});
