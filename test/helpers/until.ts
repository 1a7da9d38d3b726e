/**
 * Waits for a positive signal (a condition of the code under test) instead of a fixed sleep, which
 * a loaded machine outlasts. Polls in real time; the bound only turns a hang into a failure that
 * names what was awaited, and sits below vitest's testTimeout (20 s) so that message is the one seen.
 */
/** How long a wait on a positive signal may take before it fails naming what it awaited: below vitest's testTimeout (20 s). */
export const WAIT_BOUND_MS = 15_000;

export async function until(condition: () => boolean, what: string, timeoutMs = WAIT_BOUND_MS): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
