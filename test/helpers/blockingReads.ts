/**
 * Spies on node's blocking file calls while `run` runs: the extension host is shared by every
 * extension, so a read there of a FIFO, a huge file or a hung mount must never make one.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { vi } from 'vitest';

/** The blocking calls `run` made (their names), with what it returned. */
export async function blockingCallsOf<T>(run: () => Promise<T>): Promise<{ result: T; blocking: string[] }> {
  // Spied on node's own fs object, then copied to every `import * as fs` of it (syncBuiltinESMExports).
  const fs = createRequire(import.meta.url)('node:fs') as Record<string, unknown>;
  // Every blocking call node:fs has (closeSync, existsSync, lstatSync, realpathSync, accessSync…), not a list that misses some.
  const blocking = Object.keys(fs).filter((name) => name.endsWith('Sync') && typeof fs[name] === 'function');
  const spies = blocking.map((name) => [name, vi.spyOn(fs as Record<string, (...args: unknown[]) => unknown>, name)] as const);
  syncBuiltinESMExports();
  try {
    const result = await run();
    return { result, blocking: spies.filter(([, spy]) => spy.mock.calls.length > 0).map(([name]) => name) };
  } finally {
    for (const [, spy] of spies) spy.mockRestore();
    syncBuiltinESMExports();
  }
}
