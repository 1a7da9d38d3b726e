/**
 * A secrets listing in the Secrets view's and the secret picker's order, which is the CLI's and the
 * store's too (secrets/nameOrder.ts). Pure (no `vscode` import).
 */
import type { Secret } from '../runpod/types';
import { compareFoldedNames } from '../secrets/nameOrder';

/** A secret of an ordered listing, with its name and description lowercased once for the picker's filter. */
export interface OrderedSecret {
  readonly secret: Secret;
  readonly foldedName: string;
  readonly foldedDescription: string;
}

/**
 * Sorted once per listing (the store keeps one array per listing): the view renders again on every
 * change of usages or age, the picker opens again and filters on each keystroke, and a million
 * names sorted (or lowercased) each time held the shared extension host for seconds.
 */
const orderedByListing = new WeakMap<readonly Secret[], readonly OrderedSecret[]>();

/** `secrets` in name order (secrets/nameOrder.ts); the same array for the same listing. */
export function secretsByName(secrets: readonly Secret[]): readonly OrderedSecret[] {
  let ordered = orderedByListing.get(secrets);
  if (!ordered) {
    ordered = secrets
      .map((secret) => ({ secret, foldedName: secret.name.toLowerCase(), foldedDescription: (secret.description ?? '').toLowerCase() }))
      .sort((a, b) => compareFoldedNames(a.foldedName, a.secret.name, b.foldedName, b.secret.name));
    orderedByListing.set(secrets, ordered);
  }
  return ordered;
}
