/**
 * The index's file cap (MAX_INDEXED_FILES) with the walk thread: a file the thread read but the
 * index did not take (open in the editor, so the editor's text counts; or gone by the time it was
 * read) does not cost the workspace a place in the index, and the warning and the count logged
 * after the walk say the true number.
 */
import { linkSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Indexer, MAX_INDEXED_FILES } from '../../server/src/index/indexer';
import { IndexStore } from '../../server/src/index/store';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { ensureServerBuilt, ROOT } from '../protocol/lspClient';
import { TempWorkspace } from '../protocol/workspace/helpers';

const WORKER = join(ROOT, 'dist', 'indexWalker.js');
let ws: TempWorkspace;

beforeAll(() => {
  ensureServerBuilt();
  ws = new TempWorkspace({ 'open.runpod.env': 'X={{ RUNPOD_SECRET_capped }}\n', 'one.txt': 'X={{ RUNPOD_SECRET_capped }}\n' });
  // Hard links to one file: many names fast. The open file lies at the root, which is read first.
  for (let d = 0; d * 1000 < MAX_INDEXED_FILES * 1.2; d++) {
    mkdirSync(ws.path(`d${d}`));
    for (let f = 0; f < 1000; f++) linkSync(ws.path('one.txt'), ws.path(`d${d}/f${f}.runpod.env`));
  }
});
afterAll(() => ws.dispose());

it('fills the index to the cap when a file the walk thread read is open, and says the true count once', async () => {
  const store = new IndexStore();
  const open = ws.path('open.runpod.env');
  store.set({ path: open, uri: `file://${open}`, kind: 'runpod-env', source: { kind: 'open', version: 1 }, folder: ws.uri, references: [], keys: [], hasReferences: false, readInPart: false, template: undefined });
  const warnings: string[] = [];
  const walked: number[] = [];
  const indexer = new Indexer({
    store,
    folderSettings: () => Promise.resolve(DEFAULT_SETTINGS),
    openFacts: () => Promise.resolve(undefined),
    changed: () => undefined,
    warn: (m) => warnings.push(m),
    log: () => undefined,
    walked: (files) => walked.push(files),
    walkWorker: WORKER,
  });
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
