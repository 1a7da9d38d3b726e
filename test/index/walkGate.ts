/**
 * A walk in the server's thread held after it lists, for tests of what happens while a walk runs
 * (an event, a deletion). A test file mocks the walk module with {@link heldWalk}:
 *
 *   vi.mock('../../server/src/index/walk', async (original) => (await import('./walkGate')).heldWalk(await original()));
 *
 * then calls {@link holdWalk} before the walk and {@link openGate} after each test.
 */
import type * as Walk from '../../server/src/index/walk';

const gate = { held: undefined as Promise<void> | undefined, listed: undefined as (() => void) | undefined };

/** The walk module, its walkFolder held at the gate after it lists. */
export function heldWalk(original: typeof Walk): typeof Walk {
  return {
    ...original,
    walkFolder: async <K>(...args: Parameters<typeof original.walkFolder<K>>) => {
      const listed = await original.walkFolder<K>(...args);
      gate.listed?.();
      if (gate.held) await gate.held;
      return listed;
    },
  };
}

/** Holds the next walks after they list: `listed` resolves when one got there, `release` lets them go on. */
export function holdWalk(): { listed: Promise<void>; release: () => void } {
  let release!: () => void;
  gate.held = new Promise<void>((resolve) => (release = resolve));
  const listed = new Promise<void>((resolve) => (gate.listed = resolve));
  return { listed, release };
}

/** Walks after this one are not held (the walk held now still waits for its release). */
export function openGate(): void {
  gate.held = undefined;
  gate.listed = undefined;
}
