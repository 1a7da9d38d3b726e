/**
 * The RunPod template language server: connection, documents, capabilities and handlers. A thin
 * adapter: the pure core in `template/` does the language work on text and offsets, `lsp/` turns
 * its results into LSP shapes. Runs standalone (`node dist/server.js --stdio`, or `--node-ipc` as
 * vscode-languageclient starts it). It never receives secret values and never logs document text.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type ClientCapabilities,
  type CodeAction,
  type CompletionList,
  type DidChangeConfigurationParams,
  type DocumentDiagnosticReport,
  type DocumentHighlight,
  type DocumentSymbol,
  type Hover,
  type InitializeResult,
  type Location,
  type PrepareRenameResult,
  type SemanticTokens,
  type SymbolInformation,
  type WorkspaceDiagnosticReport,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { RenameLeftOutRequest, RenameSecretRequest, SecretsChangedNotification, SecretUsagesRequest, UsagesChangedNotification, type RenameLeftOutResult, type RenameSecretResult, type RunpodInitializationOptions, type SecretUsagesResult } from './protocol';
import { analyze } from './template/index';
import { IndexStore } from './index/store';
import { AnalysisCache, trackedDocuments } from './lsp/analysisCache';
import { CatalogStore } from './lsp/catalog';
import { COMPLETION_TRIGGER_CHARACTERS } from './lsp/completion';
import { ServedDocuments } from './lsp/served';
import { DocumentDiagnostics } from './lsp/documentDiagnostics';
import { WorkspaceIndex } from './lsp/workspaceIndex';
import { IndexFeatures } from './lsp/indexFeatures';
import { DocumentFeatures } from './lsp/documentFeatures';
import { describeError, guard, libraryLogLine } from './lsp/errors';
import { oneLine } from './template/displayText';
import { SettingsStore } from './lsp/settings';
import { SEMANTIC_TOKENS_LEGEND } from './lsp/semanticTokens';

/**
 * The console the RPC library logs through is the connection's: every line it writes passes
 * libraryLogLine (a malformed message's params, a document's text among them, never reach the log).
 * The server's own lines are written as they are (`own`): they never hold document text or values.
 */
const connection = createConnection({
  __brand: 'features',
  console: (Base) =>
    class extends Base {
      own = { error: (message: string): void => super.error(message), warn: (message: string): void => super.warn(message), info: (message: string): void => super.info(message) };
      override error(message: string): void {
        super.error(libraryLogLine(message));
      }
      override warn(message: string): void {
        super.warn(libraryLogLine(message));
      }
      override info(message: string): void {
        super.info(libraryLogLine(message));
      }
      override log(message: string): void {
        super.log(libraryLogLine(message));
      }
      override debug(message: string): void {
        super.debug(libraryLogLine(message));
      }
    },
});
const log = (message: string): void => connection.console.own.error(message);
const info = (message: string): void => connection.console.own.info(message);
/** What the settings leave out, and defaults used when they cannot be read: the server goes on, so a warning. */
const warn = (message: string): void => connection.console.own.warn(message);

const catalog = new CatalogStore(log);
const cache = new AnalysisCache(analyze);
// Every edit reaches the cache with its offsets, so env documents are re-read only where they changed.
const documents = new TextDocuments(trackedDocuments(cache, (error) => log(`runpod language server: incremental analysis ${describeError(error)}`)));
let settings = new SettingsStore(undefined, warn);
/** The workspace index: every RunPod file under the workspace folders, opened or not (index/). */
const store = new IndexStore();

/** What the client can do, decided once at initialize. */
const client = {
  pullDiagnostics: false,
  diagnosticRefresh: false,
  dynamicConfiguration: false,
  semanticTokensRefresh: false,
  watchedFiles: false,
  /** Watchers may be `{ baseUri, pattern }` (LSP 3.17 RelativePattern): declared globs are relative to their folder. */
  relativePatterns: false,
  workspaceFolderChanges: false,
  documentChanges: false,
  changeAnnotations: false,
  prepareRename: false,
};
/** Counters of what every file's diagnostics depend on (the workspace diagnostics key their reports on them). */
const revisions = { settings: 0, catalog: 0 };
/** The workspace folders from initialize (then kept by the indexer). */
let initialFolders: string[] = [];

// Last resort: a bug outside a guarded handler is logged and the server keeps serving. Its state is
// only caches of open documents, so continuing is safe.
process.on('uncaughtException', (error) => lastResortLog(`runpod language server: uncaught ${describeError(error)}`));
process.on('unhandledRejection', (error) => lastResortLog(`runpod language server: unhandled rejection ${describeError(error)}`));
// With stderr closed too there is nowhere left to say anything; its write errors must not loop back here.
process.stderr.on('error', () => undefined);

/**
 * The handlers above log through the connection while it is open. A client that closed its end of
 * stdout closed the connection: logging through it throws, and a throw inside the handler exits
 * the process (code 7) with a stack trace. Then the line goes to stderr, without the frames.
 */
function lastResortLog(message: string): void {
  try {
    log(message);
  } catch {
    // Every answer still pending fails the same way: one line says it, not one per answer.
    if (closedConnectionSaid) return;
    closedConnectionSaid = true;
    process.stderr.write(`runpod language server: the connection to the client is closed; ${oneLine(message.split('\n', 1)[0]!)}\n`);
  }
}
let closedConnectionSaid = false;

connection.onInitialize((params): InitializeResult => {
  // Some clients send a bare `{}`; treat missing capabilities as "supports nothing optional".
  const capabilities: ClientCapabilities = params.capabilities ?? {};
  client.pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
  client.diagnosticRefresh = capabilities.workspace?.diagnostics?.refreshSupport === true;
  client.dynamicConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  client.semanticTokensRefresh = capabilities.workspace?.semanticTokens?.refreshSupport === true;
  client.watchedFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  client.relativePatterns = capabilities.workspace?.didChangeWatchedFiles?.relativePatternSupport === true;
  client.workspaceFolderChanges = capabilities.workspace?.workspaceFolders === true;
  client.documentChanges = capabilities.workspace?.workspaceEdit?.documentChanges === true;
  client.changeAnnotations = capabilities.workspace?.workspaceEdit?.changeAnnotationSupport !== undefined;
  client.prepareRename = capabilities.textDocument?.rename?.prepareSupport === true;
  // Entries that are no folder (null, a string, a URI that is not one) are left out, not fatal.
  initialFolders = Array.isArray(params.workspaceFolders)
    ? params.workspaceFolders.map((f: unknown) => (typeof f === 'object' && f !== null ? (f as { uri?: unknown }).uri : undefined)).filter((uri): uri is string => typeof uri === 'string')
    : typeof params.rootUri === 'string'
      ? [params.rootUri]
      : [];
  if (capabilities.workspace?.configuration === true) {
    settings = new SettingsStore((scopeUri) => connection.workspace.getConfiguration({ scopeUri, section: 'runpod' }), warn, () => {
      // Requests were answered by the default settings meanwhile: diagnostics and the index follow the real ones.
      revisions.settings++;
      diagnostics.revalidateAll();
      index.settingsChanged({ rewatch: false });
    });
  }
  settings.setFolders(initialFolders);
  const options = params.initializationOptions as RunpodInitializationOptions | null | undefined;
  if (options && typeof options === 'object' && options.secrets !== undefined) {
    catalog.update(options.secrets, 'initializationOptions.secrets');
  }
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS, resolveProvider: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
      documentSymbolProvider: true,
      semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
      referencesProvider: true,
      documentHighlightProvider: true,
      workspaceSymbolProvider: true,
      renameProvider: client.prepareRename ? { prepareProvider: true } : true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'runpod-language-server' },
  };
  if (client.pullDiagnostics) {
    // interFileDependencies stays false: an environment sibling's change is followed by an explicit
    // refresh (below), rather than the client pulling every open document on every keystroke.
    result.capabilities.diagnosticProvider = { identifier: 'runpod', interFileDependencies: false, workspaceDiagnostics: true };
  }
  return result;
});

connection.onInitialized(() => {
  // VS Code only sends didChangeConfiguration to servers that register for it.
  if (client.dynamicConfiguration) {
    connection.client.register(DidChangeConfigurationNotification.type, undefined).catch((error: unknown) => {
      log(`runpod language server: registering for configuration changes failed: ${describeError(error)}`);
    });
  }
  if (client.workspaceFolderChanges) {
    connection.workspace.onDidChangeWorkspaceFolders(
      guard('didChangeWorkspaceFolders', undefined, log, async () => {
        const folders = ((await connection.workspace.getWorkspaceFolders()) ?? []).map((f) => f.uri);
        // A document's folder decides what its declared globs are relative to.
        settings.setFolders(folders);
        revisions.settings++;
        diagnostics.revalidateAll();
        await index.setFolders(folders);
      }),
    );
  }
  info(`runpod language server ready (${client.pullDiagnostics ? 'pull' : 'push'} diagnostics, secret list ${catalog.catalog.state}).`);
  void index.setFolders(initialFolders);
});

/** The open documents the server serves (lsp/served.ts); `settings` is read when asked, as initialize may replace it. */
const serving = new ServedDocuments({ documents, settings: () => settings, cache, catalog });

/** Open documents' diagnostics, pulled or pushed, and the refreshes after a change (lsp/documentDiagnostics.ts). */
const diagnostics = new DocumentDiagnostics({
  connection: {
    sendDiagnostics: (params) => connection.sendDiagnostics(params),
    refreshDiagnostics: () => connection.languages.diagnostics.refresh(),
    refreshSemanticTokens: () => connection.languages.semanticTokens.refresh(),
  },
  documents,
  serving,
  store,
  cache,
  catalog,
  settings: () => settings,
  client,
  revisions,
  log,
});

/** The workspace index, its watchers and workspace diagnostics (lsp/workspaceIndex.ts). */
const index = new WorkspaceIndex({
  connection: {
    // A notification, not a request: nothing waits for the user to dismiss it.
    showWarning: (message) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }).catch(() => undefined),
    usagesChanged: () => connection.sendNotification(UsagesChangedNotification),
    registerWatchers: (watchers) => connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }),
  },
  store,
  documents,
  serving,
  diagnostics,
  settings: () => settings,
  client,
  revisions,
  log,
  info,
});

connection.languages.diagnostics.on(
  guard('textDocument/diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] } as DocumentDiagnosticReport, log, (params) => diagnostics.pull(params)),
);

documents.onDidChangeContent(
  guard('didChange', undefined, log, (event) => {
    diagnostics.schedulePush(event.document.uri);
    index.touched(event.document.uri);
  }),
);
documents.onDidClose(
  guard('didClose', undefined, log, (event) => {
    const uri = event.document.uri;
    cache.delete(uri);
    index.closed(uri);
    settings.forget(uri);
    diagnostics.closed(uri);
  }),
);

connection.onNotification(
  SecretsChangedNotification,
  guard(SecretsChangedNotification, undefined, log, (params: unknown) => {
    const account = catalog.account;
    if (!catalog.update(params, SecretsChangedNotification)) return;
    revisions.catalog++;
    diagnostics.revalidateAll();
    // Usage counts leave out other accounts' files: another account counts other files.
    index.catalogChanged(catalog.account !== account);
  }),
);

connection.onDidChangeConfiguration(
  // `params` may be null from a careless client: the settings are still pulled and files revalidated.
  guard('didChangeConfiguration', undefined, log, (params: DidChangeConfigurationParams | null) => {
    settings.changed(params?.settings);
    revisions.settings++;
    diagnostics.revalidateAll();
    // Globs and declared environments may differ: watch and walk again (unchanged files are not read again).
    index.settingsChanged({ rewatch: true });
  }),
);

connection.onDidChangeWatchedFiles(guard('didChangeWatchedFiles', undefined, log, (params) => index.indexer.watched(params.changes)));
documents.onDidOpen(guard('didOpen', undefined, log, (event) => index.touched(event.document.uri)));

connection.languages.diagnostics.onWorkspace(
  guard('workspace/diagnostic', { items: [] } as WorkspaceDiagnosticReport, log, (params, token) => index.workspaceDiagnostics.pull(params, token)),
);

connection.onShutdown(() => index.dispose());

// ---- Features of one document (lsp/documentFeatures.ts) ----

const documentFeatures = new DocumentFeatures({ serving, cache, diagnostics });

connection.onCompletion(guard('completion', { isIncomplete: false, items: [] } as CompletionList, log, (params) => documentFeatures.completion(params)));
connection.onHover(guard('hover', null as Hover | null, log, (params) => documentFeatures.hover(params)));
connection.onCodeAction(guard('codeAction', [] as CodeAction[], log, (params) => documentFeatures.codeActions(params)));
connection.onDocumentSymbol(guard('documentSymbol', [] as DocumentSymbol[], log, (params) => documentFeatures.documentSymbols(params)));
connection.languages.semanticTokens.on(guard('semanticTokens', { data: [] } as SemanticTokens, log, (params) => documentFeatures.semanticTokens(params)));

// ---- Features over the workspace index (lsp/indexFeatures.ts) ----

const indexFeatures = new IndexFeatures({ serving, documents, store, indexer: index.indexer, cache, catalog, settings: () => settings, client });

connection.onReferences(guard('references', null as Location[] | null, log, (params) => indexFeatures.references(params)));
connection.onDocumentHighlight(guard('documentHighlight', null as DocumentHighlight[] | null, log, (params) => indexFeatures.highlights(params)));
connection.onWorkspaceSymbol(guard('workspaceSymbol', [] as SymbolInformation[], log, (params) => indexFeatures.workspaceSymbols(params)));
connection.onPrepareRename(guard('prepareRename', null as PrepareRenameResult | null, log, (params) => indexFeatures.prepareRename(params)));
connection.onRenameRequest(guard('rename', null as WorkspaceEdit | null, log, (params) => indexFeatures.rename(params)));
connection.onRequest(RenameLeftOutRequest, guard(RenameLeftOutRequest, { leftOut: [] } as RenameLeftOutResult, log, (params: unknown) => indexFeatures.renameLeftOut(params)));
connection.onRequest(SecretUsagesRequest, guard(SecretUsagesRequest, { usages: {}, complete: false } as SecretUsagesResult, log, (params: unknown) => indexFeatures.secretUsages(params)));
connection.onRequest(RenameSecretRequest, guard(RenameSecretRequest, null as RenameSecretResult | null, log, (params: unknown) => indexFeatures.renameSecret(params)));

documents.listen(connection);
connection.listen();
