/**
 * A small LSP client for protocol tests (and the latency benchmark): spawns `node dist/server.js
 * --stdio` and drives it as an editor would, over the same JSON-RPC library editors use. Keeps a
 * mirror of each open document so tests can send incremental changes by offset and apply the
 * server's edits to check the resulting text.
 */
import { spawn, execFileSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  CodeActionRequest,
  CompletionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DiagnosticRefreshRequest,
  DocumentDiagnosticRequest,
  DidChangeWatchedFilesNotification,
  DocumentHighlightRequest,
  DocumentSymbolRequest,
  ExitNotification,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  WorkspaceDiagnosticRequest,
  WorkspaceSymbolRequest,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentHighlight,
  type FileEvent,
  type Location,
  type PrepareRenameResult,
  type PreviousResultId,
  type WorkspaceDiagnosticReport,
  type WorkspaceEdit,
  type DocumentDiagnosticReport,
  type DocumentSymbol,
  type Hover,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type SymbolInformation,
  type TextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVER_NODE_FLAGS } from '../../server/src/youngGeneration';
import { OpenDocument } from '../../server/src/lsp/openDocument';
import { WAIT_BOUND_MS } from '../helpers/until';

/** The repository root: npm scripts and vitest run there. */
export const ROOT = resolve(process.cwd());
export const SERVER = join(ROOT, 'dist/server.js');

/** The newest modification time of any file under `dir` (whether a bundle is older than its sources). */
export function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/server.js when it is missing or older than server/src (`npm test` builds first; a lone
 * `vitest run test/protocol` may not have). Serialised by a lock so parallel test files build once.
 */
export function ensureServerBuilt(): void {
  const built = (): boolean => {
    try {
      return statSync(SERVER).mtimeMs >= newestMtime(join(ROOT, 'server/src'));
    } catch {
      return false;
    }
  };
  if (built()) return;
  execFileSync('flock', ['/tmp/runpod-lsp-test-build.lock', 'sh', '-c', 'node esbuild.mjs'], { cwd: ROOT, stdio: 'ignore', timeout: 120_000 });
}

/** Capabilities of an editor like VS Code: pull diagnostics with refresh, workspace/configuration. */
export const PULL_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    completion: { completionItem: { snippetSupport: false } },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor.rewrite'] } } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    synchronization: { dynamicRegistration: false },
  },
  workspace: { configuration: true, diagnostics: { refreshSupport: true }, didChangeConfiguration: { dynamicRegistration: true } },
};

/** Capabilities of an older editor (e.g. Neovim 0.7): push diagnostics, no workspace/configuration. */
export const PUSH_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    completion: { completionItem: { snippetSupport: false } },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor.rewrite'] } } },
    publishDiagnostics: { relatedInformation: true },
  },
  workspace: { configuration: false },
};

export interface StartOptions {
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /**
   * Answers `workspace/configuration` for section `runpod` (a value, or a promise of one); default:
   * `null` (nothing configured). Unless the answer sets `secrets`, rotation is off (see {@link pinRotationOff}).
   */
  configuration?: (scopeUri: string | undefined) => unknown;
  /** Workspace folders (URIs) sent at initialize: the server indexes them. */
  workspaceFolders?: string[];
  /** More Node options for the server process, after the flags the extension starts it with (the benchmark profiles it with `--cpu-prof`). */
  nodeArgs?: string[];
  /**
   * A server process started ahead by {@link spawnServer} (its nodeArgs then apply, not these): its
   * Node start and bundle load, most of a start's cost, overlap the caller's work before it is needed.
   */
  process?: ChildProcessWithoutNullStreams;
}

/** A server process as the extension starts it, not yet initialized: see {@link StartOptions.process}. */
export function spawnServer(nodeArgs: readonly string[] = []): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeArgs, SERVER, '--stdio'], { cwd: ROOT, stdio: 'pipe' });
  // Read from the spawn on: Node discards the unread stderr of a child that exits before anyone
  // listens (child_process flushStdio), and a failed load's reason is all a start can say.
  stderrOf(child);
  return child;
}

/** What each server process wrote to stderr, collected from the first ask on. */
const stderrTexts = new WeakMap<ChildProcessWithoutNullStreams, { text: string; read: Promise<void> }>();

/** `child`'s stderr, collected from now on (once per process): its text so far, and when it has all been read. */
function stderrOf(child: ChildProcessWithoutNullStreams): { text: string; read: Promise<void> } {
  let collected = stderrTexts.get(child);
  if (!collected) {
    const entry = { text: '', read: Promise.resolve() };
    entry.read = new Promise<void>((resolve) => {
      if (child.stderr.readableEnded || child.stderr.destroyed) resolve();
      else child.stderr.once('end', resolve).once('close', resolve);
    });
    child.stderr.on('data', (chunk: Buffer) => (entry.text += chunk.toString()));
    stderrTexts.set(child, (collected = entry));
  }
  return collected;
}

/**
 * The `runpod` section as the server gets it: `secrets.rotationDays` 0 unless the test sets `secrets`.
 * The fixtures' secret dates are fixed while the server's clock is real, so with the default policy
 * (90 days) `secret-rotation-due` hints would appear in every test as the calendar moves on; tests
 * of that rule configure it themselves.
 */
export function pinRotationOff(section: unknown): unknown {
  if (section === null || section === undefined) return { secrets: { rotationDays: 0 } };
  if (typeof section === 'object' && !Array.isArray(section) && !('secrets' in section)) return { ...section, secrets: { rotationDays: 0 } };
  return section;
}

/** A running server and the client side of its connection. */
export class LspClient {
  readonly logs: string[] = [];
  /** Each `window/logMessage`'s type (1 error, 2 warning, 3 info, 4 log), in the order of `logs`. */
  readonly logTypes: number[] = [];
  readonly pushed: PublishDiagnosticsParams[] = [];
  refreshCount = 0;
  configurationRequests = 0;
  /** `runpod/usagesChanged` notifications received. */
  usagesChanged = 0;
  /** Watchers the server registered for `workspace/didChangeWatchedFiles`. */
  readonly watcherRegistrations: unknown[] = [];
  /** `window/showMessage` notifications received. */
  readonly messages: string[] = [];
  initializeResult!: InitializeResult;
  configuration: (scopeUri: string | undefined) => unknown;
  /**
   * The client's copy of each open document, kept as the editor keeps its own: in pieces
   * (server/src/lsp/openDocument.ts, held to the library's answers by its own test), so a
   * keystroke does not copy the whole text here either. A copy of the library's made the latency
   * benchmark time this process's copying of a 100,000-line text (18 ms a keystroke), which no
   * editor does.
   */
  private readonly docs = new Map<string, OpenDocument>();
  private readonly waiters: (() => void)[] = [];
  private readonly stderr: { text: string; read: Promise<void> };

  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
    options: StartOptions,
  ) {
    this.configuration = options.configuration ?? (() => null);
    this.stderr = stderrOf(process);
  }

  /** Spawns the server and completes the initialize handshake. */
  static async start(options: StartOptions = {}): Promise<LspClient> {
    // A server spawned ahead has its flags already: nodeArgs given too would silently not apply.
    if (options.process && options.nodeArgs) throw new Error('LspClient.start: give nodeArgs to spawnServer for a process spawned ahead, not both');
    // As the extension starts it (languageClient.ts): with the server's Node flags.
    const child = options.process ?? spawnServer(options.nodeArgs);
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection, options);
    connection.onNotification(LogMessageNotification.type, (params) => {
      client.logs.push(params.message);
      client.logTypes.push(params.type);
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      client.pushed.push(params);
      client.wake();
    });
    connection.onRequest(ConfigurationRequest.type, async (params) => {
      client.configurationRequests++;
      // An answer may be a promise: a test holds a folder's settings to hold the index's walk.
      return Promise.all(params.items.map(async (item) => (item.section === 'runpod' ? pinRotationOff(await client.configuration(item.scopeUri)) : null)));
    });
    connection.onRequest(RegistrationRequest.type, (params) => {
      for (const r of params.registrations) if (r.method === DidChangeWatchedFilesNotification.method) client.watcherRegistrations.push(r.registerOptions);
      client.wake();
    });
    connection.onNotification('runpod/usagesChanged', () => {
      client.usagesChanged++;
      client.wake();
    });
    connection.onNotification('window/showMessage', (params: { message: string }) => {
      client.messages.push(params.message);
    });
    connection.onRequest(DiagnosticRefreshRequest.type, () => {
      client.refreshCount++;
      client.wake();
    });
    connection.listen();
    // A server that exits before it answers (a bundle that fails to load) fails the start with what
    // it printed, instead of leaving the test waiting for an answer that cannot come.
    const exited = new Promise<never>((_, reject) => {
      const fail = (code: number | null, signal: string | null) =>
        // Once all it printed is read: its 'exit' may come before the last of its stderr.
        void client.stderr.read.then(() => reject(new Error(`the server exited (${signal ?? code}) before answering initialize: ${client.stderr.text.slice(0, 2000)}`)));
      // One spawned ahead may have exited already: its 'exit' came before this listener.
      if (child.exitCode !== null || child.signalCode !== null) fail(child.exitCode, child.signalCode);
      else child.once('exit', fail);
    });
    client.initializeResult = await Promise.race([
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: options.workspaceFolders?.map((uri, i) => ({ uri, name: `folder${i}` })) ?? null,
        capabilities: options.capabilities ?? PULL_CAPABILITIES,
        initializationOptions: options.initializationOptions,
      }),
      exited,
    ]);
    exited.catch(() => undefined); // an exit after the answer is the test's business (`alive`)
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Whether the server process is still alive. */
  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** What the server wrote to stderr (should stay empty: stdout is the protocol). */
  get errorOutput(): string {
    return this.stderr.text;
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /**
   * Resolves when `predicate` holds, re-checked on every push or refresh; rejects after `ms`, a bound
   * that only names a hang: the server is a child process, and on a loaded 2-core machine its answer
   * can take seconds (helpers/until.ts WAIT_BOUND_MS).
   */
  async waitFor(predicate: () => boolean, what: string, ms = WAIT_BOUND_MS): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolveWait) => {
        const timer = setTimeout(resolveWait, Math.min(left, 100));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolveWait();
        });
      });
    }
  }

  /** The mirror of an open document. */
  doc(uri: string): OpenDocument {
    const doc = this.docs.get(uri);
    if (!doc) throw new Error(`not open: ${uri}`);
    return doc;
  }

  async open(uri: string, languageId: string, text: string): Promise<OpenDocument> {
    const doc = new OpenDocument(uri, languageId, 1, text);
    this.docs.set(uri, doc);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return doc;
  }

  /** Sends one incremental change replacing `[start, end)` (offsets into the current text). */
  async change(uri: string, start: number, end: number, text: string): Promise<void> {
    const doc = this.doc(uri);
    const range: Range = { start: doc.positionAt(start), end: doc.positionAt(end) };
    doc.update([{ range, text }], doc.version + 1);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: doc.version },
      contentChanges: [{ range, text }],
    });
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Pulls diagnostics (`textDocument/diagnostic`) and returns the items of a full report. */
  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const report = await this.pull(uri);
    if (report.kind !== 'full') throw new Error('expected a full report');
    return report.items;
  }

  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId });
  }

  /** The latest pushed diagnostics for `uri` (after waiting for a push for the current version). */
  async pushedFor(uri: string, version = this.doc(uri).version): Promise<Diagnostic[]> {
    const latest = (): PublishDiagnosticsParams | undefined => this.pushed.filter((p) => p.uri === uri).at(-1);
    await this.waitFor(() => (latest()?.version ?? -1) >= version, `diagnostics for ${uri} v${version}`);
    return latest()!.diagnostics;
  }

  async completion(uri: string, offset: number): Promise<CompletionItem[]> {
    const doc = this.doc(uri);
    const result = await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: doc.positionAt(offset) });
    if (result === null) return [];
    return Array.isArray(result) ? result : (result as CompletionList).items;
  }

  hover(uri: string, offset: number): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: this.doc(uri).positionAt(offset) });
  }

  async codeActions(uri: string, start: number, end: number, diagnostics: Diagnostic[] = [], only?: string[]): Promise<CodeAction[]> {
    const doc = this.doc(uri);
    const range: Range = { start: doc.positionAt(start), end: doc.positionAt(end) };
    const context = only ? { diagnostics, only } : { diagnostics };
    const result = await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context });
    // A bare Command has a string `command`; a CodeAction's `command` (if any) is an object.
    return (result ?? []).filter((a: Command | CodeAction): a is CodeAction => typeof a.command !== 'string');
  }

  async symbols(uri: string): Promise<DocumentSymbol[]> {
    const result = await this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    return (result ?? []) as (DocumentSymbol | SymbolInformation)[] as DocumentSymbol[];
  }

  references(uri: string, offset: number): Promise<Location[] | null> {
    return this.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: this.doc(uri).positionAt(offset), context: { includeDeclaration: true } });
  }

  highlights(uri: string, offset: number): Promise<DocumentHighlight[] | null> {
    return this.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri }, position: this.doc(uri).positionAt(offset) });
  }

  workspaceSymbols(query: string): Promise<unknown> {
    return this.connection.sendRequest(WorkspaceSymbolRequest.type, { query });
  }

  prepareRename(uri: string, offset: number): Promise<PrepareRenameResult | null> {
    return this.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: this.doc(uri).positionAt(offset) });
  }

  rename(uri: string, offset: number, newName: string): Promise<WorkspaceEdit | null> {
    return this.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: this.doc(uri).positionAt(offset), newName });
  }

  /** `workspace/diagnostic` with the result ids the client holds. */
  workspaceDiagnostics(previousResultIds: PreviousResultId[] = []): Promise<WorkspaceDiagnosticReport> {
    return this.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds });
  }

  async watchedFiles(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** A custom request (`runpod/secretUsages`, `runpod/renameSecret`). */
  request(method: string, params: unknown): Promise<unknown> {
    return this.connection.sendRequest(method, params);
  }

  async secretsChanged(params: unknown): Promise<void> {
    await this.connection.sendNotification('runpod/secretsChanged', params);
  }

  async configurationChanged(settings: unknown = null): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** Shuts the server down politely, then makes sure the process is gone. */
  async stop(): Promise<void> {
    try {
      if (this.alive) {
        await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
        await this.connection.sendNotification(ExitNotification.type);
      }
    } catch {
      // The process may already be gone; killing below is what matters.
    }
    this.connection.dispose();
    if (this.alive) {
      await Promise.race([new Promise((r) => this.process.once('exit', r)), new Promise((r) => setTimeout(r, 1000))]);
    }
    if (this.alive) this.process.kill('SIGKILL');
  }
}

/** Applies LSP text edits to a text (edits must not overlap), as an editor does. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const doc = TextDocument.create('file:///apply', 'plaintext', 1, text);
  return TextDocument.applyEdits(doc, [...edits]);
}

/**
 * Cursor-marker fixtures: `HF={{ RUNPOD_SECRET_hf| }}` gives the text without the marker and the
 * offset where it was.
 */
export function cursor(marked: string, marker = '|'): { text: string; offset: number } {
  const offset = marked.indexOf(marker);
  if (offset < 0) throw new Error('no cursor marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + marker.length), offset };
}

/** Asserts-friendly check that a range lies inside a document. */
export function rangeInside(doc: TextDocument, range: Range): boolean {
  const start = doc.offsetAt(range.start);
  const end = doc.offsetAt(range.end);
  const same = (a: { line: number; character: number }, b: { line: number; character: number }): boolean =>
    a.line === b.line && a.character === b.character;
  // offsetAt clamps, so a range is inside exactly when converting back gives the same positions.
  return start <= end && same(doc.positionAt(start), range.start) && same(doc.positionAt(end), range.end);
}
