/**
 * Waits for a positive signal (a condition of the code under test) instead of a fixed sleep, which
 * a loaded machine outlasts. Polls in real time; the bound only turns a hang into a failure that
 * names what was awaited, and sits below vitest's testTimeout (20 s) so that message is the one seen.
 */
export async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
