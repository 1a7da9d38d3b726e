/**
 * What the Pods and Endpoints trees share: a root listed from one API client (the account), kept
 * in memory, and painted from memory. The lifecycle lives here once:
 *
 * - Nothing is painted before VS Code first asks for the rows, and a hidden view lists nothing:
 *   it lists when shown (a hidden view costs no request).
 * - One listing at a time (oneAtATime.ts); a refresh after a write asks for a `fresh` one, since
 *   a listing already on its way may predate the write.
 * - A listing is read first and the view repaints after, from memory (keptRows.ts says why a
 *   repaint must never wait on a request); a manual Refresh shows the view's progress bar.
 * - Another client means another account: its rows go at once, and a listing of the account
 *   switched from that lands late is dropped.
 * - An error node lists again once the secrets store reaches RunPod again (back online), not on
 *   every secret change.
 * - A listing that failed where the client's own retries would retry (a 5xx, a 429, a timeout)
 *   is tried again a few times on its own, further apart (autoRetry.ts), without a progress bar; its
 *   row says when. A hidden view tries nothing: it lists when shown.
 *
 * A view says what it lists (`read`), how a listing looks (`rowsOf`), and what is under a row.
 */
import * as vscode from 'vscode';
import { adviceFor } from '../launch/errorAdvice';
import type { RunpodApi } from '../runpod/types';
import type { Services } from '../services';
import { DescribedTreeItem } from './describedItem';
import { listErrorRow } from './errorText';
import { KeptRows, fireRepaint } from './keptRows';
import { OneAtATime } from './oneAtATime';
import { ListingRetries } from './autoRetry';

/** The last listing of a client: what it read, or why there is nothing. */
export type Listing<L> = { api: RunpodApi; value: L } | { api: RunpodApi; error: unknown };

/**
 * The row in place of a list that failed, with Retry (`retry`, the view's refresh command): its
 * words are errorText.ts listErrorRow's, the same in every view. `id` keeps it across repaints.
 */
export function errorRowItem(error: unknown, listed: string, row: { id: string; contextValue: string; retry: string; nextTry?: number | undefined }): DescribedTreeItem {
  const item = new DescribedTreeItem({ ...listErrorRow(error, listed, row.nextTry), id: row.id, contextValue: row.contextValue }, { id: 'error' });
  item.command = { command: row.retry, title: 'Retry' };
  return item;
}

export abstract class ListedView<Item extends vscode.TreeItem, L> implements vscode.TreeDataProvider<Item>, vscode.Disposable {
  protected readonly changed = new vscode.EventEmitter<Item | Item[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The rows on screen: a listing repaints only the rows that changed (keptRows.ts). */
  protected readonly rows = new KeptRows<Item>();
  /** Whether the view shows now (VS Code asks a hidden view for nothing: it lists when shown). */
  isVisible: () => boolean = () => true;
  /** Whether VS Code has asked for the rows: before that nothing is painted, and a listing waits for the first paint. */
  protected painted = false;
  /** The client of the last paint (undefined: signed out or untrusted); another one means another account. */
  protected listedWith: RunpodApi | undefined;
  /** What the next paint shows: the last listing, kept while a new one is read (the rows on screen stay meanwhile). */
  protected listing: Listing<L> | undefined;
  /** The listing on its way: a refresh meanwhile waits for it. */
  private readonly loading = new OneAtATime<RunpodApi>();
  /** The secrets store's state kind when it last fired (loading aside). */
  private storeKind: string;
  /** The tries of a failed listing made on the view's own. */
  protected readonly retries = new ListingRetries<RunpodApi>((api) => {
    // Hidden, or another account by now: nothing is tried (refresh lists when the view is shown).
    if (this.listedWith !== api) return false;
    const tried = this.isVisible();
    // Not `fresh`: a listing already on its way (a Refresh, a write's) is as good as a try, so the try joins it.
    this.refresh(false, false);
    return tried;
  });

  /** When the next try of the failed listing on screen is due (ms since the epoch); undefined when none is. */
  protected get nextTry(): number | undefined {
    return this.retries.dueFor(this.listedWith);
  }

  constructor(
    protected readonly services: Services,
    private readonly viewId: string,
  ) {
    this.storeKind = services.store.state.kind;
  }

  /** Reads a listing with `api`; `current` turns false once the account changed (stop early: it is dropped). */
  protected abstract read(api: RunpodApi, current: () => boolean): Promise<L>;
  /** The rows of a listing (its error included). */
  protected abstract rowsOf(listing: Listing<L>): Item[];
  /** The rows under `parent`, asked by VS Code when it is expanded. */
  protected abstract childrenOf(api: RunpodApi | undefined, parent: Item): Promise<Item[]>;
  /** A listing of the current account is in (before it is painted). */
  protected listed(_listing: Listing<L>): void {}
  /** Signed out or untrusted: no rows, so the view's welcome (package.json viewsWelcome) shows with its buttons. */
  protected signedOut(): void {}

  /**
   * Lists again, then repaints what changed. `manual` (a Refresh): with the view's progress bar.
   * `fresh` (a Refresh, a write): a listing already on its way may predate the write, so one more
   * follows it. Before the first paint, hidden, or for another client, the next paint lists.
   */
  refresh(manual = true, fresh = true): void {
    if (manual) this.retries.restart();
    const api = this.listedWith;
    if (!this.painted || !api || this.listing?.api !== api || !this.isVisible()) {
      // A first listing still on its way may predate the write this refresh follows: the paint joins a fresh one.
      if (this.painted && api && this.isVisible() && fresh) void this.listOnce(api, true);
      this.listing = undefined;
      this.repaint();
      return;
    }
    const listed = this.listOnce(api, fresh);
    if (manual) void vscode.window.withProgress({ location: { viewId: this.viewId } }, () => listed);
    void listed.then(() => {
      if (this.listedWith === api) this.paint();
    });
  }

  /**
   * Follows the secrets store, which fires for every secret change (none of which changes what
   * this view lists), and when the key, URL or trust changes (another client: another account's
   * rows) or it reaches RunPod again (a view showing a failure lists again).
   */
  async followStore(): Promise<void> {
    const kind = this.services.store.state.kind;
    if (kind === 'loading') return;
    const reconnected = kind === 'fresh' && this.storeKind !== 'fresh';
    this.storeKind = kind;
    const api = await this.services.getApi();
    if (api !== this.listedWith) {
      // Nothing of the other account may stay on screen: its rows go at once, and a listing of it
      // still on its way is dropped when it lands (list checks the client). The paint lists.
      this.listedWith = api;
      this.listing = undefined;
      this.repaint();
      return;
    }
    if (reconnected && this.listing && 'error' in this.listing) this.refresh(false);
  }

  getTreeItem(item: Item): Item {
    return item;
  }

  async getChildren(parent?: Item): Promise<Item[]> {
    if (parent) return this.childrenOf(await this.services.getApi(), parent);
    this.painted = true;
    const api = await this.services.getApi();
    this.listedWith = api;
    if (!api) {
      this.signedOut();
      this.rows.clear();
      return [];
    }
    if (this.listing?.api !== api) await this.listOnce(api);
    this.rows.take(this.rowsOfCurrent());
    return this.rows.rows;
  }

  /** The root again, from nothing: the rows on screen go (another account, hidden, signed out). */
  protected repaint(): void {
    this.rows.clear();
    if (this.painted) this.changed.fire(undefined);
  }

  /** The listing as rows: only what changed repaints. */
  protected paint(): void {
    if (this.painted) fireRepaint(this.changed, this.rows.take(this.rowsOfCurrent()));
  }

  /**
   * The rows of the current account's listing; none when there is none (the client changed while
   * it listed, or a refresh dropped it meanwhile: either repainted the root, which asks again).
   */
  private rowsOfCurrent(): Item[] {
    const listing = this.listing;
    return listing && listing.api === this.listedWith ? this.rowsOf(listing) : [];
  }

  private listOnce(api: RunpodApi, fresh = false): Promise<void> {
    return this.loading.run(api, () => this.list(api), fresh);
  }

  /** Lists with `api` into memory; a listing of the account switched from, landing late, is dropped. */
  private async list(api: RunpodApi): Promise<void> {
    const current = () => this.listedWith === api;
    let listing: Listing<L>;
    try {
      listing = { api, value: await this.read(api, current) };
    } catch (error) {
      listing = { api, error };
    }
    if (!current()) return;
    if ('error' in listing) this.services.log.warn(adviceFor(listing.error, 'read').message);
    this.retries.after(api, 'error' in listing ? listing.error : undefined);
    this.listing = listing;
    this.listed(listing);
  }

  dispose(): void {
    this.retries.dispose();
    this.changed.dispose();
  }
}
