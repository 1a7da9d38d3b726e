/**
 * What every command and view receives: the one secrets store, access to the API client, the log.
 * `extension.ts` builds it once in activate(); each command file exports `register(services)` and
 * pushes its disposables into `services.context.subscriptions`.
 */
import type * as vscode from 'vscode';
import type { RunpodApi, Secret } from './runpod/types';
import type { SecretLifecycle } from './secrets/lifecycle';
import type { HasAccount } from './launch/environmentChoice';
import type { WriteOptions } from './secrets/store';

/**
 * No API key for the URL in effect. `origin` is that URL's origin; `keyFor` the origin a saved key
 * is bound to instead, which is not sent here without the user's yes.
 */
export interface SignedOut {
  kind: 'signed-out';
  origin?: string;
  keyFor?: string;
}

/** Connection knowledge of the store; drives the tree, the status bar and the server's catalog state. */
export type StoreState =
  | SignedOut
  | { kind: 'untrusted' } // workspace not trusted: no API calls
  | { kind: 'loading'; previous?: StoreState }
  | { kind: 'fresh'; fetchedAt: string }
  /** Loaded earlier (`fetchedAt`, possibly from storage after a restart), the last refresh failed. */
  | { kind: 'stale'; fetchedAt: string; error: { kind: string; message: string } }
  /** Never loaded and the first fetch failed. */
  | { kind: 'error'; error: { kind: string; message: string } };

export interface SecretsStoreApi {
  readonly state: StoreState;
  /** Metadata of the last good fetch (never values). */
  readonly secrets: readonly Secret[];
  /** Their names: one frozen array while the list is the same, a new one when it changes. */
  readonly secretNames: readonly string[];
  readonly onDidChange: vscode.Event<void>;
  refresh(): Promise<void>;
  /**
   * Each mutation calls the API, then refreshes; on failure it throws a RunpodApiError and the store
   * is unchanged. `writtenIn` is told the account the write happened in (the history's entries of a
   * flow name it, never the account active when they are recorded); `check` refuses a client of
   * another account than the flow's (auth/accountBound.ts whileActive).
   */
  create(input: { name: string; value: string; description?: string }, options?: WriteOptions): Promise<Secret>;
  updateValue(name: string, value: string, options?: WriteOptions): Promise<Secret>;
  updateDescription(name: string, description: string, options?: WriteOptions): Promise<Secret>;
  delete(name: string, options?: WriteOptions): Promise<void>;
}

export interface RunpodLog {
  /** One line per API call or notable event; text passes through the redactor first. */
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  /** Registers a string (API key, a value the user entered) that must never be written out. */
  addSensitive(value: string): void;
}

export interface Services {
  context: vscode.ExtensionContext;
  store: SecretsStoreApi;
  log: RunpodLog;
  /** The API client for the current key and URL, or undefined when signed out / untrusted (no prompt). */
  getApi(): Promise<RunpodApi | undefined>;
  /** Like getApi, but offers 'RunPod: Set API Key...' when there is none; undefined when the user declines. */
  requireApi(): Promise<RunpodApi | undefined>;
  /** Where secrets are used (workspace index, account) and their history. */
  lifecycle: SecretLifecycle;
  /**
   * The window's accounts (auth/accounts.ts): `active` names the one whose key every call uses, and
   * is what an environment declaring an account is checked against before Launch Pod, Push
   * Template, Deploy Endpoint and Update Env act. `onDidChange` fires when the active account or the
   * held names change (Switch, Add, Remove Account).
   */
  accounts: ActiveAccount & HeldAccounts & { readonly onDidChange: vscode.Event<void> };
}

/** The part of the accounts every command may read. */
export interface ActiveAccount {
  readonly active: string;
}

/** The accounts the editor holds a key for, as a refusal names the next step: switch to one held, else add it. */
interface HeldAccounts {
  has: HasAccount;
  /** Every name held, as of the last reload (a message that outlives a switch names its account when there are several). */
  readonly names: readonly string[];
}
