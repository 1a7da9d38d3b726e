/**
 * What the client can do (read once from initialize) and what the server offers in return. Pure:
 * the server keeps one ClientFeatures object that its parts read when they need to.
 */
import { CodeActionKind, TextDocumentSyncKind, type ClientCapabilities, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { COMPLETION_TRIGGER_CHARACTERS } from './completion';
import { SEMANTIC_TOKENS_LEGEND } from './semanticTokens';
import { MAX_URI_LENGTH } from '../template/fileKinds';

/** What the client can do, decided once at initialize. */
export interface ClientFeatures {
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  dynamicConfiguration: boolean;
  semanticTokensRefresh: boolean;
  watchedFiles: boolean;
  /** Watchers may be `{ baseUri, pattern }` (LSP 3.17 RelativePattern): declared globs are relative to their folder. */
  relativePatterns: boolean;
  workspaceFolderChanges: boolean;
  documentChanges: boolean;
  changeAnnotations: boolean;
  prepareRename: boolean;
  /** The client resolves a code action's `edit` (codeAction/resolve): "Add KEY" actions are listed without edits. */
  resolveCodeActionEdit: boolean;
}

/** Before initialize: nothing optional. */
export const NO_CLIENT_FEATURES: Readonly<ClientFeatures> = Object.freeze(clientFeaturesOf({}));

/** Some clients send a bare `{}`: missing capabilities mean "supports nothing optional". */
export function clientFeaturesOf(capabilities: ClientCapabilities | null | undefined): ClientFeatures {
  const c = capabilities ?? {};
  return {
    pullDiagnostics: c.textDocument?.diagnostic !== undefined,
    diagnosticRefresh: c.workspace?.diagnostics?.refreshSupport === true,
    dynamicConfiguration: c.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    semanticTokensRefresh: c.workspace?.semanticTokens?.refreshSupport === true,
    watchedFiles: c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    relativePatterns: c.workspace?.didChangeWatchedFiles?.relativePatternSupport === true,
    workspaceFolderChanges: c.workspace?.workspaceFolders === true,
    documentChanges: c.workspace?.workspaceEdit?.documentChanges === true,
    changeAnnotations: c.workspace?.workspaceEdit?.changeAnnotationSupport !== undefined,
    prepareRename: c.textDocument?.rename?.prepareSupport === true,
    // Resolving needs the action's `data` back too (LSP: kept only by a client declaring dataSupport):
    // without it an action listed without its edit would resolve to nothing, so such a client gets edits at once.
    resolveCodeActionEdit: c.textDocument?.codeAction?.resolveSupport?.properties?.includes('edit') === true && c.textDocument.codeAction.dataSupport === true,
  };
}

/**
 * Workspace folders' URIs, from initialize (`workspaceFolders`, else `rootUri`) or from
 * workspace/workspaceFolders. Entries that are no folder (null, a string, a URI that is not one) are
 * left out, not fatal; so is a URI longer than any path (MAX_URI_LENGTH), counted in `tooLong` for
 * the log: the index would walk it, fail, say itself incomplete for good, and send it back in every
 * watcher registration and settings request.
 */
export function workspaceFoldersOf(params: Pick<InitializeParams, 'workspaceFolders' | 'rootUri'>): { uris: string[]; tooLong: number } {
  const listed: unknown[] = Array.isArray(params.workspaceFolders)
    ? params.workspaceFolders.map((f: unknown) => (typeof f === 'object' && f !== null ? (f as { uri?: unknown }).uri : undefined))
    : [params.rootUri];
  const uris = listed.filter((uri): uri is string => typeof uri === 'string');
  const kept = uris.filter((uri) => uri.length <= MAX_URI_LENGTH);
  return { uris: kept, tooLong: uris.length - kept.length };
}

/** The server's answer to initialize, for a client that can do `client`. */
export function serverCapabilities(client: Pick<ClientFeatures, 'prepareRename' | 'pullDiagnostics'>): InitializeResult {
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS, resolveProvider: false },
      hoverProvider: true,
      // Resolve computes an "Add KEY" action's edit, for clients that list actions without one.
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite], resolveProvider: true },
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
    // refresh (lsp/workspaceIndex.ts), rather than the client pulling every open document on every keystroke.
    result.capabilities.diagnosticProvider = { identifier: 'runpod', interFileDependencies: false, workspaceDiagnostics: true };
  }
  return result;
}
