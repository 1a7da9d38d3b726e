/**
 * F2 in another account's file is refused. When the file's own path and its folder's declarations
 * say so, nothing the walk finds can change that answer: the refusal comes at once, not after the
 * rename's wait for the first walk (up to 10 s). Built with fakes, the walk held open by a gate
 * that the test never opens.
 */
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { IndexStore } from '../../../server/src/index/store';
import { AnalysisCache } from '../../../server/src/lsp/analysisCache';
import { CatalogStore } from '../../../server/src/lsp/catalog';
import { IndexFeatures, type IndexFeaturesDeps } from '../../../server/src/lsp/indexFeatures';
import { ServedDocuments } from '../../../server/src/lsp/served';
import { SettingsStore } from '../../../server/src/lsp/settings';
import { analyze } from '../../../server/src/template/index';

const PROD = 'file:///w/train.prod.runpod.env';
const TEXT = 'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\n';

/** @param declaredLate the folder's declarations arrive only during the rename's wait for the walk (settings late at start) */
function setUp(declaredLate = false) {
  const open = new Map([[PROD, TextDocument.create(PROD, 'runpod-env', 1, TEXT)]]);
  const documents = { get: (uri: string) => open.get(uri), all: () => [...open.values()] };
  const cache = new AnalysisCache(analyze);
  const catalog = new CatalogStore(() => undefined);
  catalog.update({ state: 'fresh', secrets: [{ name: 'hf-token' }], fetchedAt: '2026-11-20T10:00:00Z', account: 'dev' }, 'test');
  const settings = new SettingsStore(undefined, () => undefined);
  const declared = { runpod: { environments: { prod: { files: ['train.prod.runpod.env'], account: 'Prod' } } } };
  settings.changed(declaredLate ? {} : declared);
  settings.setFolders(['file:///w']);
  const serving = new ServedDocuments({ documents, settings: () => settings, cache, catalog });
  /** The walk being made: asked for by whoever waits for it, never finished here. */
  let waitedForWalk = false;
  const indexer: IndexFeaturesDeps['indexer'] = {
    get idle() {
      waitedForWalk = true;
      if (!declaredLate) return new Promise<void>(() => undefined);
      settings.changed(declared);
      return Promise.resolve();
    },
    flush: () => Promise.resolve(),
    gap: 'indexing',
    built: false,
    unread: () => [],
    undecodable: () => false,
    folderPaths: ['/w'],
    folderOf: () => undefined,
  };
  const features = new IndexFeatures({ serving, documents, store: new IndexStore(), indexer, cache, catalog, settings: () => settings, client: { documentChanges: true, changeAnnotations: false } });
  return { features, waited: () => waitedForWalk };
}

describe('F2 in a file its own path makes another account\'s', () => {
  it('textDocument/rename is refused at once, while the first walk is still running', async () => {
    const { features, waited } = setUp();
    const position = { line: 0, character: TEXT.indexOf('hf-token') };
    await expect(features.rename({ textDocument: { uri: PROD }, position, newName: 'hf-read-token' })).rejects.toThrow(/for account Prod, and dev is active/);
    expect(waited()).toBe(false);
  });

  it('the refusal comes before a complaint about the new name: no point fixing a name for a rename that cannot happen', async () => {
    const { features } = setUp();
    const position = { line: 0, character: TEXT.indexOf('hf-token') };
    await expect(features.rename({ textDocument: { uri: PROD }, position, newName: 'no spaces allowed' })).rejects.toThrow(/for account Prod, and dev is active/);
  });
});

it("F2 in a file whose folder's declarations arrive during the wait for the walk: judged by them, refused", async () => {
  const { features, waited } = setUp(true);
  const position = { line: 0, character: TEXT.indexOf('hf-token') };
  await expect(features.rename({ textDocument: { uri: PROD }, position, newName: 'hf-read-token' })).rejects.toThrow(/for account Prod, and dev is active/);
  expect(waited()).toBe(true);
});
