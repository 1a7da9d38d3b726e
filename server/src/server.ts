/**
 * The RunPod template language server's composition root: it creates the connection, builds the
 * parts in `lsp/` (served documents, diagnostics, the workspace index, the document and index
 * features), registers their handlers and listens. The pure core in `template/` does the language
 * work on text and offsets; `lsp/` turns its results into LSP shapes. Runs standalone (`node
 * dist/server.js --stdio`, or `--node-ipc` as vscode-languageclient starts it). It never receives
 * secret values and never logs document text.
 */
// First: the bundle evaluates it before the rest, and the index's walk thread starts while the server loads.
import { takeEarlyWalkThread } from './index/earlyWalkThread';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  createConnection,
  type CodeAction,
  type CompletionList,
  type DidChangeConfigurationParams,
  type DocumentDiagnosticParams,
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
import { analyzeAtOnce } from './template/analyze';
import { IndexStore } from './index/store';
import { AnalysisCache, trackedDocuments } from './lsp/analysisCache';
import { CatalogStore } from './lsp/catalog';
import { ServedDocuments } from './lsp/served';
import { DocumentDiagnostics } from './lsp/documentDiagnostics';
import { WorkspaceIndex } from './lsp/workspaceIndex';
import { IndexFeatures } from './lsp/indexFeatures';
import { DocumentFeatures } from './lsp/documentFeatures';
import { describeError, filteredConsole, guard, lastResortLogger, needsDocument } from './lsp/errors';
import { NO_CLIENT_FEATURES, clientFeaturesOf, serverCapabilities, workspaceFoldersOf, type ClientFeatures } from './lsp/capabilities';
import { MAX_URI_LENGTH } from './template/fileKinds';
import { SettingsStore } from './lsp/settings';
import { coalesced } from './lsp/coalesced';
import { consoleToLog, stdioTransport } from './lsp/transport';
import { sessionOrder } from './lsp/sessionOrder';
import { MESSAGE_TOO_LONG, messageTooLong } from './lsp/messageBound';

/** Whether the client asked for a shutdown: stdin's end then exits 0, else 1 (as the library's own stdio transport). */
let shutdownReceived = false;
// --stdio is built here (lsp/transport.ts), so an input that cannot be read exits; --node-ipc is the library's.
const stdio = process.argv.includes('--stdio') ? stdioTransport(process, () => shutdownReceived, (message) => log(message)) : undefined;
// The RPC library's own log lines are filtered (lsp/errors.ts filteredConsole); the server's own are not.
// LSP's order (initialize first and once), which the library does not keep (lsp/sessionOrder.ts).
const order = sessionOrder();
// The console sees the RPC connection first: the order notes there which requests have handlers.
const features = { __brand: 'features', console: order.noting(filteredConsole) } as const;
const connection = stdio ? createConnection(features, stdio.reader, stdio.writer, order.options) : createConnection(features, order.options);
for (const [method, answer] of order.refusals) connection.onRequest(method, answer);
// A request skipped on stdio for its size reaches the connection renamed, to be refused (lsp/messageBound.ts).
connection.onRequest(MESSAGE_TOO_LONG, messageTooLong);
if (stdio) consoleToLog(connection.console, process.stderr);
const log = (message: string): void => connection.console.own.error(message);
const info = (message: string): void => connection.console.own.info(message);
/** What the settings leave out, and defaults used when they cannot be read: the server goes on, so a warning. */
const warn = (message: string): void => connection.console.own.warn(message);

const catalog = new CatalogStore(log);
// An open document's analysis serves hover, completion and the index's facts as well as the
// diagnostics: all read its variables, so one reading keeps them (env documents are read
// incrementally; analyze()'s rounds would read a JSON or TOML document twice: 1,244 ms to the
// first diagnostics of a 256,000-key template, 948 read at once, in two runs of December 7).
const cache = new AnalysisCache(analyzeAtOnce);
// Every edit reaches the cache with its offsets, so env documents are re-read only where they changed.
const documents = new TextDocuments(trackedDocuments(cache, (error) => log(`runpod language server: incremental analysis ${describeError(error)}`)));
let settings = new SettingsStore(undefined, warn);
/** The workspace index: every RunPod file under the workspace folders, opened or not (index/). */
const store = new IndexStore();

/** What the client can do, decided once at initialize (lsp/capabilities.ts); the parts read it when they need to. */
const client: ClientFeatures = { ...NO_CLIENT_FEATURES };
/** Counters of what every file's diagnostics depend on (the workspace diagnostics key their reports on them). */
const revisions = { settings: 0, catalog: 0 };
/** The workspace folders from initialize (then kept by the indexer). */
let initialFolders: string[] = [];

// Last resort: a bug outside a guarded handler is logged and the server keeps serving. Its state is
// only caches of open documents, so continuing is safe.
const lastResortLog = lastResortLogger(log, process.stderr);
process.on('uncaughtException', (error) => lastResortLog(`runpod language server: uncaught ${describeError(error)}`));
process.on('unhandledRejection', (error) => lastResortLog(`runpod language server: unhandled rejection ${describeError(error)}`));
// With stderr closed too there is nowhere left to say anything; its write errors must not loop back here.
process.stderr.on('error', () => undefined);

/**
 * How long after a late answer to workspace/configuration the server waits for the others: an editor
 * that catches up answers every read that waited past the deadline (one per folder and open
 * document) at once, and each would revalidate, re-register the watchers and walk again.
 */
const LATE_ANSWERS_SETTLE_MS = 100;

/** Requests were answered by the default settings meanwhile: diagnostics, the index and its watchers follow the real ones, once per burst. */
const settingsAnsweredLate = coalesced(
  async () => {
    revisions.settings++;
    diagnostics.revalidateAll();
    index.settingsChanged();
  },
  (error) => log(`runpod language server: applying late settings ${describeError(error)}`),
  () => new Promise((resolve) => setTimeout(resolve, LATE_ANSWERS_SETTLE_MS)),
);

/** The workspace folders the server reads (lsp/capabilities.ts), with a line for those too long to be one. */
function foldersOf(params: Parameters<typeof workspaceFoldersOf>[0]): string[] {
  const { uris, tooLong } = workspaceFoldersOf(params);
  if (tooLong > 0) warn(`runpod language server: ${tooLong} workspace folder URI(s) longer than ${MAX_URI_LENGTH} characters left out: no folder has such a path.`);
  return uris;
}

connection.onInitialize((params): InitializeResult => {
  Object.assign(client, clientFeaturesOf(params.capabilities));
  initialFolders = foldersOf(params);
  // The walk follows `initialized` and a settings round trip: its thread, started as the server loaded, waits for it.
  index.indexer.startWalkThread(initialFolders, takeEarlyWalkThread());
  if (params.capabilities?.workspace?.configuration === true) {
    settings = new SettingsStore((scopeUri) => connection.workspace.getConfiguration({ scopeUri, section: 'runpod' }), warn, () => settingsAnsweredLate());
  }
  settings.setFolders(initialFolders);
  const options = params.initializationOptions as RunpodInitializationOptions | null | undefined;
  if (options && typeof options === 'object' && options.secrets !== undefined) {
    catalog.update(options.secrets, 'initializationOptions.secrets');
  }
  order.started();
  return serverCapabilities(client);
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
        const folders = foldersOf({ workspaceFolders: (await connection.workspace.getWorkspaceFolders()) ?? [], rootUri: null });
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

// A notification, not a request: nothing waits for the user to dismiss it.
const showWarning = (message: string): void => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }).catch(() => undefined);

/** The workspace index, its watchers and workspace diagnostics (lsp/workspaceIndex.ts). */
const index = new WorkspaceIndex({
  connection: {
    showWarning,
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
  guard('textDocument/diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] } as DocumentDiagnosticReport, log, needsDocument('textDocument/diagnostic', async (params: DocumentDiagnosticParams) => {
    const report = await diagnostics.pull(params);
    index.pulled(params.textDocument.uri);
    return report;
  })),
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
    index.closed(uri, diagnostics.closed(uri));
    settings.forget(uri);
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
    index.settingsChanged();
  }),
);

connection.onDidChangeWatchedFiles(guard('didChangeWatchedFiles', undefined, log, (params) => index.indexer.watched(params?.changes)));
documents.onDidOpen(guard('didOpen', undefined, log, (event) => index.touched(event.document.uri)));

connection.languages.diagnostics.onWorkspace(
  guard('workspace/diagnostic', { items: [] } as WorkspaceDiagnosticReport, log, (params, token) => index.workspaceDiagnostics.pull(params, token)),
);

connection.onShutdown(() => {
  shutdownReceived = true;
  index.dispose();
});

// ---- Features of one document (lsp/documentFeatures.ts) ----

const documentFeatures = new DocumentFeatures({ serving, cache, diagnostics, documents, store, indexer: index.indexer, client, showWarning });

connection.onCompletion(guard('completion', { isIncomplete: false, items: [] } as CompletionList, log, needsDocument('completion', (params) => documentFeatures.completion(params))));
connection.onHover(guard('hover', null as Hover | null, log, needsDocument('hover', (params) => documentFeatures.hover(params))));
connection.onCodeAction(guard('codeAction', [] as CodeAction[], log, needsDocument('codeAction', (params) => documentFeatures.codeActions(params))));
connection.onCodeActionResolve((action) => guard('codeAction/resolve', action, log, (a: CodeAction) => documentFeatures.resolveCodeAction(a))(action));
connection.onDocumentSymbol(guard('documentSymbol', [] as DocumentSymbol[], log, needsDocument('documentSymbol', (params) => documentFeatures.documentSymbols(params))));
connection.languages.semanticTokens.on(guard('semanticTokens', { data: [] } as SemanticTokens, log, needsDocument('semanticTokens', (params) => documentFeatures.semanticTokens(params))));

// ---- Features over the workspace index (lsp/indexFeatures.ts) ----

const indexFeatures = new IndexFeatures({ serving, documents, store, indexer: index.indexer, cache, catalog, settings: () => settings, client });

connection.onReferences(guard('references', null as Location[] | null, log, needsDocument('references', (params) => indexFeatures.references(params))));
connection.onDocumentHighlight(guard('documentHighlight', null as DocumentHighlight[] | null, log, needsDocument('documentHighlight', (params) => indexFeatures.highlights(params))));
connection.onWorkspaceSymbol(guard('workspaceSymbol', [] as SymbolInformation[], log, (params) => indexFeatures.workspaceSymbols(params)));
connection.onPrepareRename(guard('prepareRename', null as PrepareRenameResult | null, log, needsDocument('prepareRename', (params) => indexFeatures.prepareRename(params))));
connection.onRenameRequest(guard('rename', null as WorkspaceEdit | null, log, needsDocument('rename', (params) => indexFeatures.rename(params))));
connection.onRequest(RenameLeftOutRequest, guard(RenameLeftOutRequest, { leftOut: [] } as RenameLeftOutResult, log, (params: unknown) => indexFeatures.renameLeftOut(params)));
connection.onRequest(SecretUsagesRequest, guard(SecretUsagesRequest, { usages: {}, complete: false } as SecretUsagesResult, log, (params: unknown) => indexFeatures.secretUsages(params)));
connection.onRequest(RenameSecretRequest, guard(RenameSecretRequest, null as RenameSecretResult | null, log, (params: unknown) => indexFeatures.renameSecret(params)));

documents.listen(connection);
connection.listen();
