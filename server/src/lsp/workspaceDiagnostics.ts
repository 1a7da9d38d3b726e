/**
 * `workspace/diagnostic` (LSP 3.17 pull): the diagnostics of every RunPod file in the index, so
 * the Problems view lists a typo in a file nobody opened.
 *
 * Open documents are reported too, from their open text and with the document pull's result ids:
 * VS Code's client pulls `textDocument/diagnostic` only for documents shown in a tab, and an
 * extension's `workspace.openTextDocument` or a `WorkspaceEdit` leaves documents open with none
 * (vscode-languageclient diagnostic.ts: `matches` requires `visibleDocuments.isVisible`). Left out
 * here, such a document's problems would never update (a file fixed outside the editor kept its
 * problem until opened and closed in a tab). The client takes a workspace item only for a document
 * it does not pull itself, and sends back the document pull's id for one it does, which equals
 * ours when nothing changed, so a tab's document is not reported twice. A request held across an
 * edit still carries the tab's older id: a document whose current diagnostics the last document
 * pull answered is left out then too (the client never cancels its held request on an edit).
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
const HOLD_MS = 60_000;

const DAY_MS = 24 * 60 * 60 * 1000;
const NO_ITEMS: Diagnostic[] = [];

export interface WorkspaceDiagnosticsDeps {
  store: IndexStore;
  /** Whether the index is built (a first request waits for it). */
  built(): boolean;
  /** Brings open documents' facts into the index. */
  flush(): Promise<void>;
  /** Whether the entry's file is open in the editor (its diagnostics are then {@link openReport}'s). */
  isOpen(entry: IndexEntry): boolean;
  /** An open document's diagnostics as `textDocument/diagnostic` answers them (same result id), or undefined when it is not served. */
  openReport(entry: IndexEntry): Promise<{ version: number; resultId: string; items: Diagnostic[] } | undefined>;
  /** The result id the last `textDocument/diagnostic` answer for `uri` carried (a document the client pulls in a tab), or undefined. */
  pulledId(uri: string): string | undefined;
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
  /** Per open document, the result id a request last looked at (reported or not) and whether that request held the document. */
  private readonly considered = new Map<string, { id: string; held: boolean }>();
  private waiters: (() => void)[] = [];
  /**
   * Closed tabs whose last document pull had problems: VS Code's client keeps those after the close
   * and drops its workspace result id for the file, relying on the next workspace answer; a file
   * that answer would leave out (clean on disk, or not indexed: a git-ignored folder) kept them for
   * good. Each is reported once, empty unless reported anyway. `ready` once the client's last pull
   * of the closed document is answered (an answer before it would be dropped: the client still
   * tracks the document) or a new workspace request comes.
   */
  private readonly closedWithItems = new Map<string, { ready: boolean }>();

  constructor(private readonly deps: WorkspaceDiagnosticsDeps) {}

  /** Something the diagnostics depend on changed: held requests look again. */
  changed(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  /**
   * Open documents' edits reached the index (typing paused): held requests look again only when an
   * open document's diagnostics differ both from what they last looked at and from what its tab
   * pulled itself, so a pause that changed nothing a report would show costs no walk of every file.
   * The tab's pull stands in for the report only as {@link differing} lets it: when the request holds
   * the document, or there is no problem to report. A problem in a document the request does not
   * hold must reach it, or once the tab closes and the file is fixed outside a tab, no pass would
   * clear that problem (a clean file the client never heard of is not reported).
   */
  async openEdited(uris: Iterable<string>): Promise<void> {
    if (this.waiters.length === 0) return;
    for (const uri of uris) {
      const entry = this.deps.store.get(indexKeyOf(uri));
      if (!entry) continue;
      const open = await this.deps.openReport(entry);
      if (!open) continue;
      const considered = this.considered.get(entry.path);
      if (open.resultId === considered?.id) continue;
      const pulledStandsIn = considered?.held === true || open.items.length === 0;
      if (pulledStandsIn && open.resultId === this.deps.pulledId(entry.uri)) continue;
      this.changed();
      return;
    }
  }

  /** A tab with problems closed (see {@link closedWithItems}). */
  closedWithProblems(uri: string): void {
    // By URI, not index key: a tab opened through a symbolic link holds its problems under the link's path.
    this.closedWithItems.set(uri, { ready: false });
  }

  /** A document pull was answered: for a closed tab, the client's last; held requests look again after it is sent. */
  documentPulled(uri: string): void {
    const closed = this.closedWithItems.get(uri);
    if (!closed || closed.ready) return;
    closed.ready = true;
    setImmediate(() => this.changed());
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
    for (const closed of this.closedWithItems.values()) closed.ready = true;
    const deadline = (this.deps.now?.() ?? Date.now()) + HOLD_MS;
    for (;;) {
      if (token.isCancellationRequested) return { items: [] };
      // The index may wait for a storm of file events: a cancelled request answers now.
      await untilCancelled(token, this.deps.flush());
      if (token.isCancellationRequested) return { items: [] };
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
      if (entry.source.kind === 'open' || this.deps.isOpen(entry)) {
        const open = await this.deps.openReport(entry);
        if (!open) continue;
        seen.add(entry.path);
        const heldId = held.get(entry.path)?.id;
        this.considered.set(entry.path, { id: open.resultId, held: heldId !== undefined });
        // A tab's document: the client pulled the current diagnostics itself after the id this request holds,
        // and would discard a workspace item for it anyway. Held id undefined: in no tab, or a tab just closed.
        if (heldId !== undefined && this.deps.pulledId(entry.uri) === open.resultId) continue;
        if (!this.shouldReport(heldId, open.resultId, open.items)) continue;
        out.push({ kind: DocumentDiagnosticReportKind.Full, uri: entry.uri, version: open.version, resultId: open.resultId, items: open.items });
        continue;
      }
      seen.add(entry.path);
      this.considered.delete(entry.path);
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
      this.ids.forget(path);
      if (id !== this.ids.unkept) out.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: this.ids.unkept, items: NO_ITEMS });
    }
    for (const [uri, { ready }] of this.closedWithItems) {
      if (!ready) continue;
      this.closedWithItems.delete(uri);
      if (out.some((item) => item.uri === uri)) continue;
      // The id of no items under the URI's index key, as the next rounds judge what the client holds.
      const { id } = this.ids.idFor(indexKeyOf(uri), NO_ITEMS);
      out.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: id, items: NO_ITEMS });
    }
    return out;
  }

  private report(out: WorkspaceDocumentDiagnosticReport[], path: string, uri: string, items: Diagnostic[], heldId: string | undefined): void {
    const { id } = this.ids.idFor(path, items);
    if (this.shouldReport(heldId, id, items)) out.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: id, items });
  }

  private shouldReport(heldId: string | undefined, id: string, items: readonly Diagnostic[]): boolean {
    // A clean file the client never heard of needs no report.
    return heldId !== id && (heldId !== undefined || items.length > 0);
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

/** Resolves when `work` does or `token` is cancelled, whichever comes first (`work` goes on). */
function untilCancelled(token: CancellationToken, work: Promise<void>): Promise<void> {
  if (token.isCancellationRequested) return Promise.resolve();
  let listener: { dispose(): void } | undefined;
  const cancelled = new Promise<void>((resolve) => (listener = token.onCancellationRequested(() => resolve())));
  return Promise.race([work, cancelled]).finally(() => listener?.dispose());
}
