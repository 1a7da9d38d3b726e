/**
 * A rename's reach decided once (server/src/lsp/rename.ts renameReach): the edit and F2's
 * follow-up (`runpod/renameLeftOut`) list the same files, and the follow-up, which needs only
 * whether each file is cut, reads none the index read as it is now (cutKnown). The protocol tests
 * (workspace/renameIncomplete.test.ts, workspace/renameFollowUp.test.ts) check the server's answers.
 */
import { describe, expect, it } from 'vitest';
import type { IndexEntry } from '../../../server/src/index/store';
import { IndexStore } from '../../../server/src/index/store';
import { cutKnown, renameReach, type FileCut } from '../../../server/src/lsp/rename';

function entry(name: string, secrets: string[], readInPart = false, stamp = `stamp-${name}`): IndexEntry {
  const path = `/w/${name}.runpod.env`;
  return {
    path,
    uri: `file://${path}`,
    kind: 'runpod-env',
    source: { kind: 'disk', stamp },
    folder: 'file:///w',
    references: secrets.map((s, line) => ({ name: s, key: `K${line}`, substituted: 'yes', wellFormed: true, line, character: 19, endLine: line, endCharacter: 19 + s.length })),
    keys: [],
    hasReferences: secrets.length > 0,
    readInPart,
    template: undefined,
  };
}

describe('cutKnown: whether a file on disk is cut, without reading it', () => {
  const reads: string[] = [];
  const read = (e: IndexEntry): FileCut => {
    reads.push(e.path);
    return { cut: false };
  };

  it('the file the index read (same stamp now): its readInPart, and nothing is read', () => {
    reads.length = 0;
    expect(cutKnown(entry('a', ['near'], true), 'stamp-a', read)).toEqual({ cut: true });
    expect(cutKnown(entry('b', ['near'], false), 'stamp-b', read)).toEqual({ cut: false });
    expect(reads).toEqual([]);
  });

  it('a file that cannot be opened now: unreadable (undefined), without a read', () => {
    reads.length = 0;
    expect(cutKnown(entry('a', ['near'], true), undefined, read)).toBeUndefined();
    expect(reads).toEqual([]);
  });

  it('a file changed since the index read it: read, as the edit would read it (its answer, not the stale flag)', () => {
    reads.length = 0;
    expect(cutKnown(entry('a', ['near'], true), 'stamp-a-later', read)).toEqual({ cut: false });
    expect(reads).toEqual(['/w/a.runpod.env']);
  });
});

describe('renameReach', () => {
  const store = new IndexStore();
  for (const e of [entry('edited', ['near']), entry('cut', ['near'], true), entry('gone', ['near']), entry('prod', ['near']), entry('tail', [], true), entry('unrelated', ['far'])]) store.set(e);
  const prod = (e: IndexEntry) => (e.uri.endsWith('/prod.runpod.env') ? { environment: 'prod', account: 'prod' } : undefined);
  const asked: string[] = [];
  const current = (e: IndexEntry): FileCut | undefined => {
    asked.push(e.uri);
    return e.uri.endsWith('/gone.runpod.env') ? undefined : { cut: e.readInPart };
  };

  it('asks for each file it would edit once, leaves another account\'s file unasked, and says what it cannot cover whole', () => {
    const reach = renameReach(store, 'near', current, prod);
    expect(asked.sort()).toEqual(['file:///w/cut.runpod.env', 'file:///w/edited.runpod.env', 'file:///w/gone.runpod.env']);
    expect(reach.leftOut).toEqual([{ uri: 'file:///w/prod.runpod.env', environment: 'prod', account: 'prod' }]);
    expect([...reach.notWhole].sort((a, b) => (a.uri < b.uri ? -1 : 1))).toEqual([
      { uri: 'file:///w/cut.runpod.env', why: 'too-large' },
      { uri: 'file:///w/gone.runpod.env', why: 'unreadable' },
      { uri: 'file:///w/tail.runpod.env', why: 'too-large' },
    ]);
    expect(reach.files.map((f) => f.entry.uri).sort()).toEqual(['file:///w/cut.runpod.env', 'file:///w/edited.runpod.env']);
  });
});
