/**
 * Switching the window's account, as every entry point does it (Switch Account, the status bar, a
 * workspace's `runpod.account`, Add Account, Remove Account): the account's own cached list at this
 * URL at once (never the previous account's), then one refresh with its key, which feeds the
 * Secrets view, the status bar, the language server and the Pods view. No `vscode` import.
 */
import type { Secret } from '../runpod/types';
import type { AccountChoice } from './accounts';
import type { CoreServices } from './session';

/**
 * Makes `name` the active account and loads its list. `checked` is a list just fetched with its
 * key (the Add Account check): taken instead of a second call. Nothing is loaded when `name` is
 * already active and there is no new list.
 */
export async function switchAccount(core: CoreServices, name: string, choice: AccountChoice, checked?: readonly Secret[]): Promise<void> {
  if (!useAccount(core, name, choice) && !checked) return;
  if (checked) core.store.accept(checked);
  else await core.store.refresh();
}

/**
 * The switch without the refresh (at activation, before the first one): the account's cached list
 * or nothing. Returns whether the account changed.
 * @param said the caller's own line says the switch (Add Account: "added and active"): one action, one line
 */
export function useAccount(core: CoreServices, name: string, choice: AccountChoice, said = false): boolean {
  const before = core.accounts.active;
  core.accounts.use(name, choice);
  if (before === name) return false;
  if (!said) core.log.info(`RunPod account: ${name}${choice === 'workspace' ? " (named by this workspace's runpod.account)" : ''}.`);
  // The client of the other account's key must not serve one more call.
  core.apis.invalidate();
  core.store.reloadFromCache();
  return true;
}

/**
 * Before a change to another account's keys: tells the key-change handler that the active
 * account's key stays what it is, so the storage event does not list the secrets again.
 */
export async function expectActiveKeyUnchanged(core: CoreServices): Promise<void> {
  const origin = core.apis.currentOrigin();
  core.expectKey(origin ? await core.keys.get(origin) : undefined);
}
