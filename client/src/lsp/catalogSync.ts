/**
 * Sends the store's catalog to the server only when it changed: the store fires on every state
 * step (loading, fresh), and the server revalidates every open document on each notification.
 * Pure: the send function is injected.
 */
import type { SecretsChangedParams } from '../../../server/src/protocol';

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
