/**
 * The "Secrets" tree in the RunPod activity bar container. Nodes come from the pure `buildView`;
 * this file only turns descriptors into TreeItems and follows the store, the usage counts (the
 * language server's index and the account) and the rotation setting.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { UsageCounts } from '../secrets/usageCounts';
import { KeptRows, fireRepaint } from './keptRows';
import { DescribedTreeItem } from './describedItem';
import { buildView, type MessageNodeDescriptor, type SecretNodeDescriptor, type ViewDescriptor } from './nodes';
import { ROTATION_SETTING } from '../settingWarnings';

const SECRETS_VIEW_ID = 'runpod.secrets';

/** A secret; `secretName` is what commands invoked from its menus read. */
class SecretTreeItem extends DescribedTreeItem {
  readonly secretName: string;

  constructor(descriptor: SecretNodeDescriptor) {
    // A value past the rotation policy: the key turns the warning colour (the tooltip says why).
    super(descriptor, descriptor.rotationDue ? { id: 'key', color: 'list.warningForeground' } : { id: 'key' });
    this.secretName = descriptor.name;
    const due = descriptor.rotationDue ? ', due for rotation' : '';
    this.accessibilityInformation = { label: `Secret ${descriptor.label}${descriptor.description ? `, ${descriptor.description}` : ''}${due}` };
  }
}

/** An error, offline or action node: says the cause; clicking it runs its command (Retry, Set API Key, Open Settings). */
class MessageTreeItem extends DescribedTreeItem {
  constructor(descriptor: MessageNodeDescriptor) {
    super(descriptor, { id: descriptor.icon, color: MESSAGE_ICON_COLORS[descriptor.icon] });
    this.command = { command: descriptor.command.id, title: descriptor.command.title, arguments: descriptor.command.arguments };
  }
}

type Item = SecretTreeItem | MessageTreeItem;

/** The key and gear icons stay plain: they invite an action (Set API Key, Open Settings) rather than warn. */
const MESSAGE_ICON_COLORS: Record<MessageNodeDescriptor['icon'], string | undefined> = {
  error: 'errorForeground',
  warning: 'list.warningForeground',
  key: undefined,
  gear: undefined,
};

class SecretsTreeProvider implements vscode.TreeDataProvider<Item> {
  private readonly changed = new vscode.EventEmitter<Item | Item[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The store fires up to three times for one write, and the counts after it: only what changed repaints (keptRows.ts). */
  private readonly rows = new KeptRows<Item>();

  update(view: ViewDescriptor): void {
    fireRepaint(this.changed, this.rows.take(view.nodes.map((node) => (node.kind === 'secret' ? new SecretTreeItem(node) : new MessageTreeItem(node)))));
  }

  getTreeItem(element: Item): vscode.TreeItem {
    return element;
  }

  getChildren(element?: Item): Item[] {
    return element ? [] : this.rows.rows;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/**
 * Creates the Secrets view; follows `store.onDidChange`. Error nodes run `runpod.secrets.refresh` (Retry).
 * Sets the context keys `runpod.secrets.state` (the store state kind) and `runpod.secrets.count`
 * for the view's welcome content. Usage counts are asked for only while the view is visible (each
 * account listing counts against RunPod's rate limit), debounced, after a refresh of the list, a
 * `runpod/usagesChanged`, a write of ours to templates or Pods, and a listing of the account made for any other reason.
 */
export function registerSecretsView(services: Services): vscode.TreeView<unknown> {
  const provider = new SecretsTreeProvider();
  const treeView = vscode.window.createTreeView<Item>(SECRETS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: false });
  let endProgress: (() => void) | undefined;
  const { lifecycle } = services;
  const counts = new UsageCounts({
    index: lifecycle.index,
    account: lifecycle.account,
    schedule: (run, ms) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
    onDidChange: () => render(),
  });
  const recount = (): void => {
    if (treeView.visible) counts.refresh();
  };
  let countedFetch: string | undefined;

  const render = (): void => {
    const { state, secrets } = services.store;
    const view = buildView(state, secrets, { now: lifecycle.now(), rotationDays: lifecycle.rotationDays(), workspace: counts.workspace, account: counts.account });
    provider.update(view);
    treeView.message = view.message;
    void vscode.commands.executeCommand('setContext', 'runpod.secrets.state', state.kind);
    void vscode.commands.executeCommand('setContext', 'runpod.secrets.count', secrets.length);
    // A progress bar over the view while the store loads; ends when it leaves `loading`.
    if (view.loading && !endProgress) {
      void vscode.window.withProgress(
        { location: { viewId: SECRETS_VIEW_ID } },
        () => new Promise<void>((resolve) => (endProgress = resolve)),
      );
    } else if (!view.loading && endProgress) {
      endProgress();
      endProgress = undefined;
    }
  };

  services.context.subscriptions.push(
    provider,
    treeView,
    counts,
    services.store.onDidChange(() => {
      render();
      // A new list (a refresh, a write) may have new names or new uses: count again once per fetch.
      const state = services.store.state;
      if (state.kind === 'fresh' && state.fetchedAt !== countedFetch) {
        countedFetch = state.fetchedAt;
        recount();
      }
    }),
    lifecycle.index.onDidChangeUsages(recount),
    lifecycle.account.onDidInvalidate(recount),
    // A listing made for a decision (Delete's, Rename's or Rotate's fresh look) may find the
    // account changed by someone else (a Pod stopped from the console): the counts show what it found.
    // A listing the count's own snapshot made is not counted again (UsageCounts.listed).
    lifecycle.account.onDidList((event) => {
      if (treeView.visible) counts.listed(event);
    }),
    treeView.onDidChangeVisibility((event) => {
      if (event.visible) recount();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(ROTATION_SETTING)) render();
    }),
    { dispose: () => endProgress?.() },
  );
  render();
  recount();
  return treeView as vscode.TreeView<unknown>;
}
