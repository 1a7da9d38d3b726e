/**
 * The "Endpoints" tree in the RunPod container: the account's serverless endpoints, and under each
 * its workers (status, release, stale). Node content comes from the pure endpoints/endpointNodes.ts.
 *
 * Requests are few by design (RunPod allows 60 a minute, shared with everything else): the list and
 * each endpoint's workers are read when the view is first shown, on Refresh, and when the account
 * changes, never on a timer. While Deploy or Update follows a rollout, the follower's own reads are
 * shown here (`showWorkers`): the view follows without a request of its own, hidden or not.
 */
import * as vscode from 'vscode';
import { adviceFor } from '../launch/errorAdvice';
import { unbound } from '../auth/accountBound';
import { pollBudget } from '../runpod/rateLimit';
import type { Endpoint, RateLimitState, RunpodApi, Worker } from '../runpod/types';
import type { Services } from '../services';
import { DescribedTreeItem } from './describedItem';
import { OneAtATime } from './oneAtATime';
import { KeptRows, fireRepaint } from './keptRows';
import { COUNT_CONTEXT, describeEndpoint, describeWorker, EndpointContextValues, sortEndpoints, type EndpointNodeDescriptor, type WorkerNodeDescriptor } from './endpoints/endpointNodes';

const ENDPOINTS_VIEW_ID = 'runpod.endpoints';
export const ENDPOINTS_REFRESH_COMMAND = 'runpod.endpoints.refresh';
/** Workers are read up front for at most this many endpoints (and within the rate budget); the others when expanded. */
const MAX_EAGER_WORKER_LISTS = 10;

/** An endpoint; `endpointId` and `endpointName` are what the endpoint commands read. */
class EndpointTreeItem extends DescribedTreeItem {
  readonly endpointId: string;
  readonly endpointName: string;
  /**
   * The worker rows under it, as describeWorker shows them: part of this row, so a new list
   * repaints it, and VS Code asks for its children again when it is expanded.
   */
  readonly workersShown: readonly WorkerNodeDescriptor[] | null;
  constructor(descriptor: EndpointNodeDescriptor, name: string, workers: readonly WorkerNodeDescriptor[] | undefined) {
    super(descriptor, descriptor.icon);
    this.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
    this.endpointId = descriptor.endpointId;
    this.endpointName = name;
    this.workersShown = workers ?? null;
  }
}

/** A worker; Show Logs reads `endpointId` and `workerId`. */
class WorkerTreeItem extends DescribedTreeItem {
  readonly endpointId: string;
  readonly workerId: string;
  constructor(descriptor: WorkerNodeDescriptor) {
    super(descriptor, descriptor.icon);
    this.endpointId = descriptor.endpointId;
    this.workerId = descriptor.workerId;
  }
}

/** A message in place of nodes (an error with Retry, no workers); clicking runs its command. */
class MessageItem extends vscode.TreeItem {
  /** `id`: for the view's one message row (kept across repaints); a message under an endpoint has none. */
  constructor(label: string, icon: string, contextValue: string, command?: { command: string; title: string }, id?: string) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.iconPath = new vscode.ThemeIcon(icon);
    this.contextValue = contextValue;
    if (command) this.command = command;
    if (id) this.id = id;
  }
}

type Item = EndpointTreeItem | WorkerTreeItem | MessageItem;

/** What commands use of the view: refresh it, or show workers a follower just read. */
export interface EndpointsView {
  refresh(): void;
  /** `api`: the client that read them; another account's (a follower still running after a switch) is not shown. */
  showWorkers(api: RunpodApi, endpoint: Endpoint, workers: Worker[]): void;
}

/** The last listing: the endpoints (and the workers read with them), or why there are none. */
type Listing = { endpoints: Endpoint[] } | { error: unknown };

class EndpointsTreeProvider implements vscode.TreeDataProvider<Item>, vscode.Disposable, EndpointsView {
  private readonly changed = new vscode.EventEmitter<Item | Item[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The last listing, or undefined before one (or after the account changed). */
  private listing: Listing | undefined;
  private readonly workers = new Map<string, Worker[]>();
  /** The rows on screen: a listing or a follower's worker list repaints only the rows that changed (keptRows.ts). */
  private readonly rows = new KeptRows<Item>();
  /** Whether the view shows now (VS Code asks a hidden view for nothing: it lists when shown). */
  isVisible: () => boolean = () => true;
  /** Whether VS Code has asked for the rows at all: before that, nothing is painted and nothing needs a repaint. */
  private painted = false;
  /** The client of the last listing: another one means another account. */
  private listedWith: RunpodApi | undefined;
  /** The listing on its way: a refresh meanwhile waits for it. */
  private readonly loading = new OneAtATime<RunpodApi>();

  constructor(private readonly services: Services) {}

  /**
   * Lists again, then repaints from memory what changed (keptRows.ts says why a repaint must
   * never wait on a request): the rows on screen stay until the new listing is in.
   */
  refresh(): void {
    const api = this.listedWith;
    // Hidden: the next paint lists (a hidden view costs no request).
    if (!this.painted || !api || !this.listing || !this.isVisible()) {
      // The first listing still on its way may predate the write this refresh follows: the paint joins a fresh one.
      if (this.painted && api && !this.listing && this.isVisible()) void this.listOnce(api, true);
      this.listing = undefined;
      return this.repaint();
    }
    // Refresh follows a write (Deploy, Delete, Change Workers) or the user's ask: a listing read before it is not enough.
    void vscode.window.withProgress({ location: { viewId: ENDPOINTS_VIEW_ID } }, () => this.listOnce(api, true)).then(() => {
      if (this.listedWith === api) this.paint();
    });
  }

  showWorkers(api: RunpodApi, endpoint: Endpoint, workers: Worker[]): void {
    // A follower still running under the account switched from: its endpoint is not this account's.
    // A flow's client is bound to its account (a wrapper): the window's client behind it is what counts.
    if (unbound(api) !== this.listedWith) return;
    this.workers.set(endpoint.id, workers);
    if (!this.listing || !('endpoints' in this.listing)) return;
    const endpoints = this.listing.endpoints;
    const at = endpoints.findIndex((e) => e.id === endpoint.id);
    if (at >= 0) endpoints[at] = endpoint;
    else endpoints.push(endpoint);
    // Its row alone (a new endpoint: the root): the others keep their handles.
    this.paint();
  }

  /** The store fires for every secret change; only another client (key, URL, trust) means other endpoints. */
  async followAccount(): Promise<void> {
    if (!this.painted) return;
    const api = await this.services.getApi();
    if (api === this.listedWith) return;
    // Nothing of the other account may stay on screen: its rows go at once, and a listing of it
    // still on its way is dropped when it lands (load checks the client).
    this.listedWith = api;
    this.listing = undefined;
    this.repaint();
  }

  /** The root again, from nothing: the rows on screen go (another account, hidden). */
  private repaint(): void {
    this.rows.clear();
    if (this.painted) this.changed.fire(undefined);
  }

  /** The listing as rows: only what changed repaints. */
  private paint(): void {
    if (this.painted) fireRepaint(this.changed, this.rows.take(this.rowsOfListing()));
  }

  getTreeItem(item: Item): Item {
    return item;
  }

  async getChildren(parent?: Item): Promise<Item[]> {
    if (!parent) this.painted = true;
    const api = await this.services.getApi();
    if (parent instanceof EndpointTreeItem) return api ? this.workerItems(api, parent.endpointId) : [];
    if (parent) return [];
    if (api !== this.listedWith) this.listing = undefined;
    this.listedWith = api;
    if (!api) {
      // The secrets view's welcome (signed-out state) explains; this one shows its own.
      void vscode.commands.executeCommand('setContext', COUNT_CONTEXT, undefined);
      this.rows.clear();
      return [];
    }
    if (!this.listing) {
      await this.listOnce(api);
      // The account changed while it listed: this answer is stale, the change fired a new one.
      if (this.listedWith !== api) return [];
    }
    this.rows.take(this.rowsOfListing());
    return this.rows.rows;
  }

  /** The rows of the last listing: its endpoints, or its error with Retry. */
  private rowsOfListing(): Item[] {
    const listing = this.listing;
    if (!listing || 'error' in listing) {
      const advice = adviceFor(listing?.error, 'read');
      return [new MessageItem(advice.message, 'error', EndpointContextValues.error, { command: ENDPOINTS_REFRESH_COMMAND, title: 'Retry' }, 'message:error')];
    }
    return sortEndpoints(listing.endpoints).map((e) => {
      const workers = this.workers.get(e.id);
      return new EndpointTreeItem(describeEndpoint(e, workers), e.name, workers?.map((w) => describeWorker(e, w)));
    });
  }

  private listOnce(api: RunpodApi, fresh = false): Promise<void> {
    return this.loading.run(api, () => this.load(api), fresh);
  }

  /** Lists the endpoints, then the workers of the first few (for the counts); a failed worker list leaves its counts unknown. */
  private async load(api: RunpodApi): Promise<void> {
    // A listing by another account's client (switched while it ran) is dropped, never shown.
    const current = () => this.listedWith === api;
    try {
      const endpoints = await api.listEndpoints();
      if (!current()) return;
      // Read into a map of its own: the rows on screen keep the old counts until the listing is in.
      const workers = new Map<string, Worker[]>();
      // The counts are a convenience: they take at most a quarter of what the rate limit has left.
      const budget = Math.min(MAX_EAGER_WORKER_LISTS, pollBudget((api as { rateLimit?: RateLimitState }).rateLimit, Date.now()));
      for (const endpoint of sortEndpoints(endpoints).slice(0, budget)) {
        try {
          workers.set(endpoint.id, await api.listWorkers(endpoint.id));
          if (!current()) return;
        } catch (error) {
          this.services.log.warn(adviceFor(error, 'read').message);
        }
      }
      if (!current()) return;
      // Lists not read again (past the budget) stay, for endpoints still listed: an expanded one keeps its workers.
      const listed = new Set(endpoints.map((e) => e.id));
      for (const id of this.workers.keys()) if (!listed.has(id)) this.workers.delete(id);
      for (const [id, list] of workers) this.workers.set(id, list);
      this.listing = { endpoints };
      void vscode.commands.executeCommand('setContext', COUNT_CONTEXT, endpoints.length);
    } catch (error) {
      if (!current()) return;
      this.listing = { error };
      this.services.log.warn(adviceFor(error, 'read').message);
      void vscode.commands.executeCommand('setContext', COUNT_CONTEXT, undefined);
    }
  }

  private async workerItems(api: RunpodApi, endpointId: string): Promise<Item[]> {
    const endpoint = this.listing && 'endpoints' in this.listing ? this.listing.endpoints.find((e) => e.id === endpointId) : undefined;
    let workers = this.workers.get(endpointId);
    if (!workers) {
      try {
        workers = await api.listWorkers(endpointId);
        this.workers.set(endpointId, workers);
      } catch (error) {
        return [new MessageItem(adviceFor(error, 'read').message, 'error', EndpointContextValues.error, { command: ENDPOINTS_REFRESH_COMMAND, title: 'Retry' })];
      }
    }
    if (workers.length === 0) return [new MessageItem('No worker running (RunPod starts one when a request arrives)', 'circle-slash', 'runpod.endpoints.message')];
    return workers.map((w) => new WorkerTreeItem(describeWorker(endpoint ?? { id: endpointId }, w)));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Registers the Endpoints view and its Refresh command; returns what the endpoint commands use of it. */
export function registerEndpointsView(services: Services): EndpointsView {
  const provider = new EndpointsTreeProvider(services);
  const view = vscode.window.createTreeView(ENDPOINTS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  provider.isVisible = () => view.visible !== false;
  services.context.subscriptions.push(
    provider,
    view,
    vscode.commands.registerCommand(ENDPOINTS_REFRESH_COMMAND, async () => {
      // The user asked: one request goes out even if the client believes the quota is used up.
      (await services.getApi())?.probeRateLimit?.();
      provider.refresh();
    }),
    services.store.onDidChange(() => void provider.followAccount()),
  );
  return provider;
}
