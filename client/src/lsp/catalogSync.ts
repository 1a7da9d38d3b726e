/**
 * Sends the store's catalog to the server only when it changed: the store fires on every state
 * step (loading, fresh), and the server revalidates every open document on each notification.
 * Pure: the send function is injected.
 */
import type { SecretsChangedParams } from '../../../server/src/protocol';

/**
 * What the language server is told: the store's catalog and the NAME of the account it belongs to
 * (never a key), so a file of another account's environment is not judged against it. The store
 * holds the active account's list: every switch (auth/accountSwitch.ts useAccount) makes the
 * account active and then reloads the store, whose change pushes this, so a push never pairs one
 * account's name with another's list.
 */
export function serverCatalog(store: { toCatalog(): SecretsChangedParams }, accounts: CatalogAccounts): SecretsChangedParams {
  return { ...store.toCatalog(), account: accounts.active, accounts: [...accounts.names] };
}

/**
 * What the server is told of the window's accounts: the active one's name, and the names that hold
 * a key (the note on another account's file says to add an account the editor does not hold, not to
 * switch to it).
 */
export interface CatalogAccounts {
  readonly active: string;
  readonly names: readonly string[];
}

export class CatalogSync {
  private lastSent: string | undefined;
  private lastAccount: string | undefined;

  constructor(
    private readonly catalog: () => SecretsChangedParams,
    private readonly send: (params: SecretsChangedParams) => void,
  ) {}

  /** Sends the catalog if it differs from the last one sent; returns whether it sent. */
  push(): boolean {
    const params = this.catalog();
    const text = JSON.stringify(params);
    if (text === this.lastSent) return false;
    this.send(params);
    this.lastSent = text;
    this.lastAccount = params.account;
    return true;
  }

  /**
   * After a change of the accounts (one added or removed): sends the held names, but only while the
   * active account is the one last sent. A switch changes the active account before the store has
   * the new account's list; pushing then would pair the new name with the old list, so a switch is
   * left to the store's own change, which follows.
   */
  pushAccounts(): boolean {
    return this.lastSent !== undefined && this.catalog().account === this.lastAccount ? this.push() : false;
  }

  /** After a (re)start the server knows only its initialization options: send again on next push. */
  reset(initial?: SecretsChangedParams): void {
    this.lastSent = initial ? JSON.stringify(initial) : undefined;
    this.lastAccount = initial?.account;
  }
}
