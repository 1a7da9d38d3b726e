/** Shared set-up for the launch tests: the fake RunPod API and a client whose waits are recorded. */
import { RunpodClient } from '../../client/src/runpod/client';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';

/**
 * The fake's clock in these tests: it moves only when a flow sleeps (`shortSleep`), so a Pod is
 * still booting at the first poll and running after the asked delays, whatever the machine's load.
 * (On the wall clock, a loaded machine let the 40 ms boot finish before the first poll.)
 */
let virtualNow = Date.now();

export async function startFake(options: Parameters<typeof startFakeRunpod>[0] = {}): Promise<FakeRunpod> {
  return startFakeRunpod({ seed: true, podBootMs: 40, now: () => virtualNow, ...options });
}

export function clientFor(fake: FakeRunpod): RunpodClient {
  return new RunpodClient({ apiKey: fake.apiKey, baseUrl: fake.url, timeoutMs: 5_000, sleep: async () => undefined });
}

/** A sleep that moves the fake's clock by the asked delay (and yields once), recording the asked delays. */
export function shortSleep(asked: number[]): (ms: number) => Promise<void> {
  return (ms) => {
    asked.push(ms);
    virtualNow += ms;
    return new Promise((resolve) => setImmediate(resolve));
  };
}
