/**
 * What an index answer waits for ({@link Indexer.flush}): the watched-file events received before
 * it, and the walk a `.gitignore` among them asked for; not the events that keep coming after it.
 * And a failure outside one event's application rejects nobody's flush. And a walk's sweep of the
 * files it did not list leaves what an event indexed after the walk began.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdWalk, openGate } from './walkGate';
import { FileChangeType } from 'vscode-languageserver';
import { Indexer } from '../../server/src/index/indexer';
import { IndexStore, type IndexChange } from '../../server/src/index/store';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { TempWorkspace } from '../protocol/workspace/helpers';

/** Each read can call `onRead` (synchronously, as an event arriving while the reads run). */
const hook = vi.hoisted(() => ({ onRead: undefined as ((path: string) => void) | undefined, reads: 0 }));
vi.mock('../../server/src/index/indexedRead', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../server/src/index/indexedRead')>();
  return {
    ...original,
    readAsIndexed: (path: string) => {
      hook.reads++;
      hook.onRead?.(path);
      return original.readAsIndexed(path);
    },
  };
});

vi.mock('../../server/src/index/walk', async (original) => (await import('./walkGate')).heldWalk(await original()));

let ws: TempWorkspace;
afterEach(() => {
  hook.onRead = undefined;
  hook.reads = 0;
  openGate();
  vi.restoreAllMocks();
  ws.dispose();
});

async function indexed(changed: (change: IndexChange) => void = () => undefined, log?: (m: string) => void): Promise<{ store: IndexStore; indexer: Indexer }> {
  const store = new IndexStore();
  const indexer = new Indexer({ store, folderSettings: () => Promise.resolve(DEFAULT_SETTINGS), openFacts: () => Promise.resolve(undefined), changed, warn: () => undefined, log });
  await indexer.setFolders([ws.uri]);
  return { store, indexer };
}

describe('Indexer.flush', () => {
  it('waits for the events before it, not for a storm that goes on after it', async () => {
    ws = new TempWorkspace({ 'a.runpod.env': 'A=1\n' });
    const { indexer } = await indexed();
    const STORM = 200;
    // Each read brings the next event, as a storm does; every slice is due, so the application yields after each event.
    let clock = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => (clock += 1000));
    hook.onRead = (path) => {
      const i = Number(/s(\d+)\.runpod\.env$/.exec(path)?.[1] ?? -1);
      if (i >= 0 && i + 1 < STORM) void indexer.watched([{ uri: ws.uriOf(`s${i + 1}.runpod.env`), type: FileChangeType.Created }]);
    };
    hook.reads = 0;
    const storm = indexer.watched([{ uri: ws.uriOf('s0.runpod.env'), type: FileChangeType.Created }]);
    await indexer.flush();
    const readsWhenFlushed = hook.reads;
    await storm;
    while (hook.reads < STORM) await indexer.watched([]);
    expect(readsWhenFlushed).toBeLessThan(STORM);
    indexer.dispose();
  });

  it('waits for an event before it whose file changed again after it (the later event does not put the earlier one off)', async () => {
    ws = new TempWorkspace({ 'a.runpod.env': 'A=1\n' });
    const { store, indexer } = await indexed();
    ws.write('x.runpod.env', 'X=1\n');
    ws.write('y.runpod.env', 'Y=1\n');
    // Every slice is due: the application yields after each event, so a flush resolved early is seen.
    let clock = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => (clock += 1000));
    void indexer.watched([{ uri: ws.uriOf('x.runpod.env'), type: FileChangeType.Created }]);
    void indexer.watched([{ uri: ws.uriOf('y.runpod.env'), type: FileChangeType.Created }]);
    const flush = indexer.flush();
    // x changes again after the flush was asked for, before anything was applied.
    const later = indexer.watched([{ uri: ws.uriOf('x.runpod.env'), type: FileChangeType.Changed }]);
    await flush;
    expect(store.get(ws.path('x.runpod.env'))).toBeDefined();
    expect(store.get(ws.path('y.runpod.env'))).toBeDefined();
    await later;
    indexer.dispose();
  });

  it('waits for the walk a changed .gitignore asked for', async () => {
    ws = new TempWorkspace({ 'build/a.runpod.env': 'A=1\n', '.gitignore': '' });
    const { store, indexer } = await indexed();
    expect(store.get(ws.path('build/a.runpod.env'))).toBeDefined();
    ws.write('.gitignore', 'build/\n');
    const { listed, release } = holdWalk();
    void indexer.watched([{ uri: ws.uriOf('.gitignore'), type: FileChangeType.Changed }]);
    let flushed = false;
    const flush = indexer.flush().then(() => (flushed = true));
    await listed;
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(flushed).toBe(false);
    release();
    await flush;
    expect(store.get(ws.path('build/a.runpod.env'))).toBeUndefined();
    indexer.dispose();
  });

  it('a failure outside one event (telling what changed) is logged; the events and the flushes waiting go on', async () => {
    ws = new TempWorkspace({ 'a.runpod.env': 'A=1\n' });
    let fail = false;
    const logs: string[] = [];
    const { store, indexer } = await indexed(() => {
      if (fail) {
        fail = false;
        throw new Error('listener failed');
      }
    }, (m) => logs.push(m));
    fail = true;
    ws.write('b.runpod.env', 'B=1\n');
    const applied = indexer.watched([{ uri: ws.uriOf('b.runpod.env'), type: FileChangeType.Created }]);
    await expect(indexer.flush()).resolves.toBeUndefined();
    await expect(applied).resolves.toBeUndefined();
    expect(store.get(ws.path('b.runpod.env'))).toBeDefined();
    expect(logs.filter((l) => /watched-file events/.test(l))).toHaveLength(1);
    indexer.dispose();
  });
});

describe('events applied while a walk runs', () => {
  it('a file created and indexed by an event during the walk (after its listing) stays in the index after it', async () => {
    ws = new TempWorkspace({ 'a.runpod.env': 'A={{ RUNPOD_SECRET_a }}\n' });
    const { store, indexer } = await indexed();
    const { listed, release } = holdWalk();
    const walk = indexer.rebuild();
    await listed;
    const created = ws.write('b.runpod.env', 'B={{ RUNPOD_SECRET_b }}\n');
    await indexer.watched([{ uri: created, type: FileChangeType.Created }]);
    expect(store.get(ws.path('b.runpod.env'))).toBeDefined();
    release();
    await walk;
    expect(store.get(ws.path('b.runpod.env'))).toBeDefined();
    expect(store.get(ws.path('a.runpod.env'))).toBeDefined();
    indexer.dispose();
  });
});
