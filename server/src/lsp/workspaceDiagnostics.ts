/**
 * `workspace/diagnostic` (LSP 3.17 pull): the diagnostics of every RunPod file in the index that
 * is not open (open documents are answered by `textDocument/diagnostic`), so the Problems view
 * lists a typo in a file nobody opened.
 *
 * How the editor asks: VS Code's client sends this request with the result id it holds for each
 * file, waits for the answer, and asks again two seconds after it. So the answer carries only the
 * files whose diagnostics differ from what the client holds (a file it holds the current result of
 * is left out: an `unchanged` item for each of 5,000 files would only repeat their ids every two
 * seconds), and files without a problem are not reported until they had one. When nothing differs
 * the request is held until something changes (a file, the secret list, the settings) or
 * {@link HOLD_MS} passes, as the protocol allows a server to do, instead of the client polling;
 * a first request (no result ids) is answered once the index is built, whatever it holds.
 *
 * A file's diagnostics are computed from the file as it is on disk (read again, bounded like the
 * index's reads) and kept under a key of what they depend on: the file's stamp, the settings, the
 * secret list and the day (for files with references), the environment group's revision (for a
 * file of a template). Only a key change reads the file again.
 */
import type { CancellationToken, Diagnostic, WorkspaceDiagnosticParams, WorkspaceDiagnosticReport, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver';
import { DocumentDiagnosticReportKind } from 'vscode-languageserver';
import type { IndexEntry, IndexStore } from '../index/store';
import { indexKeyOf } from '../index/uris';
import { ReportIds } from './resultIds';

/** The longest a request is held while nothing changes; then it is answered empty and the client asks again. */
export const HOLD_MS = 60_000;

const DAY_MS = 24 * 60 * 60 * 1000;
const NO_ITEMS: Diagnostic[] = [];

export interface WorkspaceDiagnosticsDeps {
  store: IndexStore;
  /** Whether the index is built (a first request waits for it). */
  built(): boolean;
  /** Brings open documents' facts into the index. */
  flush(): Promise<void>;
  /** Open documents are the document pull's. */
  isOpen(entry: IndexEntry): boolean;
  /** What every file's diagnostics depend on besides itself: counters that change whenever the settings or the secret list do. */
  revision(): { settings: number; catalog: number };
  /** The diagnostics of a file as it is on disk, or undefined when it can no longer be read. */
  diagnose(entry: IndexEntry): Promise<Diagnostic[] | undefined>;
  /** Lets other work run between files when the time slice is used up. */
  yieldIfDue(): Promise<void>;
  /** The clock (tests pin it). */
  now?(): number;
}

export class WorkspaceDiagnostics {
  private readonly reports = new Map<string, { key: string; items: Diagnostic[] }>();
  private readonly ids = new ReportIds();
  private waiters: (() => void)[] = [];

  constructor(private readonly deps: WorkspaceDiagnosticsDeps) {}

  /** Something the diagnostics depend on changed: held requests look again. */
  changed(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Forgets everything (the server shuts down): held requests answer now. */
  dispose(): void {
    this.changed();
  }

  async pull(params: WorkspaceDiagnosticParams, token: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    const held = new Map<string, { uri: string; id: string }>();
    for (const p of Array.isArray(params.previousResultIds) ? params.previousResultIds : []) {
      if (p && typeof p.uri === 'string' && typeof p.value === 'string') held.set(indexKeyOf(p.uri), { uri: p.uri, id: p.value });
    }
    const deadline = (this.deps.now?.() ?? Date.now()) + HOLD_MS;
    for (;;) {
      if (token.isCancellationRequested) return { items: [] };
      await this.deps.flush();
      const items = await this.differing(held, token);
      const firstAnswer = held.size === 0 && this.deps.built();
      if (items.length > 0 || firstAnswer || token.isCancellationRequested) return { items };
      const left = deadline - (this.deps.now?.() ?? Date.now());
      if (left <= 0) return { items: [] };
      await this.nextChange(token, left);
    }
  }

  /** Resolves at the next {@link changed}, on cancellation, or after `ms`. */
  private nextChange(token: CancellationToken, ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        listener.dispose();
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      const listener = token.onCancellationRequested(done);
      this.waiters.push(done);
    });
  }

  /** The reports that differ from what the client holds (`held`: its URI and result id per index key). */
  private async differing(held: ReadonlyMap<string, { uri: string; id: string }>, token: CancellationToken): Promise<WorkspaceDocumentDiagnosticReport[]> {
    const out: WorkspaceDocumentDiagnosticReport[] = [];
    const revision = this.deps.revision();
    const day = Math.floor((this.deps.now?.() ?? Date.now()) / DAY_MS);
    const seen = new Set<string>();
    for (const entry of [...this.deps.store.all()]) {
      if (token.isCancellationRequested) return out;
      if (entry.source.kind !== 'disk' || this.deps.isOpen(entry)) continue;
      seen.add(entry.path);
      const items = await this.itemsOf(entry, revision, day);
      if (items === undefined) continue;
      this.report(out, entry.path, entry.uri, items, held.get(entry.path)?.id);
    }
    // Files the client holds diagnostics for that are no longer indexed (deleted, now ignored): cleared once.
    for (const [path, { uri, id }] of held) {
      if (seen.has(path)) continue;
      const entry = this.deps.store.get(path);
      if (entry && this.deps.isOpen(entry)) continue;
      this.reports.delete(path);
      this.report(out, path, uri, NO_ITEMS, id);
    }
    return out;
  }

  private report(out: WorkspaceDocumentDiagnosticReport[], path: string, uri: string, items: Diagnostic[], heldId: string | undefined): void {
    const { id } = this.ids.idFor(path, items);
    if (heldId === id) return;
    // A clean file the client never heard of needs no report.
    if (heldId === undefined && items.length === 0) return;
    out.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: id, items });
  }

  private async itemsOf(entry: IndexEntry, revision: { settings: number; catalog: number }, day: number): Promise<Diagnostic[] | undefined> {
    const source = entry.source.kind === 'disk' ? entry.source.stamp : '';
    // Without a reference, nothing in a file depends on the secret list or the clock.
    const list = entry.hasReferences ? `${revision.catalog}|${day}` : '';
    const group = entry.template === undefined ? '' : `${entry.template}#${this.deps.store.templateRevision(entry.template)}`;
    const key = `${source}|${revision.settings}|${list}|${group}`;
    const known = this.reports.get(entry.path);
    if (known?.key === key) return known.items;
    await this.deps.yieldIfDue();
    const items = await this.deps.diagnose(entry);
    if (items === undefined) return undefined;
    const kept = items.length === 0 ? NO_ITEMS : items;
    this.reports.set(entry.path, { key, items: kept });
    return kept;
  }
}
