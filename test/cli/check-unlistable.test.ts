/**
 * A folder `check` cannot list (permissions) is not passed over in silence: a folder met while
 * walking is named in the one "skipped … not read" note, beside the files that could not be read;
 * a folder named on the command line that cannot be listed is a failure (exit 2) with the reason,
 * never "0 files checked" and a CI pass; so is a named file that cannot be read (mode 000). The
 * tests run as root, for whom every folder lists and every file opens, so the listing of a folder
 * named `locked` and the opening of a file named `locked.runpod.env` are made to fail as they do
 * for another user (EACCES).
 */
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:fs', async (real) => {
  const fs = await real<typeof import('node:fs')>();
  const denied = (what: string, file: string) => Object.assign(new Error(`EACCES: permission denied, ${what} '${file}'`), { code: 'EACCES' });
  const readdirSync = ((dir: string, options?: never) => {
    if (path.basename(String(dir)) === 'locked') throw denied('scandir', dir);
    return fs.readdirSync(dir, options);
  }) as typeof fs.readdirSync;
  const openSync = ((file: string, flags: import('node:fs').OpenMode, mode?: import('node:fs').Mode) => {
    if (path.basename(String(file)) === 'locked.runpod.env') throw denied('open', file);
    return fs.openSync(file, flags, mode);
  }) as typeof fs.openSync;
  return { ...fs, default: { ...fs, readdirSync, openSync }, readdirSync, openSync };
});

import { runIn } from './runInProcess';
import { workspace } from './helpers';

describe('check and folders it cannot list', () => {
  it('a folder met while walking is named in the skipped note, with the unreadable files\' reason words', async () => {
    const ws = workspace({ 'names.txt': 'hf\n', 'ok.runpod.env': 'A=1\n', 'locked/x.runpod.env': 'A={{ RUNPOD_SECRET_ }}\n' });
    const r = await runIn(ws, ['check', '--secrets-file', path.join(ws, 'names.txt')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: skipped 1 path, not read: locked (a folder that cannot be listed (EACCES: permissions, or an error of the file system))');
    expect(r.stderr).toContain('1 file checked');
  });

  it('a folder named on the command line that cannot be listed exits 2 with the reason, not "0 files checked"', async () => {
    const ws = workspace({ 'names.txt': 'hf\n', 'locked/x.runpod.env': 'A=1\n' });
    const r = await runIn(ws, ['check', 'locked', '--secrets-file', path.join(ws, 'names.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['runpod-check: locked: a folder that cannot be listed (EACCES: permissions, or an error of the file system)']);
    expect(r.stdout).toBe('');
  });

  it('secrets usage names it too: its count may lack the folder\'s references', async () => {
    const ws = workspace({ 'a.runpod.env': 'A={{ RUNPOD_SECRET_hf }}\n', 'sub/locked/x.runpod.env': 'A={{ RUNPOD_SECRET_hf }}\n' });
    const r = await runIn(ws, ['secrets', 'usage', 'hf']);
    expect(r.stderr).toContain('note: skipped 1 path, not read: sub/locked (a folder that cannot be listed (EACCES: ');
  });
});

describe('check and a named file it cannot read', () => {
  it('exits 2 with the reason, not "0 files checked"', async () => {
    const ws = workspace({ 'names.txt': 'hf\n', 'sub/locked.runpod.env': 'A=1\n' });
    const r = await runIn(ws, ['check', 'sub/locked.runpod.env', '--secrets-file', path.join(ws, 'names.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['runpod-check: sub/locked.runpod.env: cannot read (EACCES: permissions, or an error of the file system)']);
    expect(r.stdout).toBe('');
  });

  it('the same file met while walking is named in the skipped note, and the rest is checked', async () => {
    const ws = workspace({ 'names.txt': 'hf\n', 'ok.runpod.env': 'A=1\n', 'sub/locked.runpod.env': 'A=1\n' });
    const r = await runIn(ws, ['check', '--secrets-file', path.join(ws, 'names.txt')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: skipped 1 path, not read: sub/locked.runpod.env (cannot read (');
    expect(r.stderr).toContain('1 file checked');
  });
});
