/**
 * The stored form of API keys: each key with its account and the origin it was saved for; the
 * move from the single key of older versions; what a broken or hand-edited store reads as.
 */
import { describe, expect, it } from 'vitest';
import { accountsOf, lookupKey, parseStoredKeys, serializeStoredKeys, shadowedAccounts, shadowedNotice, withKey, type StoredKey } from '../../client/src/auth/keyRecords';
import { ApiKeyStorage } from '../../client/src/auth/keyStorage';
import { MemorySecretStorage } from './helpers';

const RUNPOD = 'https://api.runpod.io';
const FAKE = 'http://127.0.0.1:8787';
const KEY = 'rpa_real_key_0123456789';

function storage(secrets = new MemorySecretStorage()) {
  return { secrets, keys: new ApiKeyStorage(secrets as never) };
}

describe('stored keys (pure)', () => {
  it('a key is found for its own origin only; another origin learns where a key is saved instead', () => {
    const keys: StoredKey[] = [{ account: 'default', origin: RUNPOD, key: KEY }];
    expect(lookupKey(keys, 'default', RUNPOD)).toEqual({ kind: 'key', key: KEY, account: 'default' });
    expect(lookupKey(keys, 'default', FAKE)).toEqual({ kind: 'elsewhere', savedFor: RUNPOD });
    expect(lookupKey(keys, 'team', RUNPOD)).toEqual({ kind: 'none' });
    expect(lookupKey([], 'default', RUNPOD)).toEqual({ kind: 'none' });
  });

  it('names the most recently saved origin when several hold keys', () => {
    let keys = withKey([], { account: 'default', origin: RUNPOD, key: KEY });
    keys = withKey(keys, { account: 'default', origin: 'https://gateway.example', key: 'rpa_gw_key_0123456789' });
    expect(lookupKey(keys, 'default', FAKE)).toEqual({ kind: 'elsewhere', savedFor: 'https://gateway.example' });
    keys = withKey(keys, { account: 'default', origin: RUNPOD, key: 'rpa_new_key_0123456789' });
    expect(keys).toHaveLength(2);
    expect(lookupKey(keys, 'default', FAKE)).toEqual({ kind: 'elsewhere', savedFor: RUNPOD });
  });

  it('round-trips, and reads anything malformed as no key, record by record, never throwing', () => {
    const good = { account: 'default', origin: RUNPOD, key: KEY };
    expect(parseStoredKeys(serializeStoredKeys([good]))).toEqual([good]);
    for (const junk of [undefined, '', 'rpa_bare_key', '{', 'null', '42', '[]', '{"keys": []}', '{"version": 2, "keys": []}']) {
      expect(parseStoredKeys(junk), String(junk)).toEqual([]);
    }
    const mixed = JSON.stringify({
      version: 1,
      keys: [
        good,
        null,
        'x',
        { account: '', origin: RUNPOD, key: KEY },
        { account: 'default', origin: 'https://api.runpod.io/v2', key: KEY }, // a URL, not an origin
        { account: 'default', origin: 'not a url', key: KEY },
        { account: 'default', origin: FAKE, key: 'two words' },
        { account: 'default', origin: FAKE, key: 42 },
        { account: 'default', origin: FAKE, key: KEY, extra: 'dropped' },
      ],
    });
    expect(parseStoredKeys(mixed)).toEqual([good, { account: 'default', origin: FAKE, key: KEY }]);
  });
});

describe('names that are one account (my-team, my_team, My-Team)', () => {
  const OTHER = 'rpa_other_key_0123456789';
  const both: StoredKey[] = [
    { account: 'my-team', origin: RUNPOD, key: KEY },
    { account: 'my_team', origin: RUNPOD, key: OTHER },
  ];

  it("every name of the account finds the same key: the first stored name's", () => {
    for (const name of ['my-team', 'my_team', 'MY-TEAM']) expect(lookupKey(both, name, RUNPOD)).toEqual({ kind: 'key', key: KEY, account: name });
    expect(lookupKey([both[1]!], 'my-team', RUNPOD)).toEqual({ kind: 'key', key: OTHER, account: 'my-team' });
    expect(accountsOf(both)).toEqual(['my-team']);
  });

  it("saving under another spelling replaces the stored name's key instead of adding a second name", () => {
    const saved = withKey([both[0]!], { account: 'My_Team', origin: RUNPOD, key: OTHER });
    expect(saved).toEqual([{ account: 'my-team', origin: RUNPOD, key: OTHER }]);
  });

  it('the name whose keys are never used is named once, with the key used and how to remove the other', () => {
    expect(shadowedAccounts(both)).toEqual([{ name: 'my_team', usedInstead: 'my-team' }]);
    expect(shadowedAccounts([both[0]!])).toEqual([]);
    const notice = shadowedNotice(both)!;
    expect(notice.remove).toBe('my_team');
    expect(notice.message).toContain('my-team');
    expect(notice.message).toContain('my_team');
    expect(notice.message).toContain('Remove Account');
    expect(notice.message).not.toContain(KEY);
    expect(notice.message).not.toContain(OTHER);
    expect(shadowedNotice([both[0]!])).toBeUndefined();
  });

  it('Remove Account removes the name picked only; Clear API Key the key in use', async () => {
    const { secrets, keys } = storage();
    await keys.setFor('my-team', RUNPOD, KEY);
    // An older version saved the second spelling (the store is read as it is).
    await secrets.store('runpod.apiKeys', serializeStoredKeys([...both]));
    expect(await keys.removeAccount('my_team')).toEqual([RUNPOD]);
    expect(await keys.all()).toEqual([both[0]]);
    await secrets.store('runpod.apiKeys', serializeStoredKeys([...both]));
    keys.account = 'my_team';
    expect(await keys.get(RUNPOD)).toBe(KEY);
    await keys.clear();
    expect(await keys.all()).toEqual([both[1]]);
  });
});

describe('ApiKeyStorage', () => {
  it('keeps a key per origin: setting one leaves the other', async () => {
    const { keys } = storage();
    await keys.set(RUNPOD, KEY);
    await keys.set(FAKE, 'rp_fake_key_0123456789');
    expect(await keys.get(RUNPOD)).toBe(KEY);
    expect(await keys.get(FAKE)).toBe('rp_fake_key_0123456789');
    expect(await keys.get('https://elsewhere.example')).toBeUndefined();
  });

  it('allow() saves the key of one origin for another; nothing when that key is gone', async () => {
    const { keys } = storage();
    await keys.set(RUNPOD, KEY);
    expect(await keys.allow(FAKE, RUNPOD)).toBe(true);
    expect(await keys.lookup(FAKE)).toEqual({ kind: 'key', key: KEY, account: 'default' });
    expect(await keys.allow('https://x.example', 'https://gone.example')).toBe(false);
    expect(await keys.get('https://x.example')).toBeUndefined();
  });

  it('writes of one window happen one after another: none is lost', async () => {
    const { keys } = storage();
    await Promise.all(Array.from({ length: 5 }, (_, i) => keys.set(`https://h${i}.example`, `rpa_key_${i}_0123456789`)));
    expect((await keys.all()).map((k) => k.origin).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `https://h${i}.example`));
  });

  it('a storage that cannot be read reads as no key, and a write then fails instead of overwriting', async () => {
    const { keys, secrets } = storage();
    await keys.set(RUNPOD, KEY);
    const before = secrets.data.get('runpod.apiKeys');
    secrets.failReads = true;
    expect(await keys.lookup(RUNPOD)).toEqual({ kind: 'none' });
    await expect(keys.set(FAKE, 'rp_fake_key_0123456789')).rejects.toThrow(/locked/);
    expect(secrets.data.get('runpod.apiKeys')).toBe(before);
  });

  it('clear() forgets every key of the account, the old single key too, and says for which origins', async () => {
    const { keys, secrets } = storage();
    await keys.set(RUNPOD, KEY);
    await keys.set(FAKE, 'rp_fake_key_0123456789');
    await secrets.store('runpod.apiKey', 'rpa_left_over_0123456789');
    expect(await keys.clear()).toEqual([RUNPOD, FAKE]);
    expect([...secrets.data.keys()]).toEqual([]);
  });

  it('fires its change event for the stored keys only', async () => {
    const { keys, secrets } = storage();
    let fired = 0;
    keys.onDidChange(() => fired++);
    await secrets.store('some.other.extension', 'x');
    await keys.set(RUNPOD, KEY);
    expect(fired).toBe(1);
  });
});

describe('the single key of older versions', () => {
  it('is saved for the origin given (the URL in effect) and removed from its old place', async () => {
    const { keys, secrets } = storage();
    await secrets.store('runpod.apiKey', ` ${KEY} `);
    expect(await keys.migrate(FAKE)).toBe(true);
    expect(await keys.all()).toEqual([{ account: 'default', origin: FAKE, key: KEY }]);
    expect(secrets.data.has('runpod.apiKey')).toBe(false);
    expect(await keys.migrate(FAKE)).toBe(false);
  });

  it('does not replace keys another window already moved or saved', async () => {
    const { keys, secrets } = storage();
    await keys.set(RUNPOD, 'rpa_newer_key_0123456789');
    await secrets.store('runpod.apiKey', KEY);
    expect(await keys.migrate(RUNPOD)).toBe(false);
    expect(await keys.get(RUNPOD)).toBe('rpa_newer_key_0123456789');
    expect(secrets.data.has('runpod.apiKey')).toBe(false);
  });

  it('a malformed old key (it never worked) is dropped, not carried over', async () => {
    const { keys, secrets } = storage();
    await secrets.store('runpod.apiKey', 'two words');
    expect(await keys.migrate(RUNPOD)).toBe(false);
    expect(await keys.all()).toEqual([]);
    expect(secrets.data.size).toBe(0);
  });
});

describe('RUNPOD_API_KEY', () => {
  it('is saved for the origin in effect when it has no key; a saved key is never replaced', async () => {
    const { keys } = storage();
    expect(await keys.importFromEnvironment(FAKE, { RUNPOD_API_KEY: KEY })).toEqual({ kind: 'imported', key: KEY });
    expect(await keys.all()).toEqual([{ account: 'default', origin: FAKE, key: KEY }]);
    expect(await keys.importFromEnvironment(FAKE, { RUNPOD_API_KEY: 'rpa_other_0123456789' })).toEqual({ kind: 'skipped' });
    expect(await keys.importFromEnvironment(RUNPOD, {})).toEqual({ kind: 'skipped' });
    expect(await keys.importFromEnvironment(RUNPOD, { RUNPOD_API_KEY: 'a b' })).toEqual({ kind: 'invalid' });
    expect(await keys.get(RUNPOD)).toBeUndefined();
  });
});
