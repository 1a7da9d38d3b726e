/**
 * The index records once, when it reads a file, whether the analysis stopped before the file's end
 * (IndexEntry.readInPart), by the rule analysis itself uses (analyze.ts readAnalyzed): past the
 * entry count as well as past the size. Rename reads the flag instead of looking at each file.
 */
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FileChangeType } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Indexer, openEntry } from '../../server/src/index/indexer';
import { IndexStore } from '../../server/src/index/store';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { analyze, MAX_ANALYZED_ENTRIES, stoppedEarly } from '../../server/src/template/analyze';
import { MAX_FACTS_PER_FILE } from '../../server/src/template/workspace/facts';
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
    await indexer.watched([{ uri: ws.uriOf('many.runpod.env'), type: FileChangeType.Changed }]);
    expect(store.get(ws.path('many.runpod.env'))?.readInPart).toBe(false);
    indexer.dispose();
  });
});

describe('a file of more uses than the index keeps is read in part', () => {
  let ws: TempWorkspace;
  afterEach(() => ws.dispose());

  it('on disk and open alike: a use past MAX_FACTS_PER_FILE is not kept, and the entry says so', async () => {
    const other = Array.from({ length: MAX_FACTS_PER_FILE }, (_, i) => `K${i}={{ RUNPOD_SECRET_other }}`).join('\n');
    const many = `${other}\nHF={{ RUNPOD_SECRET_hf }}\n`;
    ws = new TempWorkspace({ 'many.runpod.env': many, 'exact.runpod.env': `${other}\n` });
    const store = new IndexStore();
    const indexer = new Indexer({ store, folderSettings: () => Promise.resolve(DEFAULT_SETTINGS), openFacts: () => Promise.resolve(undefined), changed: () => undefined, warn: () => undefined });
    await indexer.setFolders([ws.uri]);
    expect(store.get(ws.path('many.runpod.env'))?.readInPart).toBe(true);
    expect(store.get(ws.path('many.runpod.env'))?.references.some((r) => r.name === 'hf')).toBe(false);
    expect(store.get(ws.path('exact.runpod.env'))?.readInPart).toBe(false);
    indexer.dispose();
    // The same text open in the editor (its analysis whole, not cut): read in part all the same.
    const doc = TextDocument.create(ws.uriOf('many.runpod.env'), 'runpod-env', 1, many);
    const analysis = analyze(many, 'runpod-env', { state: 'unknown', secrets: [] });
    expect(stoppedEarly(analysis)).toBe(false);
    expect(openEntry(ws.path('many.runpod.env'), ws.uri, { uri: doc.uri, kind: 'runpod-env', version: 1, doc, analysis, settings: DEFAULT_SETTINGS }).readInPart).toBe(true);
  });
});
