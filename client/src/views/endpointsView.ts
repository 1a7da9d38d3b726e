/**
 * The "Endpoints" tree in the RunPod container: the account's serverless endpoints, and under each
 * its workers (status, release, stale). Node content comes from the pure endpoints/endpointNodes.ts.
 *
 * Requests are few by design (RunPod allows 60 a minute, shared with everything else): the list and
 * each endpoint's workers are read when the view is first shown, on Refresh, when the account
 * changes, and when RunPod is reached again while the view shows a failure, never on a timer.
 * While Deploy or Update follows a rollout, the follower's own reads are shown here (`showWorkers`):
 * the view follows without a request of its own, hidden or not. When to list, repaint and drop a
 * late listing is listedView.ts's, shared with the Pods view.
 */
import * as vscode from 'vscode';
import { adviceFor } from '../launch/errorAdvice';
import { unbound } from '../auth/accountBound';
import { pollBudget } from '../runpod/rateLimit';
import type { Endpoint, RateLimitState, RunpodApi, Worker } from '../runpod/types';
import type { Services } from '../services';
import { DescribedTreeItem } from './describedItem';
import { errorRowItem, ListedView, type Listing } from './listedView';
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
  constructor(descriptor: EndpointNodeDescriptor, name: string, workers: readonly WorkerNodeDescriptor[] | undefined, expanded: boolean) {
    super(descriptor, descriptor.icon);
    this.collapsibleState = expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
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

/** A message in place of an endpoint's workers (none running); the error rows are listedView.ts errorRowItem's. */
class MessageItem extends vscode.TreeItem {
  constructor(label: string, icon: string, contextValue: string) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.iconPath = new vscode.ThemeIcon(icon);
    this.contextValue = contextValue;
  }
}

type Item = DescribedTreeItem | MessageItem;

/** What commands use of the view: refresh it, or show workers a follower just read. */
export interface EndpointsView {
  /** After a write (Deploy, Delete, Change Workers) or the user's Refresh: with the progress bar, and a fresh listing (ListedView.refresh). */
  refresh(): void;
  /** `api`: the client that read them; another account's (a follower still running after a switch) is not shown. */
  showWorkers(api: RunpodApi, endpoint: Endpoint, workers: Worker[]): void;
}

/** A listing: the endpoints, and the workers read with them (the first few, for the counts). */
type Listed = { endpoints: Endpoint[]; workers: Map<string, Worker[]> };

class EndpointsTreeProvider extends ListedView<Item, Listed> implements EndpointsView {
  /** The workers of each endpoint, as last read (by a listing, an expand, or a follower). */
  private readonly workers = new Map<string, Worker[]>();
  /**
   * The endpoints the user left expanded. VS Code keeps a row's state only while the row is shown:
   * after a switch away and back every row is new to it and takes the state given here. RunPod's
   * endpoint ids are unique across accounts, so one set keeps each account's rows apart.
   */
  readonly expanded = new Set<string>();

  constructor(services: Services) {
    super(services, ENDPOINTS_VIEW_ID);
  }

  showWorkers(api: RunpodApi, endpoint: Endpoint, workers: Worker[]): void {
    // A follower still running under the account switched from: its endpoint is not this account's.
    // A flow's client is bound to its account (a wrapper): the window's client behind it is what counts.
    if (unbound(api) !== this.listedWith) return;
    this.workers.set(endpoint.id, workers);
    if (!this.listing || !('value' in this.listing)) return;
    const endpoints = this.listing.value.endpoints;
    const at = endpoints.findIndex((e) => e.id === endpoint.id);
    if (at >= 0) endpoints[at] = endpoint;
    else endpoints.push(endpoint);
    // Its row alone (a new endpoint: the root): the others keep their handles.
    this.paint();
  }

  protected override signedOut(): void {
    void vscode.commands.executeCommand('setContext', COUNT_CONTEXT, undefined);
  }

  protected async childrenOf(api: RunpodApi | undefined, parent: Item): Promise<Item[]> {
    return api && parent instanceof EndpointTreeItem ? this.workerItems(api, parent.endpointId) : [];
  }

  /** The rows of a listing: its endpoints, or its error with Retry. */
  protected rowsOf(listing: Listing<Listed>): Item[] {
    if ('error' in listing) {
      return [errorRowItem(listing.error, 'endpoints', { id: 'message:error', contextValue: EndpointContextValues.error, retry: ENDPOINTS_REFRESH_COMMAND, nextTry: this.nextTry })];
    }
    return sortEndpoints(listing.value.endpoints).map((e) => {
      const workers = this.workers.get(e.id);
      return new EndpointTreeItem(describeEndpoint(e, workers), e.name, workers?.map((w) => describeWorker(e, w)), this.expanded.has(e.id));
    });
  }

  /** Lists the endpoints, then the workers of the first few (for the counts); a failed worker list leaves its counts unknown. */
  protected async read(api: RunpodApi, current: () => boolean): Promise<Listed> {
    const endpoints = await api.listEndpoints();
    // Read into a map of its own: the rows on screen keep the old counts until the listing is in.
    const workers = new Map<string, Worker[]>();
    if (!current()) return { endpoints, workers };
    // The counts are a convenience: they take at most a quarter of what the rate limit has left.
    const budget = Math.min(MAX_EAGER_WORKER_LISTS, pollBudget((api as { rateLimit?: RateLimitState }).rateLimit, Date.now()));
    for (const endpoint of sortEndpoints(endpoints).slice(0, budget)) {
      try {
        workers.set(endpoint.id, await api.listWorkers(endpoint.id));
        if (!current()) break; // another account's: dropped, no more of its requests
      } catch (error) {
        this.services.log.warn(adviceFor(error, 'read').message);
      }
    }
    return { endpoints, workers };
  }

  protected override listed(listing: Listing<Listed>): void {
    if ('error' in listing) {
      void vscode.commands.executeCommand('setContext', COUNT_CONTEXT, undefined);
      return;
    }
    const { endpoints, workers } = listing.value;
    // Lists not read again (past the budget) stay, for endpoints still listed: an expanded one keeps its workers.
    const listed = new Set(endpoints.map((e) => e.id));
    for (const id of this.workers.keys()) if (!listed.has(id)) this.workers.delete(id);
    for (const [id, list] of workers) this.workers.set(id, list);
    void vscode.commands.executeCommand('setContext', COUNT_CONTEXT, endpoints.length);
  }

  private async workerItems(api: RunpodApi, endpointId: string): Promise<Item[]> {
    const endpoint = this.listing && 'value' in this.listing ? this.listing.value.endpoints.find((e) => e.id === endpointId) : undefined;
    let workers = this.workers.get(endpointId);
    if (!workers) {
      try {
        workers = await api.listWorkers(endpointId);
        this.workers.set(endpointId, workers);
      } catch (error) {
        return [errorRowItem(error, 'workers', { id: `message:error:${endpointId}`, contextValue: EndpointContextValues.error, retry: ENDPOINTS_REFRESH_COMMAND })];
      }
    }
    if (workers.length === 0) return [new MessageItem('No worker running (RunPod starts one when a request arrives)', 'circle-slash', 'runpod.endpoints.message')];
    return workers.map((w) => new WorkerTreeItem(describeWorker(endpoint ?? { id: endpointId }, w)));
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
    view.onDidExpandElement(({ element }) => void (element instanceof EndpointTreeItem && provider.expanded.add(element.endpointId))),
    view.onDidCollapseElement(({ element }) => void (element instanceof EndpointTreeItem && provider.expanded.delete(element.endpointId))),
    vscode.commands.registerCommand(ENDPOINTS_REFRESH_COMMAND, async () => {
      // The user asked: one request goes out even if the client believes the quota is used up.
      (await services.getApi())?.probeRateLimit?.();
      provider.refresh();
    }),
    services.store.onDidChange(() => void provider.followStore()),
  );
  return provider;
}
