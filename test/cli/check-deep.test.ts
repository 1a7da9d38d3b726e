/**
 * `check` walks folders at most MAX_WALKED_DEPTH below the folder it walks (a folder named, else the
 * working directory), as the editor's index walks a workspace folder (server/src/index/walk.ts): below the bound it finds nothing the editor
 * would leave out, and the folder it did not list is named in the one "skipped … not read" note.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_WALKED_DEPTH } from '../../server/src/index/walk';
import { runIn } from './runInProcess';
import { workspace } from './helpers';

const FILE = 'A={{ RUNPOD_SECRET_hf }}\n';
/** A chain of `d` folders `depth` deep, as a path below the working directory. */
const chain = (depth: number): string => Array.from({ length: depth }, () => 'd').join('/');

describe(`check and folders more than ${MAX_WALKED_DEPTH} deep`, () => {
  it('reads the deepest folder listed, not the one below it, and names that one as not read', async () => {
    const ws = workspace({ 'names.txt': 'hf\n', [`${chain(MAX_WALKED_DEPTH)}/last.runpod.env`]: FILE, [`${chain(MAX_WALKED_DEPTH + 1)}/lost.runpod.env`]: FILE });
    const r = await runIn(ws, ['check', '--format', 'json', '--secrets-file', path.join(ws, 'names.txt')]);
    expect(r.stderr).toContain('1 file checked');
    expect(r.stdout).not.toContain('lost.runpod.env');
    // The path in a few words; the depth bound and its remedy follow once (see below).
    expect(r.stderr).toContain(`note: skipped 1 path, not read: ${chain(MAX_WALKED_DEPTH + 1)} (more than ${MAX_WALKED_DEPTH} levels deep)\n`);
  });

  it('names each deep path in a few words and says the depth bound and its remedy once, in every format', async () => {
    // Two generated trees: the remedy (a paragraph) once per run, not once per path.
    const a = `a/${chain(MAX_WALKED_DEPTH)}`;
    const b = `b/${chain(MAX_WALKED_DEPTH)}`;
    const ws = workspace({ 'names.txt': 'hf\n', [`${a}/lost.runpod.env`]: FILE, [`${b}/lost.runpod.env`]: FILE, 'ok.runpod.env': FILE });
    for (const format of ['text', 'json', 'sarif']) {
      const r = await runIn(ws, ['check', '--format', format, '--secrets-file', path.join(ws, 'names.txt')]);
      const lines = r.stderr.split('\n');
      const skippedLine = lines.find((l) => l.startsWith('note: skipped'));
      expect(skippedLine).toBe(`note: skipped 2 paths, not read: ${a} (more than ${MAX_WALKED_DEPTH} levels deep); ${b} (more than ${MAX_WALKED_DEPTH} levels deep)`);
      // The bound and the command line's remedy, on one line of their own, once.
      const said = lines.filter((l) => l.includes('Add generated folders to .gitignore'));
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(new RegExp(`^note: folders more than ${MAX_WALKED_DEPTH} levels deep: no file below that depth is read`));
      expect(said[0]).toContain('name a folder nearer');
      // The editor's advice is no advice on the command line: what chooses the files here is --files, not a setting.
      expect(r.stderr).not.toContain('open a smaller folder');
      expect(said[0]).toContain('runpod-check walks every folder .gitignore does not skip, whatever --files says');
      expect(r.stderr).not.toContain('runpod.files');
      expect(r.stderr).toContain('1 file checked');
    }
  });

  it('a named folder is its own walk root, as a workspace folder opened on it: depth counts from it', async () => {
    // `cd repo && runpod-check check sub`: the folder 64 below sub is read, as the editor opened on sub reads it.
    const ws = workspace({ 'names.txt': 'hf\n', [`sub/${chain(MAX_WALKED_DEPTH)}/last.runpod.env`]: FILE, [`sub/${chain(MAX_WALKED_DEPTH + 1)}/lost.runpod.env`]: FILE });
    const r = await runIn(ws, ['check', 'sub', '--format', 'json', '--secrets-file', path.join(ws, 'names.txt')]);
    expect(r.stderr).toContain('1 file checked');
    expect(r.stderr).toContain(`not read: sub/${chain(MAX_WALKED_DEPTH + 1)} (more than ${MAX_WALKED_DEPTH} levels deep)\n`);
  });

  it('a named folder deeper than the bound below the working directory is walked, its folders too: it is the root', async () => {
    const deep = chain(MAX_WALKED_DEPTH + 1);
    const ws = workspace({ 'names.txt': 'hf\n', [`${deep}/below/named.runpod.env`]: FILE });
    const r = await runIn(ws, ['check', deep, '--format', 'json', '--secrets-file', path.join(ws, 'names.txt')]);
    expect(r.stderr).toContain('1 file checked');
    expect(r.stderr).not.toContain('not read');
  });
});
