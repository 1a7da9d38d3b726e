/**
 * The accounts of this window: which one is active, and the names that hold a key. The active
 * account is per window (it is the account of `ApiKeyStorage.account`, which every lookup uses, so
 * the Secrets and Pods views, the language server, Launch Pod and Push Template all follow it). The
 * one the user chose last is remembered in extension storage as the start of windows whose workspace
 * names none; a workspace's `runpod.account` wins in its own window and is not remembered.
 * No `vscode` import: storage, events and the cached lists are injected.
 */
import { findAccount } from './accountNames';
import { sameAccountName } from '../../../server/src/template/accountNames';
import { DEFAULT_ACCOUNT } from './keyRecords';
import type { ApiKeyStorage } from './keyStorage';
import type { MementoLike } from '../secrets/persistence';
import type { EmitterLike } from '../secrets/store';

/** Where the active account came from. */
export type AccountChoice = 'user' | 'workspace';

export interface AccountsDeps {
  keys: ApiKeyStorage;
  /** Extension storage (`globalState`): the account the user chose last. */
  memento: MementoLike;
  /** Fires when the active account or the list of names changes. */
  emitter: EmitterLike;
  /** Drops every cached secret list of an account (Remove Account). */
  forgetCachedLists(account: string): Thenable<void>;
  /**
   * Outdates a secret list fetch still running (the store's generation): its list is dropped, not
   * shown nor saved. The cache is saved under the active account at the time, so a fetch that
   * answered during Remove Account would write the removed account's list back under its name.
   */
  outdateLists(): void;
}

const REMEMBERED_KEY = 'runpod.activeAccount';

export class Accounts {
  private _names: string[] = [];
  private _choice: AccountChoice = 'user';

  constructor(private readonly deps: AccountsDeps) {}

  /** The active account's name (it may hold no key: a workspace can name one not added yet). */
  get active(): string {
    return this.deps.keys.account;
  }

  /** Whether the active account was chosen by the workspace's `runpod.account`. */
  get choice(): AccountChoice {
    return this._choice;
  }

  /** The names that hold a key, as of the last `reload`. */
  get names(): readonly string[] {
    return this._names;
  }

  get onDidChange() {
    return this.deps.emitter.event;
  }

  /** Whether `name` holds a key (ignoring case, as names are compared). */
  has(name: string): boolean {
    return findAccount(this._names, name) !== undefined;
  }

  /** Reads the names again from secret storage (after a key change here or in another window). */
  async reload(): Promise<readonly string[]> {
    const names = await this.deps.keys.accounts();
    if (names.join('\n') !== this._names.join('\n')) {
      this._names = names;
      this.deps.emitter.fire();
    }
    return this._names;
  }

  /**
   * The account a window starts with, its workspace aside: the one chosen last if it still holds
   * a key, else `default`, else the first, else `default` (no account yet: Set API Key makes it).
   */
  async initial(): Promise<string> {
    const names = await this.reload();
    const remembered = this.deps.memento.get<unknown>(REMEMBERED_KEY);
    const chosen = typeof remembered === 'string' ? findAccount(names, remembered) : undefined;
    return chosen ?? findAccount(names, DEFAULT_ACCOUNT) ?? names[0] ?? DEFAULT_ACCOUNT;
  }

  /**
   * Makes `name` the active account. A user's choice is remembered for the next windows; a
   * workspace's is not. Returns whether anything changed. The caller refreshes (accountSwitch.ts).
   */
  use(name: string, choice: AccountChoice): boolean {
    const changed = name !== this.deps.keys.account || choice !== this._choice;
    this.deps.keys.account = name;
    this._choice = choice;
    if (choice === 'user') void Promise.resolve(this.deps.memento.update(REMEMBERED_KEY, name)).catch(() => undefined);
    if (changed) this.deps.emitter.fire();
    return changed;
  }

  /** Forgets every key and cached list of `name`; returns the origins its keys were saved for. */
  async remove(name: string): Promise<string[]> {
    // Before the first await: a fetch of the active account answering from here until the switch is dropped.
    if (sameAccountName(name, this.deps.keys.account)) this.deps.outdateLists();
    const origins = await this.deps.keys.removeAccount(name);
    await this.deps.forgetCachedLists(name);
    await this.reload();
    return origins;
  }
}
