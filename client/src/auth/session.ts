/**
 * The API key flows that need the editor: Set API Key (input, one check call with progress, the
 * result), and `requireApi` (offer Set API Key when there is none). The decisions themselves are
 * pure (keyRules.ts); this file only asks and shows.
 */
import * as vscode from 'vscode';
import type { RunpodApi, Secret } from '../runpod/types';
import type { Services } from '../services';
import type { RedactingLog } from '../log/runpodLog';
import type { SecretsStore } from '../secrets/store';
import { describeError } from '../log/runpodLog';
import type { ApiProvider } from './apiProvider';
import type { ApiKeyStorage } from './keyStorage';
import { describeKeyCheck, validateApiKeyInput, type KeyCheckAction } from './keyRules';

/** What the extension core's own commands receive: the shared services plus the key plumbing. */
export interface CoreServices extends Services {
  store: SecretsStore;
  log: RedactingLog;
  keys: ApiKeyStorage;
  apis: ApiProvider;
  /** Shows the "RunPod" log channel. */
  showLog(): void;
  /**
   * Marks a key this window is about to store, so the secret-storage change event it causes does
   * not trigger a second listing (the check already fetched the list).
   */
  expectKey(key: string | undefined): void;
}

type CheckResult = { ok: true; secrets: Secret[] } | { ok: false; kind: string; message: string };

async function checkKey(core: CoreServices, key: string): Promise<CheckResult> {
  let api: RunpodApi | undefined;
  try {
    api = core.apis.createTemporary(key);
    const client = api;
    const secrets = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'RunPod: checking the API key...' },
      () => client.listSecrets(),
    );
    return { ok: true, secrets };
  } catch (error) {
    const kind = (error as { kind?: unknown }).kind;
    const message = core.log.redact(error instanceof Error ? error.message : describeError(error));
    core.log.warn(`API key check failed: ${typeof kind === 'string' ? kind : 'unexpected'}: ${message}`);
    return { ok: false, kind: typeof kind === 'string' ? kind : 'unexpected', message };
  } finally {
    void api?.close().catch(() => undefined);
  }
}

async function saveKey(core: CoreServices, key: string, secrets?: Secret[]): Promise<void> {
  core.expectKey(key);
  await core.keys.set(key);
  core.apis.invalidate();
  // The check call already listed the secrets with this key: take that list instead of a second call.
  if (secrets) core.store.accept(secrets);
  else void core.store.refresh();
}

/**
 * Asks for a key, checks it with one listing, stores it only when RunPod accepts it (or the user
 * says "Save Anyway" after RunPod could not be reached). Returns whether a key was stored.
 */
export async function runSetApiKey(core: CoreServices): Promise<boolean> {
  let value = '';
  for (;;) {
    const key = await vscode.window.showInputBox({
      title: 'RunPod: Set API Key',
      prompt: 'Paste your RunPod API key. It is kept in VS Code secret storage, never in settings or files.',
      placeHolder: 'rpa_...',
      password: true,
      ignoreFocusOut: true,
      value,
      validateInput: validateApiKeyInput,
    });
    if (key === undefined) return false;
    core.log.addSensitive(key);

    if (!vscode.workspace.isTrusted) {
      // No API calls here; the key is checked by the first refresh once the workspace is trusted.
      await saveKey(core, key);
      void vscode.window.showInformationMessage(
        'RunPod API key saved. It will be used once this workspace is trusted (API calls are disabled until then).',
      );
      return true;
    }

    const result = await checkKey(core, key);
    const outcome = describeKeyCheck(
      result.ok ? { ok: true, secretCount: result.secrets.length } : result,
    );
    if (outcome.store && result.ok) {
      await saveKey(core, key, result.secrets);
      core.log.info(`API key set: ${outcome.message}`);
      void vscode.window.showInformationMessage(outcome.message);
      return true;
    }
    const show =
      outcome.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
    const choice = (await show(outcome.message, ...outcome.actions)) as KeyCheckAction | undefined;
    switch (choice) {
      case 'Retry':
        // Bring the same key back (masked) when RunPod could not be asked; start empty after a rejection.
        value = result.ok || result.kind === 'unauthorized' ? '' : key;
        continue;
      case 'Save Anyway':
        await saveKey(core, key);
        return true;
      case 'Open Settings':
        void vscode.commands.executeCommand('workbench.action.openSettings', 'runpod.apiUrl');
        return false;
      case 'Show Log':
        core.showLog();
        return false;
      default:
        return false;
    }
  }
}

/** `Services.requireApi`: the client, or a prompt that explains why there is none. */
export async function requireApi(core: CoreServices): Promise<RunpodApi | undefined> {
  if (!vscode.workspace.isTrusted) {
    const choice = await vscode.window.showWarningMessage(
      'RunPod API calls are disabled in untrusted workspaces.',
      'Manage Workspace Trust',
    );
    if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    return undefined;
  }
  try {
    const access = await core.apis.access();
    if (access.kind === 'api') return access.api;
  } catch (error) {
    // A client cannot be built: the API URL setting is unusable.
    const message = core.log.redact(error instanceof Error ? error.message : describeError(error));
    const choice = await vscode.window.showErrorMessage(message, 'Open Settings');
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'runpod.apiUrl');
    return undefined;
  }
  const choice = await vscode.window.showInformationMessage('No RunPod API key is set.', 'Set API Key');
  if (choice !== 'Set API Key' || !(await runSetApiKey(core))) return undefined;
  return core.getApi();
}
