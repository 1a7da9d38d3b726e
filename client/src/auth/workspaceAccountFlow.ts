/**
 * A workspace's `runpod.account`, applied when the window opens, when the setting changes and when
 * the workspace becomes trusted: switch to that account (and say so), or, when the user has no
 * account of that name, make it the window's account anyway (so no other account's key is sent
 * for this workspace) and offer to add it. What the value means is workspaceAccount.ts.
 */
import * as vscode from 'vscode';
import { CONFIG_SECTION } from '../config';
import { switchAccount, useAccount } from './accountSwitch';
import type { CoreServices } from './session';
import { readWorkspaceAccount, WORKSPACE_ACCOUNT_SETTING } from './workspaceAccount';

/** The question asked when the workspace names an account the user has not added. */
function unknownAccountQuestion(name: string): { message: string; add: string; other: string } {
  return {
    message: `This workspace belongs to RunPod account ${name} (${WORKSPACE_ACCOUNT_SETTING}), which you have not added. Nothing is sent to RunPod for it until you do.`,
    add: `Add Account ${name}…`,
    other: 'Use Another Account…',
  };
}

/**
 * Applies the setting. `refresh: false` at activation (the first refresh follows); later changes
 * refresh at once. `onAdd`/`onOther` run the Add Account and Switch Account flows (injected to keep
 * the command files out of this one). Resolves once the account is in place; a question to the
 * user is not waited for (activation must not wait on a notification): it is `asked`.
 */
export async function applyWorkspaceAccount(
  core: CoreServices,
  options: { refresh: boolean; onAdd(name: string): Promise<unknown>; onOther(): Promise<unknown> },
): Promise<{ asked?: Promise<void> }> {
  const raw = vscode.workspace.getConfiguration(CONFIG_SECTION).inspect<unknown>('account')?.workspaceValue;
  const names = await core.accounts.reload();
  const found = readWorkspaceAccount(raw, vscode.workspace.isTrusted, names, (await core.keys.all()).map((k) => k.key));
  const use = (name: string) => (options.refresh ? switchAccount(core, name, 'workspace') : Promise.resolve(void useAccount(core, name, 'workspace')));
  switch (found.kind) {
    case 'none':
      // The setting was removed while the window was open: back to the user's own choice.
      if (core.accounts.choice === 'workspace') {
        const initial = await core.accounts.initial();
        if (options.refresh) await switchAccount(core, initial, 'user');
        else useAccount(core, initial, 'user');
      }
      return {};
    case 'untrusted':
      core.log.info(`${WORKSPACE_ACCOUNT_SETTING} is not applied in an untrusted workspace.`);
      return {};
    case 'ignored': {
      core.log.warn(found.message);
      const open = 'Open Workspace Settings';
      const asked = Promise.resolve(vscode.window.showWarningMessage(found.message, open)).then((choice) => {
        if (choice === open) void vscode.commands.executeCommand('workbench.action.openWorkspaceSettings', WORKSPACE_ACCOUNT_SETTING);
      });
      return { asked };
    }
    case 'named': {
      const name = found.existing ?? found.name;
      const before = core.accounts.active;
      await use(name);
      if (found.existing !== undefined) {
        if (before !== name) vscode.window.setStatusBarMessage(`RunPod: account ${name}, named by this workspace`, 8000);
        return {};
      }
      const question = unknownAccountQuestion(name);
      const asked = Promise.resolve(vscode.window.showInformationMessage(question.message, question.add, question.other)).then(async (choice) => {
        if (choice === question.add) await options.onAdd(name);
        else if (choice === question.other) await options.onOther();
      });
      return { asked };
    }
  }
}
