/**
 * Reads the fake RunPod API's state over its HTTP API, as a second witness beside the screen: what
 * the account holds after a flow (names and metadata only — the API never returns values). Also
 * stops and restarts the fake, for the offline and rejected-key scenarios.
 */
import { join } from 'node:path';
import type { Pod, Secret } from '../../../client/src/runpod/types.js';
import { startFakeApi, type Stack } from '../../../scripts/editor/stack.mjs';

/** The account's secrets as the fake API lists them. */
export async function accountSecrets(stack: Stack): Promise<Secret[]> {
  const response = await fetch(`${stack.fake.url}/account/secrets`, {
    headers: { authorization: `Bearer ${stack.fake.apiKey}` },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`fake API answered ${response.status} to GET /account/secrets`);
  return ((await response.json()) as { secrets: Secret[] }).secrets;
}

/** The account's secret names, sorted. */
export async function accountSecretNames(stack: Stack): Promise<string[]> {
  return (await accountSecrets(stack)).map((secret) => secret.name).sort();
}

/** The account's Pods as the fake API lists them. */
export async function accountPods(stack: Stack): Promise<Pod[]> {
  const response = await fetch(`${stack.fake.url}/pods`, {
    headers: { authorization: `Bearer ${stack.fake.apiKey}` },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`fake API answered ${response.status} to GET /pods`);
  return ((await response.json()) as { pods: Pod[] }).pods;
}

/** A fake API started by a scenario (beside the stack's own), which the scenario must stop. */
export type RestartedFake = Awaited<ReturnType<typeof startFakeApi>>;

/**
 * Stop the group's fake API, as if the network were gone: the port then refuses connections. The
 * stack's own shutdown later finds it already stopped.
 */
export async function stopFakeApi(stack: Stack): Promise<void> {
  await stack.fake.stop();
}

/**
 * Start the fake API again on the stack's port and data folder (same account: the secrets survive),
 * after `stopFakeApi` or after stopping an earlier restart. `apiKey` defaults to the group's key; a
 * different one makes the extension's stored key rejected (401). The caller stops the result.
 */
export async function restartFakeApi(stack: Stack, options: { apiKey?: string; logName?: string } = {}): Promise<RestartedFake> {
  const port = Number(new URL(stack.fake.url).port);
  return startFakeApi({
    port,
    dataDir: stack.fakeDataDir,
    // In the group's log folder, which the session keeps under test-results/e2e/logs/<group>.
    logFile: join(stack.logDir, options.logName ?? 'fake-runpod-restarted.log'),
    extraArgs: ['--api-key', options.apiKey ?? stack.fake.apiKey, '--pod-boot-ms', '1500'],
  });
}
