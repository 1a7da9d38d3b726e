/**
 * The index's depth bound (walk.ts MAX_WALKED_DEPTH) as the gap `limit` says it over time: it holds
 * while a later walk runs (the Secrets view's counts and Delete Secret's "unused" read the gap at any
 * moment, so it must not flicker to complete), and it goes once the deep tree is deleted (an event,
 * without waiting for a settings change to walk again), whether the server's thread or the walk
 * thread walked it. deepTree.test.ts has the bound itself.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { holdWalk, openGate } from './walkGate';
import { FileChangeType } from 'vscode-languageserver';
import { Indexer } from '../../server/src/index/indexer';
import { IndexStore } from '../../server/src/index/store';
import { fileUri } from '../../server/src/index/uris';
import { MAX_WALKED_DEPTH } from '../../server/src/index/walk';
import { pathLabel } from '../../server/src/template/displayText';
import { DEFAULT_SETTINGS, type ServerSettings } from '../../server/src/lsp/settings';
import { ensureServerBuilt, ROOT } from '../protocol/lspClient';
import { TempWorkspace } from '../protocol/workspace/helpers';

vi.mock('../../server/src/index/walk', async (original) => (await import('./walkGate')).heldWalk(await original()));

const WORKER = join(ROOT, 'dist', 'indexWalker.js');
let ws: TempWorkspace;
/** The first folder of the generated tree deeper than the walk lists (MAX_WALKED_DEPTH + 1 deep). */
const DEEP = ['gen', ...Array.from({ length: MAX_WALKED_DEPTH }, () => 'd')].join('/');
beforeAll(() => ensureServerBuilt());
beforeEach(() => {
  ws = new TempWorkspace({ 'top.runpod.env': 'A={{ RUNPOD_SECRET_hf }}\n', 'other/x.txt': '' });
  // A generated tree one level deeper than the walk lists.
  mkdirSync(ws.path(`${DEEP}/d`), { recursive: true });
});
afterEach(() => {
  openGate();
  ws.dispose();
});

function indexer(folderSettings: () => Promise<ServerSettings> = () => Promise.resolve(DEFAULT_SETTINGS), walkWorker?: string): Indexer {
  return new Indexer({ store: new IndexStore(), folderSettings, openFacts: () => Promise.resolve(undefined), changed: () => undefined, warn: () => undefined, walkWorker });
}

it('a later walk (a settings change) keeps saying `limit` while it runs, not complete', async () => {
  const seen = new Set<string>();
  let spying = false;
  const index: Indexer = indexer(() =>
    // The walk asks the folder's settings for its globs as it lists each file: the gap then is the one a request meanwhile would see.
    Promise.resolve(spying ? { ...DEFAULT_SETTINGS, get files() { seen.add(String(index.gap)); return DEFAULT_SETTINGS.files; } } : DEFAULT_SETTINGS),
  );
  try {
    await index.setFolders([ws.uri]);
    expect(index.gap).toBe('limit');
    spying = true;
    await index.settingsChanged();
    expect(seen.size).toBeGreaterThan(0);
    expect([...seen]).toEqual(['limit']);
    expect(index.gap).toBe('limit');
  } finally {
    index.dispose();
  }
});

for (const [how, worker] of [['in the server', undefined], ['in the walk thread', WORKER]] as const) {
  it(`walked ${how}: deleting the deep tree makes the index complete; deleting something else does not`, async () => {
    const index = indexer(undefined, worker);
    try {
      await index.setFolders([ws.uri]);
      expect(index.gap).toBe('limit');
      // The deep folder as the server's warning names it, for the client's notes (protocol.ts SecretUsagesResult.deepFolder).
      expect(index.deepFolder).toBe(pathLabel(ws.path(DEEP)));
      rmSync(ws.path('other'), { recursive: true });
      await index.watched([{ uri: fileUri(ws.path('other')), type: FileChangeType.Deleted }]);
      await index.flush();
      expect(index.gap).toBe('limit');
      rmSync(ws.path('gen'), { recursive: true });
      await index.watched([{ uri: fileUri(ws.path('gen')), type: FileChangeType.Deleted }]);
      await index.flush();
      expect(index.gap).toBeUndefined();
      expect(index.deepFolder).toBeUndefined();
    } finally {
      index.dispose();
    }
  });
}

it('the deep tree deleted while the walk that found it runs (after it listed it): the gap `limit` does not stay', async () => {
  const index = indexer();
  try {
    const { listed, release } = holdWalk();
    const first = index.setFolders([ws.uri]);
    await listed;
    openGate();
    rmSync(ws.path('gen'), { recursive: true });
    await index.watched([{ uri: fileUri(ws.path('gen')), type: FileChangeType.Deleted }]);
    release();
    await first;
    await index.flush();
    expect(index.gap).toBeUndefined();
  } finally {
    index.dispose();
  }
});

it('two deep trees: deleting one leaves `limit`; deleting both together makes the index complete', async () => {
  mkdirSync(ws.path(['gen2', ...Array.from({ length: MAX_WALKED_DEPTH + 1 }, () => 'd')].join('/')), { recursive: true });
  const index = indexer();
  try {
    await index.setFolders([ws.uri]);
    expect(index.gap).toBe('limit');
    rmSync(ws.path('gen2'), { recursive: true });
    await index.watched([{ uri: fileUri(ws.path('gen2')), type: FileChangeType.Deleted }]);
    await index.flush();
    await index.idle;
    expect(index.gap).toBe('limit');
    expect(index.deepFolder).toBe(pathLabel(ws.path(DEEP)));
    mkdirSync(ws.path(['gen2', ...Array.from({ length: MAX_WALKED_DEPTH + 1 }, () => 'd')].join('/')), { recursive: true });
    await index.settingsChanged();
    expect(index.gap).toBe('limit');
    rmSync(ws.path('gen'), { recursive: true });
    rmSync(ws.path('gen2'), { recursive: true });
    await index.watched([{ uri: fileUri(ws.path('gen2')), type: FileChangeType.Deleted }, { uri: fileUri(ws.path('gen')), type: FileChangeType.Deleted }]);
    await index.flush();
    await index.idle;
    expect(index.gap).toBeUndefined();
  } finally {
    index.dispose();
  }
});
