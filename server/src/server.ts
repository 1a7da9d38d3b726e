/**
 * The RunPod template language server: connection, documents, capabilities and handlers. A thin
 * adapter: the pure core in `template/` does the language work on text and offsets, `lsp/` turns
 * its results into LSP shapes. Runs standalone (`node dist/server.js --stdio`, or `--node-ipc` as
 * vscode-languageclient starts it). It never receives secret values and never logs document text.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type ClientCapabilities,
  type CodeAction,
  type CompletionList,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type DocumentSymbol,
  type Hover,
  type InitializeResult,
  type SemanticTokens,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SecretsChangedNotification, type RunpodInitializationOptions } from './protocol';
import { analyze, codeActions, complete, hover, offersSymbols, symbols, withRotationDue } from './template/index';
import type { Analysis, DocumentKind, SecretCatalog } from './template/types';
import { AnalysisCache, trackedDocuments, type CachedAnalysis } from './lsp/analysisCache';
import { CatalogStore } from './lsp/catalog';
import { toCodeActions } from './lsp/codeActions';
import { COMPLETION_TRIGGER_CHARACTERS, toCompletionList } from './lsp/completion';
import { toDiagnostics } from './lsp/diagnostics';
import { documentKindFor } from './template/fileKinds';
import { describeError, guard } from './lsp/errors';
import { toHover } from './lsp/hover';
import { ReportIds } from './lsp/resultIds';
import { positionToOffset, rangeToSpan } from './lsp/positions';
import { SettingsStore, type ServerSettings } from './lsp/settings';
import { toDocumentSymbols } from './lsp/symbols';
import { SEMANTIC_TOKENS_LEGEND, toSemanticTokens } from './lsp/semanticTokens';
import { referenceTokens } from './template/semanticTokens';

const connection = createConnection();
const log = (message: string): void => connection.console.error(message);
const info = (message: string): void => connection.console.info(message);

const catalog = new CatalogStore(log);
const cache = new AnalysisCache(analyze);
// Every edit reaches the cache with its offsets, so env documents are re-read only where they changed.
const documents = new TextDocuments(trackedDocuments(cache, (error) => log(`runpod language server: incremental analysis ${describeError(error)}`)));
let settings = new SettingsStore(undefined, log);

/** What the client can do, decided once at initialize. */
const client = { pullDiagnostics: false, diagnosticRefresh: false, dynamicConfiguration: false, semanticTokensRefresh: false };

// Last resort: a bug outside a guarded handler is logged and the server keeps serving. Its state is
// only caches of open documents, so continuing is safe.
process.on('uncaughtException', (error) => log(`runpod language server: uncaught ${describeError(error)}`));
process.on('unhandledRejection', (error) => log(`runpod language server: unhandled rejection ${describeError(error)}`));

connection.onInitialize((params): InitializeResult => {
  // Some clients send a bare `{}`; treat missing capabilities as "supports nothing optional".
  const capabilities: ClientCapabilities = params.capabilities ?? {};
  client.pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
  client.diagnosticRefresh = capabilities.workspace?.diagnostics?.refreshSupport === true;
  client.dynamicConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  client.semanticTokensRefresh = capabilities.workspace?.semanticTokens?.refreshSupport === true;
  if (capabilities.workspace?.configuration === true) {
    settings = new SettingsStore((scopeUri) => connection.workspace.getConfiguration({ scopeUri, section: 'runpod' }), log);
  }
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
    },
    serverInfo: { name: 'runpod-language-server' },
  };
  if (client.pullDiagnostics) {
    result.capabilities.diagnosticProvider = { identifier: 'runpod', interFileDependencies: false, workspaceDiagnostics: false };
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
  info(`runpod language server ready (${client.pullDiagnostics ? 'pull' : 'push'} diagnostics, secret list ${catalog.catalog.state}).`);
});

/** A served document as of now: its text, kind and the settings that apply to it. */
interface Served {
  doc: TextDocument;
  kind: DocumentKind;
  settings: ServerSettings;
}

/**
 * Looks up the document after reading its settings (the only await), so everything after this
 * works synchronously on one version of the text. `undefined`: not open, or not a RunPod document.
 */
async function served(uri: string): Promise<Served | undefined> {
  if (!documents.get(uri)) return undefined;
  const documentSettings = await settings.forDocument(uri);
  const doc = documents.get(uri);
  if (!doc) return undefined;
  const kind = documentKindFor(doc.languageId, doc.uri, documentSettings.files);
  return kind ? { doc, kind, settings: documentSettings } : undefined;
}

function cachedOf(target: Served): CachedAnalysis {
  return cache.get(target.doc, target.kind, catalog.catalog);
}

function analysisOf(target: Served): Analysis {
  return cachedOf(target).analysis;
}

/**
 * LSP diagnostics per problems token: converted again only when the problems change as the editor
 * shows them (for env documents, not while typing inside a value), or settings or the catalog change.
 */
const converted = new WeakMap<object, { settings: ServerSettings; catalog: SecretCatalog; items: Diagnostic[] }>();

function diagnosticsOf(target: Served): Diagnostic[] {
  const { analysis, problemsToken } = cachedOf(target);
  const known = converted.get(problemsToken);
  if (known && known.settings === target.settings && known.catalog === catalog.catalog) return known.items;
  // secret-rotation-due judges dates against the clock: added here, outside the per-version analysis.
  const problems = withRotationDue(analysis, catalog.catalog, { days: target.settings.rotationDays, now: Date.now() });
  const items = toDiagnostics(target.doc, problems, target.settings, catalog.catalog);
  converted.set(problemsToken, { settings: target.settings, catalog: catalog.catalog, items });
  return items;
}

// ---- Diagnostics: pull when the client supports it, push otherwise (e.g. Neovim 0.7). ----

/**
 * Result ids follow the report's content (lsp/resultIds.ts): a keystroke that leaves every
 * diagnostic as it was (typing inside a value) is answered `unchanged` to a client that sends the
 * last id it received, as VS Code does, instead of the whole report again.
 */
const pulledIds = new ReportIds();
/** What was last published per document in push mode, so identical diagnostics are not re-sent. */
const pushedIds = new ReportIds();

const emptyReport: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };

connection.languages.diagnostics.on(
  guard('textDocument/diagnostic', emptyReport, log, async (params): Promise<DocumentDiagnosticReport> => {
    const uri = params.textDocument.uri;
    const target = await served(uri);
    if (!target) {
      pulledIds.forget(uri);
      return emptyReport;
    }
    const items = diagnosticsOf(target);
    const { id } = pulledIds.idFor(uri, items);
    if (params.previousResultId === id) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: id };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: id, items };
  }),
);

const pendingPush = new Set<string>();
/** Documents that currently show pushed diagnostics, so they can be cleared when no longer served. */
const pushed = new Set<string>();

const pushNow = guard('publishDiagnostics', undefined, log, async (uri: string): Promise<void> => {
  const target = await served(uri);
  if (!target) {
    pushedIds.forget(uri);
    if (pushed.delete(uri)) await connection.sendDiagnostics({ uri, diagnostics: [] });
    return;
  }
  const diagnostics = diagnosticsOf(target);
  // The client still shows the identical set published for an earlier version: nothing to send.
  if (!pushedIds.idFor(uri, diagnostics).changed) return;
  pushed.add(uri);
  await connection.sendDiagnostics({ uri, version: target.doc.version, diagnostics });
});

/** Pushes on the next turn of the event loop, so a burst of changes yields one analysis. */
function schedulePush(uri: string): void {
  if (client.pullDiagnostics) return;
  if (pendingPush.size === 0) {
    setImmediate(() => {
      const uris = [...pendingPush];
      pendingPush.clear();
      for (const pending of uris) void pushNow(pending);
    });
  }
  pendingPush.add(uri);
}

/** After a catalog or settings change: ask the client to re-pull, or push everything again. */
function revalidateAll(): void {
  // Known and unknown references are coloured differently: recolour when the list changes.
  if (client.semanticTokensRefresh) {
    connection.languages.semanticTokens.refresh().catch((error: unknown) => {
      log(`runpod language server: semantic tokens refresh failed: ${describeError(error)}`);
    });
  }
  if (client.pullDiagnostics) {
    if (client.diagnosticRefresh) {
      connection.languages.diagnostics.refresh().catch((error: unknown) => {
        log(`runpod language server: diagnostic refresh failed: ${describeError(error)}`);
      });
    }
    return;
  }
  for (const doc of documents.all()) schedulePush(doc.uri);
}

documents.onDidChangeContent(guard('didChange', undefined, log, (event) => schedulePush(event.document.uri)));
documents.onDidClose(
  guard('didClose', undefined, log, (event) => {
    const uri = event.document.uri;
    cache.delete(uri);
    settings.forget(uri);
    pendingPush.delete(uri);
    pulledIds.forget(uri);
    pushedIds.forget(uri);
    if (pushed.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  }),
);

connection.onNotification(
  SecretsChangedNotification,
  guard(SecretsChangedNotification, undefined, log, (params: unknown) => {
    if (catalog.update(params, SecretsChangedNotification)) revalidateAll();
  }),
);

connection.onDidChangeConfiguration(
  guard('didChangeConfiguration', undefined, log, (params) => {
    settings.changed(params.settings);
    revalidateAll();
  }),
);

// ---- Language features ----

connection.onCompletion(
  guard('completion', { isIncomplete: false, items: [] } as CompletionList, log, async (params): Promise<CompletionList> => {
    const target = await served(params.textDocument.uri);
    if (!target) return { isIncomplete: false, items: [] };
    const offset = positionToOffset(target.doc, params.position);
    return toCompletionList(target.doc, complete(target.doc.getText(), offset, target.kind, catalog.catalog, cache.around(target.doc, target.kind, catalog.catalog, offset)));
  }),
);

connection.onHover(
  guard('hover', null as Hover | null, log, async (params): Promise<Hover | null> => {
    const target = await served(params.textDocument.uri);
    if (!target) return null;
    const offset = positionToOffset(target.doc, params.position);
    const around = cache.around(target.doc, target.kind, catalog.catalog, offset);
    return toHover(target.doc, hover(target.doc.getText(), offset, target.kind, catalog.catalog, around, { now: Date.now(), rotationDays: target.settings.rotationDays }));
  }),
);

connection.onCodeAction(
  guard('codeAction', [] as CodeAction[], log, async (params): Promise<CodeAction[]> => {
    const target = await served(params.textDocument.uri);
    if (!target) return [];
    const span = rangeToSpan(target.doc, params.range);
    const candidates = codeActions(target.doc.getText(), span, target.kind, catalog.catalog, analysisOf(target));
    return toCodeActions(target.doc, candidates, params.context, target.settings, catalog.catalog);
  }),
);

connection.onDocumentSymbol(
  guard('documentSymbol', [] as DocumentSymbol[], log, async (params): Promise<DocumentSymbol[]> => {
    const target = await served(params.textDocument.uri);
    if (!target || !offersSymbols(target.kind, target.doc.languageId)) return [];
    return toDocumentSymbols(target.doc, symbols(analysisOf(target)));
  }),
);

connection.languages.semanticTokens.on(
  guard('semanticTokens', { data: [] } as SemanticTokens, log, async (params): Promise<SemanticTokens> => {
    const target = await served(params.textDocument.uri);
    if (!target) return { data: [] };
    return toSemanticTokens(target.doc, referenceTokens(analysisOf(target), catalog.catalog));
  }),
);

documents.listen(connection);
connection.listen();
