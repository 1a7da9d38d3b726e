/**
 * Reads the fake RunPod API's state over its HTTP API, as a second witness beside the screen: what
 * the account holds after a flow (names and metadata only — the API never returns values).
 */
import type { Pod, Secret } from '../../../client/src/runpod/types.js';
import type { Stack } from '../../../scripts/editor/stack.mjs';

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
