/** The status bar item: a thin adapter that renders `describeStatus` on every store change. */
import * as vscode from 'vscode';
import type { SecretsStoreApi } from '../services';
import { describeStatus } from './statusText';

/** Creates the item, keeps it in sync with the store, and pushes its disposables. */
export function registerStatusBar(context: vscode.ExtensionContext, store: SecretsStoreApi): void {
  const item = vscode.window.createStatusBarItem('runpod.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'RunPod';
  const render = () => {
    const view = describeStatus(store.state, store.secrets.length);
    item.text = view.text;
    item.tooltip = view.tooltip;
    item.command = { title: 'RunPod', command: view.command, arguments: view.arguments ?? [] };
    item.backgroundColor =
      view.tone === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : view.tone === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
  };
  render();
  item.show();
  context.subscriptions.push(item, store.onDidChange(render));
}
