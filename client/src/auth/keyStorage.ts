/**
 * API keys live in VS Code's secret storage only (never settings, never a file), each with the
 * origin it was saved for (keyRecords.ts). This adapter reads and writes that one entry, moves the
 * single key of older versions into it, and hands out change events for it alone. `account` is the
 * active account of this window (auth/accounts.ts switches it): lookups and Set/Clear API Key act
 * on it; Add and Remove Account name theirs.
 */
import type * as vscode from 'vscode';
import {
  accountsOf,
  DEFAULT_ACCOUNT,
  lookupKey,
  parseStoredKeys,
  serializeStoredKeys,
  usedName,
  withKey,
  withoutAccount,
  type KeyLookup,
  type StoredKey,
} from './keyRecords';
import { readApiKey } from './keyRules';
// Read once at activation when no key is stored for the URL in effect (demo and CI).
import { API_KEY_ENV } from '../runpod/environmentVariables';

/** Every stored key with its account and origin, as JSON (keyRecords.ts). */
const KEYS_SECRET = 'runpod.apiKeys';
/** Where versions before keys were bound to an origin kept the one key, bare. */
const LEGACY_KEY_SECRET = 'runpod.apiKey';

/** What the RUNPOD_API_KEY hook did: nothing (unset, or a key is saved already), refused a malformed key, or saved it. */
export type EnvironmentImport = { kind: 'skipped' } | { kind: 'invalid' } | { kind: 'imported'; key: string };

export class ApiKeyStorage {
  /** Read-modify-write steps of this window, one at a time. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    /** The active account; only Accounts.use changes it in the extension. */
    public account: string = DEFAULT_ACCOUNT,
  ) {}

  /** What is stored for this account at `origin`; a storage failure reads as "nothing". */
  async lookup(origin: string): Promise<KeyLookup> {
    return lookupKey(await this.all(), this.account, origin);
  }

  /** The key saved for `origin`, or undefined. */
  async get(origin: string): Promise<string | undefined> {
    const found = await this.lookup(origin);
    return found.kind === 'key' ? found.key : undefined;
  }

  /** Every stored key of every account (for the redactor); a storage failure reads as none. */
  async all(): Promise<StoredKey[]> {
    return (await this.allIfReadable()) ?? [];
  }

  /** Every stored key of every account, or undefined when the storage could not be read (a locked keychain). */
  allIfReadable(): Promise<StoredKey[] | undefined> {
    return this.read().catch(() => undefined);
  }

  /** The names of the accounts that hold a key (any origin); a storage failure reads as none. */
  async accounts(): Promise<string[]> {
    return accountsOf(await this.all());
  }

  /** Saves `key` for `origin` (replacing the key saved for it; keys of other origins stay). */
  set(origin: string, key: string): Promise<void> {
    return this.setFor(this.account, origin, key);
  }

  /** Saves `key` as `account`'s key for `origin` (Add Account, Import). */
  setFor(account: string, origin: string, key: string): Promise<void> {
    return this.update((keys) => withKey(keys, { account, origin, key }));
  }

  /**
   * The user's yes to sending the key saved for `savedFor` to `origin`: from now on it is saved for
   * both. Returns false (and stores nothing) when that key is gone meanwhile.
   */
  async allow(origin: string, savedFor: string): Promise<boolean> {
    let allowed = false;
    // The account asked about, even if the window switches while the write waits its turn.
    const account = this.account;
    await this.update((keys) => {
      const found = lookupKey(keys, account, savedFor);
      if (found.kind !== 'key') return keys;
      allowed = true;
      return withKey(keys, { account, origin, key: found.key });
    });
    return allowed;
  }

  /** Forgets every key of the active account (the stored name whose keys it uses); returns the origins they were saved for. */
  async clear(): Promise<string[]> {
    const origins = await this.removeAccount(usedName(await this.all(), this.account));
    await this.secrets.delete(LEGACY_KEY_SECRET);
    return origins;
  }

  /**
   * Forgets every key of `account` (Remove Account): of that stored name when there is one (a name
   * whose keys another spelling shadows is removed alone), else of the name it uses. Returns the
   * origins they were saved for.
   */
  async removeAccount(account: string): Promise<string[]> {
    let origins: string[] = [];
    await this.update((keys) => {
      const name = keys.some((k) => k.account === account) ? account : usedName(keys, account);
      origins = keys.filter((k) => k.account === name).map((k) => k.origin);
      return origins.length === 0 ? keys : withoutAccount(keys, name);
    });
    return origins;
  }

  /** Fires when any stored key changes, also from another window. */
  onDidChange(listener: () => void): vscode.Disposable {
    return this.secrets.onDidChange((event) => {
      if (event.key === KEYS_SECRET) listener();
    });
  }

  /**
   * Moves the bare key of older versions into the stored form as account `default`, saved for
   * `origin` (the URL in effect when it was in use, so nothing changes for the user), unless that
   * account already has keys (another window moved it). Returns whether a key was moved.
   */
  async migrate(origin: string): Promise<boolean> {
    let legacy: string | undefined;
    try {
      legacy = await this.secrets.get(LEGACY_KEY_SECRET);
    } catch {
      return false;
    }
    if (legacy === undefined) return false;
    const read = readApiKey(legacy);
    let moved = false;
    await this.update((keys) => {
      // A malformed key never worked (the client refuses it); it is dropped, not carried over.
      if (!read.ok || keys.some((k) => k.account === DEFAULT_ACCOUNT)) return keys;
      moved = true;
      return withKey(keys, { account: DEFAULT_ACCOUNT, origin, key: read.key });
    });
    await this.secrets.delete(LEGACY_KEY_SECRET);
    return moved;
  }

  /**
   * Demo/CI hook: with no key of any account saved for `origin` (the URL in effect now) and
   * `RUNPOD_API_KEY` set, save that as account `default`'s key for `origin` (whichever account is
   * active: the variable says nothing about which account it is). Says what it did; `imported`
   * carries the key for the redactor.
   */
  async importFromEnvironment(origin: string, env: NodeJS.ProcessEnv = process.env): Promise<EnvironmentImport> {
    const fromEnv = env[API_KEY_ENV];
    // An empty variable is one not set.
    if (!fromEnv?.trim() || (await this.all()).some((k) => k.origin === origin)) return { kind: 'skipped' };
    const read = readApiKey(fromEnv);
    if (!read.ok) return { kind: 'invalid' };
    await this.setFor(DEFAULT_ACCOUNT, origin, read.key);
    return { kind: 'imported', key: read.key };
  }

  /** The stored list; throws when secret storage cannot be read (so an update never overwrites it blindly). */
  private async read(): Promise<StoredKey[]> {
    return parseStoredKeys(await this.secrets.get(KEYS_SECRET));
  }

  private update(change: (keys: StoredKey[]) => StoredKey[]): Promise<void> {
    const step = this.writes.then(async () => {
      const before = await this.read();
      const after = change(before);
      if (after === before) return;
      if (after.length === 0) await this.secrets.delete(KEYS_SECRET);
      else await this.secrets.store(KEYS_SECRET, serializeStoredKeys(after));
    });
    this.writes = step.catch(() => undefined);
    return step;
  }
}
