/**
 * RunPod: Remove Account: pick an account, confirm in a modal, and its keys (for every origin) and
 * cached lists are forgotten. Nothing changes on RunPod. Removing the active account switches to
 * another one, or signs out when none is left.
 */
import * as vscode from 'vscode';
import { removableAccountItems } from '../auth/accountItems';
import { expectActiveKeyUnchanged } from '../auth/accountSwitch';
import { DEFAULT_ACCOUNT, usedName } from '../auth/keyRecords';
import type { CoreServices } from '../auth/session';
import { switchTo } from './switchAccount';

export const REMOVE_ACCOUNT_COMMAND = 'runpod.removeAccount';

export async function runRemoveAccount(core: CoreServices, preset?: string): Promise<boolean> {
  const keys = await core.keys.all();
  const items = removableAccountItems(keys, core.accounts.active, core.apis.currentOrigin());
  if (items.length === 0) {
    void vscode.window.showInformationMessage('There is no RunPod account to remove.');
    return false;
  }
  const name =
    (preset !== undefined ? items.find((i) => i.account === preset)?.account : undefined) ??
    (await vscode.window.showQuickPick(items, { title: 'RunPod: Remove Account', placeHolder: 'The account to remove from this editor' }))?.account;
  if (name === undefined) return false;

  // The active name may be another spelling of the stored one (my_team using my-team's keys), as the list marks it.
  const active = name === usedName(keys, core.accounts.active);
  // The workspace names this account (runpod.account): the window stays on that name, signed out,
  // as when it opens on an account not added; another account's key is never sent for it.
  const named = active && core.accounts.choice === 'workspace';
  const remove = 'Remove Account';
  const answer = await vscode.window.showWarningMessage(
    `Remove RunPod account ${name}?`,
    {
      modal: true,
      detail:
        `Its API key is deleted from VS Code's secret storage. Nothing changes on RunPod: the account's secrets, templates and Pods stay.` +
        (named
          ? " It is the account this workspace's runpod.account names: the window signs out."
          : active
            ? ' It is the active account: the window switches to another one, or signs out.'
            : ''),
    },
    remove,
  );
  if (answer !== remove) return false;

  // Another account's keys changing is no reason to list the active one's secrets again.
  if (active) core.expectKey(undefined);
  else await expectActiveKeyUnchanged(core);
  await core.accounts.remove(name);
  core.log.info(`RunPod account ${name} removed from this editor.`);
  if (active) {
    const next = named ? undefined : core.accounts.names[0];
    if (next !== undefined) await switchTo(core, next);
    else {
      if (!named) core.accounts.use(DEFAULT_ACCOUNT, 'user');
      core.apis.invalidate();
      await core.store.signOut();
    }
  }
  void vscode.window.showInformationMessage(
    named
      ? `RunPod account ${name} removed. This workspace belongs to it (runpod.account): signed out until you add it again.`
      : active
        ? `RunPod account ${name} removed. ${core.accounts.names.length > 0 ? `Now using ${core.accounts.active}.` : 'Signed out.'}`
        : `RunPod account ${name} removed.`,
  );
  return true;
}

export function register(core: CoreServices): void {
  core.context.subscriptions.push(
    vscode.commands.registerCommand(REMOVE_ACCOUNT_COMMAND, (name?: unknown) => runRemoveAccount(core, typeof name === 'string' ? name : undefined)),
  );
}
