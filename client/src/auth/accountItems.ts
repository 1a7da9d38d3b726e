/**
 * The rows of the account pickers: each account once, the active one marked, and whether it has a
 * key for the API URL in effect (a key is sent only to the origin it was saved for). Remove Account
 * also lists each stored name whose keys another spelling of the account shadows, so it can be
 * removed; Switch Account does not (switching to it would use the other spelling's key). Pure;
 * never a key.
 */
import { accountsOf, shadowedAccounts, usedName, type StoredKey } from './keyRecords';

export interface AccountItem {
  label: string;
  description: string;
  /** The account's name (the label may carry an icon). */
  account: string;
}

/**
 * Switch Account's rows: each account once, by the stored name whose keys it uses.
 * @param origin the origin of the URL in effect; undefined while runpod.apiUrl is unusable
 */
export function accountItems(keys: readonly StoredKey[], active: string, origin: string | undefined): AccountItem[] {
  // The active name may be another spelling of a stored one (a workspace's runpod.account).
  const activeName = usedName(keys, active);
  return accountsOf(keys).map((account) => {
    const origins = keys.filter((k) => k.account === account).map((k) => k.origin);
    const here = origin !== undefined && origins.includes(origin);
    const where = here || origin === undefined ? '' : `key saved for ${origins.join(', ')} only`;
    const description = [account === activeName ? 'active' : '', where].filter(Boolean).join(' · ');
    return { label: `${account === activeName ? '$(check)' : '$(account)'} ${account}`, description, account };
  });
}

/** Remove Account's rows: {@link accountItems}, then the shadowed names, which only removing can act on. */
export function removableAccountItems(keys: readonly StoredKey[], active: string, origin: string | undefined): AccountItem[] {
  const shadowed = shadowedAccounts(keys).map(({ name, usedInstead }) => ({ label: `$(warning) ${name}`, description: `not used: ${usedInstead}'s key is`, account: name }));
  return [...accountItems(keys, active, origin), ...shadowed];
}
