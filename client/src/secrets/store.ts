/**
 * The one store of secret metadata: it feeds the tree view, the status bar and the language server.
 * Pure (no `vscode` import at run time): the event emitter, the API access, the persistence, the
 * clock and the log are injected, so every state transition is tested without an editor.
 *
 * States (services.ts): signed-out, untrusted, loading, fresh, stale, error. A list once known is
 * never thrown away by a failed refresh: that gives `stale`, not `error`, so the server keeps
 * completing names and never invents "unknown secret" warnings from missing knowledge.
 */
import type * as vscode from 'vscode';
import type { SecretsChangedParams } from '../../../server/src/protocol';
import { toSecretMetadata } from './metadata';
import { bySecretName } from './nameOrder';
import type { RunpodApi, Secret } from '../runpod/types';
import type { RunpodLog, SecretsStoreApi, SignedOut, StoreState } from '../services';
import { describeError, scrubError } from '../log/runpodLog';
import { RunpodApiError } from '../runpod/errors';
import { messages } from '../runpod/messages';
import type { CachedCatalog, CatalogPersistence } from './persistence';
import { sameAccount, type HistoryAccount, type HistoryAction } from './history';
import type { AccountCheck } from '../auth/accountBound';

/** A write the store made, as the secret history records it. */
export type StoreWrite = Extract<HistoryAction, 'created' | 'value-changed' | 'description-changed' | 'deleted'>;

/**
 * Whether API calls can be made now, and with which client; `account` is the one whose key the
 * client holds and the origin it calls: where a write with it happens, whatever is active later.
 */
export type ApiAccess = { kind: 'api'; api: RunpodApi; account: HistoryAccount } | SignedOut | { kind: 'untrusted' };

/** Told where a write happened (the flow's own history entries name the same account). */
export type WrittenIn = (account: HistoryAccount) => void;

/** What a flow gives a write: where to be told it happened, and the check that the client is its account's (accountBound.ts whileActive). */
export interface WriteOptions {
  writtenIn?: WrittenIn;
  check?: AccountCheck;
}

/** A `vscode.EventEmitter<void>` or a small stand-in in tests. */
export interface EmitterLike {
  readonly event: vscode.Event<void>;
  fire(): void;
}

export interface SecretsStoreDeps {
  emitter: EmitterLike;
  /** Resolves the current API access; may throw (e.g. `invalid-config` for a bad URL). */
  getAccess(): Promise<ApiAccess>;
  persistence: CatalogPersistence;
  /** Clock for `fetchedAt`; injected so tests are deterministic. */
  now?: () => Date;
  log?: RunpodLog;
  /** Redacts text shown to the user (error messages); the log's redactor in the extension. */
  redact?: (text: string) => string;
  /**
   * Told after each successful write (the secret history). Every way the editor changes a secret
   * (the commands, the quick fixes, Launch Pod's create) goes through the store, so none is missed.
   */
  onWrite?: (action: StoreWrite, name: string, account: HistoryAccount) => void;
}

/** The `stale` error of a list loaded from storage that no refresh has confirmed yet. */
const NOT_REFRESHED = { kind: 'not-refreshed', message: 'Loaded from the last session; not refreshed yet.' } as const;

/** `{ kind, message }` of any error, for the state and the tree's error node. */
function errorInfo(error: unknown, redact: (text: string) => string): { kind: string; message: string } {
  const kind = error instanceof Error && typeof (error as { kind?: unknown }).kind === 'string'
    ? (error as unknown as { kind: string }).kind
    : 'unexpected';
  const message = error instanceof Error ? error.message : describeError(error);
  return { kind, message: redact(message) };
}

/** The state a `loading` state stands in for (the last settled one). */
function settled(state: StoreState): StoreState | undefined {
  return state.kind === 'loading' ? state.previous : state;
}

export class SecretsStore implements SecretsStoreApi {
  private _state: StoreState;
  /** Replaced whole on every change, never changed in place: {@link secretNames} is read from it once. */
  private _secrets: readonly Secret[] = [];
  private names: { of: readonly Secret[]; names: readonly string[] } = { of: this._secrets, names: Object.freeze([]) };
  /** When the list in `_secrets` was fetched; undefined while no list is known. */
  private fetchedAt: string | undefined;
  private inFlight: Promise<void> | undefined;
  /** The generation the running refresh started in. */
  private inFlightGeneration = 0;
  private followUp: Promise<void> | undefined;
  /** Bumped by every write, sign-out and accepted list: a refresh started before is outdated. */
  private generation = 0;
  /**
   * Bumped when the list is replaced wholesale (another account, key or URL: accept, reloadFromCache,
   * signOut). A write that answers after that was made to the list it started with, not this one.
   */
  private listEpoch = 0;
  /** Counts the lists applied: whether a refresh listed, for what a write's error says ({@link listAgainAfterGone}). */
  private listings = 0;
  private readonly now: () => Date;
  private readonly redact: (text: string) => string;

  constructor(private readonly deps: SecretsStoreDeps) {
    this.now = deps.now ?? (() => new Date());
    this.redact = deps.redact ?? ((text) => text);
    const cached = safeLoad(deps);
    if (cached) {
      this._secrets = [...cached.secrets].sort(bySecretName);
      this.fetchedAt = cached.fetchedAt;
      // Known from an earlier session, not confirmed in this one: stale until a refresh succeeds.
      this._state = { kind: 'stale', fetchedAt: cached.fetchedAt, error: { ...NOT_REFRESHED } };
    } else {
      this._state = { kind: 'signed-out' };
    }
  }

  get state(): StoreState {
    return this._state;
  }

  get secrets(): readonly Secret[] {
    return this._secrets;
  }

  /**
   * The names of {@link secrets}, one frozen array per list: the name boxes check each keystroke
   * against it, and names.ts reads a frozen array's table once (a copy per keystroke rebuilt it:
   * 570 ms a keystroke at 100,000 secrets).
   */
  get secretNames(): readonly string[] {
    if (this.names.of !== this._secrets) this.names = { of: this._secrets, names: Object.freeze(this._secrets.map((s) => s.name)) };
    return this.names.names;
  }

  get onDidChange(): vscode.Event<void> {
    return this.deps.emitter.event;
  }

  /**
   * Refreshes from the API. Calls made while one is running share it (coalesced), unless a write,
   * sign-out or endpoint change outdated it since: then a new one follows it.
   */
  refresh(): Promise<void> {
    if (this.inFlight && this.inFlightGeneration !== this.generation) return this.refreshAfterWrite();
    return this.inFlight ?? this.startRefresh();
  }

  /**
   * Accepts a list fetched elsewhere (the Set API Key check already listed the secrets with the
   * new key), so no second call is needed. Outdates any refresh still running with the old key.
   */
  accept(list: readonly Secret[]): void {
    this.generation++;
    this.listEpoch++;
    this.applyList(list);
  }

  /**
   * Starts over from the persisted cache (the API URL changed: the list in memory belongs to the
   * other endpoint). Outdates any refresh still running. The caller refreshes next.
   */
  reloadFromCache(): void {
    this.generation++;
    this.listEpoch++;
    const cached = safeLoad(this.deps);
    this._secrets = cached ? [...cached.secrets].sort(bySecretName) : [];
    this.fetchedAt = cached?.fetchedAt;
    this.setState(
      cached
        ? { kind: 'stale', fetchedAt: cached.fetchedAt, error: { ...NOT_REFRESHED } }
        : { kind: 'signed-out' },
    );
  }

  /**
   * Outdates any refresh running now: its list is neither shown nor saved (Remove Account of the
   * active account: the list would be saved under the removed name). The caller switches or signs out next.
   */
  outdate(): void {
    this.generation++;
  }

  /** Signed out (key cleared): forget the list and its cache, tell the server `unknown`. */
  async signOut(): Promise<void> {
    this.generation++;
    this.listEpoch++;
    this._secrets = [];
    this.fetchedAt = undefined;
    this.setState({ kind: 'signed-out' });
    await this.save(undefined);
  }

  /** The catalog for the language server: names and metadata, never values. */
  toCatalog(): SecretsChangedParams {
    const state = settled(this._state);
    if (this.fetchedAt !== undefined && state && (state.kind === 'fresh' || state.kind === 'stale' || state.kind === 'untrusted')) {
      return {
        state: state.kind === 'fresh' ? 'fresh' : 'stale',
        secrets: this._secrets.map(toSecretMetadata),
        fetchedAt: this.fetchedAt,
      };
    }
    return { state: 'unknown', secrets: [] };
  }

  async create(input: { name: string; value: string; description?: string }, options: WriteOptions = {}): Promise<Secret> {
    this.deps.log?.addSensitive(input.value);
    const { result: created, account, sameList } = await this.write(`create secret ${input.name}`, (api) => api.createSecret(input), options.check);
    this.written('created', created.name, account, options.writtenIn);
    await this.applyWrite({ account, sameList }, (list) => [...list.filter((s) => s.name !== created.name), created]);
    return created;
  }

  async updateValue(name: string, value: string, options: WriteOptions = {}): Promise<Secret> {
    this.deps.log?.addSensitive(value);
    const { result: updated, account, sameList } = await this.write(`update the value of secret ${name}`, (api) => api.updateSecret(name, { value }), options.check);
    this.written('value-changed', name, account, options.writtenIn);
    await this.applyWrite({ account, sameList }, (list) => list.map((s) => (s.name === updated.name ? updated : s)));
    return updated;
  }

  async updateDescription(name: string, description: string, options: WriteOptions = {}): Promise<Secret> {
    const { result: updated, account, sameList } = await this.write(`update the description of secret ${name}`, (api) => api.updateSecret(name, { description }), options.check);
    this.written('description-changed', name, account, options.writtenIn);
    await this.applyWrite({ account, sameList }, (list) => list.map((s) => (s.name === updated.name ? updated : s)));
    return updated;
  }

  async delete(name: string, options: WriteOptions = {}): Promise<void> {
    const { account, sameList } = await this.write(`delete secret ${name}`, (api) => api.deleteSecret(name), options.check);
    this.written('deleted', name, account, options.writtenIn);
    await this.applyWrite({ account, sameList }, (list) => list.filter((s) => s.name !== name));
  }

  /** Tells the history and the caller where a write happened: the account of the client that made it. */
  private written(action: StoreWrite, name: string, account: HistoryAccount, writtenIn: WrittenIn | undefined): void {
    this.deps.onWrite?.(action, name, account);
    writtenIn?.(account);
  }

  /**
   * Runs one API write; the result, the account of the client that made it, and whether the list
   * in memory is still the one the write started with (`sameList`: no switch of account, key or
   * URL meanwhile). On failure: scrub the error and rethrow; nothing changes. The caller logs it,
   * in the words it shows the user (commands/progress.ts, delete.ts): one line per failure.
   */
  private async write<T>(label: string, call: (api: RunpodApi) => Promise<T>, check?: AccountCheck): Promise<{ result: T; account: HistoryAccount; sameList: boolean }> {
    const epoch = this.listEpoch;
    try {
      const access = await this.deps.getAccess();
      // The flow's account, checked against the client's after the key lookup: a switch during it
      // refuses the write, and names the switch even when the new account has no key here.
      check?.(access.kind === 'api' ? access.account.label : undefined);
      if (access.kind !== 'api') {
        throw noAccessError(access.kind);
      }
      const result = await call(access.api);
      const sameList = epoch === this.listEpoch;
      // Any refresh that started before this write answers with the old list; one started for a
      // list that replaced it (the account switched to) does not, and must not be discarded.
      if (sameList) this.generation++;
      this.deps.log?.info(`Done: ${label}.`);
      return { result, account: access.account, sameList };
    } catch (error) {
      scrubError(error, this.redact);
      if (error instanceof RunpodApiError && error.kind === 'not-found') await this.listAgainAfterGone(error, epoch);
      throw error;
    }
  }

  /**
   * The secret is not on the account (deleted elsewhere since the list was loaded): the list is
   * asked again, so the tree and the server drop it without a Refresh beside the error, and the
   * error says so only when that listing happened (not after a switch of list, nor when it failed);
   * else it says to run Refresh Secrets. A message that already sends to a list is left as it is.
   */
  private async listAgainAfterGone(error: RunpodApiError, epoch: number): Promise<void> {
    if (error.sendsToList()) return;
    const listed = this.listings;
    if (epoch === this.listEpoch) await this.refreshAfterWrite();
    const refreshed = epoch === this.listEpoch && this.listings > listed;
    error.append(messages.secretsListedAgain(refreshed));
  }

  /**
   * Applies a successful write's result to the list right away, so the tree and the server see it
   * even if the refresh that follows fails, then refreshes. Only when a list is known (an `error`
   * store has none), and only to the list the write was made to: after a switch the list is the
   * other account's, which the write did not touch and whose own refresh is already under way.
   * A list replaced by the write's own account's (Set API Key for the active account, re-adding
   * it, a switch away and back) may have been listed before the write landed: it is not patched
   * (it may already hold the change) but listed again, so a secret just created is never unknown.
   */
  private async applyWrite(write: { account: HistoryAccount; sameList: boolean }, change: (list: readonly Secret[]) => Secret[]): Promise<void> {
    if (!write.sameList) {
      if (!(await this.isActive(write.account))) return;
      this.generation++; // a refresh running now may have listed before the write landed
      return this.refreshAfterWrite();
    }
    if (this.fetchedAt !== undefined) {
      this._secrets = change(this._secrets).sort(bySecretName);
      this.deps.emitter.fire();
    }
    await this.refreshAfterWrite();
  }

  /** Whether `account` is the one the store lists now (its key, its origin); false when none can be. */
  private async isActive(account: HistoryAccount): Promise<boolean> {
    try {
      const now = await this.deps.getAccess();
      return now.kind === 'api' && sameAccount(now.account, account);
    } catch {
      return false; // runpod.apiUrl unusable: the refresh that follows its fix lists anew
    }
  }

  /** After a write, the refresh must start after it: join a queued follow-up, never the old call. */
  private refreshAfterWrite(): Promise<void> {
    if (!this.inFlight) return this.startRefresh();
    this.followUp ??= this.inFlight.then(() => {
      this.followUp = undefined;
      return this.inFlight ?? this.startRefresh();
    });
    return this.followUp;
  }

  private startRefresh(): Promise<void> {
    this.inFlightGeneration = this.generation;
    const run = this.runRefresh().finally(() => {
      if (this.inFlight === run) this.inFlight = undefined;
    });
    this.inFlight = run;
    return run;
  }

  private async runRefresh(): Promise<void> {
    const generation = this.generation;
    const previous = settled(this._state);
    this.setState(previous ? { kind: 'loading', previous } : { kind: 'loading' });
    try {
      const access = await this.deps.getAccess();
      if (generation !== this.generation) return this.restoreIfLoading(previous);
      if (access.kind === 'signed-out') {
        this._secrets = [];
        this.fetchedAt = undefined;
        this.setState({ ...access });
        return;
      }
      if (access.kind === 'untrusted') {
        // No API calls; a list from storage keeps serving completion (as stale knowledge).
        this.setState({ kind: 'untrusted' });
        return;
      }
      const list = await access.api.listSecrets();
      if (generation !== this.generation) return this.restoreIfLoading(previous);
      this.applyList(list);
    } catch (error) {
      if (generation !== this.generation) return this.restoreIfLoading(previous);
      const info = errorInfo(error, this.redact);
      this.deps.log?.error('Could not refresh the secrets list', error);
      if (this.fetchedAt !== undefined) {
        this.setState({ kind: 'stale', fetchedAt: this.fetchedAt, error: info });
      } else {
        this.setState({ kind: 'error', error: info });
      }
    }
  }

  /** An outdated refresh leaves whatever the newer event set; only undo its own `loading`. */
  private restoreIfLoading(previous: StoreState | undefined): void {
    if (this._state.kind === 'loading') this.setState(previous ?? { kind: 'signed-out' });
  }

  private applyList(list: readonly Secret[]): void {
    this.listings++;
    const fetchedAt = this.now().toISOString();
    const sorted = [...list].sort(bySecretName);
    this._secrets = sorted;
    this.fetchedAt = fetchedAt;
    this.setState({ kind: 'fresh', fetchedAt });
    void this.save({ fetchedAt, secrets: sorted });
  }

  private async save(catalog: CachedCatalog | undefined): Promise<void> {
    try {
      await this.deps.persistence.save(catalog);
    } catch (error) {
      this.deps.log?.warn(`Could not store the secrets list for the next session: ${describeError(error)}`);
    }
  }

  private setState(state: StoreState): void {
    this._state = state;
    this.deps.emitter.fire();
  }
}

/** The error a write meets without API access: no key, or an untrusted workspace. */
function noAccessError(kind: 'signed-out' | 'untrusted'): RunpodApiError {
  return kind === 'untrusted'
    ? new RunpodApiError(
        'invalid-config',
        'RunPod API calls are disabled in untrusted workspaces. Trust the workspace to manage secrets.',
      )
    : new RunpodApiError('unauthorized', messages.missingKey());
}

function safeLoad(deps: SecretsStoreDeps): CachedCatalog | undefined {
  try {
    return deps.persistence.load();
  } catch (error) {
    deps.log?.warn(`Ignoring the stored secrets list: ${describeError(error)}`);
    return undefined;
  }
}
