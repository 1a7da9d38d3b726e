/**
 * The workspace index wired to the editor: the indexer over the workspace folders, the file
 * watchers it asks the editor for, the workspace diagnostics over it, and the debounced follow-ups
 * of its changes (usage counts stale, siblings' environment problems, open documents' facts).
 */
import { WatchKind, type Disposable, type FileSystemWatcher } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Indexer } from '../index/indexer';
import { UsagesChangedNotification } from '../protocol';
import type { IndexChange, IndexStore } from '../index/store';
import { walkWorkerScript } from '../index/walkThread';
import { count } from '../template/counts';
import { declaredFileGlobs } from '../template/environments/files';
import { editorPatterns, folderPatterns, isFolderRelativeGlob, referenceFileGlobs } from '../template/fileKinds';
import type { DocumentDiagnostics } from './documentDiagnostics';
import { coalesced } from './coalesced';
import { describeError } from './errors';
import type { ServedDocuments } from './served';
import { DEFAULT_SETTINGS, type SettingsStore } from './settings';
import { WorkspaceDiagnostics } from './workspaceDiagnostics';

/** Waits after the last index change before telling the client its usage counts may be stale (typing sends many). */
const USAGES_DEBOUNCE_MS = 300;
/** Waits after an edit before the edited document's facts are taken into the index. */
const FLUSH_DEBOUNCE_MS = 300;

/** What this part asks of the connection. */
export interface IndexConnection {
  /** Shows a warning to the user (a notification: nothing waits for it to be dismissed). */
  showWarning(message: string): void;
  /** Sends {@link UsagesChangedNotification}. */
  usagesChanged(): Promise<void>;
  /** Registers workspace/didChangeWatchedFiles for these watchers. */
  registerWatchers(watchers: FileSystemWatcher[]): Promise<Disposable>;
}

export interface WorkspaceIndexDeps {
  connection: IndexConnection;
  store: IndexStore;
  documents: { get(uri: string): TextDocument | undefined; all(): readonly TextDocument[] };
  serving: ServedDocuments;
  diagnostics: DocumentDiagnostics;
  /** A getter: initialize may replace the store. */
  settings(): SettingsStore;
  /** What the client can do, read when needed (decided at initialize). */
  client: { readonly watchedFiles: boolean; readonly relativePatterns: boolean };
  revisions: { readonly settings: number; readonly catalog: number };
  log(message: string): void;
  info(message: string): void;
}

/**
 * A debounced action: runs once `ms` after the last call, after the answers already queued. The RPC
 * library writes an answer in an immediate, and timers run before immediates: a request that ran
 * past the wait (the first pull of a 10 MB template) had its answer held back by the index flush
 * that an expired timer ran first (tens of milliseconds of the time to first diagnostics).
 */
export function debounced(ms: number, action: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      setImmediate(action);
    }, ms);
  };
}

export class WorkspaceIndex {
  readonly indexer: Indexer;
  readonly workspaceDiagnostics: WorkspaceDiagnostics;
  /** Tells the client its usage counts may be stale, once a burst of changes settles. */
  readonly notifyUsagesChanged: () => void;
  private readonly refreshEnvironments: () => void;
  private readonly flushSoon: () => void;
  private folders: readonly string[] = [];
  private watcherRegistration: Disposable | undefined;
  /**
   * Registers the watchers for the folders and settings as they are when it runs, one registration
   * at a time (lsp/coalesced.ts): asked again meanwhile (settings answered late, then changed), the
   * next one runs after, so the last registration in effect is by the latest settings.
   */
  private readonly rewatch: () => void;

  constructor(private readonly deps: WorkspaceIndexDeps) {
    const { connection, store, documents, serving, diagnostics, log, info } = deps;
    // registerWatchers logs its own failures.
    this.rewatch = coalesced(() => this.registerWatchers(), () => undefined);
    this.indexer = new Indexer({
      store,
      folderSettings: (uri) => deps.settings().forFolder(uri),
      openFacts: (uri) => serving.openFacts(uri),
      changed: (change) => this.indexChanged(change),
      warn: (message) => {
        info(message);
        connection.showWarning(message);
      },
      walked: (files, ms) => info(`runpod language server: indexed ${count(files, 'RunPod file')} in ${ms} ms.`),
      walkWorker: walkWorkerScript(),
      log,
    });
    const indexer = this.indexer;
    this.workspaceDiagnostics = new WorkspaceDiagnostics({
      store,
      built: () => indexer.built,
      flush: () => indexer.flush(),
      isOpen: (entry) => serving.isOpen(entry),
      openReport: (entry) => diagnostics.openReport(entry),
      pulledId: (uri) => diagnostics.pulledId(uri),
      revision: () => deps.revisions,
      diagnose: (entry) => diagnostics.diagnoseOnDisk(entry),
      yieldIfDue: () => indexer.yieldIfDue(),
    });
    this.notifyUsagesChanged = debounced(USAGES_DEBOUNCE_MS, () => {
      connection.usagesChanged().catch((error: unknown) => log(`runpod language server: ${UsagesChangedNotification} failed: ${describeError(error)}`));
    });
    this.refreshEnvironments = debounced(USAGES_DEBOUNCE_MS, () => diagnostics.refreshDiagnostics());
    // Then held workspace pulls look again if an open document's problems changed without its index facts (workspaceDiagnostics.ts).
    this.flushSoon = debounced(FLUSH_DEBOUNCE_MS, () =>
      void indexer
        .flush()
        .then(() => this.workspaceDiagnostics.openEdited(documents.all().map((doc) => doc.uri)))
        .catch((error: unknown) => log(`runpod language server: indexing open documents failed: ${describeError(error)}`)),
    );
  }

  /** The workspace folders, at start or changed: watch and walk them (unchanged files are not read again). */
  async setFolders(folders: readonly string[]): Promise<void> {
    this.folders = folders;
    // Not awaited: the index must not wait for an editor that is slow to answer the registration.
    this.rewatch();
    await this.indexer.setFolders(folders);
  }

  /** A document was opened or edited: its facts are taken into the index once the edits settle. */
  touched(uri: string): void {
    this.indexer.touched(uri);
    this.flushSoon();
  }

  /** `hadProblems`: the tab's last document pull had problems, which the client keeps until a workspace report replaces them. */
  closed(uri: string, hadProblems = false): void {
    this.indexer.closed(uri);
    if (hadProblems) this.workspaceDiagnostics.closedWithProblems(uri);
    this.workspaceDiagnostics.changed();
  }

  /** The client pulled a document's diagnostics (after a close: its last pull, see workspaceDiagnostics.ts). */
  pulled(uri: string): void {
    this.workspaceDiagnostics.documentPulled(uri);
  }

  /** The secret list changed: every file's diagnostics may differ; usage counts leave out other accounts' files. */
  catalogChanged(accountChanged: boolean): void {
    this.workspaceDiagnostics.changed();
    if (accountChanged) this.notifyUsagesChanged();
  }

  /**
   * The settings changed, or arrived after the deadline (what was served meanwhile used the
   * defaults): globs and declared environments may differ, so watch and walk again.
   */
  settingsChanged(): void {
    this.workspaceDiagnostics.changed();
    this.rewatch();
    void this.indexer.settingsChanged();
  }

  dispose(): void {
    this.indexer.dispose();
    this.workspaceDiagnostics.dispose();
  }

  private indexChanged(change: IndexChange): void {
    this.workspaceDiagnostics.changed();
    if (change.usages) this.notifyUsagesChanged();
    // A file of a template changed its keys or secrets: its siblings' environment problems may differ.
    if (change.templates.size > 0) this.refreshEnvironments();
  }

  /**
   * Asks the editor to watch the files the index reads (of every folder, `runpod.files` and the
   * files `runpod.environments` declares; the RunPod env and dotenv names), `.gitignore` files, and
   * creations and deletions of anything (a folder moved in or deleted comes as one event for the
   * folder). The server decides the patterns because it reads the settings per folder; any client
   * with dynamic registration of watched files serves it.
   */
  private async registerWatchers(): Promise<void> {
    const { client } = this.deps;
    const folders = this.folders;
    if (!client.watchedFiles) return;
    const globs = new Set<string>();
    const relative = new Map<string, { baseUri: string; pattern: string }>();
    for (const folder of folders.length > 0 ? folders : [undefined]) {
      const folderSettings = folder === undefined ? DEFAULT_SETTINGS : await this.deps.settings().forDocument(folder);
      // Braces expanded as the index expands them (editorPatterns): the editor's matcher has no `{1..3}`.
      for (const glob of editorPatterns(referenceFileGlobs(folderSettings.files.filter((g) => !isFolderRelativeGlob(g))))) globs.add(glob);
      // Declared globs and `runpod.files` globs such as `templates/*.json` are relative to their folder;
      // a client without relative patterns watches them anywhere (more events, each judged by the
      // folder's rule all the same), by the globs alone: those for the path below a `.runpod`
      // folder (folderPatterns) are no use against the whole path.
      for (const pattern of folderPatterns(client.relativePatterns ? folder : undefined, [...folderSettings.files.filter(isFolderRelativeGlob), ...declaredFileGlobs(folderSettings.environments)])) {
        if (folder !== undefined && client.relativePatterns) relative.set(`${folder}\n${pattern}`, { baseUri: folder, pattern });
        else globs.add(pattern);
      }
    }
    const watchers: FileSystemWatcher[] = [
      ...[...globs].map((globPattern) => ({ globPattern, kind: WatchKind.Change })),
      ...[...relative.values()].map((globPattern) => ({ globPattern, kind: WatchKind.Change })),
      { globPattern: '**/.gitignore', kind: WatchKind.Change },
      { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
    ];
    try {
      const previous = this.watcherRegistration;
      this.watcherRegistration = await this.deps.connection.registerWatchers(watchers);
      previous?.dispose();
    } catch (error) {
      this.deps.log(`runpod language server: registering file watchers failed: ${describeError(error)}`);
    }
  }
}
