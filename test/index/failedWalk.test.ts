/**
 * A walk that throws (a folder's settings that cannot be read, a fault inside the walk) must not
 * leave the index "still being built" forever: the client (client/src/secrets/indexGap.ts) would
 * tell the user to wait for a build that never ends. The index ends built, names the folder it could
 * not walk as unread (the gap `unreadable`, which a rename names as not reached), says why in the
 * log, and keeps what the other folders gave.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Indexer } from '../../server/src/index/indexer';
import { IndexStore, type IndexEntry } from '../../server/src/index/store';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { TempWorkspace } from '../protocol/workspace/helpers';

let a: TempWorkspace;
let b: TempWorkspace;
beforeAll(() => {
  a = new TempWorkspace({ 'a.runpod.env': 'X={{ RUNPOD_SECRET_kept }}\n' });
  b = new TempWorkspace({ 'b.runpod.env': 'X={{ RUNPOD_SECRET_lost }}\n' });
});
afterAll(() => {
  a.dispose();
  b.dispose();
});

/** Walks `a` then `b` with `store` and `folderSettings`; the index's state after, and what it logged. */
async function walked(store: IndexStore, folderSettings: (uri: string) => Promise<typeof DEFAULT_SETTINGS>) {
  const logs: string[] = [];
  const indexer = new Indexer({ store, folderSettings, openFacts: () => Promise.resolve(undefined), changed: () => undefined, warn: () => undefined, log: (m) => logs.push(m) });
  try {
    await indexer.setFolders([a.uri, b.uri]);
    return { built: indexer.built, gap: indexer.gap, unread: indexer.unread(), paths: [...store.all()].map((e) => e.path), logs };
  } finally {
    indexer.dispose();
  }
}

it("a folder whose settings cannot be read: the index is built, that folder said unread, the other's files kept", async () => {
  const state = await walked(new IndexStore(), (uri) => (uri === b.uri ? Promise.reject(new Error('no settings')) : Promise.resolve(DEFAULT_SETTINGS)));
  expect(state).toMatchObject({ built: true, gap: 'unreadable', unread: [b.root], paths: [a.path('a.runpod.env')] });
  expect(state.logs).toEqual([expect.stringContaining(`walking ${b.root} for the index failed`)]);
});

it('a fault inside the walk of a folder: the same finished state', async () => {
  /** A store that fails when given b's file: the walk of b throws midway. */
  class FaultyStore extends IndexStore {
    override set(entry: IndexEntry) {
      if (entry.path === b.path('b.runpod.env')) throw new Error('disk fault');
      return super.set(entry);
    }
  }
  const state = await walked(new FaultyStore(), () => Promise.resolve(DEFAULT_SETTINGS));
  expect(state).toMatchObject({ built: true, gap: 'unreadable', unread: [b.root], paths: [a.path('a.runpod.env')] });
});
