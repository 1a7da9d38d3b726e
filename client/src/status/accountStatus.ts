/** The account item of the status bar: a thin adapter that renders `describeAccountStatus`. */
import * as vscode from 'vscode';
import type { Accounts } from '../auth/accounts';
import { describeAccountStatus } from './accountText';

/** Creates the item beside the connection item, keeps it in sync with the accounts, pushes its disposables. */
export function registerAccountStatus(context: vscode.ExtensionContext, accounts: Accounts): void {
  const item = vscode.window.createStatusBarItem('runpod.account', vscode.StatusBarAlignment.Left, 49);
  item.name = 'RunPod Account';
  const render = () => {
    const view = describeAccountStatus({
      active: accounts.active,
      exists: accounts.has(accounts.active),
      count: accounts.names.length,
      fromWorkspace: accounts.choice === 'workspace',
    });
    item.text = view.text;
    item.tooltip = view.tooltip;
    item.command = { title: 'RunPod Account', command: view.command, arguments: view.arguments };
    item.backgroundColor = view.tone === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    if (view.visible) item.show();
    else item.hide();
  };
  render();
  context.subscriptions.push(item, accounts.onDidChange(render));
}
