/**
 * The language client: starts `dist/server.js` over IPC with a scrubbed environment, hands it the secrets catalog (and whose it is) at start and
 * on every store change, forwards the `runpod` settings, and restarts cleanly on request. Start,
 * stop and restart are queued so that a restart during a start never leaves two servers running.
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  RenameSecretRequest,
  SecretsChangedNotification,
  SecretUsagesRequest,
  UsagesChangedNotification,
  type RenameSecretParams,
  type RunpodInitializationOptions,
  type SecretUsagesParams,
} from '../../../server/src/protocol';
import { IndexTimeoutError, type WorkspaceIndex } from '../secrets/workspaceIndex';
import { CONFIG_SECTION } from '../config';
import type { RunpodLog, SecretsStoreApi } from '../services';
import { RenameLeftOutRequest, type SecretsChangedParams } from '../../../server/src/protocol';
import { CatalogSync, serverCatalog, type CatalogAccounts } from './catalogSync';
import { selectorChanged, type DocumentFilterData } from './selector';
import { renameNoteMiddleware, showRenameNote } from './renameNote';
import { LazyReveals, REVEAL_EDIT_COMMAND, revealOtherFileEdit } from './revealEdit';
import { serverEnvironment } from './serverEnvironment';
import { TraceLevelRelay } from './traceLevel';
import { SERVER_NODE_FLAGS } from '../../../server/src/youngGeneration';
import { raceWait, type CancelToken } from '../waitRace';

export interface LanguageClientDeps {
  context: vscode.ExtensionContext;
  store: SecretsStoreApi & { toCatalog(): SecretsChangedParams };
  /** The window's accounts: the active one's name and the held names go with the catalog (catalogSync.ts serverCatalog). */
  accounts: CatalogAccounts & { readonly onDidChange: vscode.Event<void> };
  log: RunpodLog;
  /** The document selector by the current settings of every workspace folder (selector.ts); built at each start. */
  selector: () => DocumentFilterData[];
}

/** How long a request to the server's index may take before the asker is told it is unavailable. */
const INDEX_REQUEST_TIMEOUT_MS = 15_000;

export class RunpodLanguageClient implements vscode.Disposable, WorkspaceIndex {
  private client: LanguageClient | undefined;
  private readonly usagesChanged = new vscode.EventEmitter<void>();
  /** `runpod/usagesChanged` from the server, and every (re)start (a new server has a new index). */
  readonly onDidChangeUsages = this.usagesChanged.event;
  private queue: Promise<void> = Promise.resolve();
  private readonly output: vscode.LogOutputChannel;
  /** The channel the library traces to, with the log-level change it would miss during a start (traceLevel.ts). */
  private readonly traceLevel: TraceLevelRelay;
  private readonly sync: CatalogSync;
  private readonly storeListener: vscode.Disposable;
  private readonly accountsListener: vscode.Disposable;
  /** "Add KEY to <other file>" listed without its edit: opened where the resolved edit landed (revealEdit.ts). */
  private readonly reveals = new LazyReveals();
  private readonly revealCommand: vscode.Disposable;
  /** The selector the running client was started with. */
  private startedWith: DocumentFilterData[] | undefined;

  constructor(private readonly deps: LanguageClientDeps) {
    // One channel for the life of the extension, reused across restarts (no duplicate channels).
    this.output = vscode.window.createOutputChannel('RunPod Language Server', { log: true });
    this.traceLevel = new TraceLevelRelay(this.output);
    this.sync = new CatalogSync(
      () => serverCatalog(deps.store, deps.accounts),
      (params) => {
        const client = this.client;
        void client?.sendNotification(SecretsChangedNotification, params).catch((error: unknown) => {
          // A client stopped meanwhile (a restart) is no loss: its successor is handed the list at start.
          if (this.isCurrent(client)) deps.log.error('Could not send the secrets list to the language server', error);
        });
      },
    );
    this.storeListener = deps.store.onDidChange(() => {
      if (this.client?.isRunning()) this.sync.push();
    });
    // An account added or removed changes no list, but the held names the server words its note by.
    this.accountsListener = deps.accounts.onDidChange(() => {
      if (this.client?.isRunning()) this.sync.pushAccounts();
    });
    this.revealCommand = vscode.commands.registerCommand(REVEAL_EDIT_COMMAND, async (listed?: unknown) => {
      const open = this.reveals.run(listed, vscode.window.tabGroups);
      if (open) await vscode.commands.executeCommand('vscode.open', ...open);
    });
  }

  /** Whether a server is running now. */
  get running(): boolean {
    return this.client?.isRunning() ?? false;
  }

  start(): Promise<void> {
    return this.enqueue(() => this.doStart());
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.doStop());
  }

  /** Stop, then start with a fresh selector and catalog. */
  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.doStop();
      await this.doStart();
    });
  }

  /**
   * Restarts when the settings now build another document selector (the client's selector is fixed
   * at start); otherwise the server follows the change itself (workspace/didChangeConfiguration).
   */
  settingsChanged(): Promise<void> {
    return this.enqueue(async () => {
      if (!this.client || !selectorChanged(this.startedWith, this.deps.selector())) return;
      await this.doStop();
      await this.doStart();
    });
  }

  /** `runpod/secretUsages`: where secrets are referenced in the workspace (the server's index). */
  secretUsages(params: SecretUsagesParams): Promise<unknown> {
    // Limited: its askers (View Secret, Find Usages) fall back to their own walk of the files.
    return this.request(SecretUsagesRequest, params, { ms: INDEX_REQUEST_TIMEOUT_MS });
  }

  /**
   * `runpod/renameSecret`: the workspace edit renaming every reference (an LSP WorkspaceEdit, or null).
   * No time limit: a rename has no fallback, and one cut short while the server builds its index
   * would leave the workspace's references unrenamed; the caller's `token` (a Cancel) ends it.
   */
  renameSecret(params: RenameSecretParams, token?: CancelToken): Promise<unknown> {
    return this.request(RenameSecretRequest, params, { token });
  }

  /**
   * Sends a request to the running server; rejects when none runs, it does not answer within `ms`
   * (IndexTimeoutError), or `token` is cancelled. The limit is this race's: a cancelled token only
   * asks the server to stop ($/cancelRequest; vscode-jsonrpc settles the request when the server
   * answers), and a server still indexing a fresh window's workspace answers when the index is done,
   * so the first View Secret stayed on "Searching…".
   */
  private async request(method: string, params: unknown, limit: { ms?: number; token?: CancelToken | undefined }): Promise<unknown> {
    const client = this.client;
    if (!client?.isRunning()) throw new Error('The RunPod language server is not running.');
    const cancel = new vscode.CancellationTokenSource();
    const sent = client.sendRequest(method, params, cancel.token);
    try {
      const raced = await raceWait(sent, limit);
      if (raced.kind === 'done') return raced.value;
      cancel.cancel();
      // Its late answer or failure goes nowhere.
      sent.catch(() => undefined);
      if (raced.kind === 'late') throw new IndexTimeoutError(method, (limit.ms ?? 0) / 1000);
      throw new Error(`The RunPod language server request ${method} was cancelled.`);
    } finally {
      cancel.dispose();
    }
  }

  dispose(): void {
    this.storeListener.dispose();
    this.accountsListener.dispose();
    this.revealCommand.dispose();
    this.usagesChanged.dispose();
    void this.stop().finally(() => {
      this.traceLevel.dispose();
      this.output.dispose();
    });
  }

  /** Whether `client` is the one running now (not one stopped, or being stopped, for a restart). */
  private isCurrent(client: LanguageClient | undefined): client is LanguageClient {
    return client !== undefined && this.client === client && client.isRunning();
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(step, step);
    // Keep the queue alive after a failure; the caller still sees the rejection.
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async doStart(): Promise<void> {
    if (this.client) return;
    const module = this.deps.context.asAbsolutePath('dist/server.js');
    // The server needs nothing of the extension host's environment (RUNPOD_API_KEY may be in it).
    const env = serverEnvironment(process.env);
    // The server's Node flags keep its memory bounded on large files (youngGeneration.ts).
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { env, execArgv: [...SERVER_NODE_FLAGS] } },
      debug: { module, transport: TransportKind.ipc, options: { env, execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } },
    };
    const selector = this.deps.selector();
    this.startedWith = selector;
    const clientOptions: LanguageClientOptions = {
      // Every entry sets a scheme, so each is a valid DocumentFilter (of the protocol: the client converts it).
      documentSelector: selector as DocumentSelector,
      // Evaluated at each start, so a restart hands over the store's current catalog.
      initializationOptions: (): RunpodInitializationOptions => {
        const secrets = serverCatalog(this.deps.store, this.deps.accounts);
        this.sync.reset(secrets);
        return { secrets };
      },
      // No `fileEvents` here: the server registers its own file watchers (workspace/didChangeWatchedFiles,
      // dynamic registration) for the files of its workspace index, from the settings it reads per folder.
      synchronize: { configurationSection: CONFIG_SECTION },
      outputChannel: this.traceLevel.channel,
      // F2's answer is the edit alone: what it left out, and a new name the account lacks, are said beside it.
      middleware: {
        workspace: {
          // The library's own settings sync sends every change of `runpod` to this client, also to one
          // settingsChanged() is stopping for a restart (the same change event), and shows the failed
          // send as an error notification. Such a client's server is going away and its successor starts
          // with the settings (and the server pulls them): nothing to send, nothing to report.
          didChangeConfiguration: async (sections, next) => {
            if (!this.isCurrent(client)) return;
            try {
              await next(sections);
            } catch (error) {
              if (this.isCurrent(client)) throw error;
            }
          },
        },
        // "Add KEY to <other file>": the file is opened at the edit, where it shows and Ctrl+Z undoes it (revealEdit.ts).
        provideCodeActions: async (document, range, context, token, next) => {
          const actions = await next(document, range, context, token);
          for (const action of actions ?? []) {
            if (typeof action.command === 'string') continue; // a bare Command
            revealOtherFileEdit(action as vscode.CodeAction, document.uri, vscode.window.tabGroups);
            this.reveals.list(action as vscode.CodeAction, document.uri);
          }
          return actions;
        },
        // VS Code resolves the action it listed and takes only `edit` from the answer; the server is asked without our command.
        resolveCodeAction: (item, token, next) => this.reveals.resolve(item, (asListed) => next(asListed, token)),
        ...renameNoteMiddleware(
        (document, position) =>
          client.sendRequest(RenameLeftOutRequest, {
            textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
            position: client.code2ProtocolConverter.asPosition(position),
          }),
        (message, level, actions) => void showRenameNote(vscode.window, vscode.commands.executeCommand, () => this.deps.accounts.active)(message, level, actions),
        (uri) => vscode.workspace.asRelativePath(client.protocol2CodeConverter.asUri(uri)),
        // The list the server judges unknown-secret against: the note says what its warnings will.
        () => serverCatalog(this.deps.store, this.deps.accounts),
        ),
      },
    };
    const levelBuiltWith = this.traceLevel.level;
    const client = new LanguageClient('runpod', 'RunPod Language Server', serverOptions, clientOptions);
    this.client = client;
    client.onNotification(UsagesChangedNotification, () => this.usagesChanged.fire());
    try {
      await client.start();
    } catch (error) {
      this.client = undefined;
      this.deps.log.error('The RunPod language server did not start', error);
      await client.dispose().catch(() => undefined);
      throw error;
    }
    // A log level chosen while the server started reaches the library's message trace now (traceLevel.ts).
    this.traceLevel.caughtUp(levelBuiltWith);
    // The store may have changed between initialize and now.
    this.sync.push();
    this.usagesChanged.fire();
    this.deps.log.info('Language server started.');
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      if (client.isRunning()) await client.stop(5_000);
    } catch (error) {
      this.deps.log.warn(`The language server did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await client.dispose().catch(() => undefined);
    }
  }
}
