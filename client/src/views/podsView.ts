/**
 * The "Pods" tree in the RunPod container: the account's Pods with status, GPU and cost per hour.
 * Node content comes from the pure `describePod`; this file lists, refreshes, and keeps refreshing
 * (bounded, with backoff) while some Pod is on its way up. The account scan (secrets/accountScan.ts)
 * lists Pods too, for usages and Rotate: each Pod listing it fetches is shown here as it is, and
 * each Pod write it hears of lists again, so the Secrets tree and this view never disagree.
 */
import * as vscode from 'vscode';
import { adviceFor } from '../launch/errorAdvice';
import { followDelays } from '../launch/follow';
import { isPodBooting } from '../runpod/podStatus';
import type { Pod, RunpodApi } from '../runpod/types';
import type { AccountResourceKind } from '../secrets/accountUsages';
import type { ListedEvent } from '../secrets/accountScan';
import type { Services } from '../services';
import { DescribedTreeItem } from './describedItem';
import { KeptRows, fireRepaint } from './keptRows';
import { OneAtATime } from './oneAtATime';
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

/** A message in place of the list (signed out, error, empty); clicking runs its command. */
class MessageItem extends vscode.TreeItem {
  constructor(label: string, icon: string, command: { command: string; title: string }, contextValue = 'runpod.pods.message') {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.iconPath = new vscode.ThemeIcon(icon);
    this.command = command;
    this.contextValue = contextValue;
    this.id = `message:${contextValue}`; // the one message row: kept across repaints like a Pod's
  }
}

type Item = PodTreeItem | MessageItem;

/** The last listing of a client: its Pods, or why there are none. */
type Listing = { api: RunpodApi; pods: readonly Pod[] } | { api: RunpodApi; error: unknown };

class PodsTreeProvider implements vscode.TreeDataProvider<Item>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Item | Item[] | undefined>();
  /** The rows on screen: a listing repaints only the rows that changed (keptRows.ts). */
  private readonly rows = new KeptRows<Item>();
  readonly onDidChangeTreeData = this.changed.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Waits of the current auto-refresh run; reset by every manual refresh or action. */
  private delays: Iterator<number> | undefined;
  /** The client of the last paint (undefined: signed out or untrusted); another one means another account. */
  private listedWith: RunpodApi | undefined;
  /** The secrets store's state kind when it last fired (loading aside). */
  private storeKind: string;
  /**
   * What the next paint shows: the last listing (ours, or one the account scan fetched). A listing
   * is read first and the view repaints after, from memory (keptRows.ts says why a repaint must
   * never wait on a request); the rows on screen stay meanwhile.
   */
  private listing: Listing | undefined;
  /** Whether the view shows now (VS Code asks a hidden view for nothing: it lists when shown). */
  isVisible: () => boolean = () => true;
  /** Whether VS Code has asked for the rows: before that nothing is painted, and a listing waits for the first paint. */
  private painted = false;
  /** The listing on its way: a refresh meanwhile waits for it. */
  private readonly loading = new OneAtATime<RunpodApi>();

  constructor(private readonly services: Services) {
    this.storeKind = services.store.state.kind;
  }

  /**
   * Lists again (a manual Refresh with the view's progress bar), then repaints. Before the first
   * paint, or for another client, the paint lists itself. `fresh` (a Refresh, a Pod write): a
   * listing already on its way may predate the write, so one more follows it; the boot timer's
   * ticks join the one on its way.
   */
  refresh(manual = true, fresh = true): void {
    if (manual) this.delays = undefined;
    const api = this.listedWith;
    // Hidden, or another client: the next paint lists (a hidden view costs no request).
    if (!this.painted || !api || this.listing?.api !== api || !this.isVisible()) {
      // A first listing still on its way may predate the write this refresh follows: the paint joins a fresh one.
      if (this.painted && api && this.isVisible() && fresh) void this.listOnce(api, true);
      this.listing = undefined;
      this.repaint();
      return;
    }
    const listed = this.listOnce(api, fresh);
    if (manual) void vscode.window.withProgress({ location: { viewId: PODS_VIEW_ID } }, () => listed);
    void listed.then(() => {
      if (this.listedWith === api) this.paint(api);
    });
  }

  /** The root again, from nothing: the rows on screen go (another account, hidden, signed out). */
  private repaint(): void {
    this.rows.clear();
    if (this.painted) this.changed.fire(undefined);
  }

  /** The listing of `api` as rows: only what changed repaints. */
  private paint(api: RunpodApi): void {
    if (this.painted) fireRepaint(this.changed, this.rows.take(this.rowsOf(api)));
  }

  /**
   * Follows the secrets store, which fires for every secret change, up to three times for one
   * (patched list, loading, fresh); none of those changes a Pod. Lists again only when the API
   * client changed (new key, URL or trust: another account's Pods), or when the store has just
   * reached RunPod again while the Pods view still shows a failure.
   */
  async followStore(): Promise<void> {
    const kind = this.services.store.state.kind;
    if (kind === 'loading') return;
    const reconnected = kind === 'fresh' && this.storeKind !== 'fresh';
    this.storeKind = kind;
    const api = await this.services.getApi();
    const failed = this.listing !== undefined && 'error' in this.listing;
    if (api === this.listedWith && !(reconnected && failed)) return;
    if (api !== this.listedWith) {
      // Nothing of the other account may stay on screen: its rows go at once.
      this.listedWith = api;
      this.listing = undefined;
    }
    this.refresh(false);
  }

  /** The account scan fetched Pods (a usage count, Rotate looking for Pods to restart): shown as they are if they are this client's. */
  async takeListing(event: ListedEvent): Promise<void> {
    if (event.kind !== 'pod' || event.identity !== (await this.services.getApi())) return;
    this.listing = { api: event.identity as RunpodApi, pods: event.items as readonly Pod[] };
    // Hidden, the timer's tick would throw this listing away: the view lists when shown.
    if (this.isVisible()) this.scheduleWhileTransitional(this.listing.pods.some((p) => isPodBooting(p.status)));
    this.paint(this.listing.api);
  }

  /** A Pod write (Rotate's restarts, Launch, Stop…) or Refresh Secrets (all kinds): the Pods changed, list again. */
  followInvalidate(kind: AccountResourceKind | undefined): void {
    if (kind !== undefined && kind !== 'pod') return;
    this.refresh(false);
  }

  getTreeItem(item: Item): Item {
    return item;
  }

  async getChildren(parent?: Item): Promise<Item[]> {
    if (parent) return [];
    this.painted = true;
    const api = await this.services.getApi();
    this.listedWith = api;
    // Signed out or untrusted: no nodes, so the view's welcome (package.json viewsWelcome) shows, as
    // the Secrets and Endpoints views do, with its buttons.
    if (!api) {
      this.rows.clear();
      return [];
    }
    if (this.listing?.api !== api) await this.listOnce(api);
    this.rows.take(this.rowsOf(api));
    return this.rows.rows;
  }

  /** The rows of the listing of `api`; none for another account's or none (the client changed while it listed: that change repaints). */
  private rowsOf(api: RunpodApi): Item[] {
    const listing = this.listing;
    if (!listing || listing.api !== api) return [];
    if ('error' in listing) {
      const advice = adviceFor(listing.error, 'read');
      return [new MessageItem(advice.message, 'error', { command: PODS_REFRESH_COMMAND, title: 'Retry' }, 'runpod.pods.error')];
    }
    const pods = sortPods(listing.pods);
    if (pods.length === 0) return [new MessageItem('No Pods. Launch one…', 'rocket', { command: 'runpod.launchPod', title: 'Launch Pod' })];
    return pods.map((pod) => new PodTreeItem(describePod(pod)));
  }

  private listOnce(api: RunpodApi, fresh = false): Promise<void> {
    return this.loading.run(api, () => this.list(api), fresh);
  }

  /** Lists the Pods of `api` into memory, and keeps refreshing while one boots. */
  private async list(api: RunpodApi): Promise<void> {
    // A listing of the account switched from, landing late, is dropped (as the Endpoints view's).
    try {
      const pods = await api.listPods();
      if (this.listedWith !== api) return;
      this.listing = { api, pods };
      this.scheduleWhileTransitional(pods.some((p) => isPodBooting(p.status)));
    } catch (error) {
      if (this.listedWith !== api) return;
      this.listing = { api, error };
      this.scheduleWhileTransitional(false);
      this.services.log.warn(adviceFor(error, 'read').message);
    }
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

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
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
