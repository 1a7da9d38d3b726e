/**
 * RunPod: Switch Account (palette, and a click on the account in the status bar): a quick pick of
 * the accounts with the active one marked, and the ways to add one. The switch itself is
 * accountSwitch.ts; a key saved only for another origin is not sent without the usual question.
 */
import * as vscode from 'vscode';
import { accountItems } from '../auth/accountItems';
import { asAccountPick, type PickDecision } from '../auth/accountBound';
import { switchAccount } from '../auth/accountSwitch';
import { offerKeyForOrigin, type CoreServices } from '../auth/session';
import { runAddAccount } from './addAccount';
import { runImportCliConfig } from './importCliConfig';

const SWITCH_ACCOUNT_COMMAND = 'runpod.switchAccount';

/** Switches to `name` as the user's choice, says so, and asks before a key goes to another origin. */
export async function switchTo(core: CoreServices, name: string): Promise<void> {
  await switchAccount(core, name, 'user');
  vscode.window.setStatusBarMessage(`RunPod: account ${name}`, 5000);
  const origin = core.apis.currentOrigin();
  if (origin && (await core.keys.lookup(origin)).kind === 'elsewhere') await offerKeyForOrigin(core);
}

export function runSwitchAccount(core: CoreServices): Promise<void> {
  return asAccountPick(core.accounts, (decided) => pickAndSwitch(core, decided));
}

/** `decided` is called once the picked account is the active one, before its list loads, or as the add or import chosen starts. */
async function pickAndSwitch(core: CoreServices, decided: (how?: PickDecision) => void): Promise<void> {
  const keys = await core.keys.all();
  const items: (vscode.QuickPickItem & { account?: string; run?: () => Promise<unknown> })[] = accountItems(keys, core.accounts.active, core.apis.currentOrigin());
  items.push(
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(add) Add Account…', run: () => runAddAccount(core) },
    { label: '$(file) Import Key from RunPod CLI Config…', run: () => runImportCliConfig(core) },
  );
  const picked = await vscode.window.showQuickPick(items, {
    title: 'RunPod: Switch Account',
    placeHolder: keys.length === 0 ? 'No account yet: add one' : `Active: ${core.accounts.active}`,
    matchOnDescription: true,
  });
  if (!picked) return;
  if (picked.run) {
    // Adding or importing an account is no longer the pick: a flow its picker hid ends now, not once
    // the whole wizard has, saying that Switch Account closed it (the wizard may switch accounts).
    decided('adding');
    await picked.run();
  } else if (picked.account) {
    // switchTo makes the account active before its first await (accountSwitch.ts useAccount); the
    // rest, the listing and a question about the key's origin, is no longer the pick.
    const switching = switchTo(core, picked.account);
    decided();
    await switching;
  }
}

export function register(core: CoreServices): void {
  core.context.subscriptions.push(vscode.commands.registerCommand(SWITCH_ACCOUNT_COMMAND, () => runSwitchAccount(core)));
}
