/**
 * A file named on the command line that cannot be read (mode 000 for another user) is a failure
 * (exit 2) with the reason, as a named folder that cannot be listed is: never "0 files checked" and
 * a CI pass. The tests run as root, who reads every file, so opening a file named `locked.runpod.env`
 * is made to fail as it does for another user (EACCES).
 */
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:fs', async (real) => {
  const fs = await real<typeof import('node:fs')>();
  const openSync = ((file: string, flags: import('node:fs').OpenMode, mode?: import('node:fs').Mode) => {
    if (path.basename(String(file)) === 'locked.runpod.env') throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES' });
    return fs.openSync(file, flags, mode);
  }) as typeof fs.openSync;
  return { ...fs, default: { ...fs, openSync }, openSync };
});

import { run } from '../../client/src/cli/run';
import type { Io } from '../../client/src/cli/io';
import { workspace } from './helpers';

async function runIn(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    env: {},
    cwd,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdinIsTTY: false,
    readStdin: () => Promise.reject(new Error('not used')),
    prompt: () => Promise.reject(new Error('not used')),
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

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
