/**
 * The cap warning ("more than 20,000 RunPod files") waits, during a walk, for the walk's end (a
 * second pass may find room). A walk that fails in a folder after another refused files (that
 * folder is then said unread: failedWalk.test.ts) must still say it: the user is told why
 * references and rename may miss files. So must a walk that throws outside any folder's walk (not
 * caught there): it never reaches its end, and the walk's settling (Indexer.rebuild) says it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Indexer, MAX_INDEXED_FILES } from '../../server/src/index/indexer';
import { IndexStore } from '../../server/src/index/store';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { TempWorkspace } from '../protocol/workspace/helpers';

/** A store that reports itself full: every file a walk finds is refused for the cap. */
class FullStore extends IndexStore {
  override get diskCount(): number {
    return MAX_INDEXED_FILES;
  }
}

let a: TempWorkspace;
let b: TempWorkspace;
beforeAll(() => {
  a = new TempWorkspace({ 'train.runpod.env': 'X={{ RUNPOD_SECRET_capped }}\n' });
  b = new TempWorkspace({ 'b.runpod.env': 'X=1\n' });
});
afterAll(() => {
  a.dispose();
  b.dispose();
});

it('a walk that refused files and then failed in the next folder says the cap once it ends', async () => {
  const warnings: string[] = [];
  const indexer = new Indexer({
    store: new FullStore(),
    // The second folder's walk fails as it takes its globs, after the first refused its file (a
    // settings read that fails no longer fails the walk: the folder is walked by kept settings).
    folderSettings: (uri) =>
      Promise.resolve(
        uri === b.uri
          ? {
              ...DEFAULT_SETTINGS,
              get files(): readonly string[] {
                throw new Error('walk fault');
              },
            }
          : DEFAULT_SETTINGS,
      ),
    openFacts: () => Promise.resolve(undefined),
    changed: () => undefined,
    warn: (m) => warnings.push(m),
    log: () => undefined,
  });
  try {
    await indexer.setFolders([a.uri, b.uri]);
    expect(indexer.unread()).toEqual([b.root]);
    expect(warnings).toEqual([expect.stringContaining(`indexed the first ${MAX_INDEXED_FILES.toLocaleString('en-US')}.`)]);
  } finally {
    indexer.dispose();
  }
});

/** Full, as FullStore, and failing when the walk asks between its passes whether the index is full (outside any folder's walk). */
class FullFailingStore extends FullStore {
  override get diskCount(): number {
    // The frame that asked: the walk of all folders itself, not a folder's read (Indexer.mayAdd).
    if (/walkAll/.test(new Error().stack?.split('\n')[2] ?? '')) throw new Error('store fault');
    return super.diskCount;
  }
}

it('a walk that refused files and then threw outside any folder says the cap as it settles', async () => {
  const warnings: string[] = [];
  const indexer = new Indexer({
    store: new FullFailingStore(),
    folderSettings: () => Promise.resolve(DEFAULT_SETTINGS),
    openFacts: () => Promise.resolve(undefined),
    changed: () => undefined,
    warn: (m) => warnings.push(m),
    log: () => undefined,
  });
  try {
    await expect(indexer.setFolders([a.uri])).rejects.toThrow('store fault');
    expect(warnings).toEqual([expect.stringContaining(`indexed the first ${MAX_INDEXED_FILES.toLocaleString('en-US')}.`)]);
  } finally {
    indexer.dispose();
  }
});
