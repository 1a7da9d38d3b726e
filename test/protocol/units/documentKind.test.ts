import fc from 'fast-check';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_GLOBS, documentKindFor, folderGlobPath, folderPatterns } from '../../../server/src/template/fileKinds';
import { declaredOrNamedKind } from '../../../server/src/template/environments/files';

describe('which documents the server serves', () => {
  it('serves runpod-env and dotenv by language id', () => {
    expect(documentKindFor('runpod-env', 'file:///w/anything.txt')).toBe('runpod-env');
    expect(documentKindFor('dotenv', 'file:///w/.env')).toBe('dotenv');
  });

  it('recognises RunPod env file names even under another language id (editors without the language)', () => {
    expect(documentKindFor('sh', 'file:///w/prod.runpod.env')).toBe('runpod-env');
    expect(documentKindFor('plaintext', 'file:///w/runpod.env')).toBe('runpod-env');
    expect(documentKindFor('dotenv', 'file:///w/.runpod/train.env')).toBe('runpod-env');
  });

  it('serves JSON and TOML only at the RunPod file paths', () => {
    expect(documentKindFor('json', 'file:///w/gpu.runpod.json')).toBe('runpod-json');
    expect(documentKindFor('json', 'file:///w/.runpod/hub.json')).toBe('hub-json');
    expect(documentKindFor('jsonc', 'file:///w/.runpod/tests.json')).toBe('tests-json');
    expect(documentKindFor('toml', 'file:///w/runpod.toml')).toBe('runpod-toml');
    expect(documentKindFor('json', 'file:///w/package.json')).toBeUndefined();
    expect(documentKindFor('json', 'file:///w/hub.json')).toBeUndefined();
    expect(documentKindFor('toml', 'file:///w/pyproject.toml')).toBeUndefined();
  });

  it('ignores other languages, including plain .env files in other languages', () => {
    expect(documentKindFor('typescript', 'file:///w/index.ts')).toBeUndefined();
    expect(documentKindFor('plaintext', 'file:///w/.env')).toBeUndefined();
  });

  it('decodes percent-encoded paths (Windows drive letters, spaces)', () => {
    expect(documentKindFor('json', 'file:///c%3A/My%20Project/.runpod/hub.json')).toBe('hub-json');
  });

  it('adds files matching runpod.files globs, with the kind taken from the extension', () => {
    const globs = ['deploy/**/*.json', 'templates/*.env', 'infra.toml'];
    expect(documentKindFor('json', 'file:///w/deploy/a/b/pod.json', globs)).toBe('runpod-json');
    expect(documentKindFor('plaintext', 'file:///w/templates/x.env', globs)).toBe('runpod-env');
    expect(documentKindFor('toml', 'file:///w/infra.toml', globs)).toBe('runpod-toml');
    expect(documentKindFor('json', 'file:///w/other/pod.json', globs)).toBeUndefined();
  });
});

describe('a workspace folder opened at .runpod itself', () => {
  const folder = 'file:///w/my-hub/.runpod';
  it('matches its files as `.runpod/<path>`: the default globs take hub.json and tests.json, by their place', () => {
    expect(documentKindFor('json', 'file:///w/my-hub/.runpod/hub.json', DEFAULT_FILE_GLOBS, folder)).toBe('hub-json');
    expect(documentKindFor('json', '/w/my-hub/.runpod/tests.json', DEFAULT_FILE_GLOBS, '/w/my-hub/.runpod/')).toBe('tests-json');
    expect(documentKindFor('json', 'file:///w/my-hub/.runpod/package.json', DEFAULT_FILE_GLOBS, folder)).toBeUndefined();
    // A user's glob that names the folder, and a declared environment's, alike.
    expect(documentKindFor('json', 'file:///w/my-hub/.runpod/extra.json', ['.runpod/*.json'], folder)).toBe('runpod-json');
    expect(declaredOrNamedKind('file:///w/my-hub/.runpod/prod.vars', undefined, [{ name: 'prod', files: ['.runpod/*.vars'], folder }])).toBe('runpod-env');
  });

  it('never takes a file outside the folder by it, nor a folder merely named like it', () => {
    // The parent's hub.json is outside the folder: matched by its whole path, which names no .runpod.
    expect(documentKindFor('json', 'file:///w/my-hub/hub.json', DEFAULT_FILE_GLOBS, folder)).toBeUndefined();
    expect(documentKindFor('json', 'file:///w/my-hub/.runpod2/hub.json', DEFAULT_FILE_GLOBS, 'file:///w/my-hub/.runpod2')).toBeUndefined();
    expect(documentKindFor('json', 'file:///w/x.runpod/hub.json', DEFAULT_FILE_GLOBS, 'file:///w/x.runpod')).toBeUndefined();
    expect(folderGlobPath('/w/my-hub/.runpod/a/b.json', '/w/my-hub/.runpod')).toBe('.runpod/a/b.json');
    expect(folderGlobPath('/w/my-hub/hub.json', '/w/my-hub/.runpod')).toBeUndefined();
  });

  it('gives watchers and the document selector the globs that name the folder without its name, as VS Code matches below the folder', () => {
    expect(folderPatterns(folder, ['.runpod/*.json', 'deploy/*.json', '**/.runpod/x.vars'])).toEqual(['**/.runpod/*.json', '**/deploy/*.json', '**/.runpod/x.vars', '*.json', 'x.vars']);
    expect(folderPatterns('file:///w/my-hub', ['.runpod/*.json'])).toEqual(['**/.runpod/*.json']);
  });

  it('gives patterns for globs whose first segment matches the folder by glob syntax, not only by name', () => {
    const matched = (glob: string, below: string): boolean => folderPatterns(folder, [glob]).some((p) => minimatch(below, p, VSCODE_GLOB));
    expect(documentKindFor('json', `${folder}/a.json`, ['{.runpod,deploy}/*.json'], folder)).toBe('runpod-json');
    expect(matched('{.runpod,deploy}/*.json', 'a.json')).toBe(true);
    expect(matched('.run*/*.json', 'a.json')).toBe(true);
    expect(matched('*/hub.json', 'hub.json')).toBe(true);
    expect(matched('**/{a/b,.runpod/c}/d.json', 'c/d.json')).toBe(true);
    // No pattern without the name for a glob whose segment cannot match it.
    expect(folderPatterns(folder, ['{deploy,prod}/*.json', '.runpodx/*.json'])).toEqual(['{**/deploy/*.json,**/prod/*.json}', '**/.runpodx/*.json']);
  });

  it('gives one pattern per glob however many brace alternatives name the folder: every document is matched against each', () => {
    // 40 alternatives (under 500 characters: a usable glob), in each of 64 globs.
    const alternatives = `{${Array.from({ length: 40 }, (_, i) => `.runpod/${i}`).join(',')}}`;
    const globs = Array.from({ length: 64 }, (_, i) => `${alternatives}/*.${i}.json`);
    const patterns = folderPatterns(folder, globs);
    expect(patterns).toHaveLength(128);
    expect(patterns.some((p) => minimatch('39/a.63.json', p, VSCODE_GLOB))).toBe(true);
    // A literal comma cannot go inside braces: such pieces and rests stay apart.
    expect(folderPatterns(folder, ['{.runpod/x,.runpod/y}/a,b.json'])).toEqual(['**/.runpod/x/a,b.json', '**/.runpod/y/a,b.json', 'x/a,b.json', 'y/a,b.json']);
  });

  it('every file below a .runpod folder the server takes by a glob, some watcher and selector pattern takes (property)', () => {
    // VS Code matches a relative pattern against the path below the folder; the server matches the
    // glob against `.runpod/<that path>` (folderGlobPath). Globs and paths from a small alphabet of
    // names, wildcards, ranges and braces, so that collisions with `.runpod` are frequent.
    const globSegment = fc.constantFrom('.runpod', '.run*', '*', '**', '?runpod', '.[a-r]unpod', '{.runpod,deploy}', '{a,.runpod/a}', 'deploy', 'a', '*.json', 'hub.json', '{a,b}.json', '.runpod*');
    const pathSegment = fc.constantFrom('.runpod', 'a', 'b', 'deploy', 'hub.json', 'a.json', 'b.json');
    const glob = fc.tuple(fc.boolean(), fc.array(globSegment, { minLength: 1, maxLength: 4 })).map(([anywhere, segments]) => `${anywhere ? '**/' : ''}${segments.join('/')}`);
    const below = fc.array(pathSegment, { minLength: 1, maxLength: 4 }).map((segments) => segments.join('/'));
    fc.assert(
      fc.property(glob, below, (g, path) => {
        if (documentKindFor('json', `${folder}/${path}`, [g], folder) === undefined) return;
        expect(folderPatterns(folder, [g]).some((p) => minimatch(path, p, VSCODE_GLOB)), `${g} takes ${path}`).toBe(true);
      }),
      { numRuns: 2000, seed: 20261205 },
    );
  });
});

/** minimatch with VS Code's glob semantics, as vscode-languageclient matches a relative pattern: `*` takes dot names, no negation or comments. */
const VSCODE_GLOB = { dot: true, nonegate: true, nocomment: true, noext: true };
