/**
 * The index's file cap (MAX_INDEXED_FILES) with the walk thread: a file the thread read but the
 * index did not take (open in the editor, so the editor's text counts; or gone by the time it was
 * read) does not cost the workspace a place in the index, and the warning and the count logged
 * after the walk say the true number. Over two workspace folders, files found in the first while
 * the second's deleted files still hold places (it is walked, and swept, after) are not left out
 * with room to spare: the index ends full and complete.
 */
import { linkSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Indexer, type IndexerDeps, MAX_INDEXED_FILES } from '../../server/src/index/indexer';
import { IndexStore } from '../../server/src/index/store';
import { INDEX_LIMIT_REMEDY } from '../../server/src/index/limits';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { ensureServerBuilt, ROOT } from '../protocol/lspClient';
import { TempWorkspace } from '../protocol/workspace/helpers';
import { NO_KEYS } from '../../server/src/index/keyColumns';

const WORKER = join(ROOT, 'dist', 'indexWalker.js');

/** The roots walked in this thread, in order (the walk thread's walks are not counted: another bundle). */
const walks = vi.hoisted(() => [] as string[]);
/** A smaller MAX_WALKED_ENTRIES for a root (500,000 entries are too many to make in a test). */
const entryLimits = vi.hoisted(() => new Map<string, number>());
vi.mock('../../server/src/index/walk', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../server/src/index/walk')>();
  return {
    ...original,
    walkFolder: (...args: Parameters<typeof original.walkFolder>) => {
      walks.push(args[0].root);
      args[2] = entryLimits.get(args[0].root) ?? args[2];
      return original.walkFolder(...args);
    },
  };
});

const ONE = 'X={{ RUNPOD_SECRET_capped }}\n';

/** `count` hard links to the workspace's one.txt under `dir` (many names fast), in folders of 1,000. */
function fill(ws: TempWorkspace, dir: string, count: number): void {
  for (let d = 0; d * 1000 < count; d++) {
    mkdirSync(ws.path(`${dir}/d${d}`), { recursive: true });
    for (let f = 0; f < Math.min(1000, count - d * 1000); f++) linkSync(ws.path('one.txt'), ws.path(`${dir}/d${d}/f${f}.runpod.env`));
  }
}

/**
 * Two workspaces for the describe it is called in, with 1,000 and MAX_INDEXED_FILES - 1,000 files:
 * together they fill the index.
 */
function fullPair(): { a: TempWorkspace; b: TempWorkspace } {
  const pair = {} as { a: TempWorkspace; b: TempWorkspace };
  beforeAll(() => {
    pair.a = new TempWorkspace({ 'one.txt': ONE });
    pair.b = new TempWorkspace({ 'one.txt': ONE });
    fill(pair.a, 'old', 1000);
    fill(pair.b, 'old', MAX_INDEXED_FILES - 1000);
  });
  afterAll(() => {
    pair.a.dispose();
    pair.b.dispose();
  });
  return pair;
}

/** An indexer of `store` with the default settings for every folder. */
function indexerOn(store: IndexStore, deps: Partial<IndexerDeps> = {}): Indexer {
  return new Indexer({
    store,
    folderSettings: () => Promise.resolve(DEFAULT_SETTINGS),
    openFacts: () => Promise.resolve(undefined),
    changed: () => undefined,
    warn: () => undefined,
    log: () => undefined,
    ...deps,
  });
}
let ws: TempWorkspace;

beforeAll(() => {
  ensureServerBuilt();
  ws = new TempWorkspace({ 'open.runpod.env': ONE, 'one.txt': ONE });
  // The open file lies at the root, which is read first.
  fill(ws, 'many', MAX_INDEXED_FILES * 1.2);
});
afterAll(() => ws.dispose());

it('fills the index to the cap when a file the walk thread read is open, and says the true count once', async () => {
  const store = new IndexStore();
  const open = ws.path('open.runpod.env');
  store.set({ path: open, uri: `file://${open}`, kind: 'runpod-env', source: { kind: 'open', version: 1 }, folder: ws.uri, references: [], keys: NO_KEYS, hasReferences: false, readInPart: false, template: undefined });
  const warnings: string[] = [];
  const walked: number[] = [];
  const indexer = indexerOn(store, { warn: (m) => warnings.push(m), walked: (files) => walked.push(files), walkWorker: WORKER });
  try {
    await indexer.setFolders([ws.uri]);
    expect(store.diskCount).toBe(MAX_INDEXED_FILES);
    expect(walked).toEqual([MAX_INDEXED_FILES + 1]);
    expect(warnings).toEqual([expect.stringContaining(`indexed the first ${MAX_INDEXED_FILES.toLocaleString('en-US')}.`)]);
    expect(indexer.complete).toBe(false);
    expect(indexer.gap).toBe('limit');
  } finally {
    indexer.dispose();
  }
}, 120_000);

/**
 * Indexes the pair (A then B; full and complete), makes `change`, and walks again: the indexer (to
 * dispose), its store, and the warnings and walks of the second walk.
 */
async function walkedAgain(pair: { a: TempWorkspace; b: TempWorkspace }, change: () => void): Promise<{ indexer: Indexer; store: IndexStore; warnings: string[] }> {
  const store = new IndexStore();
  const warnings: string[] = [];
  const indexer = indexerOn(store, { warn: (m) => warnings.push(m) });
  try {
    await indexer.setFolders([pair.a.uri, pair.b.uri]);
    expect(store.diskCount).toBe(MAX_INDEXED_FILES);
    expect(indexer.complete).toBe(true);
    change();
    walks.length = 0;
    warnings.length = 0;
    await indexer.rebuild();
    return { indexer, store, warnings };
  } catch (error) {
    indexer.dispose();
    throw error;
  }
}

describe('two workspace folders', () => {
  const pair = fullPair();

  it("files found in the first take the places the second's deleted files held; only the first is walked again for them", async () => {
    const { a, b } = pair;
    // 1,000 files more in A, 1,000 fewer in B: the workspace still fits.
    const { indexer, store, warnings } = await walkedAgain(pair, () => {
      fill(a, 'new', 1000);
      rmSync(b.path('old/d0'), { recursive: true });
    });
    try {
      // B refused nothing: walking it again could add no file (each walk costs a listing of the whole folder).
      expect(walks).toEqual([a.root, b.root, a.root]);
      expect(store.diskCount).toBe(MAX_INDEXED_FILES);
      expect(store.below(a.path('new')).length).toBe(1000);
      expect(indexer.complete).toBe(true);
      // A's refusals in the first pass were made good by the second: no "more than 20,000 RunPod files".
      expect(warnings).toEqual([]);
    } finally {
      indexer.dispose();
    }
  }, 120_000);
});

describe('a folder cut short in the first pass', () => {
  const pair = fullPair();
  afterAll(() => entryLimits.clear());

  it('keeps the index said incomplete, with its warning, when only another folder is walked again', async () => {
    const { a, b } = pair;
    // A finds 1,000 new files while the index is full (refused); B's walk is cut short by its
    // entry limit, and its sweep of what it did not list leaves room: A alone is walked again.
    const { indexer, store, warnings } = await walkedAgain(pair, () => {
      fill(a, 'new', 1000);
      entryLimits.set(b.root, 10_000);
    });
    try {
      expect(walks).toEqual([a.root, b.root, a.root]);
      expect(store.below(a.path('new')).length).toBe(1000);
      expect(indexer.complete).toBe(false);
      expect(indexer.gap).toBe('limit');
      expect(warnings).toEqual([expect.stringContaining(`files and folders; the language server indexed part of it. Where-used counts may be incomplete. ${INDEX_LIMIT_REMEDY}.`)]);
    } finally {
      indexer.dispose();
    }
  }, 120_000);
});
