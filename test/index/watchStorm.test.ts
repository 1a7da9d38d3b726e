/**
 * A storm of watched-file events (a checkout, a build tool rewriting files): events for a file
 * already waiting to be read again are one read (the last kind wins; a delete then a create is a
 * change), and the reads run in slices the server's requests get between. The index it leaves is
 * the one a fresh walk builds. Reads are counted through the index's reader (indexedRead.ts).
 */
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileChangeType, type FileEvent } from 'vscode-languageserver';
import { Indexer } from '../../server/src/index/indexer';
import { IndexStore } from '../../server/src/index/store';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { TempWorkspace } from '../protocol/workspace/helpers';

const reads = vi.hoisted(() => new Map<string, number>());
vi.mock('../../server/src/index/indexedRead', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../server/src/index/indexedRead')>();
  return {
    ...original,
    readAsIndexed: (path: string) => {
      reads.set(path, (reads.get(path) ?? 0) + 1);
      return original.readAsIndexed(path);
    },
  };
});

async function indexed(ws: TempWorkspace): Promise<{ store: IndexStore; indexer: Indexer }> {
  const store = new IndexStore();
  const indexer = new Indexer({ store, folderSettings: () => Promise.resolve(DEFAULT_SETTINGS), openFacts: () => Promise.resolve(undefined), changed: () => undefined, warn: () => undefined });
  await indexer.setFolders([ws.uri]);
  return { store, indexer };
}

/** The index as plain data, by path (a stamp is the file's, the same for any reader). */
const contents = (store: IndexStore): unknown[] => [...store.all()].sort((a, b) => a.path.localeCompare(b.path));

const FILES = 200;
const name = (i: number): string => `f${i}.runpod.env`;

describe('a storm of watched-file events', () => {
  let ws: TempWorkspace;
  afterEach(() => ws.dispose());

  it('reads each file once per burst, and leaves the index a fresh walk builds', async () => {
    ws = new TempWorkspace(Object.fromEntries(Array.from({ length: FILES }, (_, i) => [name(i), `A={{ RUNPOD_SECRET_old${i} }}\n`])));
    const { store, indexer } = await indexed(ws);
    for (let i = 0; i < FILES; i++) writeFileSync(ws.path(name(i)), `A={{ RUNPOD_SECRET_new${i} }}\n`);
    // Deleted then created again (a checkout): a change, read once. Created then deleted: gone, not read.
    const recreated = ws.uriOf(name(0));
    const gone = ws.write('gone.runpod.env', 'G={{ RUNPOD_SECRET_gone }}\n');
    ws.remove('gone.runpod.env');
    reads.clear();
    const storms: Promise<void>[] = [];
    for (let n = 0; n < 20; n++) {
      const events: FileEvent[] = Array.from({ length: 1000 }, (_, k) => ({ uri: ws.uriOf(name((n * 1000 + k) % FILES)), type: FileChangeType.Changed }));
      events.push({ uri: recreated, type: FileChangeType.Deleted }, { uri: recreated, type: FileChangeType.Created });
      events.push({ uri: gone, type: FileChangeType.Created }, { uri: gone, type: FileChangeType.Deleted });
      storms.push(indexer.watched(events));
    }
    await Promise.all(storms);
    expect(reads.size).toBe(FILES);
    expect([...reads.values()].every((n) => n === 1)).toBe(true);
    expect(store.get(ws.path('gone.runpod.env'))).toBeUndefined();
    const fresh = await indexed(ws);
    expect(contents(store)).toEqual(contents(fresh.store));
    indexer.dispose();
    fresh.indexer.dispose();
  });

  it('yields to other work while it reads: a task queued after the events runs before the last read', async () => {
    ws = new TempWorkspace(Object.fromEntries(Array.from({ length: FILES }, (_, i) => [name(i), `A={{ RUNPOD_SECRET_x${i} }}\n`.repeat(200)])));
    const { indexer } = await indexed(ws);
    reads.clear();
    const storm = indexer.watched(Array.from({ length: FILES }, (_, i) => ({ uri: ws.uriOf(name(i)), type: FileChangeType.Changed })));
    // A request arriving meanwhile is an I/O callback: setImmediate runs in the same turn of the loop.
    const readsWhenServed = await new Promise<number>((resolve) => setImmediate(() => resolve([...reads.values()].reduce((a, b) => a + b, 0))));
    await storm;
    expect(readsWhenServed).toBeLessThan(FILES);
    expect(reads.size).toBe(FILES);
    indexer.dispose();
  });
});
