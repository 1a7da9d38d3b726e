/**
 * The server's parts (lsp/served.ts, lsp/documentDiagnostics.ts, lsp/capabilities.ts,
 * lsp/errors.ts lastResortLogger) built with fakes in place of the connection: the behaviour the
 * protocol tests check through a process, checked here without one.
 */
import { describe, expect, it } from 'vitest';
import { DocumentDiagnosticReportKind, type PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { IndexStore } from '../../../server/src/index/store';
import { AnalysisCache } from '../../../server/src/lsp/analysisCache';
import { clientFeaturesOf, NO_CLIENT_FEATURES, serverCapabilities, workspaceFoldersOf, type ClientFeatures } from '../../../server/src/lsp/capabilities';
import { CatalogStore } from '../../../server/src/lsp/catalog';
import { DocumentDiagnostics } from '../../../server/src/lsp/documentDiagnostics';
import { lastResortLogger } from '../../../server/src/lsp/errors';
import { ServedDocuments } from '../../../server/src/lsp/served';
import { SettingsStore } from '../../../server/src/lsp/settings';
import { analyze } from '../../../server/src/template/index';
import { MAX_URI_LENGTH } from '../../../server/src/template/fileKinds';

const URI = 'file:///w/app.runpod.env';
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function setUp(client: Partial<ClientFeatures> = {}) {
  const open = new Map<string, TextDocument>();
  const documents = { get: (uri: string) => open.get(uri), all: () => [...open.values()] };
  const cache = new AnalysisCache(analyze);
  const catalog = new CatalogStore(() => undefined);
  const settings = new SettingsStore(undefined, () => undefined);
  const serving = new ServedDocuments({ documents, settings: () => settings, cache, catalog });
  const sent: PublishDiagnosticsParams[] = [];
  const refreshes = { diagnostics: 0, tokens: 0 };
  const features = { ...NO_CLIENT_FEATURES, ...client };
  const diagnostics = new DocumentDiagnostics({
    connection: {
      sendDiagnostics: async (params) => void sent.push(params),
      refreshDiagnostics: async () => void refreshes.diagnostics++,
      refreshSemanticTokens: async () => void refreshes.tokens++,
    },
    documents,
    serving,
    store: new IndexStore(),
    cache,
    catalog,
    settings: () => settings,
    client: features,
    revisions: { settings: 0, catalog: 0 },
    log: () => undefined,
  });
  const openDoc = (text: string, version = 1): void => void open.set(URI, TextDocument.create(URI, 'runpod-env', version, text));
  return { open, openDoc, serving, diagnostics, sent, refreshes, catalog };
}

describe('served documents', () => {
  it('serves an open RunPod file and nothing that is not open', async () => {
    const { openDoc, serving } = setUp();
    expect(await serving.served(URI)).toBeUndefined();
    openDoc('A={{ RUNPOD_SECRET_db }}\n');
    const target = await serving.served(URI);
    expect(target?.kind).toBe('runpod-env');
    expect(serving.analysisOf(target!).references.map((r) => r.name)).toEqual(['db']);
  });

  it('takes an index entry as open when its document is open or the index took it from one', () => {
    const { openDoc, serving } = setUp();
    expect(serving.isOpen({ uri: URI, source: { kind: 'disk', stamp: 's' } })).toBe(false);
    expect(serving.isOpen({ uri: URI, source: { kind: 'open', version: 1 } })).toBe(true);
    openDoc('');
    expect(serving.isOpen({ uri: URI, source: { kind: 'disk', stamp: 's' } })).toBe(true);
  });
});

describe('document diagnostics without a process', () => {
  it('answers a pull again `unchanged` for the id the client holds', async () => {
    const { openDoc, diagnostics, catalog } = setUp({ pullDiagnostics: true });
    catalog.update({ state: 'fresh', secrets: [{ name: 'db' }] }, 'test');
    openDoc('A={{ RUNPOD_SECRET_nope }}\n');
    const first = await diagnostics.pull({ textDocument: { uri: URI } });
    expect(first.kind).toBe(DocumentDiagnosticReportKind.Full);
    const items = first.kind === DocumentDiagnosticReportKind.Full ? first.items : [];
    expect(items.length).toBeGreaterThan(0);
    const again = await diagnostics.pull({ textDocument: { uri: URI }, previousResultId: first.resultId });
    expect(again).toEqual({ kind: DocumentDiagnosticReportKind.Unchanged, resultId: first.resultId });
    expect(diagnostics.pulledId(URI)).toBe(first.resultId);
  });

  it('pushes once for a burst, not again for an identical set, and clears a closed document', async () => {
    const { openDoc, open, diagnostics, catalog, sent } = setUp();
    catalog.update({ state: 'fresh', secrets: [{ name: 'db' }] }, 'test');
    openDoc('A={{ RUNPOD_SECRET_nope }}\n');
    diagnostics.schedulePush(URI);
    diagnostics.schedulePush(URI);
    await settle();
    await settle();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.diagnostics.length).toBeGreaterThan(0);
    openDoc('A={{ RUNPOD_SECRET_nope }}\n', 2);
    diagnostics.schedulePush(URI);
    await settle();
    await settle();
    expect(sent).toHaveLength(1);
    // Skipped for being identical, not because pushing stopped: a changed set is pushed.
    openDoc('A={{ RUNPOD_SECRET_db }}\n', 3);
    diagnostics.schedulePush(URI);
    await settle();
    await settle();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.diagnostics).toEqual([]);
    open.delete(URI);
    diagnostics.closed(URI);
    expect(sent[2]).toEqual({ uri: URI, diagnostics: [] });
  });

  it('asks a pull client to refresh, and recolours only a client that can', () => {
    const pull = setUp({ pullDiagnostics: true, diagnosticRefresh: true });
    pull.diagnostics.revalidateAll();
    expect(pull.refreshes).toEqual({ diagnostics: 1, tokens: 0 });
    const tokens = setUp({ pullDiagnostics: true, diagnosticRefresh: true, semanticTokensRefresh: true });
    tokens.diagnostics.revalidateAll();
    expect(tokens.refreshes).toEqual({ diagnostics: 1, tokens: 1 });
  });
});

describe('capabilities', () => {
  it('reads a bare `{}` as a client that supports nothing optional', () => {
    expect(Object.values(clientFeaturesOf({})).every((v) => v === false)).toBe(true);
    expect(clientFeaturesOf(undefined)).toEqual(clientFeaturesOf({}));
    // Edits are resolved lazily only for a client that also keeps the action's data (dataSupport).
    const resolving = { resolveSupport: { properties: ['edit'] } };
    expect(clientFeaturesOf({ textDocument: { codeAction: resolving } }).resolveCodeActionEdit).toBe(false);
    expect(clientFeaturesOf({ textDocument: { codeAction: { ...resolving, dataSupport: true } } }).resolveCodeActionEdit).toBe(true);
  });

  it('offers pull diagnostics and prepareRename only to a client that has them', () => {
    const none = serverCapabilities(NO_CLIENT_FEATURES);
    expect(none.capabilities.diagnosticProvider).toBeUndefined();
    expect(none.capabilities.renameProvider).toBe(true);
    const both = serverCapabilities(clientFeaturesOf({ textDocument: { diagnostic: {}, rename: { prepareSupport: true } } }));
    expect(both.capabilities.diagnosticProvider).toMatchObject({ identifier: 'runpod', workspaceDiagnostics: true });
    expect(both.capabilities.renameProvider).toEqual({ prepareProvider: true });
  });

  it('leaves out workspace folders that are no folder or longer than any path, and falls back to rootUri', () => {
    expect(workspaceFoldersOf({ workspaceFolders: [null, 'x', { uri: 5 }, { uri: 'file:///w', name: 'w' }] as never, rootUri: 'file:///r' })).toEqual({ uris: ['file:///w'], tooLong: 0 });
    expect(workspaceFoldersOf({ workspaceFolders: null, rootUri: 'file:///r' })).toEqual({ uris: ['file:///r'], tooLong: 0 });
    expect(workspaceFoldersOf({ workspaceFolders: null, rootUri: null })).toEqual({ uris: [], tooLong: 0 });
    const long = `file:///${'a'.repeat(MAX_URI_LENGTH)}`;
    expect(workspaceFoldersOf({ workspaceFolders: [{ uri: long, name: 'l' }, { uri: 'file:///w', name: 'w' }], rootUri: null })).toEqual({ uris: ['file:///w'], tooLong: 1 });
    expect(workspaceFoldersOf({ workspaceFolders: null, rootUri: long })).toEqual({ uris: [], tooLong: 1 });
  });
});

describe('the last-resort log', () => {
  it('writes the first line once to stderr when the connection is closed, and nothing while it is open', () => {
    const lines: string[] = [];
    const stderr = { write: (text: string) => lines.push(text) };
    const logged: string[] = [];
    lastResortLogger((m) => void logged.push(m), stderr)('uncaught X\n    at frame');
    expect(logged).toEqual(['uncaught X\n    at frame']);
    expect(lines).toEqual([]);
    const closed = lastResortLogger(() => {
      throw new Error('closed');
    }, stderr);
    closed('runpod language server: uncaught X\n    at frame');
    closed('runpod language server: uncaught Y');
    expect(lines).toEqual(['runpod language server: the connection to the client is closed; runpod language server: uncaught X\n']);
  });
});
