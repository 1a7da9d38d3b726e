/**
 * What the extension does with keys at activation and when the stored keys or `runpod.apiUrl`
 * change. `extension.ts` calls these; they are here so the flows can be driven in tests exactly as
 * activation wires them.
 */
import type { ApiUrlSetting } from '../config';
import { DEFAULT_BASE_URL, originOf } from '../runpod/baseUrl';
import type { RunpodLog } from '../services';
import type { ApiKeyStorage } from './keyStorage';
import { API_KEY_ENV } from '../runpod/environmentVariables';
import { offerKeyForOrigin, type CoreServices } from './session';
import { forgetAccount, forgetAccountsBut, forgetAllAccounts } from '../ui/wizardMemory';

/**
 * Before anything can be sent: moves the single key of older versions into the per-origin form
 * (saved for the URL in effect, so nothing changes for the user), takes RUNPOD_API_KEY for the
 * origin in effect when none is saved for it, and registers every stored key with the redactor.
 */
export async function prepareKeys(keys: ApiKeyStorage, apiUrl: ApiUrlSetting, log: RunpodLog, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  // An unusable URL sends nothing; the old key most likely served RunPod itself.
  const origin = apiUrl.ok ? apiUrl.origin : originOf(DEFAULT_BASE_URL);
  try {
    if (await keys.migrate(origin)) log.info(`The stored API key is now saved for ${origin}, the API URL in effect.`);
  } catch (error) {
    log.error('Could not move the stored API key to the per-origin form', error);
  }
  if (apiUrl.ok) {
    const taken = await keys.importFromEnvironment(apiUrl.origin, env).catch((error: unknown) => {
      log.error(`Could not store the key from ${API_KEY_ENV}`, error);
      return undefined;
    });
    if (taken?.kind === 'imported') {
      log.addSensitive(taken.key);
      log.info(`Stored the API key from ${API_KEY_ENV} for ${apiUrl.origin}.`);
    } else if (taken?.kind === 'invalid') {
      log.warn(`Ignored ${API_KEY_ENV}: it contains spaces or characters an API key never has.`);
    }
  }
  for (const stored of await keys.all()) log.addSensitive(stored.key);
  if (!apiUrl.ok) return;
  const found = await keys.lookup(apiUrl.origin);
  if (found.kind === 'elsewhere') {
    log.info(`No API key is saved for ${apiUrl.origin}; the key saved for ${found.savedFor} is not sent there without your yes.`);
  }
}

/**
 * The stored keys changed (this window or another): register them with the redactor, then refresh
 * with the key for the URL in effect, unless it is the one this window just stored (`expected`).
 * With no key of the account left anywhere, sign out (which also forgets the cached list).
 */
export async function afterKeysChanged(core: CoreServices, expected: { key: string | undefined } | undefined): Promise<void> {
  const stored = await core.keys.all();
  for (const { key } of stored) core.log.addSensitive(key);
  // An account left without a key was removed (here or in another window): its name may come back
  // as another RunPod account, so the wizards' answers kept under it go.
  forgetAccountsBut(core.context, stored.map((k) => k.account));
  const origin = core.apis.currentOrigin();
  const key = origin ? await core.keys.get(origin) : undefined;
  if (expected && expected.key === key) return;
  // Not this window's own change: the active account's key may be another RunPod account's now.
  forgetAccount(core.context, core.accounts.active);
  core.apis.invalidate();
  if (!key && (!origin || (await core.keys.lookup(origin)).kind === 'none')) await core.store.signOut();
  else await core.store.refresh();
}

/**
 * `runpod.apiUrl` (or the timeout) changed: log the checked URL (never the text typed), start from
 * this endpoint's cache, refresh (which finds no key for a new origin, so nothing is sent there),
 * and ask before a key saved for another origin goes to it. `previous` is the setting before.
 */
export function afterApiUrlChanged(core: CoreServices, previous: ApiUrlSetting, now: ApiUrlSetting): Promise<void> {
  core.log.info(now.ok ? `API settings changed; now using ${now.url}.` : `API settings changed; runpod.apiUrl is unusable: ${now.problem}`);
  core.apis.invalidate();
  // Another origin is another RunPod: the template ids and names the wizards kept are not its.
  if (!(previous.ok && now.ok && previous.origin === now.origin)) forgetAllAccounts(core.context);
  // A list from another endpoint is not this one's.
  core.store.reloadFromCache();
  const refreshed = core.store.refresh();
  if (!now.ok || (previous.ok && previous.origin === now.origin)) return refreshed;
  return Promise.all([refreshed, offerKeyForOrigin(core, previous.ok ? previous.url : undefined)]).then(() => undefined);
}
