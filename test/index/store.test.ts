import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexStore, matchesQuery, type IndexEntry } from '../../server/src/index/store';
import { keyColumns } from '../../server/src/index/keyColumns';

function entry(path: string, names: string[], keys: string[] = [], template?: string): IndexEntry {
  const at = { line: 0, character: 0, endLine: 0, endCharacter: 1 };
  return {
    path,
    uri: `file://${path}`,
    kind: 'runpod-env',
    source: { kind: 'disk', stamp: '1' },
    folder: 'file:///w',
    template,
    hasReferences: names.length > 0,
    readInPart: false,
    references: names.map((name) => ({ name, key: 'K', substituted: 'yes', wellFormed: true, embedded: false, ...at })),
    keys: keyColumns(keys.map((key) => ({ key, ...at }))),
  };
}

describe('the index store', () => {
  it('counts each file once per name and every reference', () => {
    const store = new IndexStore();
    store.set(entry('/w/a.runpod.env', ['x', 'x', 'y']));
    store.set(entry('/w/b.runpod.env', ['x']));
    expect(Object.fromEntries(store.counts())).toEqual({ x: { files: 2, references: 3 }, y: { files: 1, references: 1 } });
    expect(Object.fromEntries(store.counts(new Set(['y'])))).toEqual({ y: { files: 1, references: 1 } });
  });

  it('answers where-used from the files that use a name as a scan of every file would, through any sequence of changes', () => {
    const paths = ['/w/a.runpod.env', '/w/b.runpod.env', '/w/c.runpod.env', '/w/d.runpod.env'];
    const names = ['x', 'y', 'z'];
    const change = fc.record({ path: fc.constantFrom(...paths), remove: fc.boolean(), names: fc.array(fc.constantFrom(...names), { maxLength: 4 }) });
    // counts(names, leave): any subset of the names (one no file uses, too) or all, leaving any subset of the files.
    const asked = fc.option(fc.subarray([...names, 'unused']), { nil: undefined });
    const left = fc.subarray(paths);
    fc.assert(
      fc.property(fc.array(change, { maxLength: 25 }), asked, left, (changes, countNames, leavePaths) => {
        const store = new IndexStore();
        for (const c of changes) {
          if (c.remove) store.delete(c.path);
          else store.set(entry(c.path, c.names));
        }
        // What a scan of every entry, in index order, says.
        const all = [...store.all()];
        for (const name of names) {
          const scanned = all.flatMap((e) => {
            const references = e.references.filter((r) => r.name === name);
            return references.length > 0 ? [{ path: e.path, references: references.length }] : [];
          });
          expect(store.usesOf(name).map((u) => ({ path: u.entry.path, references: u.references.length }))).toEqual(scanned);
          const counted = store.counts(new Set([name])).get(name);
          expect(counted).toEqual(scanned.length === 0 ? undefined : { files: scanned.length, references: scanned.reduce((n, s) => n + s.references, 0) });
        }
        expect(Object.fromEntries(store.counts(new Set(names)))).toEqual(Object.fromEntries([...store.counts()].filter(([n]) => names.includes(n))));
        // What a scan of every entry says, asked for `countNames` without the files in `leavePaths`.
        const naive: Record<string, { files: number; references: number }> = {};
        for (const e of all) {
          if (leavePaths.includes(e.path)) continue;
          const counted = e.references.filter((r) => !countNames || countNames.includes(r.name));
          for (const name of new Set(counted.map((r) => r.name))) {
            const count = (naive[name] ??= { files: 0, references: 0 });
            count.files++;
            count.references += counted.filter((r) => r.name === name).length;
          }
        }
        const leave = (e: IndexEntry) => leavePaths.includes(e.path);
        expect(Object.fromEntries(store.counts(countNames && new Set(countNames), leave))).toEqual(naive);
      }),
      { numRuns: 500 },
    );
  });

  it('says when usage counts may differ, and when an environment group changed', () => {
    const store = new IndexStore();
    expect(store.set(entry('/w/a.dev.runpod.env', ['x'], ['K'], 't'))).toMatchObject({ usages: true, templates: new Set(['t']) });
    const revision = store.templateRevision('t');
    // Same names and keys at other positions: nothing for counts or siblings.
    const moved = entry('/w/a.dev.runpod.env', ['x'], ['K'], 't');
    expect(store.set(moved)).toMatchObject({ usages: false, templates: new Set() });
    expect(store.templateRevision('t')).toBe(revision);
    expect(store.set(entry('/w/a.dev.runpod.env', ['x'], ['K', 'NEW'], 't'))).toMatchObject({ usages: false, templates: new Set(['t']) });
    expect(store.templateRevision('t')).toBe(revision + 1);
    expect(store.delete('/w/a.dev.runpod.env')).toMatchObject({ usages: true, templates: new Set(['t']) });
    expect(store.delete('/w/a.dev.runpod.env').any).toBe(false);
  });

  it('finds the entries below a deleted folder, and none for a folder it never held', () => {
    const store = new IndexStore();
    store.set(entry('/w/deep/er/a.runpod.env', ['x']));
    store.set(entry('/w/deeper.runpod.env', ['x']));
    expect(store.below('/w/deep').map((e) => e.path)).toEqual(['/w/deep/er/a.runpod.env']);
    expect(store.below('/w/other')).toEqual([]);
    store.delete('/w/deep/er/a.runpod.env');
    expect(store.below('/w/deep')).toEqual([]);
  });

  it('knows every folder with an entry below it as entries come and go, in folders new and shared', () => {
    const store = new IndexStore();
    const paths = (folder: string): string[] => store.below(folder).map((e) => e.path);
    store.set(entry('/w/p/a/one/runpod.toml', ['x']));
    store.set(entry('/w/p/a/two/.env', ['x']));
    store.set(entry('/w/p/b.runpod.env', ['x']));
    store.set(entry('/w/p/a/two/.env', ['y'])); // the same file again: still one entry
    expect(paths('/w')).toEqual(['/w/p/a/one/runpod.toml', '/w/p/a/two/.env', '/w/p/b.runpod.env']);
    expect(paths('/w/p/a')).toEqual(['/w/p/a/one/runpod.toml', '/w/p/a/two/.env']);
    store.delete('/w/p/a/one/runpod.toml');
    expect(paths('/w/p/a/one')).toEqual([]);
    expect(paths('/w/p/a')).toEqual(['/w/p/a/two/.env']);
    store.delete('/w/p/a/two/.env');
    expect(paths('/w/p/a')).toEqual([]);
    expect(paths('/w/p')).toEqual(['/w/p/b.runpod.env']);
    store.delete('/w/p/b.runpod.env');
    expect(paths('/w')).toEqual([]);
    store.set(entry('/w/p/a/one/runpod.toml', ['x']));
    expect(paths('/w/p/a')).toEqual(['/w/p/a/one/runpod.toml']);
  });

  it('matches symbols by a subsequence ignoring case, and a query longer than the name never', () => {
    expect(matchesQuery('HF_TOKEN', 'hftok')).toBe(true);
    expect(matchesQuery('hf-token', 'tokhf')).toBe(false);
    expect(matchesQuery('anything', '')).toBe(true);
    expect(matchesQuery('HF_TOKEN', 'h'.repeat(1_000_000))).toBe(false);
  });
});
