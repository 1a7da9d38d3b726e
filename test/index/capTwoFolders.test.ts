/**
 * The index's file cap over two workspace folders: a walk that finds folder A's new files while
 * folder B's deleted files still hold places in the index (B is walked, and swept, after A) does not
 * leave A's files out with room to spare: the index ends full and complete.
 */
import { linkSync, mkdirSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Indexer, MAX_INDEXED_FILES } from '../../server/src/index/indexer';
import { IndexStore } from '../../server/src/index/store';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { TempWorkspace } from '../protocol/workspace/helpers';

let a: TempWorkspace;
let b: TempWorkspace;
const ONE = 'X={{ RUNPOD_SECRET_capped }}\n';

/** `count` hard links to one file under `dir` (many names fast), in folders of 1,000. */
function fill(ws: TempWorkspace, dir: string, count: number): void {
  for (let d = 0; d * 1000 < count; d++) {
    mkdirSync(ws.path(`${dir}/d${d}`), { recursive: true });
    for (let f = 0; f < Math.min(1000, count - d * 1000); f++) linkSync(ws.path('one.txt'), ws.path(`${dir}/d${d}/f${f}.runpod.env`));
  }
}

beforeAll(() => {
  a = new TempWorkspace({ 'one.txt': ONE });
  b = new TempWorkspace({ 'one.txt': ONE });
  fill(a, 'old', 1000);
  fill(b, 'old', MAX_INDEXED_FILES - 1000);
});
afterAll(() => {
  a.dispose();
  b.dispose();
});

it('files found in the first folder take the places the second folder\'s deleted files held', async () => {
  const store = new IndexStore();
  const warnings: string[] = [];
  const indexer = new Indexer({
    store,
    folderSettings: () => Promise.resolve(DEFAULT_SETTINGS),
    openFacts: () => Promise.resolve(undefined),
    changed: () => undefined,
    warn: (m) => warnings.push(m),
    log: () => undefined,
  });
  try {
    await indexer.setFolders([a.uri, b.uri]);
    expect(store.diskCount).toBe(MAX_INDEXED_FILES);
    expect(indexer.complete).toBe(true);
    // 1,000 files more in A, 1,000 fewer in B: the workspace still fits.
    fill(a, 'new', 1000);
    rmSync(b.path('old/d0'), { recursive: true });
    await indexer.rebuild();
    expect(store.diskCount).toBe(MAX_INDEXED_FILES);
    expect(store.below(a.path('new')).length).toBe(1000);
    expect(indexer.complete).toBe(true);
  } finally {
    indexer.dispose();
  }
}, 120_000);
