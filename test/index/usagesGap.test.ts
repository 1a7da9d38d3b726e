/**
 * `runpod/secretUsages` says why its counts may lack files (`gap`, the type a rename's `incomplete`
 * uses): the index still being built, or past its bound. An answer cut at its own size is
 * incomplete without a gap: the index was whole, the answer was not.
 */
import { describe, expect, it } from 'vitest';
import { IndexStore, type IndexEntry } from '../../server/src/index/store';
import { MAX_USAGE_NAMES, secretUsages } from '../../server/src/lsp/workspaceFeatures';
import { NO_KEYS } from '../../server/src/index/keyColumns';

function entry(names: string[], readInPart = false, file = 'a'): IndexEntry {
  const at = { line: 0, character: 0, endLine: 0, endCharacter: 1 };
  return {
    path: `/w/${file}.runpod.env`,
    uri: `file:///w/${file}.runpod.env`,
    kind: 'runpod-env',
    source: { kind: 'disk', stamp: '1' },
    folder: 'file:///w',
    template: undefined,
    hasReferences: names.length > 0,
    readInPart,
    references: names.map((name) => ({ name, key: 'K', substituted: 'yes', wellFormed: true, embedded: false, ...at })),
    keys: NO_KEYS,
  };
}

describe('why secretUsages may lack files', () => {
  const store = new IndexStore();
  store.set(entry(['a']));

  it('a whole index: complete, no gap', () => {
    expect(secretUsages(store, {}, { gap: undefined })).toEqual({ usages: { a: { files: 1, references: 1 } }, complete: true });
  });

  it.each(['indexing', 'limit'] as const)('an index with a gap (%s): incomplete, and which', (gap) => {
    expect(secretUsages(store, {}, { gap })).toEqual({ usages: { a: { files: 1, references: 1 } }, complete: false, gap });
  });

  it('past its depth bound: the first deep folder named as the server\'s warning names it, for the client\'s notes', () => {
    expect(secretUsages(store, {}, { gap: 'limit', deepFolder: '/w/gen/d' })).toEqual({ usages: { a: { files: 1, references: 1 } }, complete: false, gap: 'limit', deepFolder: '/w/gen/d' });
    // Another gap outranks it (Indexer.gap): the folder is not its cause then, and is not said.
    expect(secretUsages(store, {}, { gap: 'indexing', deepFolder: '/w/gen/d' })).toEqual({ usages: { a: { files: 1, references: 1 } }, complete: false, gap: 'indexing' });
  });

  it('a whole index whose answer stops at its size: incomplete, with no index gap', () => {
    const many = new IndexStore();
    many.set(entry(Array.from({ length: MAX_USAGE_NAMES + 1 }, (_, i) => `s${i}`)));
    const answer = secretUsages(many, {}, { gap: undefined });
    expect(answer.complete).toBe(false);
    expect(answer).not.toHaveProperty('gap');
  });

  it('a file read in part (past the analysis limits or the uses kept of a file): incomplete, and said, unless it is another account\'s', () => {
    const part = new IndexStore();
    part.set(entry(['a']));
    part.set(entry(['b'], true, 'big'));
    expect(secretUsages(part, {}, { gap: undefined })).toEqual({ usages: { a: { files: 1, references: 1 }, b: { files: 1, references: 1 } }, complete: false, readInPart: true });
    // With a gap as well: both said.
    expect(secretUsages(part, {}, { gap: 'indexing' })).toMatchObject({ complete: false, gap: 'indexing', readInPart: true });
    // Another account's file is not counted, so its part does not make the counts partial.
    const other = (e: IndexEntry) => (e.path.endsWith('/big.runpod.env') ? { environment: 'prod', account: 'work' } : undefined);
    expect(secretUsages(part, {}, { gap: undefined }, other)).toEqual({ usages: { a: { files: 1, references: 1 } }, complete: true });
  });
});
