/**
 * `check` walks a folder by the editor's workspace index rules (server/src/index/walk.ts): folders a
 * `.gitignore` ignores are skipped, a deeper `.gitignore` can take a folder back with `!`, and the
 * working directory stands for the workspace folder. What the user names is checked even when
 * ignored. A differential test walks generated trees with the index's walkFolder and the CLI's
 * discovery and asserts the same files.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { discoverFiles } from '../../client/src/cli/check/discover';
import { FolderRules, walkFolder } from '../../server/src/index/walk';
import { DEFAULT_FILE_GLOBS, diskFileKind } from '../../server/src/template/fileKinds';
import { Indexer } from '../../server/src/index/indexer';
import { IndexStore } from '../../server/src/index/store';
import { fileUri } from '../../server/src/index/uris';
import { DEFAULT_SETTINGS, inFolder } from '../../server/src/lsp/settings';
import { buildOnce, runCli, workspace } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

const TYPO = 'A={{ RUNPOD_SECRET_hf-tokn }}\n';
const FILES = {
  'names.txt': 'hf-token\n',
  'src/app.runpod.env': 'A={{ RUNPOD_SECRET_hf-token }}\n',
  'build/gen.runpod.env': TYPO,
  // Ignored at the top, taken back by svc's own .gitignore (the deeper file wins, as in git).
  'generated/x.runpod.env': TYPO,
  'svc/.gitignore': '!generated/\n',
  'svc/generated/y.runpod.env': TYPO,
};

/** The files `check --format json` reports findings in. */
async function reported(cwd: string, ...args: string[]): Promise<string[]> {
  const r = await runCli(['check', '--format', 'json', '--secrets-file', path.join(cwd, 'names.txt'), ...args], { cwd });
  expect(r.stderr).not.toMatch(/runpod-check:/); // no error, whatever was reported
  return [...new Set((JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file))];
}

let ignored: string;
let plain: string;
let outside: string;

beforeAll(() => {
  buildOnce();
  outside = workspace({ 'ext.runpod.env': TYPO });
  ignored = workspace({ ...FILES, '.gitignore': '# build output\nbuild/\ngenerated/\next\n' });
  plain = workspace(FILES);
  for (const ws of [ignored, plain]) fs.symlinkSync(outside, path.join(ws, 'ext'));
});

describe('check skips what the editor skips', () => {
  it('a .gitignored folder with a typo is not reported; the same folder not ignored is', async () => {
    expect(await reported(ignored)).toEqual(['svc/generated/y.runpod.env']);
    expect(await reported(plain)).toEqual(['build/gen.runpod.env', 'generated/x.runpod.env', 'svc/generated/y.runpod.env']);
  });

  it('a link to a folder outside that is ignored is not named in the skipped note', async () => {
    const r = await runCli(['check'], { cwd: ignored });
    expect(r.stderr).not.toContain('note: skipped');
    const notIgnored = await runCli(['check'], { cwd: plain });
    expect(notIgnored.stderr).toContain('note: skipped 1 path, not read: ext (a symbolic link to outside the checked folder (a folder))');
  });

  it('a folder or file named on the command line is checked even when ignored (like git add -f)', async () => {
    expect(await reported(ignored, 'build')).toEqual(['build/gen.runpod.env']);
    expect(await reported(ignored, 'generated/x.runpod.env')).toEqual(['generated/x.runpod.env']);
  });

  it('a subfolder named is walked with the .gitignore files above it, from the working directory down', async () => {
    // The top-level generated/ rule reaches svc/generated, and svc/.gitignore takes it back.
    expect(await reported(ignored, 'svc')).toEqual(['svc/generated/y.runpod.env']);
    fs.mkdirSync(path.join(ignored, 'deploy/generated'), { recursive: true });
    fs.writeFileSync(path.join(ignored, 'deploy/generated/z.runpod.env'), TYPO);
    fs.writeFileSync(path.join(ignored, 'deploy/prod.runpod.env'), TYPO);
    expect(await reported(ignored, 'deploy')).toEqual(['deploy/prod.runpod.env']);
  });
});

describe('check run inside a .runpod folder', () => {
  it('takes its hub.json and tests.json by the default globs, as the editor does for a folder opened there', async () => {
    const hub = '{ "config": { "env": [{ "key": "HF", "value": "{{ RUNPOD_SECRET_hf-tokn }}" }] } }\n';
    const ws = workspace({ 'my-hub/.runpod/names.txt': 'hf-token\n', 'my-hub/.runpod/hub.json': hub, 'my-hub/.runpod/tests.json': hub, 'my-hub/.runpod/dev.env': TYPO, 'my-hub/hub.json': hub });
    expect(await reported(path.join(ws, 'my-hub/.runpod'))).toEqual(['dev.env', 'hub.json', 'tests.json']);
    // The same files from the template's folder, by the same rule.
    const r = await runCli(['check', '--format', 'json', '--secrets-file', '.runpod/names.txt'], { cwd: path.join(ws, 'my-hub') });
    expect([...new Set((JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file))]).toEqual(['.runpod/dev.env', '.runpod/hub.json', '.runpod/tests.json']);
  });
});

/** A small deterministic random source (mulberry32), so a failing tree can be made again from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FOLDER_NAMES = ['build', 'dist', 'keep', 'src', 'node_modules', '.git', 'deploy', 'cache', 'a', 'b', '.runpod', 'out', 'generated'];
const FILE_NAMES = ['runpod.env', 'x.runpod.env', '.env', 'app.env', 'pod.runpod.json', 'runpod.toml', 'notes.txt', 'hub.json', 'tests.json', 'b', 'keep'];
const PATTERNS = [
  'build/', 'dist', '/cache', '!keep', 'a/**', '!a/b', 'out/', '!out/', 'deploy/*/', '!deploy/keep/', '**/b', 'src/*', '!src/keep',
  '[ab]', '# comment', '\\!keep', 'keep/', 'node_modules', '!node_modules', '.runpod', '!.runpod/', 'generated/', '!generated', '*', '!*/', 'b/', '/a/b',
];

/** Where a planted symbolic link leads: a file or a folder inside the tree, outside it, nowhere, itself. */
const LINK_TARGETS = ['file', 'folder', 'outside', 'outsideFolder', 'missing', 'loop'] as const;

/** A file and a folder outside every tree, for links to lead out to. */
const OUTSIDE = fs.mkdtempSync(path.join(os.tmpdir(), 'runpod-cli-walk-outside-'));
fs.writeFileSync(path.join(OUTSIDE, 'x.runpod.env'), 'A=1\n');
afterAll(() => fs.rmSync(OUTSIDE, { recursive: true, force: true }));

/** Whether `p` exists, as a link too (existsSync follows links, and a broken one is no file). */
function present(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a random tree below `dir`: folders, RunPod and other files, `.gitignore` files of random
 * patterns, and symbolic links with RunPod file names (and folder names) to files and folders
 * inside the tree, outside it, to nowhere and to themselves: neither walk follows a link.
 */
function plant(dir: string, next: () => number, depth: number, folders: string[]): void {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  fs.mkdirSync(dir, { recursive: true });
  folders.push(dir);
  for (let i = Math.floor(next() * 3); i > 0; i--) {
    const name = pick(FILE_NAMES);
    if (!present(path.join(dir, name))) fs.writeFileSync(path.join(dir, name), 'A=1\n');
  }
  if (next() < 0.5) {
    const name = next() < 0.7 ? `link.${pick(FILE_NAMES)}.runpod.env` : pick([...FILE_NAMES, ...FOLDER_NAMES]);
    const target = { file: folders[0]!, folder: folders[0]!, outside: path.join(OUTSIDE, 'x.runpod.env'), outsideFolder: OUTSIDE, missing: path.join(dir, 'missing'), loop: name }[pick(LINK_TARGETS)];
    // A file inside: one planted already (or the tree's top folder when none is yet).
    const inside = target === folders[0] ? fs.readdirSync(dir).map((n) => path.join(dir, n)).find((p) => fs.lstatSync(p).isFile()) ?? target : target;
    if (!present(path.join(dir, name))) fs.symlinkSync(inside, path.join(dir, name));
  }
  if (next() < 0.4) fs.writeFileSync(path.join(dir, '.gitignore'), Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(PATTERNS)).join('\n') + '\n');
  if (depth >= 4) return;
  for (let i = Math.floor(next() * 4); i > 0; i--) {
    const name = pick(FOLDER_NAMES);
    if (!present(path.join(dir, name))) plant(path.join(dir, name), next, depth + 1, folders);
  }
}

describe('the same files as the index walk (differential, generated trees with links)', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
  });

  it('over 40 generated trees with nested .gitignore files, negations and symbolic links, walked from the top and from each walked folder', async () => {
    let ignoredSomewhere = 0;
    let links = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runpod-cli-walk-'));
      roots.push(root);
      const folders: string[] = [];
      plant(root, random(seed), 0, folders);

      const rules = new FolderRules(root);
      const kindOf = (file: string) => diskFileKind(file, DEFAULT_FILE_GLOBS);
      const index = (await walkFolder(rules, kindOf, 1_000_000, async () => undefined)).files.sort();
      const cli = discoverFiles(['.'], root, undefined, { dotenv: true });
      expect(cli.files.map((f) => f.absolute).sort(), `seed ${seed}`).toEqual(index);
      // What the CLI notes as skipped is links (and only ones the walk reached), never a file it found.
      for (const skip of cli.skipped) expect(fs.lstatSync(path.join(root, skip.display)).isSymbolicLink(), `seed ${seed}, ${skip.display}`).toBe(true);
      links += folders.flatMap((d) => fs.readdirSync(d).map((n) => path.join(d, n))).filter((f) => fs.lstatSync(f).isSymbolicLink() && !rules.excludes(f)).length;

      // Every RunPod file on disk that the walk left out: the trees do exercise the ignore rules.
      const onDisk = folders.flatMap((d) => fs.readdirSync(d).map((n) => path.join(d, n))).filter((f) => fs.lstatSync(f).isFile() && kindOf(f) !== undefined);
      if (onDisk.length > index.length) ignoredSomewhere++;

      // A folder the editor walks, named from the top: the files the editor finds below it.
      for (const folder of folders.slice(1).filter((d) => !rules.excludes(`${d}/x`))) {
        const below = discoverFiles([path.relative(root, folder)], root, undefined, { dotenv: true });
        expect(below.files.map((f) => f.absolute).sort(), `seed ${seed}, ${path.relative(root, folder)}`).toEqual(index.filter((f) => f.startsWith(`${folder}/`)));
      }
    }
    expect(ignoredSomewhere).toBeGreaterThan(10);
    // The trees do hold links the walks reach.
    expect(links).toBeGreaterThan(20);
  });
});

describe('the same kinds as the index under workspace-relative runpod.files globs (differential, generated trees)', () => {
  // The tree's top folder is named like the globs' first segment: matched against the whole path,
  // `deploy/*.json` took the JSON files at the top, where both now match the path below the folder
  // (the working directory for the CLI, the workspace folder for the index).
  const GLOBS = ['deploy/*.json', 'a/**', '**/.runpod/hub.json', 'deploy/runpod.toml'];
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) fs.rmSync(path.dirname(root), { recursive: true, force: true });
  });

  it('over 20 generated trees, the CLI walk and the server\'s index find the same files as the same kinds', async () => {
    let wholePathDiffers = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const root = path.join(fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'runpod-cli-kinds-'))), 'deploy');
      roots.push(root);
      const folders: string[] = [];
      plant(root, random(seed), 0, folders);

      const store = new IndexStore();
      const settings = inFolder({ ...DEFAULT_SETTINGS, files: GLOBS }, fileUri(root));
      const indexer = new Indexer({ store, folderSettings: () => Promise.resolve(settings), openFacts: () => Promise.resolve(undefined), changed: () => undefined, warn: () => undefined });
      await indexer.setFolders([fileUri(root)]);
      const index = [...store.all()].map((e) => [e.path, e.kind]).sort();
      indexer.dispose();
      const cli = discoverFiles(['.'], root, GLOBS, { dotenv: true });
      expect(cli.files.map((f) => [f.absolute, f.kind]).sort(), `seed ${seed}`).toEqual(index);

      const files = folders.flatMap((d) => fs.readdirSync(d).map((n) => path.join(d, n))).filter((f) => fs.lstatSync(f).isFile());
      if (files.some((f) => diskFileKind(f, GLOBS) !== diskFileKind(f, GLOBS, root))) wholePathDiffers++;
    }
    // The trees hold files the whole path would classify otherwise: the rule is exercised.
    expect(wholePathDiffers).toBeGreaterThan(5);
  });
});
