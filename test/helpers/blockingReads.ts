/**
 * Spies on node's blocking file calls while `run` runs: the extension host is shared by every
 * extension, so a read there of a FIFO, a huge file or a hung mount must never make one.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { vi } from 'vitest';

const BLOCKING = ['openSync', 'fstatSync', 'statSync', 'readSync', 'readFileSync'] as const;

/** The blocking calls `run` made (their names), with what it returned. */
export async function blockingCallsOf<T>(run: () => Promise<T>): Promise<{ result: T; blocking: string[] }> {
  // Spied on node's own fs object, then copied to every `import * as fs` of it (syncBuiltinESMExports).
  const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');
  const spies = BLOCKING.map((name) => [name, vi.spyOn(fs, name)] as const);
  syncBuiltinESMExports();
  try {
    const result = await run();
    return { result, blocking: spies.filter(([, spy]) => spy.mock.calls.length > 0).map(([name]) => name) };
  } finally {
    for (const [, spy] of spies) spy.mockRestore();
    syncBuiltinESMExports();
  }
}
