/**
 * The diagnostics of open documents: what a document's problems are as the editor shows them (its
 * analysis, the environment rules against its siblings in the index, rotation due, the other-account
 * note), answered to `textDocument/diagnostic` (pull) or published (push, e.g. Neovim 0.7), with
 * report ids so an unchanged report costs nothing, and the refreshes after a catalog or settings change.
 */
import { DocumentDiagnosticReportKind, type Diagnostic, type DocumentDiagnosticParams, type DocumentDiagnosticReport, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readAsIndexed } from '../index/indexedRead';
import { wholeLengthOf } from '../index/readFile';
import type { IndexEntry, IndexStore } from '../index/store';
import { indexKeyOf } from '../index/uris';
import { analyzeAtOnce, ANALYSIS_LIMITS } from '../template/analyze';
import { movedAlong, sameProblem, type FactsMark, type IncrementalEnvAnalysis, type TextMove } from '../template/incremental';
import { withRotationDue } from '../template/index';
import type { Analysis, Problem, SecretCatalog } from '../template/types';
import { fileScope, type FileScope } from './accountScope';
import type { AnalysisCache } from './analysisCache';
import type { CatalogStore } from './catalog';
import { coalesced } from './coalesced';
import { toDiagnostics } from './diagnostics';
import { environmentProblemsOf, withProblems } from './environmentDiagnostics';
import { describeError, guard } from './errors';
import { ReportIds } from './resultIds';
import type { Served, ServedDocuments } from './served';
import type { ServerSettings, SettingsStore } from './settings';

/** What this part asks of the connection. */
export interface DiagnosticsConnection {
  sendDiagnostics(params: PublishDiagnosticsParams): Promise<void>;
  refreshDiagnostics(): Promise<unknown>;
  refreshSemanticTokens(): Promise<unknown>;
}

export interface DocumentDiagnosticsDeps {
  connection: DiagnosticsConnection;
  documents: { all(): readonly TextDocument[] };
  serving: ServedDocuments;
  store: IndexStore;
  cache: AnalysisCache;
  catalog: CatalogStore;
  /** A getter: initialize may replace the store. */
  settings(): SettingsStore;
  /** What the client can do, read when needed (decided at initialize). */
  client: { readonly pullDiagnostics: boolean; readonly diagnosticRefresh: boolean; readonly semanticTokensRefresh: boolean };
  /** Counters of what every file's diagnostics depend on, bumped by the server on each settings or catalog change. */
  revisions: { readonly settings: number; readonly catalog: number };
  log(message: string): void;
}

/**
 * The environment problems of a document, and a token that stays the same object while they keep
 * their content, line and column (the converted diagnostics are then reused as they are).
 */
interface EnvironmentAnswer {
  readonly problems: readonly Problem[];
  token: object;
}

const NO_PROBLEMS: EnvironmentAnswer = Object.freeze({ problems: Object.freeze([]), token: Object.freeze({}) });

/** `found` moved through `moves` (IncrementalEnvAnalysis.movesSince), the first time its problems are read (then handed to `read`). */
function movedLater(found: readonly Problem[], moves: readonly TextMove[], token: object, read: (moved: readonly Problem[]) => void): EnvironmentAnswer {
  let problems: readonly Problem[] | undefined;
  return {
    get problems() {
      if (problems === undefined) read((problems = movedAlong(found, moves)));
      return problems;
    },
    token,
  };
}
const emptyReport: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };

/**
 * A file's problems as the editor shows them: its analysis's, secret-rotation-due (judged against
 * the clock, outside the per-version analysis), the environment rules' and the other-account note.
 * One composition for open documents, files on disk, and the code actions (which take no note).
 */
export function judgedProblems(analysis: Analysis, catalog: SecretCatalog, rotationDays: number, environment: readonly Problem[], notes: readonly Problem[] = []): readonly Problem[] {
  return withProblems(withProblems(withRotationDue(analysis, catalog, { days: rotationDays, now: Date.now() }), environment), notes);
}

export class DocumentDiagnostics {
  /**
   * LSP diagnostics per problems token: converted again only when the problems change as the editor
   * shows them (for env documents, not while typing inside a value), or settings or the catalog change.
   */
  private readonly converted = new WeakMap<object, { settings: ServerSettings; catalogRevision: number; environment: object; noteEnd: number | undefined; items: Diagnostic[] }>();
  /**
   * The environment problems of an open document, with its siblings from the workspace index. Per
   * document, the last answer is kept with what it was computed from (a version's analysis, the
   * group's revision, the catalog and settings). For an env document read incrementally, a keystroke
   * that leaves its keys, references and lines as they were moves the last answer with the text
   * (IncrementalEnvAnalysis.movesSince, movedAlong) instead of judging every key against the siblings again: a
   * prod file beside a dev file of 10,000 more keys cost 13-20 ms a keystroke that way.
   */
  private readonly environmentCache = new Map<
    string,
    {
      analysis: Analysis;
      revision: number;
      catalog: SecretCatalog;
      settings: ServerSettings;
      answer: EnvironmentAnswer;
      model?: IncrementalEnvAnalysis;
      /** Where `found` was found (the problems of `answer` are `found` moved from there). */
      mark?: FactsMark;
      found: readonly Problem[];
    }
  >();
  /**
   * Result ids follow the report's content (lsp/resultIds.ts): a keystroke that leaves every
   * diagnostic as it was (typing inside a value) is answered `unchanged` to a client that sends the
   * last id it received, as VS Code does, instead of the whole report again.
   */
  private readonly pulledIds = new ReportIds();
  /**
   * The id each `textDocument/diagnostic` answer last carried, per URI: the client holds those
   * diagnostics already, so a held workspace pull does not send them again (workspaceDiagnostics.ts).
   */
  private readonly answeredIds = new Map<string, string>();
  /** Documents whose last `textDocument/diagnostic` answer had problems: the client keeps them after a close. */
  private readonly pulledProblems = new Set<string>();
  /** What was last published per document in push mode, so identical diagnostics are not re-sent. */
  private readonly pushedIds = new ReportIds();
  private readonly pendingPush = new Set<string>();
  /** Documents that currently show pushed diagnostics, so they can be cleared when no longer served. */
  private readonly pushed = new Set<string>();
  /** Refreshes asked of the client, one at a time (lsp/coalesced.ts). */
  private readonly refreshSemanticTokens: () => void;
  private readonly refreshPulledDiagnostics: () => void;
  private readonly pushNow: (uri: string) => Promise<void>;

  constructor(private readonly deps: DocumentDiagnosticsDeps) {
    const { connection, log } = deps;
    this.refreshSemanticTokens = coalesced(
      () => connection.refreshSemanticTokens(),
      (error) => log(`runpod language server: semantic tokens refresh failed: ${describeError(error)}`),
    );
    this.refreshPulledDiagnostics = coalesced(
      () => connection.refreshDiagnostics(),
      (error) => log(`runpod language server: diagnostic refresh failed: ${describeError(error)}`),
    );
    this.pushNow = guard('publishDiagnostics', undefined, log, (uri: string) => this.publish(uri));
  }

  diagnosticsOf(target: Served): Diagnostic[] {
    const { serving, revisions } = this.deps;
    const scope = serving.scopeOf(target);
    const { analysis, problemsToken } = serving.cachedOf(target, scope);
    const environment = this.environmentOf(target, analysis, scope);
    const known = this.converted.get(problemsToken);
    // Keyed on the catalog's revision, which every accepted secretsChanged bumps: the account and the
    // held names in the note change with it (a change of the held names alone keeps the list object).
    // The note on another account's file spans the first line, which typing there may lengthen.
    const noteEnd = scope.notes[0]?.span.end;
    if (known && known.settings === target.settings && known.catalogRevision === revisions.catalog && known.environment === environment.token && known.noteEnd === noteEnd) return known.items;
    const problems = judgedProblems(analysis, scope.catalog, target.settings.rotationDays, environment.problems, scope.notes);
    const items = toDiagnostics(target.doc, problems, target.settings, scope.catalog);
    this.converted.set(problemsToken, { settings: target.settings, catalogRevision: revisions.catalog, environment: environment.token, noteEnd, items });
    return items;
  }

  environmentOf(target: Served, analysis: Analysis, scope: FileScope): EnvironmentAnswer {
    const { store, cache, catalog } = this.deps;
    const uri = target.doc.uri;
    const entry = store.get(indexKeyOf(uri));
    const template = entry?.template;
    const revision = template === undefined ? -1 : store.templateRevision(template);
    const last = this.environmentCache.get(uri);
    const model = cache.modelOf(target.doc);
    const remember = (answer: EnvironmentAnswer, found: readonly Problem[], mark = model?.factsMark()): EnvironmentAnswer => {
      this.environmentCache.set(uri, { analysis, revision, catalog: catalog.catalog, settings: target.settings, answer, model, mark, found });
      return answer;
    };
    if (last && last.revision === revision && last.catalog === catalog.catalog && last.settings === target.settings) {
      if (last.analysis === analysis) return last.answer;
      const moves = model && model === last.model && last.mark ? model.movesSince(last.mark) : undefined;
      // Moved only when read: the diagnostics read them only when the document's own problems changed
      // (a keystroke in a value reuses the converted ones), and a copy of every problem on every
      // keystroke (2,000 of them beside a dev file of 10,000 more keys) was most of the scavenges' work.
      if (moves) {
        if (last.found.length === 0) return remember(NO_PROBLEMS, last.found, last.mark);
        const now = model!.factsMark();
        const answer = movedLater(last.found, moves, last.answer.token, (moved) => {
          // Read: later keystrokes move these (from now) rather than the first ones through every move again.
          const entry = this.environmentCache.get(uri);
          if (entry?.answer === answer) Object.assign(entry, { found: moved, mark: now });
        });
        return remember(answer, last.found, last.mark);
      }
    }
    const found = environmentProblemsOf(store, { uri, text: target.doc.getText(), analysis }, scope.catalog, target.settings.environments, catalog.account);
    if (found.length === 0) return remember(NO_PROBLEMS, found);
    return remember({ problems: found, token: last && sameProblems(last.answer.problems, found) ? last.answer.token : {} }, found);
  }

  /** `textDocument/diagnostic`: the full report, or `unchanged` when the client holds its id. */
  async pull(params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> {
    const uri = params.textDocument.uri;
    const target = await this.deps.serving.served(uri);
    if (!target) {
      this.pulledIds.forget(uri);
      this.answeredIds.delete(uri);
      return emptyReport;
    }
    const items = this.diagnosticsOf(target);
    const { id } = this.pulledIds.idFor(uri, items);
    this.answeredIds.set(uri, id);
    if (items.length > 0) this.pulledProblems.add(uri);
    else this.pulledProblems.delete(uri);
    if (params.previousResultId === id) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: id };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: id, items };
  }

  /** An open document's report as `textDocument/diagnostic` answers it (same result id), for the workspace pull. */
  async openReport(entry: IndexEntry): Promise<{ version: number; resultId: string; items: Diagnostic[] } | undefined> {
    const target = await this.deps.serving.served(entry.uri);
    if (!target) return undefined;
    const items = this.diagnosticsOf(target);
    return { version: target.doc.version, resultId: this.pulledIds.idFor(target.doc.uri, items).id, items };
  }

  /** The id the last `textDocument/diagnostic` answer for `uri` carried. */
  pulledId(uri: string): string | undefined {
    return this.answeredIds.get(uri);
  }

  /** The diagnostics of a RunPod file that is not open, as it is on disk now (workspace diagnostics). */
  async diagnoseOnDisk(entry: IndexEntry): Promise<Diagnostic[] | undefined> {
    const { store, catalog } = this.deps;
    const read = readAsIndexed(entry.path);
    if (!read.ok) return undefined;
    const fileSettings = await this.deps.settings().forDocument(entry.folder ?? entry.uri);
    const scope = fileScope(entry.uri, () => read.text, fileSettings.environments, catalog);
    // Read at once: the environment and rotation rules below read its variables and references, which
    // analyze()'s rounds would read a second time (for every unopened file, rotation being on by default).
    const analysis = analyzeAtOnce(read.text, entry.kind, scope.catalog, ANALYSIS_LIMITS, wholeLengthOf(read));
    const environment = environmentProblemsOf(store, { uri: entry.uri, text: read.text, analysis }, scope.catalog, fileSettings.environments, catalog.account);
    const problems = judgedProblems(analysis, scope.catalog, fileSettings.rotationDays, environment, scope.notes);
    return toDiagnostics(TextDocument.create(entry.uri, '', 0, read.text), problems, fileSettings, scope.catalog);
  }

  /** Pushes on the next turn of the event loop, so a burst of changes yields one analysis. */
  schedulePush(uri: string): void {
    if (this.deps.client.pullDiagnostics) return;
    if (this.pendingPush.size === 0) {
      setImmediate(() => {
        const uris = [...this.pendingPush];
        this.pendingPush.clear();
        for (const pending of uris) void this.pushNow(pending);
      });
    }
    this.pendingPush.add(uri);
  }

  /** After a catalog or settings change: ask the client to re-pull, or push everything again. */
  revalidateAll(): void {
    // Known and unknown references are coloured differently: recolour when the list changes.
    if (this.deps.client.semanticTokensRefresh) this.refreshSemanticTokens();
    this.refreshDiagnostics();
  }

  /** Open documents' diagnostics may differ: ask the client to re-pull them (pull), or push them again. */
  refreshDiagnostics(): void {
    const { client, documents } = this.deps;
    if (client.pullDiagnostics) {
      if (client.diagnosticRefresh) this.refreshPulledDiagnostics();
      return;
    }
    for (const doc of documents.all()) this.schedulePush(doc.uri);
  }

  /** A document was closed: forget what was kept for it, and clear what was pushed for it. */
  /** Forgets a closed document; true when its tab's last pull had problems (the client still shows them). */
  closed(uri: string): boolean {
    this.environmentCache.delete(uri);
    this.pendingPush.delete(uri);
    this.pulledIds.forget(uri);
    this.answeredIds.delete(uri);
    this.pushedIds.forget(uri);
    if (this.pushed.delete(uri)) void this.deps.connection.sendDiagnostics({ uri, diagnostics: [] });
    return this.pulledProblems.delete(uri);
  }

  private async publish(uri: string): Promise<void> {
    const target = await this.deps.serving.served(uri);
    if (!target) {
      this.pushedIds.forget(uri);
      if (this.pushed.delete(uri)) await this.deps.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const diagnostics = this.diagnosticsOf(target);
    // The client still shows the identical set published for an earlier version: nothing to send.
    if (!this.pushedIds.idFor(uri, diagnostics).changed) return;
    this.pushed.add(uri);
    await this.deps.connection.sendDiagnostics({ uri, version: target.doc.version, diagnostics });
  }
}

function sameProblems(a: readonly Problem[], b: readonly Problem[]): boolean {
  return a.length === b.length && a.every((p, i) => sameProblem(p, b[i]!));
}
