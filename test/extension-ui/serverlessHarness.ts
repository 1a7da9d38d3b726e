/**
 * The serverless commands on the scripted stand-in for VS Code against the fake RunPod API over
 * HTTP: real client, real runner, real tree provider. The followers' clock moves the fake's clock
 * instead of waiting, so a rollout that takes seconds on RunPod takes milliseconds here.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { RunpodClient } from '../../client/src/runpod/client';
import { registerServerless } from '../../client/src/serverless/index';
import { followClock } from '../../client/src/serverless/ui/followUi';
import type { Services, StoreState } from '../../client/src/services';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { EventEmitter, fake, FakeDocument, Uri, workspace } from './vscodeFake';
import { heldAccounts } from './heldAccounts';

export interface Harness {
  api: FakeRunpod;
  client: RunpodClient;
  /** The fake's clock (ms); tests and followers move it. */
  clock: { now: number };
  logged: string[];
  services: Services;
  /** Registers the commands and the view again (after `fake.reset()`, which forgets them). */
  register(): void;
  run(command: string, ...args: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}

export const BOOT_MS = 1000;
export const CYCLE_MS = 1000;

export async function startHarness(): Promise<Harness> {
  const clock = { now: Date.parse('2026-09-01T12:00:00Z') };
  const api = await startFakeRunpod({ seed: true, podBootMs: BOOT_MS, workerCycleMs: CYCLE_MS, now: () => clock.now, streamPollMs: 5, rateLimitPerMinute: 100_000 });
  const client = new RunpodClient({ apiKey: api.apiKey, baseUrl: api.url, timeoutMs: 5_000, sleep: async () => {} });
  followClock.sleep = async (ms) => {
    clock.now += ms;
  };
  followClock.now = () => clock.now;
  const logged: string[] = [];
  const storeChanged = new EventEmitter<void>();
  const services = {
    context: { subscriptions: [] as { dispose(): unknown }[] },
    // A fresh store holds the account's secrets (names only): the summary foresees the check from them.
    store: { state: { kind: 'fresh', fetchedAt: '' } as StoreState, secrets: api.inspect().secrets.map(({ name }) => ({ name })), onDidChange: storeChanged.event, refresh: async () => {} },
    log: { info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m), addSensitive() {} },
    getApi: async () => client,
    requireApi: async () => client,
    accounts: heldAccounts('default'),
  } as unknown as Services;
  return {
    api,
    client,
    clock,
    logged,
    services,
    register: () => registerServerless(services),
    run: (command, ...args) => fake.commands.get(command)!(...args) as Promise<unknown>,
    close: async () => {
      await client.close();
      await api.close();
    },
  };
}

/** A workspace file under `/w`, on disk and open in the editor (so edits and reads agree). */
export function workspaceFile(path: string, text: string): { uri: Uri; doc: FakeDocument } {
  const uri = Uri.from({ scheme: 'file', path: `/w/${path}` });
  fake.files.set(uri.path, text);
  const doc = new FakeDocument(uri, text);
  fake.documents.set(uri.toString(), doc);
  (workspace.textDocuments as FakeDocument[]).push(doc);
  return { uri, doc };
}

/** Waits for a condition, not a fixed time (test/helpers/until.ts). */
export { until } from '../helpers/until';

/**
 * One harness for the test file (a fake API per file), with the stand-in reset and the commands
 * registered again before each test. Returns a getter for the tests.
 */
export function useHarness(): () => Harness {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());
  beforeEach(() => {
    fake.reset();
    h!.api.faults.clear();
    h!.register();
  });
  return () => h!;
}
