/**
 * `runpod.files` decides which JSON/TOML (and other) files the server analyzes: the user's globs
 * replace the defaults, in VS Code's glob syntax, and the kind comes from the file's extension.
 */
import fc from 'fast-check';
import { Minimatch } from 'minimatch';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  anchoredGlob,
  DEFAULT_FILE_GLOBS,
  diskFileKind,
  documentKindFor,
  isFolderRelativeGlob,
  isTemplateFile,
  isUsableFileGlob,
  matchesFileGlobs,
  globSearches,
  matchableGlobs,
  MAX_JOINED_PIECES,
  referenceFileGlobs,
  RUNPOD_ENV_FILE_GLOBS,
} from '../../../server/src/template/fileKinds';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../../server/src/lsp/settings';

const kind = (languageId: string, path: string, globs?: readonly string[]) => documentKindFor(languageId, `file://${path}`, globs);
/** The extension's findFiles include globs for `globs` (runpodFiles.ts): the joined search first, then those searched apart. */
const filesIncludes = (globs: readonly string[]): string[] => {
  const { joined, apart } = globSearches(matchableGlobs(globs));
  return [...joined, ...apart];
};

interface Manifest {
  activationEvents: string[];
  contributes: {
    configuration: { properties: Record<string, { default?: unknown }> };
    languages: { id: string; extensions?: string[]; filenames?: string[]; filenamePatterns?: string[] }[];
  };
}
const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as Manifest;

/** A path a glob matches: each `*` (and `**`) becomes a plain name. */
const example = (glob: string) => `/w/${glob.replace(/^\*\*\//, '').replace(/\*+/g, 'x')}`;

describe('runpod.files defaults', () => {
  it('are the default of the setting in package.json', () => {
    expect(manifest.contributes.configuration.properties['runpod.files']?.default).toEqual([...DEFAULT_FILE_GLOBS]);
  });

  it("the RunPod env file names are the runpod-env language's files in package.json", () => {
    const language = manifest.contributes.languages.find((l) => l.id === 'runpod-env')!;
    const declared = [
      ...(language.extensions ?? []).map((ext) => `**/*${ext}`),
      ...(language.filenames ?? []).map((name) => `**/${name}`),
      ...(language.filenamePatterns ?? []),
    ];
    expect(declared.sort()).toEqual([...RUNPOD_ENV_FILE_GLOBS].sort());
  });

  it('every default RunPod file activates the extension (workspaceContains)', () => {
    const watched = manifest.activationEvents.filter((e) => e.startsWith('workspaceContains:')).map((e) => e.slice('workspaceContains:'.length));
    for (const glob of [...RUNPOD_ENV_FILE_GLOBS, ...DEFAULT_FILE_GLOBS]) expect(matchesFileGlobs(example(glob), watched), glob).toBe(true);
  });

  it('apply when the client sends no runpod.files (or not a list)', () => {
    expect(DEFAULT_SETTINGS.files).toEqual(DEFAULT_FILE_GLOBS);
    expect(normalizeSettings({}).files).toEqual(DEFAULT_FILE_GLOBS);
    expect(normalizeSettings({ files: '**/*.json' }).files).toEqual(DEFAULT_FILE_GLOBS);
    expect(normalizeSettings(null).files).toEqual(DEFAULT_FILE_GLOBS);
  });

  it('are replaced by the user list, even an empty one', () => {
    expect(normalizeSettings({ files: ['**/deploy/*.pod.json'] }).files).toEqual(['**/deploy/*.pod.json']);
    expect(normalizeSettings({ files: [] }).files).toEqual([]);
    expect(normalizeSettings({ files: ['  ', 3] }).files).toEqual([]);
  });
});

describe('a user glob turns analysis on, by the file extension', () => {
  const globs = ['**/deploy/*.pod.json', '**/deploy/*.pod.toml', '**/deploy/*.vars.env', '**/deploy/*.cfg'];

  it('.json is a template (runpod-json), .toml runpod.toml, .env env lines', () => {
    expect(kind('json', '/w/deploy/prod.pod.json', globs)).toBe('runpod-json');
    expect(kind('toml', '/w/deploy/prod.pod.toml', globs)).toBe('runpod-toml');
    expect(kind('plaintext', '/w/deploy/prod.vars.env', globs)).toBe('runpod-env');
  });

  it('an unknown extension is read by its language (JSON, TOML), else as env lines', () => {
    expect(kind('json', '/w/deploy/a.cfg', globs)).toBe('runpod-json');
    expect(kind('toml', '/w/deploy/a.cfg', globs)).toBe('runpod-toml');
    expect(kind('plaintext', '/w/deploy/a.cfg', globs)).toBe('runpod-env');
  });

  it('hub.json and tests.json keep their own readers when a glob selects them', () => {
    expect(kind('json', '/w/.runpod/hub.json', ['**/*.json'])).toBe('hub-json');
    expect(kind('json', '/w/.runpod/tests.json', ['**/.runpod/*.json'])).toBe('tests-json');
  });

  it('files the globs do not match stay ignored', () => {
    expect(kind('json', '/w/deploy/nested/prod.pod.json', globs)).toBeUndefined();
    expect(kind('json', '/w/deploy/prod.json', globs)).toBeUndefined();
    expect(kind('json', '/w/package.json', globs)).toBeUndefined();
  });

  it('a dotenv file stays VS Code dotenv even when a glob matches it', () => {
    expect(kind('dotenv', '/w/deploy/prod.vars.env', globs)).toBe('dotenv');
  });
});

describe('runpod.files globs match the path below the workspace folder (they are workspace-relative)', () => {
  // The folder is named like the glob's first segment: matched against the whole path, the glob
  // took every JSON file at the folder's top, where the CLI run in the folder took none.
  const FOLDER = 'file:///home/u/templates';
  const GLOBS = ['templates/*.json'];

  it('a glob with a leading folder takes that folder inside the workspace, not the workspace folder itself', () => {
    expect(documentKindFor('json', `${FOLDER}/x.json`, GLOBS, FOLDER)).toBeUndefined();
    expect(documentKindFor('json', `${FOLDER}/templates/x.json`, GLOBS, FOLDER)).toBe('runpod-json');
    // Still anywhere below the folder, as VS Code's search reads a relative glob.
    expect(documentKindFor('json', `${FOLDER}/a/templates/x.json`, GLOBS, FOLDER)).toBe('runpod-json');
    expect(diskFileKind('/home/u/templates/x.json', GLOBS, FOLDER)).toBeUndefined();
    expect(isTemplateFile(`${FOLDER}/x.json`, GLOBS, '', FOLDER)).toBe(false);
    expect(isTemplateFile(`${FOLDER}/templates/x.json`, GLOBS, '', FOLDER)).toBe(true);
  });

  it('the folder may be a path or a URI, percent-encoded or with a Windows drive in either case', () => {
    expect(documentKindFor('json', 'file:///c%3A/Users/u/templates/x.json', GLOBS, 'file:///C:/Users/u/templates')).toBeUndefined();
    expect(documentKindFor('json', 'file:///c%3A/Users/u/templates/templates/x.json', GLOBS, 'c:\\Users\\u\\templates')).toBe('runpod-json');
    expect(documentKindFor('json', '/home/u/my%20templates/templates/x.json', GLOBS, 'file:///home/u/my%2520templates')).toBe('runpod-json');
  });

  it('the kind follows the path in the folder too, and a folder opened at .runpod keeps its name: its hub.json is one by place', () => {
    expect(documentKindFor('json', 'file:///w/.runpod/hub.json', ['**/*.json'], 'file:///w')).toBe('hub-json');
    expect(documentKindFor('json', 'file:///w/.runpod/hub.json', ['**/*.json'], 'file:///w/.runpod')).toBe('hub-json');
    expect(documentKindFor('json', 'file:///w/deploy/hub.json', ['**/*.json'], 'file:///w/deploy')).toBe('runpod-json');
  });

  it('a file outside its folder, or given none (a loose file), is matched by its whole path as before', () => {
    expect(documentKindFor('json', 'file:///tmp/templates/x.json', GLOBS, FOLDER)).toBe('runpod-json');
    expect(documentKindFor('json', 'file:///tmp/templates/x.json', GLOBS)).toBe('runpod-json');
    expect(documentKindFor('json', 'file:///tmp/a.runpod.json', DEFAULT_FILE_GLOBS)).toBe('runpod-json');
    // A sibling whose name starts like the folder is outside it.
    expect(documentKindFor('json', 'file:///home/u/templates2/templates/x.json', ['x.json'], FOLDER)).toBe('runpod-json');
  });

  it('the RunPod env file names and the languages do not depend on the folder', () => {
    expect(documentKindFor('plaintext', `${FOLDER}/.runpod/dev.env`, [], `${FOLDER}/.runpod`)).toBe('runpod-env');
    expect(documentKindFor('dotenv', `${FOLDER}/.env`, GLOBS, FOLDER)).toBe('dotenv');
  });

  it('isFolderRelativeGlob: every glob but an absolute one or one starting with ** (selectors and watchers make those relative patterns)', () => {
    expect(['templates/*.json', '*.json', ' deploy\\a.json', '{a,b}/*.json'].every(isFolderRelativeGlob)).toBe(true);
    expect(['**/templates/*.json', '**', '/abs/*.json', 'c:/abs/*.json', ' '].some(isFolderRelativeGlob)).toBe(false);
  });
});

describe('removing the default patterns turns them off', () => {
  it('without **/*.runpod.json in the list a *.runpod.json file is no RunPod file', () => {
    expect(kind('json', '/w/gpu.runpod.json')).toBe('runpod-json');
    expect(kind('json', '/w/gpu.runpod.json', ['**/deploy/*.pod.json'])).toBeUndefined();
    expect(kind('json', '/w/.runpod/hub.json', ['**/*.runpod.json'])).toBeUndefined();
    expect(kind('toml', '/w/runpod.toml', [])).toBeUndefined();
  });

  it('env files named for RunPod are always served: the setting covers the other files', () => {
    expect(kind('plaintext', '/w/prod.runpod.env', [])).toBe('runpod-env');
    expect(kind('runpod-env', '/w/anything.txt', [])).toBe('runpod-env');
  });
});

describe("VS Code's glob syntax", () => {
  const m = (path: string, glob: string) => matchesFileGlobs(path, [glob]);

  it('* stays within a folder, ** spans any number of folders (none included)', () => {
    expect(m('/w/deploy/a.json', '**/deploy/*.json')).toBe(true);
    expect(m('/w/deploy/x/a.json', '**/deploy/*.json')).toBe(false);
    expect(m('/w/deploy/x/y/a.json', '**/deploy/**/*.json')).toBe(true);
    expect(m('/w/deploy/a.json', '**/deploy/**/*.json')).toBe(true);
    expect(m('/w/deploy/x/y/a.json', '**/deploy/**')).toBe(true);
  });

  it('? is one character; {a,b} alternatives (nested too); [a-z] and [!a-z] ranges', () => {
    expect(m('/w/a1.json', '**/a?.json')).toBe(true);
    expect(m('/w/a12.json', '**/a?.json')).toBe(false);
    expect(m('/w/x.tpl.json', '**/*.{pod,tpl}.json')).toBe(true);
    expect(m('/w/x.pod.toml', '**/*.pod.{json,toml}')).toBe(true);
    expect(m('/w/x.env.json', '**/*.{pod,tpl}.json')).toBe(false);
    expect(m('/w/prod/a.json', '**/{dev,{prod,stage}}/*.json')).toBe(true);
    expect(m('/w/gpu2.json', '**/gpu[0-9].json')).toBe(true);
    expect(m('/w/gpux.json', '**/gpu[0-9].json')).toBe(false);
    expect(m('/w/gpux.json', '**/gpu[!0-9].json')).toBe(true);
    expect(m('/w/gpu2.json', '**/gpu[!0-9].json')).toBe(false);
  });

  it('* and ** match names that start with a dot, as in VS Code', () => {
    expect(m('/w/.runpod/hub.json', '**/*.json')).toBe(true);
    expect(m('/w/.config/a.pod.json', '**/*.pod.json')).toBe(true);
  });

  it('a workspace-relative glob matches below any folder; an absolute one only there', () => {
    expect(m('/home/me/proj/deploy/a.json', 'deploy/*.json')).toBe(true);
    expect(m('/home/me/proj/deploy/a.json', '/home/me/proj/deploy/*.json')).toBe(true);
    expect(m('/home/me/other/deploy/a.json', '/home/me/proj/deploy/*.json')).toBe(false);
  });

  it('!, # and parentheses are plain characters, not negation, comments or extended globs', () => {
    expect(m('/w/a.json', '!**/b.json')).toBe(false);
    expect(m('/w/#a.json', '**/#a.json')).toBe(true);
    expect(m('/w/@(a).json', '**/@(a).json')).toBe(true);
    expect(m('/w/a.json', '**/@(a).json')).toBe(false);
  });

  it('matches percent-decoded paths with Windows separators from the URI', () => {
    expect(documentKindFor('json', 'file:///c%3A/My%20Project/deploy/a.pod.json', ['**/My Project/deploy/*.pod.json'])).toBe('runpod-json');
    expect(documentKindFor('json', 'file:///c%3A/proj/deploy/a.pod.json', ['deploy\\*.pod.json'])).toBe('runpod-json');
  });

  it("answers as minimatch's matcher for any path (it matches through minimatch's regular expression where that agrees)", () => {
    // The oracle: the glob matched by minimatch itself, with VS Code's options (see matcherFor).
    const oracle = (path: string, glob: string): boolean =>
      new Minimatch(anchoredGlob(glob).replace(/^\/+/, ''), { dot: true, nonegate: true, nocomment: true, noext: true, platform: 'linux' }).match(path.replace(/^\/+/, ''));
    const globs = [...DEFAULT_FILE_GLOBS, ...RUNPOD_ENV_FILE_GLOBS, 'deploy/{a,b}/*.json', '**/[!a-z]x?.toml', '**', '**/*.{json,toml}', '*.json', 'a/**/b/*.env', '**/.*', '**/x[a-c]/**/*.toml', 'a?b', '**/\\*.json', '**/*.json/', '/abs/**/*.json', '{,a}/b.json'];
    const segment = fc.oneof(
      fc.constantFrom('a', 'b', 'x', '.', '..', '', '.runpod', 'hub.json', 'tests.json', 'runpod.toml', 't.runpod.json', 'p.runpod.env', '.env', 'deploy', 'x.json', 'xa', 'Ax.toml', '1xz.toml', 'a b', 'é', '*', '[a]', '{a,b}', '.hidden.json', 'abs'),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.boolean(), fc.constantFrom(...globs), (segments, absolute, glob) => {
        const path = `${absolute ? '/' : ''}${segments.join('/')}`;
        expect(m(path, glob), `${glob} on ${path}`).toBe(oracle(path, glob));
      }),
      { numRuns: 20_000 },
    );
  });

  it('unusable globs are ignored without failing the others', () => {
    const huge = `${'a/'.repeat(400)}*.json`;
    expect(matchesFileGlobs('/w/a.json', ['', '   ', huge, '[', '**/{', '**/a.json'])).toBe(true);
    expect(matchesFileGlobs('/w/a.json', ['', '[', '**/{'])).toBe(false);
  });
});

describe('globs a hostile workspace writes into runpod.files', () => {
  // A backtracking matcher (minimatch's regular expressions, VS Code's own for the document
  // selector) takes about L^k steps to fail a name of L characters against k stars in one segment:
  // 255 a's against `*a*a*a*a*b` is 47 s. Such a glob is unusable, as one over the length limit is.
  const starry = '**/*a*a*a*a*a*a*a*a*a*a*a*a*b';
  const hostileName = `/w/${'a'.repeat(255)}`;

  it('more than two stars in one segment (after brace expansion) make a glob unusable; two stay usable', () => {
    expect(matchesFileGlobs('/w/xaaab.json', ['**/*a*a*a*b.json'])).toBe(false);
    expect(matchesFileGlobs('/w/xaab.json', ['**/*a*b.json'])).toBe(true);
    // A brace that joins two segments' stars into one segment counts as that segment.
    expect(matchesFileGlobs('/w/xaaab', ['**/*a*{/,}*a*b'])).toBe(false);
    expect(isUsableFileGlob('**/*.runpod.*.json')).toBe(true);
    expect(isUsableFileGlob('deploy/**/*.{json,toml}')).toBe(true);
    expect(isUsableFileGlob(starry)).toBe(false);
    expect(matchesFileGlobs(hostileName, [starry, '**/*.runpod.json'])).toBe(false);
  });

  it('brace alternatives beyond a bound make a glob unusable: every file would be matched against each', () => {
    expect(isUsableFileGlob('**/{1..100000}.json')).toBe(false);
    expect(isUsableFileGlob('{a,b}'.repeat(16))).toBe(false);
    expect(matchesFileGlobs('/w/7.json', ['**/{1..9}.json'])).toBe(true);
  });

  it('the extension\'s findFiles globs leave them out too', () => {
    expect(filesIncludes(referenceFileGlobs([starry, 'x/*.json'])).join(' ')).not.toContain('*a*a*a');
    expect(filesIncludes([starry])).toEqual([]);
  });
});

describe('the findFiles globs of the extension follow the same setting', () => {
  // VS Code's findFiles matches a glob against workspace-relative paths; matchesFileGlobs reads a
  // relative glob the same way (anchored with **/), so it stands in for findFiles here.
  const paths = [
    '/w/a.runpod.json', '/w/deploy/gpu.pod.json', '/w/deploy/x/gpu.pod.json', '/w/.runpod/hub.json', '/w/.runpod/tests.json',
    '/w/runpod.toml', '/w/svc/runpod.toml', '/w/train.runpod.env', '/w/runpod.env', '/w/.runpod/prod.env', '/w/.env', '/w/.env.local',
    '/w/app.env', '/w/package.json', '/w/notes.txt',
  ];
  const settings = [DEFAULT_FILE_GLOBS, ['deploy/*.pod.json'], [], ['**/*.json', 'deploy\\*.pod.json', ' ']];

  it('the reference files search (Find Usages) finds exactly the files the server serves, plus the dotenv files (.env, .env.*, *.env)', () => {
    for (const globs of settings) {
      const include = filesIncludes(referenceFileGlobs(globs));
      for (const path of paths) {
        const dotenv = /\/(\.env(\..*)?|[^/]*\.env)$/.test(path);
        expect(matchesFileGlobs(path, include), `${path} with ${include.join(' ')}`).toBe(kind('', path, globs) !== undefined || dotenv);
      }
    }
  });

  it('the template files search and isTemplateFile pick the runpod-json files of the setting: never hub or tests files', () => {
    expect(paths.filter((p) => isTemplateFile(p))).toEqual(['/w/a.runpod.json']);
    expect(paths.filter((p) => isTemplateFile(p, ['deploy/*.pod.json']))).toEqual(['/w/deploy/gpu.pod.json']);
    expect(paths.filter((p) => isTemplateFile(`file://${p}`, ['**/*.json']))).toEqual(['/w/a.runpod.json', '/w/deploy/gpu.pod.json', '/w/deploy/x/gpu.pod.json', '/w/package.json']);
    for (const globs of settings) {
      const include = filesIncludes(globs);
      for (const path of paths.filter((p) => isTemplateFile(p, globs))) expect(matchesFileGlobs(path, include)).toBe(true);
    }
    expect(filesIncludes([])).toEqual([]);
  });

  it('a glob with a literal comma is searched apart (braces around it would read it as syntax); a brace glob joins the others, expanded', () => {
    const includes = filesIncludes(['deploy/a,b.json', '{x,y}/*.json', '**/*.runpod.json', '**/runpod.toml']);
    expect(includes).toEqual(['{**/x/*.json,**/y/*.json,**/*.runpod.json,**/runpod.toml}', '**/deploy/a,b.json']);
    expect(matchesFileGlobs('/w/y/t.json', includes)).toBe(true);
    expect(matchesFileGlobs('/w/deploy/a,b.json', includes)).toBe(true);
    expect(matchesFileGlobs('/w/deploy/a', includes)).toBe(false);
  });

  it('brace expansion is bounded in all: past MAX_JOINED_PIECES pieces a brace glob stays apart whole, not one more piece each', () => {
    const globs = Array.from({ length: 64 }, (_, i) => `d${i}/{${Array.from({ length: 60 }, (_, j) => `n${j}`).join(',')}}.json`);
    const { joined, apart } = globSearches(matchableGlobs(globs));
    const pieces = joined[0]!.slice(1, -1).split(',');
    expect(pieces.length).toBeLessThanOrEqual(MAX_JOINED_PIECES);
    expect(pieces.length + apart.length * 60).toBe(64 * 60);
    expect(apart.every((glob) => glob.includes('{'))).toBe(true);
  });

  it('the env files search is the RunPod env file names', () => {
    expect(paths.filter((p) => matchesFileGlobs(p, filesIncludes(RUNPOD_ENV_FILE_GLOBS)))).toEqual(['/w/train.runpod.env', '/w/runpod.env', '/w/.runpod/prod.env']);
  });
});
