/**
 * Everything about accounts that activate() wires: the window's first account (the user's last
 * choice, or the workspace's runpod.account), the four account commands, the account item of the
 * status bar, and the events that move the account (the setting changes, keys change in another
 * window; activate() calls afterTrustGranted when the workspace becomes trusted).
 */
import * as vscode from 'vscode';
import { shadowedNotice } from '../auth/keyRecords';
import type { CoreServices } from '../auth/session';
import { useAccount } from '../auth/accountSwitch';
import { applyWorkspaceAccount } from '../auth/workspaceAccountFlow';
import { WORKSPACE_ACCOUNT_SETTING } from '../auth/workspaceAccount';
import { registerAccountStatus } from '../status/accountStatus';
import * as addAccount from './addAccount';
import * as importCliConfig from './importCliConfig';
import * as removeAccount from './removeAccount';
import * as switchAccount from './switchAccount';

function applyOptions(core: CoreServices, refresh: boolean) {
  return {
    refresh,
    onAdd: (name: string) => addAccount.runAddAccount(core, name),
    onOther: () => switchAccount.runSwitchAccount(core),
  };
}

/**
 * Picks the window's account before the first refresh (no network): the workspace's, else the
 * user's last choice. Call after the stored keys are prepared (prepareKeys).
 */
export async function startAccounts(core: CoreServices): Promise<void> {
  useAccount(core, await core.accounts.initial(), 'user');
  await applyWorkspaceAccount(core, applyOptions(core, false));
  void tellShadowedAccounts(core);
}

/** Once a window: the store holds two names of one account (saved before they were one); says whose key is used and offers to remove the other. */
async function tellShadowedAccounts(core: CoreServices): Promise<void> {
  const notice = shadowedNotice(await core.keys.all());
  if (!notice) return;
  const remove = `Remove ${notice.remove}…`;
  if ((await vscode.window.showWarningMessage(notice.message, remove)) === remove) await vscode.commands.executeCommand(removeAccount.REMOVE_ACCOUNT_COMMAND, notice.remove);
}

/**
 * The workspace became trusted: its runpod.account applies now, and only then the first refresh,
 * so no call goes out with another account's key in between.
 */
export async function afterTrustGranted(core: CoreServices): Promise<void> {
  core.apis.invalidate();
  await applyWorkspaceAccount(core, applyOptions(core, false)).catch((error: unknown) => core.log.error(`Could not apply ${WORKSPACE_ACCOUNT_SETTING}`, error));
  await core.store.refresh();
}

export function registerAccounts(core: CoreServices): void {
  addAccount.register(core);
  switchAccount.register(core);
  removeAccount.register(core);
  importCliConfig.register(core);
  registerAccountStatus(core.context, core.accounts);
  const reapply = () =>
    void applyWorkspaceAccount(core, applyOptions(core, true)).catch((error: unknown) => core.log.error(`Could not apply ${WORKSPACE_ACCOUNT_SETTING}`, error));
  core.context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(WORKSPACE_ACCOUNT_SETTING)) reapply();
    }),
    core.keys.onDidChange(() => void core.accounts.reload().catch(() => undefined)),
  );
}
