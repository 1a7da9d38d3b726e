/**
 * Reads the fake RunPod API's state over its HTTP API, as a second witness beside the screen: what
 * the account holds after a flow (names and metadata only — the API never returns values). Also
 * stops and restarts the fake, for the offline, rejected-key, no-permission and rate-limited scenarios.
 */
import { join } from 'node:path';
import type { Pod, Secret } from '../../../client/src/runpod/types.js';
import { startFakeApi, type Stack } from '../../../scripts/editor/stack.mjs';
import type { KeyAccess } from '../../fake-runpod/access.js';

/** GET `path` (under /v2) from the fake with the group's key. */
function apiGet(stack: Stack, path: string): Promise<Response> {
  return fetch(`${stack.fake.url}${path}`, {
    headers: { authorization: `Bearer ${stack.fake.apiKey}` },
    signal: AbortSignal.timeout(10_000),
  });
}

/** The account's secrets as the fake API lists them. */
export async function accountSecrets(stack: Stack): Promise<Secret[]> {
  const response = await apiGet(stack, '/account/secrets');
  if (!response.ok) throw new Error(`fake API answered ${response.status} to GET /account/secrets`);
  return ((await response.json()) as { secrets: Secret[] }).secrets;
}

/** The account's secret names, sorted. */
export async function accountSecretNames(stack: Stack): Promise<string[]> {
  return (await accountSecrets(stack)).map((secret) => secret.name).sort();
}

/** The account's Pods as the fake API lists them. */
export async function accountPods(stack: Stack): Promise<Pod[]> {
  const response = await apiGet(stack, '/pods');
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

/** What a restarted fake may differ in: the key it accepts, what that key may do, its rate limit. */
export interface RestartOptions {
  /** The accepted key; defaults to the group's. A different one makes the stored key rejected (401). */
  apiKey?: string;
  /** `--key-access`: `read-only` answers writes with 403, `none` every request (the key is valid, 403). */
  keyAccess?: KeyAccess;
  /** `--rate-limit N`: requests per minute before 429 (the fake's default is 600). */
  rateLimitPerMinute?: number;
  /** File name of the restarted fake's log in the group's log folder. */
  logName?: string;
}

/**
 * Start the fake API again on the stack's port and data folder (same account: the secrets survive),
 * after `stopFakeApi` or after stopping an earlier restart. The caller stops the result.
 */
export async function restartFakeApi(stack: Stack, options: RestartOptions = {}): Promise<RestartedFake> {
  const port = Number(new URL(stack.fake.url).port);
  return startFakeApi({
    port,
    dataDir: stack.fakeDataDir,
    // In the group's log folder, which the session keeps under test-results/e2e/logs/<group>.
    logFile: join(stack.logDir, options.logName ?? 'fake-runpod-restarted.log'),
    extraArgs: [
      '--api-key',
      options.apiKey ?? stack.fake.apiKey,
      '--pod-boot-ms',
      '1500',
      ...(options.keyAccess ? ['--key-access', options.keyAccess] : []),
      ...(options.rateLimitPerMinute !== undefined ? ['--rate-limit', String(options.rateLimitPerMinute)] : []),
    ],
  });
}

/**
 * Another client of the same account (RunPod's limits are per user, not per program) uses up the
 * current rate-limit window: GET /account/secrets with the group's key until the fake answers 429.
 * Returns that 429's Retry-After in seconds. Bounded: throws if no 429 comes within `maxRequests`.
 */
export async function useUpRateLimit(stack: Stack, maxRequests = 50): Promise<number> {
  for (let i = 0; i < maxRequests; i++) {
    const response = await apiGet(stack, '/account/secrets');
    await response.arrayBuffer();
    if (response.status === 429) return Number(response.headers.get('retry-after'));
    if (!response.ok) throw new Error(`fake API answered ${response.status} to GET /account/secrets`);
  }
  throw new Error(`no 429 after ${maxRequests} requests: is the fake's --rate-limit that low?`);
}
