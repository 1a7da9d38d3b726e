/**
 * A flow's offer that outlives a switch of account (Launch Pod's and Deploy's Show Logs, Stop and
 * Terminate buttons, Push Template's Launch Pod, a log's Create Secret: VS Code keeps the
 * notification) carries the flow's account in its argument, `{ ..., account }`. Clicked once another account is active, the Pod or worker it names is not the
 * active account's: asking for it with that key would only answer "no longer exists". The command
 * says whose it is and the step to take (accountStep, the one rule), with the button that takes it.
 *
 * The limit: an account is matched by its name only. Removed and added again under the same name
 * with another RunPod account's key while the offer is open, it passes as the offer's account, and
 * the command asks that key for a Pod or worker it does not have ("no longer exists"). The README
 * says so (Accounts).
 */
import * as vscode from 'vscode';
import { isAccountName, sameAccountName } from '../../../server/src/template/accountNames';
import { accountStep } from '../../../server/src/template/environments/accounts';
import type { Services } from '../services';
import { ACCOUNT_COMMANDS } from '../status/accountText';

/**
 * The account a flow's offer was made under, if its argument says. Any command link can pass the
 * argument: what is no account name (the one rule) is ignored, never shown in the notification.
 */
function offerAccount(arg: unknown): string | undefined {
  const account = typeof arg === 'object' && arg !== null ? (arg as { account?: unknown }).account : undefined;
  return typeof account === 'string' && isAccountName(account) ? account : undefined;
}

/**
 * True (and said) when `arg` is another account's offer: `what` names the object ("Pod abc"),
 * `again` the command to run once switched ("Stop Pod").
 */
export async function refusedAsOtherAccounts(services: Pick<Services, 'accounts'>, arg: unknown, what: string, again: string): Promise<boolean> {
  const owner = offerAccount(arg);
  const { accounts } = services;
  if (owner === undefined || sameAccountName(owner, accounts.active)) return false;
  const held = accounts.has(owner);
  const { palette, button } = accountStep(held);
  const step = held ? `Switch to account ${owner} first (${palette})` : `No account named ${owner} is added in this editor: add account ${owner} first (${palette})`;
  const picked = await vscode.window.showWarningMessage(`${what} is account ${owner}'s, and the active account is ${accounts.active}. ${step}, then ${again} again.`, button);
  if (picked === button) await vscode.commands.executeCommand(held ? ACCOUNT_COMMANDS.switchAccount : ACCOUNT_COMMANDS.addAccount, ...(held ? [] : [owner]));
  return true;
}
