/**
 * A rename's reach decided once (server/src/lsp/rename.ts renameReach): the edit and F2's
 * follow-up (`runpod/renameLeftOut`) list the same files, and the follow-up, which needs only
 * whether each file is cut, reads none the index read as it is now (cutKnown). The protocol tests
 * (workspace/renameIncomplete.test.ts, workspace/renameFollowUp.test.ts) check the server's answers.
 */
import { describe, expect, it } from 'vitest';
import type { IndexEntry } from '../../../server/src/index/store';
import { IndexStore } from '../../../server/src/index/store';
import { cutKnown, renameReach, type FileCut, type LinkedOpen } from '../../../server/src/lsp/rename';
import { NO_KEYS } from '../../../server/src/index/keyColumns';

function entry(name: string, secrets: string[], readInPart = false, stamp = `stamp-${name}`, open = false): IndexEntry {
  const path = `/w/${name}.runpod.env`;
  return {
    path,
    uri: `file://${path}`,
    kind: 'runpod-env',
    source: open ? { kind: 'open', version: 1 } : { kind: 'disk', stamp },
    folder: 'file:///w',
    references: secrets.map((s, line) => ({ name: s, key: `K${line}`, substituted: 'yes', wellFormed: true, embedded: false, line, character: 19, endLine: line, endCharacter: 19 + s.length })),
    keys: NO_KEYS,
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

describe('renameReach with open documents the index leaves out for a link', () => {
  const store = new IndexStore();
  const real = entry('real', ['near']);
  const realOpen = entry('real-open', ['near'], false, '', true);
  const quiet = entry('quiet', []);
  const prod = entry('prod', ['near']);
  for (const e of [real, realOpen, quiet, prod]) store.set(e);
  const tab = (name: string, secrets: string[], target: IndexEntry | undefined, readInPart = false): LinkedOpen => ({ entry: entry(`link/${name}`, secrets, readInPart, '', true), target });
  const otherAccount = (e: IndexEntry) => (e.uri.endsWith('/prod.runpod.env') ? { environment: 'prod', account: 'prod' } : undefined);
  const reach = (linked: LinkedOpen[]) => renameReach(store, 'near', (e: IndexEntry): FileCut => ({ cut: e.readInPart }), otherAccount, linked);
  const edited = (linked: LinkedOpen[]) => reach(linked).files.map((f) => f.entry.uri).sort();

  it('a tab through a link stands for its file on disk: the tab is edited, the real path is not', () => {
    expect(edited([tab('real', ['near'], real)])).toEqual(['file:///w/link/real.runpod.env', 'file:///w/real-open.runpod.env']);
  });

  it('the real file open too: both tabs are edited, each once', () => {
    expect(edited([tab('real-open', ['near'], realOpen)])).toEqual(['file:///w/link/real-open.runpod.env', 'file:///w/real-open.runpod.env', 'file:///w/real.runpod.env']);
  });

  it('a tab whose own text references the name stands for a file whose disk text does not; a tab that references nothing of a file that does not, is not reached', () => {
    expect(edited([tab('quiet', ['near'], quiet)])).toEqual(['file:///w/link/quiet.runpod.env', 'file:///w/real-open.runpod.env', 'file:///w/real.runpod.env']);
    expect(edited([tab('quiet', [], quiet)])).toEqual(['file:///w/real-open.runpod.env', 'file:///w/real.runpod.env']);
  });

  it('a tab of no file of the index is edited as any open document when it references the name', () => {
    expect(edited([tab('far', ['near'], undefined), tab('far-quiet', [], undefined)])).toEqual(['file:///w/link/far.runpod.env', 'file:///w/real-open.runpod.env', 'file:///w/real.runpod.env']);
  });

  it("another account's file is left out by its real path, its tab with it; a cut tab is said by its own URI", () => {
    const result = reach([tab('prod', ['near'], prod), tab('real', ['near'], real, true)]);
    expect(result.leftOut).toEqual([{ uri: 'file:///w/prod.runpod.env', environment: 'prod', account: 'prod' }]);
    expect(result.files.map((f) => f.entry.uri).sort()).toEqual(['file:///w/link/real.runpod.env', 'file:///w/real-open.runpod.env']);
    expect(result.notWhole).toEqual([{ uri: 'file:///w/link/real.runpod.env', why: 'too-large' }]);
  });
});
