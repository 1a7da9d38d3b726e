/**
 * The index's walk thread, started as the server's bundle loads: server.ts imports this module
 * first, so the bundle evaluates it before the rest of its code, and the thread starts (40-140 ms,
 * 150-250 on a busy machine) while the server loads (about 190 ms) and answers `initialize`.
 * Started at `initialize` instead, it was still starting when the first walk began, 30 ms later
 * (December 2026). `initialize` hands it to the indexer, which ends it when no folder is to walk.
 */
import { WalkerThread, walkWorkerScript } from './walkThread';

const script = walkWorkerScript();
let early: WalkerThread | undefined = script ? new WalkerThread(script) : undefined;

/** The thread started at load, once (later calls: undefined). */
export function takeEarlyWalkThread(): WalkerThread | undefined {
  const thread = early;
  early = undefined;
  return thread;
}
