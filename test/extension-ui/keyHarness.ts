/**
 * The key plumbing as activate() wires it (real ApiKeyStorage, ApiProvider, RunpodClient,
 * SecretsStore, RedactingLog, and the keyEvents glue), on an in-memory secret storage and a
 * settings backend the test controls, for flow tests against real fake RunPod APIs. A "front" in
 * front of a fake records the Authorization header of every request that reaches it.
 * Import after `vi.mock('vscode', ...)` with settingsBackend.ts's `configuration()` as getConfiguration.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { ApiProvider } from '../../client/src/auth/apiProvider';
import { afterApiUrlChanged, afterKeysChanged } from '../../client/src/auth/keyEvents';
import { ApiKeyStorage } from '../../client/src/auth/keyStorage';
import { requireApi, type CoreServices } from '../../client/src/auth/session';
import { checkApiUrl, type ApiUrlSetting } from '../../client/src/config';
import { RedactingLog } from '../../client/src/log/runpodLog';
import { RunpodClient } from '../../client/src/runpod/client';
import { SecretsStore } from '../../client/src/secrets/store';
import { MemorySecretStorage } from '../extension-core/helpers';
import { Accounts } from '../../client/src/auth/accounts';
import { mementoPersistence } from '../../client/src/secrets/persistence';
import { SecretHistory } from '../../client/src/secrets/historyStore';
import { forwardTo } from '../helpers/accountFront';

export { MemorySecretStorage };
import { settingsBackend } from './settingsBackend';
import { EventEmitter } from './vscodeFake';
import { fakeLifecycle } from './lifecycleHelpers';

export interface KeyHarness {
  core: CoreServices;
  secrets: MemorySecretStorage;
  keys: ApiKeyStorage;
  store: SecretsStore;
  accounts: Accounts;
  /** Extension storage (globalState): the cached lists and the account chosen last. */
  memento: MemoryMemento;
  /** Everything written to the log. */
  logged: string[];
  /** Waits until every key or settings change seen so far has been applied. */
  settled(): Promise<void>;
  close(): void;
}

/** A `vscode.Memento` in memory. */
export class MemoryMemento {
  readonly data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, value);
  }
}

/**
 * Builds the plumbing; settings changes through `configuration().update` run afterApiUrlChanged, as
 * activate() does. Pass the secret storage and memento of an earlier harness to play a new window.
 */
export function keyHarness(secrets = new MemorySecretStorage(), memento = new MemoryMemento()): KeyHarness {
  const logged: string[] = [];
  const log = new RedactingLog({ info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m) => logged.push(m) });
  const keys = new ApiKeyStorage(secrets as never);
  const apiUrl = (): ApiUrlSetting => checkApiUrl(settingsBackend.apiUrl);
  const apis = new ApiProvider({
    lookupKey: (origin) => keys.lookup(origin),
    settings: () => ({ apiUrl: apiUrl(), requestTimeoutMs: 5_000 }),
    // The test's vscode stand-in decides, as VS Code does in the extension.
    isTrusted: () => vscode.workspace.isTrusted,
    createClient: (options) => new RunpodClient({ ...options, maxRetries: 0 }),
    clientOptions: { onRequest: (event) => log.request(event) },
    onKey: (key) => log.addSensitive(key),
  });
  // As activate() builds it: one cached list per account and checked URL.
  const persistence = mementoPersistence(memento, () => {
    const url = apiUrl();
    return url.ok ? { account: keys.account, apiUrl: url.url } : undefined;
  });
  const store = new SecretsStore({
    emitter: new EventEmitter<void>(),
    getAccess: () => apis.access(),
    persistence,
    log,
    redact: (text) => log.redact(text),
    // As activate() wires it; `core.lifecycle` is read at each write, so a test may replace it.
    onWrite: (action, name, account) => void core.lifecycle.history.record(action, name, account),
  });
  const accounts = new Accounts({ keys, memento, emitter: new EventEmitter<void>(), forgetCachedLists: (name) => persistence.forgetAccount(name), outdateLists: () => store.outdate() });
  const { lifecycle } = fakeLifecycle();
  // The history as activate() builds it, on the extension storage.
  const history = new SecretHistory({ memento, now: () => Date.now() });
  let expected: { key: string | undefined } | undefined;
  const pending: Promise<unknown>[] = [];
  const core: CoreServices = {
    context: { subscriptions: [], globalState: memento } as never,
    store,
    log,
    keys,
    apis,
    accounts,
    getApi: () => apis.getApi().catch(() => undefined),
    requireApi: () => requireApi(core),
    showLog: () => undefined,
    expectKey: (key) => (expected = { key }),
    lifecycle: { ...lifecycle, history },
  };
  const subscription = keys.onDidChange(() => {
    const e = expected;
    expected = undefined;
    pending.push(afterKeysChanged(core, e), accounts.reload());
  });
  settingsBackend.onChange = (previous) => {
    pending.push(afterApiUrlChanged(core, checkApiUrl(previous), apiUrl()));
  };
  return {
    core,
    secrets,
    keys,
    store,
    accounts,
    memento,
    logged,
    settled: async () => {
      while (pending.length > 0) await Promise.all(pending.splice(0));
    },
    close: () => {
      subscription.dispose();
      settingsBackend.onChange = undefined;
      apis.invalidate();
    },
  };
}

export interface Front {
  url: string;
  origin: string;
  /** The Authorization header of every request that reached this server (undefined when absent). */
  authorizations: (string | undefined)[];
  close(): Promise<void>;
}

/** A server on its own port that records each request's Authorization header and passes it on to `target`. */
export async function startFront(target: string): Promise<Front> {
  const upstream = new URL(target);
  const authorizations: (string | undefined)[] = [];
  const server = http.createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    forwardTo(upstream, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/v2`,
    origin,
    authorizations,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
