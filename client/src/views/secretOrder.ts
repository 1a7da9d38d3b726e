/**
 * A secrets listing as the Secrets view and the secret picker use it: in the store's order, which
 * is the one order of secret names (secrets/nameOrder.ts, the CLI's too), decided where a listing
 * enters the store; not sorted again here. Pure (no `vscode` import).
 */
import type { Secret } from '../runpod/types';

/** A secret of an ordered listing, with its name and description lowercased once for the picker's filter. */
export interface OrderedSecret {
  readonly secret: Secret;
  readonly foldedName: string;
  readonly foldedDescription: string;
}

/**
 * Folded once per listing (the store keeps one array per listing): the view renders again on every
 * change of usages or age, the picker opens again and filters on each keystroke, and a million
 * names lowercased each time held the shared extension host for seconds.
 */
const foldedByListing = new WeakMap<readonly Secret[], readonly OrderedSecret[]>();

/** The store's listing `secrets` (already in name order: SecretsStore) with its folded names; the same array for the same listing. */
export function secretsByName(secrets: readonly Secret[]): readonly OrderedSecret[] {
  let folded = foldedByListing.get(secrets);
  if (!folded) {
    folded = secrets.map((secret) => ({ secret, foldedName: secret.name.toLowerCase(), foldedDescription: (secret.description ?? '').toLowerCase() }));
    foldedByListing.set(secrets, folded);
  }
  return folded;
}
