/**
 * The API key flows that need the editor: the key step shared by Set API Key and Add Account
 * (input, one check call with progress, the result), and `requireApi` (offer Set API Key when there
 * is none, or ask before a key saved for another origin goes to this one). The decisions
 * themselves are pure (keyRules.ts); this file only asks and shows.
 */
import * as vscode from 'vscode';
import type { RunpodApi, Secret } from '../runpod/types';
import type { Services } from '../services';
import type { RedactingLog } from '../log/runpodLog';
import type { ApiAccess, SecretsStore } from '../secrets/store';
import { describeError } from '../log/runpodLog';
import type { StepAnswer } from '../ui/multiStepInput';
import { CONFIG_SECTION } from '../config';
import { API_URL_SETTING, DEFAULT_BASE_URL, originOf } from '../runpod/baseUrl';
import type { Accounts } from './accounts';
import type { ApiProvider, Endpoint } from './apiProvider';
import { DEFAULT_ACCOUNT, keyBoxProblem, lookupKey } from './keyRecords';
import type { ApiKeyStorage } from './keyStorage';
import { forgetAccount } from '../ui/wizardMemory';
import { describeKeyCheck, describeKeyConsent, readApiKey, type KeyCheckAction } from './keyRules';

/** What the extension core's own commands receive: the shared services plus the key plumbing. */
export interface CoreServices extends Services {
  store: SecretsStore;
  log: RedactingLog;
  keys: ApiKeyStorage;
  apis: ApiProvider;
  accounts: Accounts;
  /** Shows the "RunPod" log channel. */
  showLog(): void;
  /**
   * Marks a key this window is about to store, so the secret-storage change event it causes does
   * not trigger a second listing (the check already fetched the list).
   */
  expectKey(key: string | undefined): void;
}

type CheckResult = { ok: true; secrets: Secret[] } | { ok: false; kind: string; message: string };

/** One listing with `key` against `endpoint` (with progress), before the key is kept anywhere. */
export async function checkKey(core: CoreServices, key: string, endpoint: Endpoint): Promise<CheckResult> {
  let api: RunpodApi | undefined;
  try {
    api = core.apis.createTemporary(key, endpoint);
    const client = api;
    const secrets = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'RunPod: checking the API key…' },
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

/**
 * Saves the key as `account`'s for the origin it was checked against; the list the check fetched
 * is taken if that is still the URL in effect and the account still the active one.
 */
async function saveKey(core: CoreServices, account: string, key: string, origin: string, secrets?: Secret[]): Promise<void> {
  core.expectKey(key);
  await storeAccountKey(core, account, origin, key);
  void core.accounts.reload();
  if (core.keys.account !== account) return;
  core.apis.invalidate();
  if (secrets && core.apis.currentOrigin() === origin) core.store.accept(secrets);
  else void core.store.refresh();
}

/**
 * Stores `key` as `account`'s for `origin` (Set API Key, Add Account, an import). The name may now
 * stand for another RunPod account: what the window's wizards kept under it is forgotten.
 */
export async function storeAccountKey(core: CoreServices, account: string, origin: string, key: string): Promise<void> {
  await core.keys.setFor(account, origin, key);
  keySaves.set(saveSlot(account, origin), (keySaves.get(saveSlot(account, origin)) ?? 0) + 1);
  forgetAccount(core.context, account);
}

/** How many keys this window saved, by account and origin: a later save is seen even when it saved the same key. */
const keySaves = new Map<string, number>();
const saveSlot = (account: string, origin: string) => `${account}\n${origin}`;

/**
 * What is kept for `account` at `origin` now: this window's saves, and the key (another window may
 * have saved one); `unread` when the key storage could not be read (the key is then unknown).
 */
interface KeptNow {
  saves: number;
  key: string | undefined;
  unread?: true;
}

async function keptNow(core: CoreServices, account: string, origin: string): Promise<KeptNow> {
  const saves = keySaves.get(saveSlot(account, origin)) ?? 0;
  const keys = await core.keys.allIfReadable();
  if (keys === undefined) return { saves, key: undefined, unread: true };
  const found = lookupKey(keys, account, origin);
  return { saves, key: found.kind === 'key' ? found.key : undefined };
}

/** Where a key being entered now is for, or undefined after saying why runpod.apiUrl is unusable. */
export async function endpointOrExplain(core: CoreServices): Promise<Endpoint | undefined> {
  try {
    return core.apis.endpoint();
  } catch (error) {
    await showUnusableUrl(core, error);
    return undefined;
  }
}

/** Shows why runpod.apiUrl is unusable, with the way to fix it. */
async function showUnusableUrl(core: CoreServices, error: unknown): Promise<void> {
  const message = core.log.redact(error instanceof Error ? error.message : describeError(error));
  const choice = await vscode.window.showErrorMessage(message, 'Open Settings');
  if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', API_URL_SETTING);
}

/**
 * How a flow asks for a key and where it keeps it (Set API Key, Add Account). Each way a key is
 * kept writes its one line to the log (never the key); the first two are also shown.
 */
export interface KeyEntry {
  /** The account the key is for. */
  account: string;
  /**
   * What a failed check's Retry or Save Anyway says, clicked after a later key for the account was
   * saved: VS Code cannot close the old notification, so its buttons must then change nothing.
   */
  setMeanwhile: string;
  /** Shows the (masked) key box with `value` in it; Back only where the flow has a step before. */
  ask(value: string): Promise<StepAnswer<string>>;
  /** Keeps the key, checked (with the list the check fetched) or not (untrusted, Save Anyway). */
  save(key: string, secrets?: Secret[]): Promise<void>;
  /** What to say once saved in an untrusted workspace (no check was possible). */
  savedUntrusted: string;
  /** What to say once saved after a good check, given the check's own words. */
  savedChecked(checkMessage: string): string;
  /** What to log once saved by "Save Anyway" (offered after a 403, a 404, a 429, a 5xx, a bad answer or no answer). */
  savedUnchecked: string;
}

/**
 * The key step of a flow: asks, checks the key with one listing against `endpoint`, and keeps it
 * only when RunPod accepts it (or the user says "Save Anyway" to a check that failed otherwise than by rejecting it).
 * Retry asks again (with the same key when RunPod could not be asked, empty after a rejection).
 */
export async function enterKey(core: CoreServices, endpoint: Endpoint, entry: KeyEntry): Promise<'saved' | 'back' | 'cancel'> {
  let value = '';
  for (;;) {
    const answer = await entry.ask(value);
    if (answer.kind !== 'accept') return answer.kind;
    // The box let through only text holding a key (keyBoxProblem): sent and saved without the whitespace around it.
    const read = readApiKey(answer.value);
    if (!read.ok) continue;
    const key = read.key;
    core.log.addSensitive(key);

    if (!vscode.workspace.isTrusted) {
      // No API calls here; the key is checked by the first refresh once the workspace is trusted.
      await entry.save(key);
      core.log.info(entry.savedUntrusted);
      void vscode.window.showInformationMessage(entry.savedUntrusted);
      return 'saved';
    }

    const result = await checkKey(core, key, endpoint);
    const outcome = describeKeyCheck(result.ok ? { ok: true, secretCount: result.secrets.length } : result);
    if (outcome.store && result.ok) {
      await entry.save(key, result.secrets);
      const message = entry.savedChecked(outcome.message);
      core.log.info(message);
      void vscode.window.showInformationMessage(message);
      return 'saved';
    }
    const show = outcome.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
    const before = await keptNow(core, entry.account, endpoint.origin);
    const choice = (await show(outcome.message, ...outcome.actions)) as KeyCheckAction | undefined;
    if ((choice === 'Retry' || choice === 'Save Anyway') && (await keySetSince(core, entry.account, endpoint.origin, before))) {
      // The notification stayed on screen while a later Set API Key (or Add Account) succeeded: neither
      // asking again nor saving this older key over that one is wanted.
      core.log.info(entry.setMeanwhile);
      void vscode.window.showInformationMessage(entry.setMeanwhile);
      return 'cancel';
    }
    switch (choice) {
      case 'Retry':
        value = result.ok || result.kind === 'unauthorized' ? '' : key;
        continue;
      case 'Save Anyway':
        await entry.save(key);
        core.log.info(entry.savedUnchecked);
        return 'saved';
      case 'Open Settings':
        void vscode.commands.executeCommand('workbench.action.openSettings', API_URL_SETTING);
        return 'cancel';
      case 'Show Output':
        core.showLog();
        return 'cancel';
      default:
        return 'cancel';
    }
  }
}

/**
 * Whether a key for `account` at `origin` was saved since `before` (keptNow), here or in another
 * window. A storage that could not be read, then or now, tells nothing of another window: only
 * this window's own saves count, so a key kept all along is not taken for one set meanwhile.
 */
async function keySetSince(core: CoreServices, account: string, origin: string, before: KeptNow): Promise<boolean> {
  const now = await keptNow(core, account, origin);
  if (now.unread || before.unread) return now.saves !== before.saves;
  return now.key !== undefined && (now.saves !== before.saves || now.key !== before.key);
}

/** " (account prod)" for a named account; nothing for the one account of older versions. */
export function accountSuffix(account: string): string {
  return account === DEFAULT_ACCOUNT ? '' : ` (account ${account})`;
}

/**
 * " (account default)" too while the editor holds several accounts: for a message that outlives a
 * switch (a notification's button), where "default" unnamed reads as whichever account is active then.
 */
export function accountSuffixAmong(account: string, held: readonly string[]): string {
  return held.length > 1 ? ` (account ${account})` : accountSuffix(account);
}

/**
 * Set API Key: asks for a key for the URL in effect and the active account, checks it with one
 * listing, stores it for that URL's origin only when RunPod accepts it (or the user says "Save
 * Anyway" after a check that did not succeed). Returns whether a key was stored.
 */
export async function runSetApiKey(core: CoreServices): Promise<boolean> {
  const endpoint = await endpointOrExplain(core);
  if (!endpoint) return false;
  const account = core.keys.account;
  // One key is one RunPod account: another account's key is refused in the box, as Add Account refuses it.
  const stored = await core.keys.all();
  const result = await enterKey(core, endpoint, {
    account,
    setMeanwhile: `API key${accountSuffix(account)} already set: a later Set API Key saved one. Nothing changed.`,
    ask: async (value) => {
      const key = await vscode.window.showInputBox({
        title: `RunPod: Set API Key for ${endpoint.origin}${accountSuffix(account)}`,
        prompt: `Paste your RunPod API key. It is kept in VS Code secret storage, never in settings or files, and sent only to ${endpoint.origin}.`,
        placeHolder: 'rpa_...',
        password: true,
        ignoreFocusOut: true,
        value,
        validateInput: (text) => keyBoxProblem(stored, text, account),
      });
      return key === undefined ? { kind: 'cancel' } : { kind: 'accept', value: key };
    },
    save: (key, secrets) => saveKey(core, account, key, endpoint.origin, secrets),
    savedUntrusted: `API key set${accountSuffix(account)}. It will be used once this workspace is trusted (API calls are disabled until then).`,
    savedChecked: (message) => `API key set${accountSuffix(account)}. ${message}`,
    // Save Anyway also follows answers (403, 429, 5xx): no cause is claimed; the check's own warning is logged just before.
    savedUnchecked: `API key set${accountSuffix(account)}, saved without a successful check (see the warning above).`,
  });
  return result === 'saved';
}

/** Questions open now, by origin: a second caller joins the first instead of asking twice. */
const openQuestions = new Map<string, Promise<void>>();

/**
 * When the URL in effect has no key of its own but the account has one saved for another origin,
 * asks (modal, naming both origins, never the key) whether to send it there. Yes saves the key for
 * this origin too; the other answers set a new key, switch runpod.apiUrl back, or leave this URL
 * signed out. Nothing is sent to this origin before a yes. `previousUrl` is the URL in effect
 * before a change, offered as the way back when its key is the one in question.
 */
export function offerKeyForOrigin(core: CoreServices, previousUrl?: string): Promise<void> {
  let endpoint: Endpoint;
  try {
    endpoint = core.apis.endpoint();
  } catch {
    return Promise.resolve(); // an unusable URL: the store's error state says so
  }
  const open = openQuestions.get(endpoint.origin);
  if (open) return open;
  const asking = askToSendKey(core, endpoint, previousUrl).finally(() => openQuestions.delete(endpoint.origin));
  openQuestions.set(endpoint.origin, asking);
  return asking;
}

async function askToSendKey(core: CoreServices, endpoint: Endpoint, previousUrl: string | undefined): Promise<void> {
  const found = await core.keys.lookup(endpoint.origin);
  if (found.kind !== 'elsewhere') return;
  const backTo = wayBack(found.savedFor, previousUrl);
  const question = describeKeyConsent(endpoint.origin, found.savedFor, backTo && originOf(backTo));
  const buttons = [question.send, question.setKey, ...(question.switchBack ? [question.switchBack] : [])];
  const choice = await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, ...buttons);
  if (choice === question.send) {
    // Saving the key for this origin too fires the storage event, which refreshes with it.
    if (await core.keys.allow(endpoint.origin, found.savedFor)) {
      core.log.info(`The API key saved for ${found.savedFor} is now also saved for ${endpoint.origin} (you said yes).`);
    }
  } else if (choice === question.setKey) {
    await runSetApiKey(core);
  } else if (choice !== undefined && choice === question.switchBack && backTo) {
    // RunPod's own URL is the default: going back to it removes the user setting.
    const value = backTo === DEFAULT_BASE_URL ? undefined : backTo;
    await vscode.workspace.getConfiguration(CONFIG_SECTION).update('apiUrl', value, vscode.ConfigurationTarget.Global);
  } else {
    core.log.info(`Signed out for ${endpoint.origin}: the API key saved for ${found.savedFor} is not sent there without your yes.`);
  }
}

/** The URL to offer going back to: one whose origin has the key in question. */
function wayBack(keyFor: string, previousUrl: string | undefined): string | undefined {
  if (previousUrl && originOf(previousUrl) === keyFor) return previousUrl;
  return originOf(DEFAULT_BASE_URL) === keyFor ? DEFAULT_BASE_URL : undefined;
}

/**
 * `Services.requireApi`: the client, or a prompt that explains why there is none: untrusted, an
 * unusable URL, a key saved only for another origin (ask before sending it), no key at all.
 */
export async function requireApi(core: CoreServices): Promise<RunpodApi | undefined> {
  if (!vscode.workspace.isTrusted) {
    const choice = await vscode.window.showWarningMessage(
      'RunPod API calls are disabled in untrusted workspaces.',
      'Manage Workspace Trust',
    );
    if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    return undefined;
  }
  let access: ApiAccess;
  try {
    access = await core.apis.access();
  } catch (error) {
    // A client cannot be built: the API URL setting is unusable.
    await showUnusableUrl(core, error);
    return undefined;
  }
  if (access.kind === 'api') return access.api;
  if (access.kind === 'signed-out' && access.keyFor) {
    await offerKeyForOrigin(core);
    return core.getApi();
  }
  const origin = access.kind === 'signed-out' ? access.origin : undefined;
  const choice = await vscode.window.showInformationMessage(
    `No RunPod API key is set${origin ? ` for ${origin}` : ''}${accountSuffix(core.keys.account)}.`,
    'Set API Key',
  );
  if (choice !== 'Set API Key' || !(await runSetApiKey(core))) return undefined;
  return core.getApi();
}
