/**
 * The editor's Compare Environments and `runpod-check envs compare` find the same templates x
 * environments for the same tree and settings: generated trees on disk (RunPod env files named for
 * environments, declared files of any name, `.gitignore`d folders, node_modules, `.runpod/` folders)
 * go through the CLI's listing and the editor's (environments/workspaceFiles.ts over a `vscode`
 * stand-in whose file system is the real one). A multi-root window groups each folder with its own
 * `runpod.environments`, as the CLI run in each folder does.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';

interface Folder {
  uri: { scheme: string; path: string };
  name: string;
  index: number;
}
const ws = vi.hoisted(() => ({
  folders: [] as Folder[],
  settings: new Map<string, Record<string, unknown>>(),
  /** Folders whose listing fails (unreadable), or lists past the walk's bound (huge), by path. */
  listings: new Map<string, 'unreadable' | 'huge'>(),
}));

vi.mock('vscode', async () => {
  const base = await import('./vscodeFake');
  const folderOf = (uri: { path: string }) =>
    ws.folders.filter((f) => uri.path === f.uri.path || uri.path.startsWith(`${f.uri.path}/`)).sort((a, b) => b.uri.path.length - a.uri.path.length)[0];
  const typeOf = (stat: { isFile(): boolean; isDirectory(): boolean }) => (stat.isFile() ? base.FileType.File : stat.isDirectory() ? base.FileType.Directory : base.FileType.Unknown);
  return {
    ...base,
    workspace: {
      ...base.workspace,
      textDocuments: [],
      get workspaceFolders() {
        return ws.folders.map((f) => ({ ...f, uri: base.Uri.from(f.uri) }));
      },
      getWorkspaceFolder: (uri: { path: string }) => {
        const f = folderOf(uri);
        return f ? { ...f, uri: base.Uri.from(f.uri) } : undefined;
      },
      // VS Code's: relative to the folder, with the folder's name first when there are several.
      asRelativePath: (uri: { path: string }) => {
        const f = folderOf(uri);
        if (!f) return uri.path;
        const relative = uri.path.slice(f.uri.path.length + 1);
        return ws.folders.length > 1 ? `${f.name}/${relative}` : relative;
      },
      // Resource-scoped settings: a folder's own; unscoped, the workspace's, which in a window of
      // one folder are that folder's (a multi-root window's workspace file sets none here).
      getConfiguration: (_section: string, scope?: { path: string }) => {
        const f = scope ? folderOf(scope) : ws.folders.length === 1 ? ws.folders[0] : undefined;
        const settings = (f && ws.settings.get(f.uri.path)) ?? {};
        return { get: (key: string) => settings[key], inspect: (key: string) => ({ defaultValue: undefined, globalValue: settings[key] }), update: async () => undefined };
      },
      // VS Code's file search as far as it matters here: every file below each folder but links,
      // the include and exclude globs matched against its folder-relative path, no .gitignore.
      findFiles: async (include: string, exclude?: string) => {
        const { Minimatch } = await import('minimatch');
        const wanted = new Minimatch(include, { dot: true });
        const excluded = exclude ? new Minimatch(exclude, { dot: true }) : undefined;
        return ws.folders.flatMap((f) =>
          (readdirSync(f.uri.path, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
            .filter((d) => d.isFile())
            .map((d) => join(d.parentPath, d.name).slice(f.uri.path.length + 1))
            .filter((relative) => wanted.match(relative) && !excluded?.match(relative))
            .map((relative) => base.Uri.from({ scheme: 'file', path: `${f.uri.path}/${relative}` })),
        );
      },
      fs: {
        readDirectory: async (uri: { path: string }) => {
          const special = ws.listings.get(uri.path);
          if (special === 'unreadable') throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
          const entries = readdirSync(uri.path, { withFileTypes: true }).map((d) => {
            if (!d.isSymbolicLink()) return [d.name, typeOf(d)];
            try {
              return [d.name, base.FileType.SymbolicLink | typeOf(statSync(join(uri.path, d.name)))];
            } catch {
              return [d.name, base.FileType.SymbolicLink];
            }
          });
          const { MAX_WALKED_ENTRIES } = await import('../../server/src/index/walk');
          return special === 'huge' ? [...entries, ...Array.from({ length: MAX_WALKED_ENTRIES }, (_, i) => [`pad-${i}.txt`, base.FileType.File])] : entries;
        },
        stat: async (uri: { path: string }) => {
          const stat = statSync(uri.path);
          return { type: typeOf(stat), size: stat.size };
        },
        readFile: async (uri: { path: string }) => new Uint8Array(readFileSync(uri.path)),
      },
    },
  };
});

import { environmentOfChoice, findEnvironments, loadSources, targetOfChoice, withOwnFolders } from '../../client/src/environments/workspaceFiles';
import { renderComparison } from '../../client/src/environments/comparisonMarkdown';
import { comparisonHeadings } from '../../client/src/environments/comparisonHeading';
import { compareEnvironments } from '../../server/src/template/environments/index';
import { Uri } from './vscodeFake';
import { inputEnvironment } from '../../client/src/cli/environmentVars';
import { walkWorkspaceFolder } from '../../client/src/environments/workspaceWalk';
import { envsCommand } from '../../client/src/cli/envs';
import type { Io } from '../../client/src/cli/io';
import type { EnvironmentGroup } from '../../server/src/template/environments/index';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A fresh folder on disk holding `files` (path -> text). */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'compare-cli-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** What both sides list: per template, each environment's files and the shared files (sorted). */
type Listing = { template: string; environments: Record<string, string[]>; shared: string[] }[];
function listing(groups: readonly Pick<EnvironmentGroup, 'environments' | 'shared'>[], label: (g: (typeof groups)[number]) => string): Listing {
  return groups
    .map((g) => ({ template: label(g), environments: Object.fromEntries(g.environments.map((e) => [e.name, [...e.files].sort()])), shared: [...g.shared].sort() }))
    .sort((a, b) => (a.template + JSON.stringify(a) < b.template + JSON.stringify(b) ? -1 : 1));
}

type Environments = Record<string, string[]>;

/** `runpod-check envs compare --json` in `cwd` with the settings as flags, prefixing each path with `prefix`. */
async function cliListing(cwd: string, environments: Environments, files: string[] | undefined, prefix = ''): Promise<Listing> {
  const out: string[] = [];
  const io = { env: {}, cwd, stdout: (t: string) => out.push(t), stderr: () => undefined, stdinIsTTY: false } as unknown as Io;
  const flags = [
    ...Object.entries(environments).flatMap(([name, globs]) => globs.flatMap((g) => ['--environment', `${name}=${g}`])),
    ...(files ?? []).flatMap((g) => ['--files', g]),
  ];
  await envsCommand(['compare', '--json', ...flags], io);
  const comparisons = JSON.parse(out.join('')) as { heading: string; environments: { name: string; files: string[] }[]; shared: string[] }[];
  const p = (path: string) => prefix + path;
  return listing(
    comparisons.map((c) => ({ template: c.heading, environments: c.environments.map((e) => ({ name: e.name, files: e.files.map(p) })), shared: c.shared.map(p) })),
    (g) => (g as unknown as { template: string }).template,
  );
}

async function editorListing(): Promise<Listing> {
  // Titled as the document heads them together: a label two templates share is told apart.
  const groups = (await findEnvironments()).groups;
  const titles = new Map(comparisonHeadings(groups.map((g) => ({ ...g, template: g.label }))).map((h, i) => [groups[i], h.title]));
  return listing(groups, (g) => titles.get(g as EnvironmentGroup)!);
}

// The pieces of a generated tree: where files sit, what they are named, what is declared and ignored.
const DIRS = ['', 'deploy', 'deploy/dev', 'deploy/prod', 'out', 'out/deep', 'node_modules/pkg', 'svc', 'svc/.runpod', 'a/b', 'odd #1/%20 é'];
const NAMES = [
  'train.dev.runpod.env',
  'train.prod.runpod.env',
  'train.staging.runpod.env',
  'train.runpod.env',
  'train.runpod.json',
  'train.prod.runpod.json',
  'runpod.env',
  'dev.runpod.env',
  'prod.env',
  'dev.env',
  'prod-vars.txt',
  'dev-vars.txt',
  'app.env',
  '.env',
  'pod.json',
];
const IGNORES = ['', 'out/\n', 'deploy/dev/\n', '/svc/\n', '.runpod/\n', 'deep\n!keep\n'];
const DECLARATIONS: Environments[] = [
  {},
  { prod: ['deploy/prod/*'], dev: ['deploy/dev/*'] },
  { prod: ['**/prod-vars.txt'], dev: ['**/dev-vars.txt'], staging: ['out/**'] },
  { production: ['deploy/prod/*.env', '*.json'], qa: ['a/b/*'] },
  // Globs naming the folder: they match in a workspace folder opened at `.runpod` (its paths are `.runpod/...`).
  { prod: ['.runpod/deploy/prod/*', '.runpod/prod-vars.txt'], dev: ['.runpod/deploy/dev/*', '.runpod/dev-vars.txt'] },
];
const FILE_GLOBS: (string[] | undefined)[] = [undefined, ['**/*.runpod.json', 'deploy/**/*.json'], ['svc/*.json']];

const arbitraryTree = fc.record({
  files: fc.uniqueArray(fc.tuple(fc.constantFrom(...DIRS), fc.constantFrom(...NAMES)), { minLength: 8, maxLength: 40, selector: ([d, n]) => `${d}/${n}` }),
  rootIgnore: fc.constantFrom(...IGNORES),
  nestedIgnore: fc.constantFrom(...IGNORES),
  environments: fc.constantFrom(...DECLARATIONS),
  globs: fc.constantFrom(...FILE_GLOBS),
  // The workspace folder (and the CLI's working directory) is a folder named `.runpod`.
  runpodFolder: fc.boolean(),
});

function filesOf(t: { files: [string, string][]; rootIgnore: string; nestedIgnore: string }): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [dir, name] of t.files) files[dir ? `${dir}/${name}` : name] = `KEY=${name}\n`;
  if (t.rootIgnore) files['.gitignore'] = t.rootIgnore;
  if (t.nestedIgnore) files['deploy/.gitignore'] = t.nestedIgnore;
  return files;
}

function settingsOf(environments: Environments, globs: string[] | undefined): Record<string, unknown> {
  return { environments, ...(globs ? { files: globs } : {}) };
}

describe('Compare Environments lists what runpod-check envs compare lists', () => {
  it('for generated trees and settings (one folder)', async () => {
    let compared = 0;
    let comparedInRunpodFolder = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryTree, async (t) => {
        const files = filesOf(t);
        const root = t.runpodFolder ? join(tree(Object.fromEntries(Object.entries(files).map(([p, text]) => [`.runpod/${p}`, text]))), '.runpod') : tree(files);
        ws.folders = [{ uri: { scheme: 'file', path: root }, name: t.runpodFolder ? '.runpod' : 'w', index: 0 }];
        ws.settings = new Map([[root, settingsOf(t.environments, t.globs)]]);
        // In a folder opened at `.runpod`, the editor's paths are the ones the globs see (`.runpod/dev.env`);
        // the CLI groups by those too (and its template labels say so), but shows each file as found (`dev.env`).
        const cli = await cliListing(root, t.environments, t.globs, t.runpodFolder ? '.runpod/' : '');
        if (cli.length > 0) compared++;
        if (cli.length > 0 && t.runpodFolder) comparedInRunpodFolder++;
        expect(await editorListing()).toEqual(cli);
      }),
      { numRuns: 80, seed: 20261205 },
    );
    // The trees are not trivially empty: many have a template with several environments, in a `.runpod` folder too.
    expect(compared).toBeGreaterThanOrEqual(15);
    expect(comparedInRunpodFolder).toBeGreaterThanOrEqual(5);
  });

  it('a folder opened at .runpod: its <env>.env files and globs naming .runpod group as the CLI groups them there', async () => {
    const root = join(tree({ '.runpod/dev.env': 'A=1\n', '.runpod/prod.env': 'A=1\n', '.runpod/vars/dev.txt': 'A=1\n', '.runpod/vars/prod.txt': 'A=1\n' }), '.runpod');
    const environments = { dev: ['.runpod/vars/dev.txt'], prod: ['.runpod/vars/prod.txt'] };
    ws.folders = [{ uri: { scheme: 'file', path: root }, name: '.runpod', index: 0 }];
    ws.settings = new Map([[root, { environments }]]);
    const expected = [
      { template: 'runpod', environments: { dev: ['.runpod/dev.env'], prod: ['.runpod/prod.env'] }, shared: [] },
      { template: 'txt', environments: { dev: ['.runpod/vars/dev.txt'], prod: ['.runpod/vars/prod.txt'] }, shared: [] },
    ];
    expect(await cliListing(root, environments, undefined, '.runpod/')).toEqual(expected);
    expect(await editorListing()).toEqual(expected);
    // In a multi-root window whose workspace file names that folder otherwise ('hub'), the same groups.
    const other = tree({ 'train.dev.runpod.env': 'A=1\n' });
    ws.folders = [
      { uri: { scheme: 'file', path: root }, name: 'hub', index: 0 },
      { uri: { scheme: 'file', path: other }, name: '.runpod', index: 1 },
    ];
    ws.settings = new Map([
      [root, { environments }],
      [other, {}],
    ]);
    const prefixed = (l: Listing) => l.map((g) => ({ ...g, environments: Object.fromEntries(Object.entries(g.environments).map(([e, f]) => [e, f.map((p) => `hub/${p}`)])), shared: [] }));
    expect((await editorListing()).map(({ environments, shared }) => ({ environments, shared }))).toEqual(prefixed(expected).map(({ environments, shared }) => ({ environments, shared })));
  });

  it('an env file in a .gitignored folder is offered by neither', async () => {
    const root = tree({
      '.gitignore': 'out/\n',
      'train.dev.runpod.env': 'A=1\n',
      'train.prod.runpod.env': 'A=1\n',
      'out/train.dev.runpod.env': 'A=1\n',
      'out/train.prod.runpod.env': 'A=1\n',
      // Declared: app's prod file is in the ignored folder, so app has one environment, nothing to compare.
      'cfg/dev/app.env': 'A=1\n',
      'out/cfg/app.env': 'A=1\n',
    });
    const environments = { dev: ['cfg/dev/*'], prod: ['out/cfg/*'] };
    ws.folders = [{ uri: { scheme: 'file', path: root }, name: 'w', index: 0 }];
    ws.settings = new Map([[root, { environments }]]);
    const expected = [{ template: 'train', environments: { dev: ['train.dev.runpod.env'], prod: ['train.prod.runpod.env'] }, shared: [] }];
    expect(await cliListing(root, environments, undefined)).toEqual(expected);
    expect(await editorListing()).toEqual(expected);
  });

  it.each([
    ['past 64 KiB is read up to there by both: a rule after the cut ignores nothing', 700], // 70,000 bytes
    ['larger than the editor reads whole (2 MiB) is still read up to 64 KiB by both, as the index reads it', 30_000], // 3,000,000 bytes
  ])('a .gitignore %s', async (_what, lines) => {
    const filler = `${'# '.padEnd(99, 'x')}\n`.repeat(lines);
    const root = tree({
      '.gitignore': `early/\n${filler}late/\n`,
      'early/train.dev.runpod.env': 'A=1\n',
      'early/train.prod.runpod.env': 'A=1\n',
      'late/train.dev.runpod.env': 'A=1\n',
      'late/train.prod.runpod.env': 'A=1\n',
    });
    ws.folders = [{ uri: { scheme: 'file', path: root }, name: 'w', index: 0 }];
    ws.settings = new Map([[root, {}]]);
    const expected = [{ template: 'late/train', environments: { dev: ['late/train.dev.runpod.env'], prod: ['late/train.prod.runpod.env'] }, shared: [] }];
    expect(await cliListing(root, {}, undefined)).toEqual(expected);
    expect(await editorListing()).toEqual(expected);
  });

  it('a .gitignore swapped for a link after its folder was listed is not read through the link, as the CLI reads none', async () => {
    // The listing said a regular file; by the read it is a link to rules outside the folder (a race a
    // repository's tooling can win). The read opens without following links (readIndexedFileAsync).
    const outside = tree({ rules: 'late/\n' });
    const root = tree({ 'late/train.dev.runpod.env': 'A=1\n', 'late/train.prod.runpod.env': 'A=1\n' });
    symlinkSync(join(outside, 'rules'), join(root, '.gitignore'));
    ws.folders = [{ uri: { scheme: 'file', path: root }, name: 'w', index: 0 }];
    ws.settings = new Map([[root, {}]]);
    const vscode = await import('vscode');
    const list = vscode.workspace.fs.readDirectory.bind(vscode.workspace.fs);
    const listed = vi.spyOn(vscode.workspace.fs, 'readDirectory').mockImplementation(async (uri) =>
      (await list(uri)).map(([name, type]) => [name, name === '.gitignore' ? vscode.FileType.File : type] as [string, import('vscode').FileType]),
    );
    try {
      const expected = [{ template: 'late/train', environments: { dev: ['late/train.dev.runpod.env'], prod: ['late/train.prod.runpod.env'] }, shared: [] }];
      expect(await cliListing(root, {}, undefined)).toEqual(expected);
      expect(await editorListing()).toEqual(expected);
    } finally {
      listed.mockRestore();
    }
  });

  it('a link to a folder is walked by neither, inside the folder or out of it', async () => {
    const outside = tree({ 'train.dev.runpod.env': 'A=1\n', 'train.prod.runpod.env': 'A=1\n' });
    const root = tree({ 'real/train.dev.runpod.env': 'A=1\n', 'real/train.prod.runpod.env': 'A=1\n' });
    symlinkSync(outside, join(root, 'out-link'));
    symlinkSync(join(root, 'real'), join(root, 'in-link'));
    ws.folders = [{ uri: { scheme: 'file', path: root }, name: 'w', index: 0 }];
    ws.settings = new Map([[root, {}]]);
    const expected = [{ template: 'real/train', environments: { dev: ['real/train.dev.runpod.env'], prod: ['real/train.prod.runpod.env'] }, shared: [] }];
    expect(await cliListing(root, {}, undefined)).toEqual(expected);
    expect(await editorListing()).toEqual(expected);
  });

  it('a template whose environments are deeper than the index walks (MAX_WALKED_DEPTH) is compared by neither', async () => {
    const { MAX_WALKED_DEPTH } = await import('../../server/src/index/walk');
    const at = (depth: number) => Array.from({ length: depth }, () => 'd').join('/');
    const root = tree({
      [`${at(MAX_WALKED_DEPTH)}/train.dev.runpod.env`]: 'A=1\n',
      [`${at(MAX_WALKED_DEPTH)}/train.prod.runpod.env`]: 'A=1\n',
      [`${at(MAX_WALKED_DEPTH + 1)}/lost.dev.runpod.env`]: 'A=1\n',
      [`${at(MAX_WALKED_DEPTH + 1)}/lost.prod.runpod.env`]: 'A=1\n',
    });
    ws.folders = [{ uri: { scheme: 'file', path: root }, name: 'w', index: 0 }];
    ws.settings = new Map([[root, {}]]);
    const dir = at(MAX_WALKED_DEPTH);
    const expected = [{ template: `${dir}/train`, environments: { dev: [`${dir}/train.dev.runpod.env`], prod: [`${dir}/train.prod.runpod.env`] }, shared: [] }];
    expect(await cliListing(root, {}, undefined)).toEqual(expected);
    expect(await editorListing()).toEqual(expected);
  });

  it('the walk stops at its bound of directory entries and says so', async () => {
    const root = tree(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`d${i}/train.dev.runpod.env`, 'A=1\n'])));
    ws.folders = [{ uri: { scheme: 'file', path: root }, name: 'w', index: 0 }];
    ws.settings = new Map([[root, {}]]);
    const folder = (await import('vscode')).workspace.workspaceFolders![0]!;
    const bounded = await walkWorkspaceFolder(folder, 5);
    expect(bounded.truncated).toBe(true);
    expect(bounded.files.length).toBeLessThan(5);
    const whole = await walkWorkspaceFolder(folder);
    expect(whole).toMatchObject({ truncated: false });
    expect(whole.files).toHaveLength(12);
  });

  it('nested workspace folders: the inner folder\'s files are its own, compared once with its own runpod.environments', async () => {
    const outer = tree({
      'train.dev.runpod.env': 'A=1\n',
      'train.prod.runpod.env': 'A=1\n',
      'inner/cfg/prod.txt': 'A=1\n',
      'inner/cfg/dev.txt': 'A=1\n',
      'inner/svc.dev.runpod.env': 'A=1\n',
      'inner/svc.prod.runpod.env': 'A=1\n',
    });
    const inner = join(outer, 'inner');
    const declared = { prod: ['cfg/prod.txt'], dev: ['cfg/dev.txt'] };
    ws.folders = [
      { uri: { scheme: 'file', path: outer }, name: 'outer', index: 0 },
      { uri: { scheme: 'file', path: inner }, name: 'inner', index: 1 },
    ];
    ws.settings = new Map([
      [outer, {}],
      [inner, { environments: declared }],
    ]);
    const files = (await editorListing()).map((g) => [...Object.values(g.environments).flat(), ...g.shared]).flat().sort();
    // Each file once, under the folder that holds it most closely; the inner folder's declared pair counts.
    expect(files).toEqual(['inner/cfg/dev.txt', 'inner/cfg/prod.txt', 'inner/svc.dev.runpod.env', 'inner/svc.prod.runpod.env', 'outer/train.dev.runpod.env', 'outer/train.prod.runpod.env']);
  });

  it("a multi-root window groups each folder with its own runpod.environments, as the CLI in each folder", async () => {
    const files = { 'cfg/prod.txt': 'A=1\n', 'cfg/dev.txt': 'A=1\n', 'train.dev.runpod.env': 'A=1\n', 'train.prod.runpod.env': 'A=1\n' };
    const a = tree(files);
    const b = tree(files);
    const declared = { prod: ['cfg/prod.txt'], dev: ['cfg/dev.txt'] };
    ws.folders = [
      { uri: { scheme: 'file', path: a }, name: 'api', index: 0 },
      { uri: { scheme: 'file', path: b }, name: 'web', index: 1 },
    ];
    ws.settings = new Map([
      [a, { environments: declared }],
      [b, {}],
    ]);
    // The CLI's paths are relative to each folder; the editor's carry the folder's name (VS Code's
    // asRelativePath with several folders), and so do its labels ('api/train').
    const unlabelled = (l: Listing) => l.map(({ environments, shared }) => ({ environments, shared })).sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
    const editor = await editorListing();
    expect(unlabelled(editor)).toEqual(unlabelled([...(await cliListing(a, declared, undefined, 'api/')), ...(await cliListing(b, {}, undefined, 'web/'))]));
    // api's declared pair is compared; web's same files are no environment's (web declares none).
    expect(editor.map((g) => Object.values(g.environments).flat()).flat().sort()).toEqual(['api/cfg/dev.txt', 'api/cfg/prod.txt', 'api/train.dev.runpod.env', 'api/train.prod.runpod.env', 'web/train.dev.runpod.env', 'web/train.prod.runpod.env']);
  });
});

describe("Compare Environments' headings are runpod-check envs compare's", () => {
  /** Each template's heading: its title, then each environment's (and the shared) files, as `name: files`. */
  type Headings = string[][];

  /** The CLI's text: per template, `title  (dev: a, b; prod: c; shared: d)`. */
  async function cliHeadings(cwd: string, environments: Environments, prefix = ''): Promise<Headings> {
    const out: string[] = [];
    const io = { env: {}, cwd, stdout: (t: string) => out.push(t), stderr: () => undefined, stdinIsTTY: false } as unknown as Io;
    await envsCommand(['compare', ...Object.entries(environments).flatMap(([name, globs]) => globs.flatMap((g) => ['--environment', `${name}=${g}`]))], io);
    return [...out.join('').matchAll(/^(\S.*?) {2}\((.*)\)$/gm)].map(([, title, files]) => [
      title!,
      ...files!.split('; ').map((entry) => {
        const [name, paths] = [entry.slice(0, entry.indexOf(': ')), entry.slice(entry.indexOf(': ') + 2)];
        return `${name}: ${paths.split(', ').map((p) => prefix + p).join(', ')}`;
      }),
    ]);
  }

  /** The editor's document: per template, `## title` and its `Files:` list. */
  async function editorHeadings(): Promise<Headings> {
    const environments = await findEnvironments();
    const { sources } = await loadSources(environments, environments.groups);
    const comparisons = environments.folders.flatMap((f) => compareEnvironments(sources, f.declarations));
    const markdown = renderComparison(comparisons);
    return markdown.split(/^## /m).slice(1).map((section) => [
      // The title as read, without Markdown's escapes (`app \\(./\\)` reads `app (./)`).
      section.slice(0, section.indexOf('\n')).replace(/\\(.)/g, '$1'),
      ...[...section.matchAll(/^- \*\*(.+?)\*\*: (.*)$/gm)].map(([, name, files]) => `${name}: ${files}`),
    ]);
  }

  /** A window of one folder holding `files`, with `runpod.environments` set to `environments`; its root. */
  function openedOn(files: Record<string, string>, environments: Environments): string {
    const root = tree(files);
    ws.folders = [{ uri: { scheme: 'file', path: root }, name: 'w', index: 0 }];
    ws.settings = new Map([[root, { environments }]]);
    return root;
  }
  const deployGlobs = { dev: ['deploy/dev/*'], prod: ['deploy/prod/*'] };

  it('two files of one base name in different folders, a shared file, declared files', async () => {
    const environments = deployGlobs;
    const root = openedOn({
      'a/app.dev.runpod.env': 'A=1\n',
      'a/app.prod.runpod.env': 'A=1\n',
      'b/app.dev.runpod.env': 'A=1\n',
      'b/app.prod.runpod.env': 'A=1\n',
      'b/app.runpod.env': 'B=1\n',
      'deploy/dev/app.env': 'A=1\n',
      'deploy/prod/app.env': 'A=1\n',
    }, environments);
    const editor = await editorHeadings();
    expect(editor).toEqual([
      ['a/app', 'dev: a/app.dev.runpod.env', 'prod: a/app.prod.runpod.env'],
      ['app', 'dev: deploy/dev/app.env', 'prod: deploy/prod/app.env'],
      ['b/app', 'dev: b/app.dev.runpod.env', 'prod: b/app.prod.runpod.env', 'shared by all: b/app.runpod.env'],
    ]);
    expect(await cliHeadings(root, environments)).toEqual(editor);
  });

  it('two templates of one title are told apart by their first file\'s folder, in the document, the text and the JSON alike', async () => {
    const environments = deployGlobs;
    const root = openedOn({
      'app.dev.runpod.env': 'A=1\n',
      'app.prod.runpod.env': 'A=1\n',
      'deploy/dev/app.env': 'A=1\n',
      'deploy/prod/app.env': 'A=1\n',
      'x/.runpod/dev.env': 'A=1\n',
      'x/.runpod/prod.env': 'A=1\n',
      'x/runpod.dev.runpod.env': 'A=1\n',
      'x/runpod.prod.runpod.env': 'A=1\n',
    }, environments);
    const editor = await editorHeadings();
    expect(editor.map((h) => h[0]).sort()).toEqual(['app (./)', 'app (deploy/dev/)', 'x/runpod (x/)', 'x/runpod (x/.runpod/)']);
    expect(await cliHeadings(root, environments)).toEqual(editor);
    // `envs compare --json`: one entry per title, the same titles as `heading`; `template` stays the core's label.
    const out: string[] = [];
    const io = { env: {}, cwd: root, stdout: (t: string) => out.push(t), stderr: () => undefined, stdinIsTTY: false } as unknown as Io;
    await envsCommand(['compare', '--json', '--environment', 'dev=deploy/dev/*', '--environment', 'prod=deploy/prod/*'], io);
    const json = JSON.parse(out.join('')) as { template: string; heading: string }[];
    expect(json.map((c) => c.heading)).toEqual(editor.map((h) => h[0]));
    expect(json.map((c) => c.template)).toEqual(editor.map((h) => h[0].replace(/ \(.*\)$/, '')));
  });

  it('a .runpod folder, in a folder and opened itself', async () => {
    const root = tree({ 'svc/.runpod/dev.env': 'A=1\n', 'svc/.runpod/prod.env': 'A=1\n', 'svc/runpod.env': 'B=1\n' });
    ws.folders = [{ uri: { scheme: 'file', path: root }, name: 'w', index: 0 }];
    ws.settings = new Map([[root, {}]]);
    const editor = await editorHeadings();
    expect(editor).toEqual([['svc/runpod', 'dev: svc/.runpod/dev.env', 'prod: svc/.runpod/prod.env', 'shared by all: svc/runpod.env']]);
    expect(await cliHeadings(root, {})).toEqual(editor);
    // Opened at the `.runpod` folder: the editor's paths are the ones the globs see, the CLI shows each file as found.
    const runpod = join(root, 'svc/.runpod');
    ws.folders = [{ uri: { scheme: 'file', path: runpod }, name: '.runpod', index: 0 }];
    ws.settings = new Map([[runpod, {}]]);
    const opened = await editorHeadings();
    expect(opened).toEqual([['runpod', 'dev: .runpod/dev.env', 'prod: .runpod/prod.env']]);
    expect(await cliHeadings(runpod, {}, '.runpod/')).toEqual(opened);
  });
});

describe("the other environments a launch's checks count for its env file, as Problems judge it", () => {
  const fileUri = (path: string) => Uri.from({ scheme: 'file', path }) as never;
  /** withOwnFolders, whose listing no test here cancels. */
  const withOwnFoldersListed = async (...args: Parameters<typeof withOwnFolders>) => (await withOwnFolders(...args))!;
  /** As the flows judge it: the listing, then the file's own folder when it is outside every workspace folder. */
  const editorCount = async (envFile: string) => targetOfChoice(await withOwnFoldersListed(await findEnvironments(), [fileUri(envFile)]), undefined, fileUri(envFile), null)?.environments.slice().sort();
  /** The shared env files merged under `envFile` as the flows judge it, as paths. */
  const editorShared = async (envFile: string) => {
    const environments = await withOwnFoldersListed(await findEnvironments(), [fileUri(envFile)]);
    return environmentOfChoice(environments, undefined, fileUri(envFile))?.sharedEnvFiles?.map((f) => environments.uris.get(f)?.path);
  };
  const cliCount = (cwd: string, envFile: string) => inputEnvironment(cwd, [], { varsFile: envFile }).target?.environments.slice().sort();

  it("with several workspace folders, its own folder's environments only, as the CLI run in that folder counts them", async () => {
    const api = tree({ 'train.dev.runpod.env': 'A=1\n', 'train.prod.runpod.env': 'A=1\n' });
    const web = tree({ 'svc.staging.runpod.env': 'A=1\n', 'svc.qa.runpod.env': 'A=1\n' });
    ws.folders = [
      { uri: { scheme: 'file', path: api }, name: 'api', index: 0 },
      { uri: { scheme: 'file', path: web }, name: 'web', index: 1 },
    ];
    ws.settings = new Map();
    const envFile = join(api, 'train.prod.runpod.env');
    expect(await editorCount(envFile)).toEqual(['dev', 'prod']);
    expect(await editorCount(envFile)).toEqual(cliCount(api, envFile));
  });

  it("outside every workspace folder, its own folder's environments and shared env file, as the CLI's", async () => {
    const web = tree({ 'svc.staging.runpod.env': 'A=1\n', 'svc.qa.runpod.env': 'A=1\n' });
    const outside = tree({ 'train.dev.runpod.env': 'A=1\n', 'train.prod.runpod.env': 'A=1\n', 'train.runpod.env': 'B=1\n' });
    ws.folders = [{ uri: { scheme: 'file', path: web }, name: 'web', index: 0 }];
    ws.settings = new Map();
    const envFile = join(outside, 'train.prod.runpod.env');
    expect(await editorCount(envFile)).toEqual(['dev', 'prod']);
    expect(await editorCount(envFile)).toEqual(cliCount(web, envFile));
    // The env file merged under it: the same file.
    const environments = await withOwnFoldersListed(await findEnvironments(), [fileUri(envFile)]);
    const shared = environmentOfChoice(environments, undefined, fileUri(envFile))?.sharedEnvFiles?.map((f) => environments.uris.get(f)?.path);
    expect(shared).toEqual([join(outside, 'train.runpod.env')]);
    expect(shared).toEqual(inputEnvironment(web, [], { varsFile: envFile }).shared?.shared);
  });

  it("outside every workspace folder, a `.runpod/<env>.env` with its parent's shared `runpod.env`, as the CLI's", async () => {
    const web = tree({ 'svc.staging.runpod.env': 'A=1\n' });
    const outside = tree({ 'runpod.env': 'B=1\n', '.runpod/dev.env': 'A=1\n', '.runpod/prod.env': 'A=1\n' });
    ws.folders = [{ uri: { scheme: 'file', path: web }, name: 'web', index: 0 }];
    ws.settings = new Map();
    const envFile = join(outside, '.runpod/prod.env');
    expect(await editorCount(envFile)).toEqual(['dev', 'prod']);
    expect(await editorCount(envFile)).toEqual(cliCount(web, envFile));
    expect(await editorShared(envFile)).toEqual([join(outside, 'runpod.env')]);
    expect(await editorShared(envFile)).toEqual(inputEnvironment(web, [], { varsFile: envFile }).shared?.shared);
  });

  it('outside every workspace folder, called again with a file of an overlapping folder (a flow stepped back): each group once, the file still judged with its shared env file', async () => {
    const outside = tree({ 'runpod.env': 'B=1\n', '.runpod/dev.env': 'A=1\n', '.runpod/prod.env': 'A=1\n' });
    ws.folders = [{ uri: { scheme: 'file', path: tree({}) }, name: 'web', index: 0 }];
    ws.settings = new Map();
    const shared = fileUri(join(outside, 'runpod.env'));
    const envFile = fileUri(join(outside, '.runpod/prod.env'));
    const once = await withOwnFoldersListed(await findEnvironments(), [shared]);
    // The second file's own folder (`.runpod`) was listed by the first call, as one the convention groups with it.
    const twice = await withOwnFoldersListed(once, [envFile]);
    const groups = (e: typeof once) => e.groups.map((g) => g.environments.map((env) => `${env.name}: ${env.files.join(' ')}`).join('; '));
    expect(groups(twice)).toEqual(groups(once));
    expect(groups(twice)).toHaveLength(1);
    expect(targetOfChoice(twice, undefined, envFile, null)?.environments.slice().sort()).toEqual(['dev', 'prod']);
    expect(environmentOfChoice(twice, undefined, envFile)?.sharedEnvFiles?.map((f) => twice.uris.get(f)?.path)).toEqual([join(outside, 'runpod.env')]);
    // Two files of unrelated folders, one per call: both folders judged, each group once.
    const other = tree({ 'svc.dev.runpod.env': 'A=1\n', 'svc.prod.runpod.env': 'A=1\n' });
    const third = await withOwnFoldersListed(twice, [fileUri(join(other, 'svc.dev.runpod.env'))]);
    expect(groups(third)).toHaveLength(2);
    expect(new Set(groups(third)).size).toBe(2);
    expect(targetOfChoice(third, undefined, envFile, null)?.environments.slice().sort()).toEqual(['dev', 'prod']);
  });

  it('outside every workspace folder, a folder that cannot be listed, or lists past the bound, leaves the file judged alone', async () => {
    for (const kind of ['unreadable', 'huge'] as const) {
      const outside = tree({ 'train.dev.runpod.env': 'A=1\n', 'train.prod.runpod.env': 'A=1\n', 'train.runpod.env': 'B=1\n' });
      ws.folders = [{ uri: { scheme: 'file', path: tree({}) }, name: 'web', index: 0 }];
      ws.settings = new Map();
      ws.listings = new Map([[outside, kind]]);
      const envFile = join(outside, 'train.prod.runpod.env');
      expect(await editorCount(envFile), kind).toEqual(['prod']);
      expect(await editorShared(envFile), kind).toBeUndefined();
    }
    ws.listings = new Map();
  });

  it('outside every workspace folder, a link among its folder\'s entries is not taken as its shared env file', async () => {
    const elsewhere = tree({ 'secrets.env': 'B=1\n' });
    const outside = tree({ 'train.dev.runpod.env': 'A=1\n', 'train.prod.runpod.env': 'A=1\n' });
    symlinkSync(join(elsewhere, 'secrets.env'), join(outside, 'train.runpod.env'));
    ws.folders = [{ uri: { scheme: 'file', path: tree({}) }, name: 'web', index: 0 }];
    ws.settings = new Map();
    const envFile = join(outside, 'train.prod.runpod.env');
    expect(await editorCount(envFile)).toEqual(['dev', 'prod']);
    expect(await editorShared(envFile)).toBeUndefined();
  });

  it("outside every workspace folder, no workspace folder's environments", async () => {
    const web = tree({ 'svc.staging.runpod.env': 'A=1\n', 'svc.qa.runpod.env': 'A=1\n' });
    const outside = tree({ 'train.prod.runpod.env': 'A=1\n' });
    ws.folders = [{ uri: { scheme: 'file', path: web }, name: 'web', index: 0 }];
    ws.settings = new Map();
    const envFile = join(outside, 'train.prod.runpod.env');
    expect(await editorCount(envFile)).toEqual(['prod']);
    // The CLI run from the workspace folder walks the file's own folder (no repository's), as the editor lists it.
    expect(await editorCount(envFile)).toEqual(cliCount(web, envFile));
  });
});
