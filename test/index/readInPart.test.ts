/**
 * The index records once, when it reads a file, whether the analysis stopped before the file's end
 * (IndexEntry.readInPart), by the rule analysis itself uses (analyze.ts readAnalyzed): past the
 * entry count as well as past the size. Rename reads the flag instead of looking at each file.
 */
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FileChangeType } from 'vscode-languageserver';
import { Indexer } from '../../server/src/index/indexer';
import { IndexStore } from '../../server/src/index/store';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { MAX_ANALYZED_ENTRIES } from '../../server/src/template/analyze';
import { TempWorkspace } from '../protocol/workspace/helpers';

describe('whether the index read a file whole', () => {
  let ws: TempWorkspace;
  afterEach(() => ws.dispose());

  it('a file past the entry count (under the size limit) is read in part; the same file made short again is whole', async () => {
    ws = new TempWorkspace({ 'whole.runpod.env': 'A={{ RUNPOD_SECRET_one }}\n' });
    writeFileSync(ws.path('many.runpod.env'), 'A=1\n'.repeat(MAX_ANALYZED_ENTRIES + 1));
    const store = new IndexStore();
    const indexer = new Indexer({ store, folderSettings: () => Promise.resolve(DEFAULT_SETTINGS), openFacts: () => Promise.resolve(undefined), changed: () => undefined, warn: () => undefined });
    await indexer.setFolders([ws.uri]);
    expect(store.get(ws.path('whole.runpod.env'))?.readInPart).toBe(false);
    expect(store.get(ws.path('many.runpod.env'))?.readInPart).toBe(true);
    // Exactly at the count: every entry read, nothing past it.
    writeFileSync(ws.path('many.runpod.env'), 'A=1\n'.repeat(MAX_ANALYZED_ENTRIES));
    indexer.watched([{ uri: ws.uriOf('many.runpod.env'), type: FileChangeType.Changed }]);
    expect(store.get(ws.path('many.runpod.env'))?.readInPart).toBe(false);
    indexer.dispose();
  });
});
