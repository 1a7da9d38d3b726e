/**
 * activate(): builds the shared services once (log, settings, API key, API client, secrets store),
 * then registers every part in a flat list. The parts never build these themselves.
 */
import * as vscode from 'vscode';
import { Accounts } from './auth/accounts';
import { ApiProvider } from './auth/apiProvider';
import { afterApiUrlChanged, afterKeysChanged, prepareKeys } from './auth/keyEvents';
import { ApiKeyStorage } from './auth/keyStorage';
import { requireApi, type CoreServices } from './auth/session';
import { afterTrustGranted, registerAccounts, startAccounts } from './commands/accounts';
import * as clearApiKey from './commands/clearApiKey';
import * as compareEnvironments from './commands/compareEnvironments';
import { registerSecretCommands } from './commands/index';
import * as refresh from './commands/refresh';
import * as restartServer from './commands/restartServer';
import * as setApiKey from './commands/setApiKey';
import * as useFakeApi from './commands/useFakeApi';
import { CONFIG_SECTION, classifyChange, readSettings } from './config';
import { TIMEOUT_SETTING } from './runpod/timeout';
import { OPEN_SETTINGS, ROTATION_SETTING, SettingWarnings, SEVERITY_SETTING } from './settingWarnings';
import { Commands } from './status/statusText';
import { RedactingLog } from './log/runpodLog';
import { RunpodLanguageClient } from './lsp/languageClient';
import { workspaceSelector } from './lsp/workspaceSelector';
import { RunpodClient } from './runpod/client';
import { mementoPersistence } from './secrets/persistence';
import { SecretsStore } from './secrets/store';
import { AccountScan, accountListers, writtenResource } from './secrets/accountScan';
import { SecretHistory, windowAccount } from './secrets/historyStore';
import { readCliHistory } from './secrets/historyFile';
import { errorCause, type ErrorLike } from './views/errorText';
import { registerStatusBar } from './status/statusBar';
import { registerSecretsView } from './views/secretsView';
import { registerLaunch } from './launch/index';
import { registerServerless } from './serverless/index';
import { forgetDeepFoldersSaid } from './environments/workspaceFiles';

let languageClient: RunpodLanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // Warnings said once per window start over with the activation, not with the extension host's module state.
  forgetDeepFoldersSaid();
  const channel = vscode.window.createOutputChannel('RunPod', { log: true });
  const log = new RedactingLog(channel);
  const settings = () => readSettings(vscode.workspace.getConfiguration(CONFIG_SECTION));
  const keys = new ApiKeyStorage(context.secrets);
  // Assigned below; a write of ours to templates, Pods or endpoints makes its cached listing stale.
  let account: AccountScan | undefined;
  const apis = new ApiProvider({
    lookupKey: (origin) => keys.lookup(origin),
    settings,
    isTrusted: () => vscode.workspace.isTrusted,
    createClient: (options) => new RunpodClient(options),
    clientOptions: {
      onRequest: (event) => {
        log.request(event);
        const written = writtenResource(event);
        if (written) account?.invalidate(written);
      },
      baseUrlSource: 'the runpod.apiUrl setting',
      // Messages name the views' Refresh commands.
      surface: 'editor',
      // One redactor for the session: every client (one per key and setting) and the log share what to hide.
      redactor: log.redactor,
    },
    onKey: (key) => log.addSensitive(key),
  });
  const history = new SecretHistory({
    memento: context.globalState,
    now: () => Date.now(),
    readCliEntries: readCliHistory,
    warn: (message) => log.warn(message),
    activeAccount: windowAccount(apis, keys),
  });
  const emitter = new vscode.EventEmitter<void>();
  // The cache is kept per account and checked URL (an unusable one has none): never the text as typed.
  const persistence = mementoPersistence(context.globalState, () => {
    const apiUrl = settings().apiUrl;
    return apiUrl.ok ? { account: keys.account, apiUrl: apiUrl.url } : undefined;
  });
  const store = new SecretsStore({
    emitter,
    getAccess: () => apis.access(),
    persistence,
    log,
    redact: (text) => log.redact(text),
    // Under the account of the client that wrote, which a switch since may no longer be.
    onWrite: (action, name, account) => void history.record(action, name, account),
  });
  const accountEmitter = new vscode.EventEmitter<void>();
  const accounts = new Accounts({ keys, memento: context.globalState, emitter: accountEmitter, forgetCachedLists: (name) => persistence.forgetAccount(name), outdateLists: () => store.outdate() });
  context.subscriptions.push(channel, emitter, accountEmitter, { dispose: () => apis.invalidate() });
  languageClient = new RunpodLanguageClient({ context, store, accounts, log, selector: workspaceSelector });
  context.subscriptions.push(languageClient);

  let expectedKey: { key: string | undefined } | undefined;
  const core: CoreServices = {
    context,
    store,
    log,
    keys,
    apis,
    accounts,
    getApi: () =>
      apis.getApi().catch((error: unknown) => {
        log.error('No RunPod API client', error);
        return undefined;
      }),
    requireApi: () => requireApi(core),
    showLog: () => channel.show(true),
    expectKey: (key) => (expectedKey = { key }),
    lifecycle: {
      index: languageClient,
      account: (account = new AccountScan({
        connect: async () => {
          const api = await core.getApi();
          return api ? { identity: api, listers: accountListers(api) } : { unavailable: 'no API key is set, or the workspace is not trusted' };
        },
        now: () => Date.now(),
        describeError: (error) => log.redact(error instanceof Error && error.message ? error.message : errorCause(error as ErrorLike)),
      })),
      history,
      now: () => Date.now(),
      rotationDays: () => settings().rotationDays,
    },
  };

  // Keys of older versions, RUNPOD_API_KEY (demo/CI) for the URL in effect, the redactor.
  await prepareKeys(keys, settings().apiUrl, log);
  // The window's account (the user's last choice, or the workspace's runpod.account), before any call.
  await startAccounts(core);
  let apiUrlInEffect = settings().apiUrl;
  // Settings not used as set: globs no part of the extension uses (too costly to match), a timeout
  // out of its bounds (the value used instead). Said once each (settingWarnings.ts).
  // With the way to the fix: the Settings editor on that setting (its User, Workspace and folder values).
  const settingWarnings = new SettingWarnings((message, setting) => {
    log.warn(message);
    void vscode.window.showWarningMessage(message, OPEN_SETTINGS).then((picked) => {
      if (picked === OPEN_SETTINGS) void vscode.commands.executeCommand(Commands.openSettings, setting);
    });
  });
  // The window's settings, then each folder's own (resource-scoped values a multi-root window's do not hold).
  const checkSettings = (): void => {
    settingWarnings.check(settings());
    for (const folder of vscode.workspace.workspaceFolders ?? []) settingWarnings.check(readSettings(vscode.workspace.getConfiguration(CONFIG_SECTION, folder.uri)), folder.name);
  };
  checkSettings();

  registerStatusBar(context, store);
  registerAccounts(core);
  setApiKey.register(core);
  clearApiKey.register(core);
  useFakeApi.register(core);
  refresh.register(core);
  restartServer.register(core, languageClient);
  context.subscriptions.push(vscode.commands.registerCommand('runpod.showLog', () => core.showLog()));
  registerSecretsView(core);
  registerSecretCommands(core);
  registerLaunch(core);
  compareEnvironments.register(core);
  registerServerless(core);

  context.subscriptions.push(
    // The keys changed (also from another window): refresh, unless this window just stored the key.
    keys.onDidChange(() => {
      const expected = expectedKey;
      expectedKey = undefined;
      void afterKeysChanged(core, expected).catch((error: unknown) => log.error('Could not apply the changed API keys', error));
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      const effects = classifyChange((section) => event.affectsConfiguration(section));
      if (effects.selectorMayChange || event.affectsConfiguration(TIMEOUT_SETTING) || event.affectsConfiguration(ROTATION_SETTING) || event.affectsConfiguration(SEVERITY_SETTING)) checkSettings();
      if (effects.recreateClient) {
        const previous = apiUrlInEffect;
        apiUrlInEffect = settings().apiUrl;
        void afterApiUrlChanged(core, previous, apiUrlInEffect).catch((error: unknown) =>
          log.error('Could not apply the changed API settings', error),
        );
      }
      // The settings reach the server through synchronize.configurationSection; the document
      // selector is built from `files` and `environments`: a restart only when it differs.
      if (effects.selectorMayChange) {
        void languageClient?.settingsChanged().catch(() => undefined);
      }
    }),
    // Each folder's own settings build the selector.
    vscode.workspace.onDidChangeWorkspaceFolders(() => void languageClient?.settingsChanged().catch(() => undefined)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      log.info('Workspace trusted: RunPod API calls enabled.');
      void afterTrustGranted(core);
    }),
  );

  if (!vscode.workspace.isTrusted) log.info('Untrusted workspace: RunPod API calls are disabled until it is trusted.');
  void store.refresh();
  void languageClient.start().catch(() => undefined);
}

export function deactivate(): Thenable<void> | undefined {
  return languageClient?.stop();
}
