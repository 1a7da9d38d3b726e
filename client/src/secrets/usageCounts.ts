/**
 * The usage counts the Secrets tree shows per secret ("3 files · 2 templates · 1 running Pod"):
 * workspace files from the language server's index (one `runpod/secretUsages` request for every
 * secret, counts only), account resources from one cached listing per type. Asked again, debounced,
 * when the index says it changed (`runpod/usagesChanged`), when our own write invalidated a listing,
 * when the secret list is refreshed, and when a listing of the account brought what the counts do
 * not show yet ({@link UsageCounts.listed}). What is not known is said, never shown as 0. Pure: the
 * sources and the timer are injected.
 */
import { count } from '../../../server/src/template/counts';
import type { AccountScan } from './accountScan';
import { accountCountsByName, uncheckedOf, type AccountCounts, type AccountUnchecked } from './accountUsages';
import { indexUnavailableReason, parseSecretUsages, type WorkspaceIndex } from './workspaceIndex';
import { deepFolderOf, filesGapOf, type FilesGap } from './indexGap';

/** What the tree knows of workspace files per secret. */
export type WorkspaceCounts =
  | { kind: 'pending' }
  /** `gap`: why there may be more files than counted (absent: the counts are whole); `deepFolder`: with `limit`, the first folder too deep for the index. */
  | { kind: 'known'; files: ReadonlyMap<string, number>; gap?: FilesGap; deepFolder?: string }
  | { kind: 'unavailable'; reason: string };

/** What the tree knows of the account per secret. */
export type AccountCountsView =
  | { kind: 'pending' }
  | { kind: 'known'; counts: ReadonlyMap<string, AccountCounts>; unchecked: AccountUnchecked[] };

export interface UsageCountsDeps {
  index: Pick<WorkspaceIndex, 'secretUsages'>;
  account: Pick<AccountScan, 'snapshot'>;
  /** Runs `run` after `ms`; returns a cancel function (setTimeout in the extension). */
  schedule(run: () => void, ms: number): () => void;
  /** Told whenever the counts changed: the tree redraws. */
  onDidChange(): void;
  /** Wait after a trigger before asking (typing in a file sends many usagesChanged). Default 500 ms. */
  debounceMs?: number;
}

export class UsageCounts {
  private _workspace: WorkspaceCounts = { kind: 'pending' };
  private _account: AccountCountsView = { kind: 'pending' };
  private cancel: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private disposed = false;
  /** While a run waits for its account snapshot: the listings told meanwhile (most are the ones it is waiting for). */
  private heard: (readonly unknown[])[] | undefined;

  constructor(private readonly deps: UsageCountsDeps) {}

  get workspace(): WorkspaceCounts {
    return this._workspace;
  }

  get account(): AccountCountsView {
    return this._account;
  }

  /** Asks again after the debounce; triggers in a burst make one request. */
  refresh(): void {
    if (this.disposed) return;
    this.cancel?.();
    this.cancel = this.deps.schedule(() => {
      this.cancel = undefined;
      void this.refreshNow();
    }, this.deps.debounceMs ?? 500);
  }

  /** Asks now; a call while one runs makes one more run after it (never two at once). */
  refreshNow(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.again && !this.disposed) {
        this.again = false;
        void this.refreshNow();
      }
    });
    return this.running;
  }

  /**
   * A listing of the account was fetched (`AccountScan.onDidList`): counts again, after the debounce,
   * unless a run is waiting for its snapshot; that run counts again only if the listing is not in
   * what it got. A listing our own snapshot made (the 2-minute one expired) is one count, not two.
   */
  listed(event: { items: readonly unknown[] }): void {
    if (this.heard) this.heard.push(event.items);
    else this.refresh();
  }

  dispose(): void {
    this.disposed = true;
    this.cancel?.();
  }

  private async run(): Promise<void> {
    const heard: (readonly unknown[])[] = (this.heard = []);
    const [workspace, account] = await Promise.all([
      this.askIndex(),
      this.deps.account.snapshot().finally(() => (this.heard = undefined)),
    ]);
    if (this.disposed) return;
    const shown = new Set(Object.values(account).map((listing) => ('items' in listing ? listing.items : undefined)));
    if (heard.some((items) => !shown.has(items))) this.refresh();
    this._workspace = workspace;
    this._account = { kind: 'known', counts: accountCountsByName(account), unchecked: uncheckedOf(account) };
    this.deps.onDidChange();
  }

  private async askIndex(): Promise<WorkspaceCounts> {
    try {
      const result = parseSecretUsages(await this.deps.index.secretUsages({ withLocations: false }));
      if (!result) return { kind: 'unavailable', reason: 'the language server answered in an unexpected shape' };
      const files = new Map<string, number>();
      for (const [name, usage] of Object.entries(result.usages)) files.set(name, usage.files);
      const gap = filesGapOf(result);
      return gap ? { kind: 'known', files, gap, ...deepFolderOf(result) } : { kind: 'known', files };
    } catch (error) {
      return { kind: 'unavailable', reason: indexUnavailableReason(error) };
    }
  }
}

/** A count of no files with a gap: not "unused", but why there may be some. */
const ZERO_FILES_OF_GAP: Record<FilesGap, string> = {
  indexing: 'files: indexing…',
  limit: 'files: not all indexed',
  settings: 'files: not all indexed',
  unreadable: 'files: not all indexed',
  search: 'files: not all indexed',
  stopped: 'files: not checked',
  // Every file indexed, some read only in part (a file past the analysis limits or the uses kept of one).
  partial: 'files: not all read',
  unanswered: 'files: not all read',
  unansweredPartial: 'files: not all read',
};

/**
 * The tree's usage text for one secret: `3 files · 2 templates · 1 running Pod`, `unused`, or what
 * is not known (`files not indexed`, `3+ files` while there may be more, `files: indexing…`,
 * `account not checked`). `undefined` while nothing is known yet.
 */
export function usageSummary(name: string, workspace: WorkspaceCounts, account: AccountCountsView): string | undefined {
  const parts: string[] = [];
  let allKnown = true;
  if (workspace.kind === 'known') {
    const files = workspace.files.get(name) ?? 0;
    if (workspace.gap) {
      allKnown = false;
      parts.push(files > 0 ? `${files}+ files` : ZERO_FILES_OF_GAP[workspace.gap]);
    } else if (files > 0) parts.push(count(files, 'file'));
  } else if (workspace.kind === 'unavailable') {
    allKnown = false;
    parts.push('files not indexed');
  } else allKnown = false;
  if (account.kind === 'known') {
    const c = account.counts.get(name);
    if (c?.templates) parts.push(count(c.templates, 'template'));
    if (c?.activePods) parts.push(count(c.activePods, 'running Pod'));
    if (c?.stoppedPods) parts.push(count(c.stoppedPods, 'stopped Pod'));
    if (c?.endpoints) parts.push(count(c.endpoints, 'endpoint'));
    if (account.unchecked.length > 0) {
      allKnown = false;
      parts.push('account not checked');
    }
  } else allKnown = false;
  if (parts.length === 0) return allKnown ? 'unused' : undefined;
  return parts.join(' · ');
}
