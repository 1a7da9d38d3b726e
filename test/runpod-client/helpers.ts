/** Shared set-up for the client tests: a fake RunPod API over real HTTP and a client that records. */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { RunpodClient } from '../../client/src/runpod/client';
import type { RequestLogEvent, RunpodClientOptions } from '../../client/src/runpod/types';

export interface Harness {
  client: RunpodClient;
  events: RequestLogEvent[];
  /** Delays the client asked to sleep for (the injected sleep returns at once). */
  sleeps: number[];
}

/** A client on `fake` whose sleeps are recorded instead of waited for. */
export function clientFor(fake: FakeRunpod, options: Partial<RunpodClientOptions> = {}): Harness {
  const events: RequestLogEvent[] = [];
  const sleeps: number[] = [];
  const client = new RunpodClient({
    apiKey: fake.apiKey,
    baseUrl: fake.url,
    timeoutMs: 5_000,
    onRequest: (event) => events.push(event),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { client, events, sleeps };
}

export async function startFake(options: Parameters<typeof startFakeRunpod>[0] = {}): Promise<FakeRunpod> {
  return startFakeRunpod({ seed: true, podBootMs: 50, ...options });
}

/** The fake's balance when none is given (test/fake-runpod/index.ts). */
const FAKE_DEFAULT_BALANCE = 100;

/**
 * One fake API and one recording client for the test file that calls it (a server start per file,
 * not per test), reset after every test (faults cleared, balance restored, recordings emptied) so
 * no test sees another's failures. `use` receives both once they are up.
 */
export function useFakeAndClient(
  use: (started: { fake: FakeRunpod; h: Harness }) => void,
  options: { fake?: Parameters<typeof startFake>[0]; client?: Partial<RunpodClientOptions> } = {},
): void {
  let fake: FakeRunpod | undefined;
  let h: Harness | undefined;
  beforeAll(async () => {
    fake = await startFake(options.fake);
    h = clientFor(fake, options.client);
    use({ fake, h });
  });
  afterEach(() => {
    fake?.faults.clear();
    fake?.setBalance(options.fake?.balance ?? FAKE_DEFAULT_BALANCE);
    if (h) h.events.length = h.sleeps.length = 0;
  });
  afterAll(async () => {
    await h?.client.close();
    await fake?.close();
  });
}

/** Requests the fake saw for a method and path (status 0 = connection dropped). */
export function seen(fake: FakeRunpod, method: string, path: string): number[] {
  return fake
    .inspect()
    .requests.filter((r) => r.method === method && r.path === `/v2${path}`)
    .map((r) => r.status);
}

/** Runs `fn` expecting a rejection; returns the error. */
export async function rejection(fn: () => Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await fn();
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}
