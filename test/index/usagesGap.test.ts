/**
 * `runpod/secretUsages` says why its counts may lack files (`gap`, the type a rename's `incomplete`
 * uses): the index still being built, or past its bound. An answer cut at its own size is
 * incomplete without a gap: the index was whole, the answer was not.
 */
import { describe, expect, it } from 'vitest';
import { IndexStore, type IndexEntry } from '../../server/src/index/store';
import { MAX_USAGE_NAMES, secretUsages } from '../../server/src/lsp/workspaceFeatures';

function entry(names: string[]): IndexEntry {
  const at = { line: 0, character: 0, endLine: 0, endCharacter: 1 };
  return {
    path: '/w/a.runpod.env',
    uri: 'file:///w/a.runpod.env',
    kind: 'runpod-env',
    source: { kind: 'disk', stamp: '1' },
    folder: 'file:///w',
    template: undefined,
    hasReferences: names.length > 0,
    readInPart: false,
    references: names.map((name) => ({ name, key: 'K', substituted: 'yes', wellFormed: true, ...at })),
    keys: [],
  };
}

describe('why secretUsages may lack files', () => {
  const store = new IndexStore();
  store.set(entry(['a']));

  it('a whole index: complete, no gap', () => {
    expect(secretUsages(store, {}, undefined)).toEqual({ usages: { a: { files: 1, references: 1 } }, complete: true });
  });

  it.each(['indexing', 'limit'] as const)('an index with a gap (%s): incomplete, and which', (gap) => {
    expect(secretUsages(store, {}, gap)).toEqual({ usages: { a: { files: 1, references: 1 } }, complete: false, gap });
  });

  it('a whole index whose answer stops at its size: incomplete, with no index gap', () => {
    const many = new IndexStore();
    many.set(entry(Array.from({ length: MAX_USAGE_NAMES + 1 }, (_, i) => `s${i}`)));
    const answer = secretUsages(many, {}, undefined);
    expect(answer.complete).toBe(false);
    expect(answer).not.toHaveProperty('gap');
  });
});
