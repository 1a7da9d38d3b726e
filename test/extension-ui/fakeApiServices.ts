/**
 * `Services` wired as activate() wires them, on the real RunpodClient, SecretsStore, RedactingLog,
 * AccountScan and SecretHistory, against a running fake RunPod API: for flow tests of the secret
 * lifecycle commands (Delete, Rename, Rotate) driven through the scripted `vscode` stand-in.
 */
import { RedactingLog } from '../../client/src/log/runpodLog';
import { RunpodClient } from '../../client/src/runpod/client';
import { accountListers, writtenResource } from '../../client/src/secrets/accountScan';
import { SecretsStore } from '../../client/src/secrets/store';
import type { Services } from '../../client/src/services';
import type { FakeRunpod } from '../fake-runpod/index';
import { MemoryPersistence } from '../extension-core/helpers';
import { fakeLifecycle, scriptedIndex } from './lifecycleHelpers';
import { EventEmitter } from './vscodeFake';
import { heldAccounts } from './heldAccounts';

export async function fakeApiServices(fake: FakeRunpod, options: { index?: ReturnType<typeof scriptedIndex>; now?: () => number } = {}) {
  const logged: string[] = [];
  const log = new RedactingLog({ info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m) => logged.push(m) });
  const requests: { method: string; path: string; status?: number }[] = [];
  // eslint-disable-next-line prefer-const
  let lifecycle: ReturnType<typeof fakeLifecycle>['lifecycle'];
  const client = new RunpodClient({
    apiKey: fake.apiKey,
    baseUrl: fake.url,
    maxRetries: 0,
    timeoutMs: 5_000,
    onRequest: (event) => {
      requests.push({ method: event.method, path: event.path, ...(event.status !== undefined ? { status: event.status } : {}) });
      log.request(event);
      const kind = writtenResource(event);
      if (kind) lifecycle.account.invalidate(kind);
    },
  });
  log.addSensitive(fake.apiKey);
  const account = { origin: new URL(fake.url).origin, label: 'default' };
  // The history records against the account the store writes in, as activate() wires it.
  const built = fakeLifecycle({ listers: () => accountListers(client), activeAccount: () => account, ...(options.index ? { index: options.index } : {}), ...(options.now ? { now: options.now } : {}) });
  lifecycle = built.lifecycle;
  const store = new SecretsStore({
    emitter: new EventEmitter<void>(),
    getAccess: async () => ({ kind: 'api', api: client, account }),
    persistence: new MemoryPersistence(),
    log,
    redact: (text) => log.redact(text),
    onWrite: (action, name, account) => void lifecycle.history.record(action, name, account),
  });
  const services = {
    context: { subscriptions: [] as { dispose(): unknown }[], globalState: built.memento },
    store,
    log,
    getApi: async () => client,
    requireApi: async () => client,
    lifecycle,
    accounts: heldAccounts('default'),
  } as unknown as Services;
  await store.refresh();
  return { services, store, client, log, logged, requests, lifecycle, index: built.index, memento: built.memento, close: () => client.close() };
}
