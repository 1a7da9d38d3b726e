/** Shared set-up for the launch tests: the fake RunPod API and a client whose waits are recorded. */
import { RunpodClient } from '../../client/src/runpod/client';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';

export async function startFake(options: Parameters<typeof startFakeRunpod>[0] = {}): Promise<FakeRunpod> {
  return startFakeRunpod({ seed: true, podBootMs: 40, ...options });
}

export function clientFor(fake: FakeRunpod): RunpodClient {
  return new RunpodClient({ apiKey: fake.apiKey, baseUrl: fake.url, timeoutMs: 5_000, sleep: async () => undefined });
}

/** A sleep that really waits a little (the fake's pods boot on the wall clock) and records the asked delays. */
export function shortSleep(asked: number[], realMs = 15): (ms: number) => Promise<void> {
  return (ms) => {
    asked.push(ms);
    return new Promise((resolve) => setTimeout(resolve, realMs));
  };
}
