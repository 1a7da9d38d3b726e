/**
 * RunPod: Add Account...: a name (step 1 of 2, the account name rule, not one taken) and a masked
 * key (step 2 of 2), checked with one listing against the URL in effect before it is kept, in
 * secret storage only, for that URL's origin. The new account becomes the active one. Called with a
 * name (a workspace's runpod.account, the status bar) it asks for the key only.
 */
import * as vscode from 'vscode';
import { ACCOUNT_NAME_RULE, findAccount, validateAccountName } from '../auth/accountNames';
import { useAccount } from '../auth/accountSwitch';
import type { Endpoint } from '../auth/apiProvider';
import { keyBoxProblem } from '../auth/keyRecords';
import { enterKey, endpointOrExplain, storeAccountKey, type CoreServices } from '../auth/session';
import type { Secret } from '../runpod/types';
import { showInputStep } from '../ui/multiStepInput';

export const ADD_ACCOUNT_COMMAND = 'runpod.addAccount';
const TITLE = 'RunPod: Add Account';

/**
 * Saves `key` as account `name`'s for the origin of `endpoint` and makes it the active account;
 * `secrets` is the list the check fetched with it (taken instead of a second call while the URL
 * is unchanged). The switch comes first, so the storage event finds the key it expects and lists
 * nothing again. `said`: the caller logs the switch in its own line (useAccount).
 */
export async function saveAccount(core: CoreServices, name: string, key: string, endpoint: Endpoint, secrets?: readonly Secret[], said = false): Promise<void> {
  core.log.addSensitive(key);
  core.expectKey(key);
  const checked = secrets && core.apis.currentOrigin() === endpoint.origin ? secrets : undefined;
  // The account this workspace's runpod.account names (active, not added until now) stays the
  // workspace's choice: not remembered for other windows, and Remove Account signs out, never hands over.
  const workspaces = core.accounts.choice === 'workspace' && findAccount([core.accounts.active], name) !== undefined;
  useAccount(core, name, workspaces ? 'workspace' : 'user', said);
  if (checked) core.store.accept(checked);
  await storeAccountKey(core, name, endpoint.origin, key);
  await core.accounts.reload();
  if (!checked) await core.store.refresh();
}

/** Returns the name of the account added, or undefined when the user stopped. */
export async function runAddAccount(core: CoreServices, fixedName?: string): Promise<string | undefined> {
  const endpoint = await endpointOrExplain(core);
  if (!endpoint) return undefined;
  const named = typeof fixedName === 'string' && validateAccountName(fixedName) === undefined ? fixedName : undefined;
  const total = named ? 1 : 2;
  let name = named ?? '';
  for (;;) {
    if (!named) {
      const taken = await core.keys.accounts();
      const answer = await showInputStep({
        title: TITLE,
        step: 1,
        totalSteps: total,
        value: name,
        prompt: `A short name for the account, such as personal, team or prod: ${ACCOUNT_NAME_RULE}.`,
        placeholder: 'team',
        validate: (text) => validateAccountName(text.trim(), taken),
      });
      if (answer.kind !== 'accept') return undefined;
      name = answer.value.trim();
    }
    // A key another account keeps is refused in the box, before any check sends it again.
    const stored = await core.keys.all();
    const result = await enterKey(core, endpoint, {
      account: name,
      setMeanwhile: `RunPod account ${name} already has a key: a later Add Account or Set API Key saved one. Nothing changed.`,
      ask: (value) =>
        showInputStep({
          title: `${TITLE} ${name}`,
          step: total,
          totalSteps: total,
          back: !named,
          value,
          password: true,
          placeholder: 'rpa_...',
          prompt: `Paste the API key of account ${name}. It is kept in VS Code secret storage, never in settings or files, and sent only to ${endpoint.origin}.`,
          validate: (text) => keyBoxProblem(stored, text, name),
        }),
      save: (key, secrets) => saveAccount(core, name, key, endpoint, secrets, true),
      savedUntrusted: `RunPod account ${name} added and active. Its key will be used once this workspace is trusted (API calls are disabled until then).`,
      savedChecked: (message) => `RunPod account ${name} added and active. ${message}`,
      savedUnchecked: `RunPod account ${name} added and active, its key saved without a successful check (see the warning above).`,
    });
    if (result === 'back') continue;
    return result === 'saved' ? name : undefined;
  }
}

export function register(core: CoreServices): void {
  core.context.subscriptions.push(
    vscode.commands.registerCommand(ADD_ACCOUNT_COMMAND, (name?: unknown) => runAddAccount(core, typeof name === 'string' ? name : undefined)),
  );
}
