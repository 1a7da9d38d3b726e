/**
 * The document selector's patterns are matched by VS Code's own glob matcher, which knows `{a,b}`
 * but no `{1..3}` ranges, and ends a brace group at the first `}` (no nesting). The server matches
 * `runpod.files` with minimatch, which expands both. The selector must serve exactly the files the
 * server's rule selects, or a file the pickers list (the walk uses the server's rule) never reaches
 * the server when opened.
 */
import fc from 'fast-check';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { buildDocumentSelector, type DocumentFilterData } from '../../client/src/lsp/selector';
import { documentKindFor, editorPatterns, MAX_SEPARATE_SEARCHES } from '../../server/src/template/fileKinds';

/**
 * A model of VS Code's glob brace handling (vs/base/common/glob.ts): a group opened by `{` ends at
 * the first `}`, its choices split at commas, nothing nested and no ranges; other syntax as
 * minimatch with braces off (`*` takes dot names, no negation, comments or extended globs).
 */
function vscodeAlternatives(pattern: string): string[] {
  const open = pattern.indexOf('{');
  const close = open < 0 ? -1 : pattern.indexOf('}', open);
  if (close < 0) return [pattern];
  const rests = vscodeAlternatives(pattern.slice(close + 1));
  return pattern.slice(open + 1, close).split(',').flatMap((choice) => rests.map((rest) => `${pattern.slice(0, open)}${choice}${rest}`));
}
const VSCODE_GLOB = { dot: true, nonegate: true, nocomment: true, noext: true, nobrace: true };
const vscodeMatches = (path: string, pattern: string): boolean => vscodeAlternatives(pattern).some((alternative) => minimatch(path, alternative, VSCODE_GLOB));

const FOLDER = 'file:///w';

/** Whether VS Code hands a file of the folder at FOLDER to the server by the selector's patterns (no language: a JSON file opened as JSON counts by pattern). */
function served(selector: readonly DocumentFilterData[], below: string): boolean {
  return selector.some(({ pattern }) => {
    if (pattern === undefined) return false;
    return typeof pattern === 'string' ? vscodeMatches(`/w/${below}`, pattern) : vscodeMatches(below, pattern.pattern);
  });
}
const selectorFor = (glob: string) => buildDocumentSelector([{ folder: FOLDER, files: [glob], environments: [] }]);
const serverTakes = (glob: string, below: string) => documentKindFor('json', `${FOLDER}/${below}`, [glob], FOLDER) !== undefined;

describe('the document selector for brace globs VS Code cannot read as minimatch does', () => {
  it('serves env1.json for **/env{1..3}.json and a/x.json for {a,{b,c}}/x.json, as the server matches them', () => {
    for (const [glob, below] of [
      ['**/env{1..3}.json', 'env1.json'],
      ['**/env{1..3}.json', 'deploy/env3.json'],
      ['{a,{b,c}}/x.json', 'a/x.json'],
      ['{a,{b,c}}/x.json', 'c/x.json'],
    ] as const) {
      expect(serverTakes(glob, below), `server: ${glob} takes ${below}`).toBe(true);
      expect(served(selectorFor(glob), below), `selector: ${glob} serves ${below}`).toBe(true);
    }
    expect(served(selectorFor('**/env{1..3}.json'), 'env4.json')).toBe(false);
    expect(served(selectorFor('**/env{1..3}.json'), 'env{1..3}.json')).toBe(false);
  });

  it('serves every file the server takes, and no other of a folder-relative glob, for globs with ranges, nested braces and commas (property)', () => {
    const globSegment = fc.constantFrom('a', '*', '**', 'env{1..3}.json', '{a,{b,c}}', '{a,b}', '{x..z}', '{{a,b},c{1..2}}.json', 'a,b.json', '*.json', 'x.json');
    const pathSegment = fc.constantFrom('a', 'b', 'c', 'c1.json', 'b.json', 'y', 'env2.json', 'env4.json', 'x.json', 'a,b.json', 'env{1..3}.json');
    const glob = fc.tuple(fc.boolean(), fc.array(globSegment, { minLength: 1, maxLength: 3 })).map(([anywhere, segments]) => `${anywhere ? '**/' : ''}${segments.join('/')}`);
    const below = fc.array(pathSegment, { minLength: 1, maxLength: 3 }).map((segments) => segments.join('/'));
    fc.assert(
      fc.property(glob, below, (g, path) => {
        const takes = serverTakes(g, path);
        // A glob starting with `**` is a plain pattern, matched against the whole path: it may take
        // a file more (`**/*/a` takes `/w/a`), which the server refuses (selector.ts). Never one less.
        if (takes || !g.startsWith('**')) expect(served(selectorFor(g), path), `${g} and ${path}`).toBe(takes);
      }),
      { numRuns: 1500, seed: 20261205 },
    );
  });

  it('keeps the patterns it hands VS Code bounded: a glob whose alternatives each hold a literal comma is one pattern past a few', () => {
    // Two alternatives apart are served as the server takes them...
    expect(served(selectorFor('{a,b}/x,y.json'), 'b/x,y.json')).toBe(true);
    expect(serverTakes('{a,b}/x,y.json', 'b/x,y.json')).toBe(true);
    // ...but 64 settings globs of 64 such alternatives each stay 64 patterns, not 4,096 selector
    // entries and file watchers (a repository's settings choose them).
    const globs = Array.from({ length: 64 }, (_, i) => `**/{${Array.from({ length: 64 }, (_, j) => `a${j}`).join(',')}}/x${i},y.json`);
    expect(editorPatterns(globs).length).toBe(64);
    expect(editorPatterns([`**/{${Array.from({ length: MAX_SEPARATE_SEARCHES + 1 }, (_, j) => `a${j}`).join(',')}}/x,y.json`])).toHaveLength(1);
  });
});
