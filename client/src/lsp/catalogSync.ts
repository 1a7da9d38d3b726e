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
export function serverCatalog(store: { toCatalog(): SecretsChangedParams }, accounts: { readonly active: string }): SecretsChangedParams {
  return { ...store.toCatalog(), account: accounts.active };
}

export class CatalogSync {
  private lastSent: string | undefined;

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
    return true;
  }

  /** After a (re)start the server knows only its initialization options: send again on next push. */
  reset(initial?: SecretsChangedParams): void {
    this.lastSent = initial ? JSON.stringify(initial) : undefined;
  }
}
