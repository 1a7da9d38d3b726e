/**
 * The "Pods" tree in the RunPod container: the account's Pods with status, GPU and cost per hour.
 * Node content comes from the pure `describePod`; this file lists, refreshes, and keeps refreshing
 * (bounded, with backoff) while some Pod is on its way up. The account scan (secrets/accountScan.ts)
 * lists Pods too, for usages and Rotate: each Pod listing it fetches is shown here as it is, and
 * each Pod write it hears of lists again, so the Secrets tree and this view never disagree.
 * When to list, repaint and drop a late listing is listedView.ts's, shared with the Endpoints view.
 */
import * as vscode from 'vscode';
import { followDelays } from '../launch/follow';
import { isPodBooting } from '../runpod/podStatus';
import type { Pod, RunpodApi } from '../runpod/types';
import type { AccountResourceKind } from '../secrets/accountUsages';
import type { ListedEvent } from '../secrets/accountScan';
import type { Services } from '../services';
import { DescribedTreeItem } from './describedItem';
import { errorRowItem, ListedView, type Listing } from './listedView';
import { describePod, sortPods, type PodNodeDescriptor } from './pods/podNodes';

const PODS_VIEW_ID = 'runpod.pods';
export const PODS_REFRESH_COMMAND = 'runpod.pods.refresh';

/** A Pod; `podId` is what the Stop/Start/Terminate commands read. */
class PodTreeItem extends DescribedTreeItem {
  readonly podId: string;
  constructor(descriptor: PodNodeDescriptor) {
    super(descriptor, descriptor.icon);
    this.podId = descriptor.podId;
  }
}

/** A message in place of the list (no Pods); clicking runs its command. */
class MessageItem extends vscode.TreeItem {
  constructor(label: string, icon: string, command: { command: string; title: string }, contextValue = 'runpod.pods.message') {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.iconPath = new vscode.ThemeIcon(icon);
    this.command = command;
    this.contextValue = contextValue;
    this.id = `message:${contextValue}`; // the one message row: kept across repaints like a Pod's
  }
}

type Item = DescribedTreeItem | MessageItem;

class PodsTreeProvider extends ListedView<Item, readonly Pod[]> {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Waits of the current auto-refresh run; reset by every manual refresh or action. */
  private delays: Iterator<number> | undefined;

  constructor(services: Services) {
    super(services, PODS_VIEW_ID);
  }

  /** Also starts the boot timer's waits again: a Refresh or a Pod write may have started one booting. */
  override refresh(manual = true, fresh = true): void {
    if (manual) this.delays = undefined;
    super.refresh(manual, fresh);
  }

  /** The account scan fetched Pods (a usage count, Rotate looking for Pods to restart): shown as they are if they are this client's. */
  async takeListing(event: ListedEvent): Promise<void> {
    if (event.kind !== 'pod' || event.identity !== (await this.services.getApi())) return;
    const listing = { api: event.identity as RunpodApi, value: event.items as readonly Pod[] };
    this.listing = listing;
    // Listed after all: a try of a failed listing still due would ask again for nothing.
    this.retries.after(listing.api, undefined);
    // Hidden, the timer's tick would throw this listing away: the view lists when shown.
    if (this.isVisible()) this.scheduleWhileTransitional(listing.value.some((p) => isPodBooting(p.status)));
    this.paint();
  }

  /** A Pod write (Rotate's restarts, Launch, Stop…) or Refresh Secrets (all kinds): the Pods changed, list again. */
  followInvalidate(kind: AccountResourceKind | undefined): void {
    if (kind !== undefined && kind !== 'pod') return;
    this.refresh(false);
  }

  protected read(api: RunpodApi): Promise<readonly Pod[]> {
    return api.listPods();
  }

  /** Keeps refreshing while a Pod boots. */
  protected override listed(listing: Listing<readonly Pod[]>): void {
    this.scheduleWhileTransitional('value' in listing && listing.value.some((p) => isPodBooting(p.status)));
  }

  /** A Pod has no rows under it. */
  protected async childrenOf(): Promise<Item[]> {
    return [];
  }

  protected rowsOf(listing: Listing<readonly Pod[]>): Item[] {
    if ('error' in listing) {
      return [errorRowItem(listing.error, 'Pods', { id: 'message:runpod.pods.error', contextValue: 'runpod.pods.error', retry: PODS_REFRESH_COMMAND, nextTry: this.nextTry })];
    }
    const pods = sortPods(listing.value);
    if (pods.length === 0) return [new MessageItem('No Pods. Launch one…', 'rocket', { command: 'runpod.launchPod', title: 'Launch Pod' })];
    return pods.map((pod) => new PodTreeItem(describePod(pod)));
  }

  /** While a Pod boots the list refreshes itself: from 2 s (a list call, heavier than one Pod's), then as Launch Pod follows one (follow.ts). */
  private scheduleWhileTransitional(transitional: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!transitional) {
      this.delays = undefined;
      return;
    }
    this.delays ??= followDelays({ initialMs: 2_000 });
    const next = this.delays.next();
    if (next.done) return;
    this.timer = setTimeout(() => this.refresh(false, false), next.value);
  }

  override dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    super.dispose();
  }
}

/** Registers the Pods view and its Refresh command. */
export function registerPodsView(services: Services): void {
  const provider = new PodsTreeProvider(services);
  const view = vscode.window.createTreeView(PODS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: false });
  provider.isVisible = () => view.visible !== false;
  services.context.subscriptions.push(
    provider,
    view,
    vscode.commands.registerCommand(PODS_REFRESH_COMMAND, async () => {
      // The user asked: one request goes out even if the client believes the quota is used up.
      (await services.getApi())?.probeRateLimit?.();
      provider.refresh();
    }),
    // The store also fires when the key, URL or trust changes (another account's Pods) and when it
    // reaches RunPod again.
    services.store.onDidChange(() => void provider.followStore()),
    services.lifecycle.account.onDidList((event) => void provider.takeListing(event)),
    services.lifecycle.account.onDidInvalidate((kind) => provider.followInvalidate(kind)),
  );
}
