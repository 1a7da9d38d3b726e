/**
 * What `check` reads: a repository controls its symbolic links and file types, so a link out of
 * the checked folder (`runpod.env -> ~/.git-credentials`), a linked folder, a link loop, a FIFO and
 * a device are skipped, said so in one note, and never read or quoted; a walk follows no link at all
 * (as the editor's index), a link inside the folder is read only when named; a file past the analysis
 * limit is read only up to it and gets the editor's one `file-too-large` finding.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { findLeak } from '../hostile/leaks';
import { buildOnce, runCli, workspace } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

const TOKEN = 'ghp_Lk2Vq9Xw7Rt4Yp1Mn8Bz3Hc6Jd5Fs0Ga2Ue';
const PASSWORD = 'Qm4Tz8Wx2Ln6Rv';
let ws: string;
let outside: string;

beforeAll(() => {
  buildOnce();
  outside = workspace({
    '.git-credentials': `https://alice:${TOKEN}@github.com\n`,
    'linked/x.runpod.env': `DB=postgres://app:${PASSWORD}@db/prod\n${PASSWORD}\n`,
  });
  ws = workspace({
    'ok.runpod.env': 'A={{ RUNPOD_SECRET_ }}\n',
    'real/target.txt': 'B={{ RUNPOD_SECRET_ }}\n',
  });
  const link = (target: string, name: string): void => fs.symlinkSync(target, path.join(ws, name));
  link(path.join(outside, '.git-credentials'), 'runpod.env');
  link(path.join(outside, '.git-credentials'), 'unrelated.txt'); // not a RunPod name: ignored silently
  link(path.join(outside, 'linked'), 'linked');
  link('loop.runpod.env', 'loop.runpod.env');
  link('.', 'again');
  link('/dev/zero', 'zero.runpod.env');
  link('real/target.txt', 'inside.runpod.env'); // inside the root: not followed by the walk, read when named
  execFileSync('mkfifo', [path.join(ws, 'fifo.runpod.env')]);
  // Sparse: 17 MiB on paper, nothing on disk; read up to the 16 MiB limit and no further.
  fs.writeFileSync(path.join(ws, 'big.runpod.env'), '');
  fs.truncateSync(path.join(ws, 'big.runpod.env'), 17 * 1024 * 1024);
});

describe('check reads only regular files inside the folder it checks', () => {
  it.each(['text', 'json', 'sarif'])('%s: links out, loops, FIFOs and devices are skipped in one note, never read; a big file is checked up to the limit', async (format) => {
    const r = await runCli(['check', '--format', format], { cwd: ws, timeoutMs: 30_000 });
    expect(r.code).toBe(1);
    expect(findLeak(r.stdout + r.stderr, [TOKEN, PASSWORD])).toBeUndefined();
    expect(r.stdout).not.toContain('.git-credentials');
    const notes = r.stderr.split('\n').filter((l) => l.startsWith('note: skipped'));
    expect(notes).toHaveLength(1);
    const note = notes[0]!;
    expect(note).toMatch(/^note: skipped 6 paths, not read: /);
    expect(note).not.toContain('big.runpod.env');
    expect(note).toContain('fifo.runpod.env (not a regular file');
    expect(note).toContain('linked (a symbolic link to outside the checked folder (a folder))');
    expect(note).toContain('loop.runpod.env (a symbolic link that leads nowhere');
    expect(note).toContain('runpod.env (a symbolic link to outside the checked folder)');
    expect(note).toContain('zero.runpod.env (a symbolic link to outside');
    expect(note).toContain('inside.runpod.env (a symbolic link, not followed while walking, as in the editor; name it to check it)');
    expect(note).not.toContain('unrelated');
    // The two files inside, not the link into the tree; the big one says where checking stopped
    // (no line break within the limit: at its start).
    expect(r.stderr).toContain('2 files checked');
    if (format === 'text') {
      expect(r.stdout).not.toMatch(/^inside\.runpod\.env/m);
      expect(r.stdout).toMatch(/^big\.runpod\.env:1:1: warning file-too-large Not checked from here on: this file holds 17 MiB/m);
    }
  });

  it('a named link to a file inside the working directory is checked, under the name given', async () => {
    const r = await runCli(['check', 'inside.runpod.env'], { cwd: ws });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^inside\.runpod\.env:1:3: error malformed-reference/m);
  });

  it('a named link out of the working directory is an error that names the link, not its target or content', async () => {
    const r = await runCli(['check', 'runpod.env'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('runpod-check: runpod.env: a symbolic link to outside the checked folder, not read');
    expect(findLeak(r.stdout + r.stderr, [TOKEN])).toBeUndefined();
  });

  it('a named FIFO or device is refused, not opened for reading (no hang)', async () => {
    const fifo = await runCli(['check', 'fifo.runpod.env'], { cwd: ws });
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toMatch(/fifo\.runpod\.env: not a regular file/);
    const dev = await runCli(['check', '/dev/zero'], { cwd: ws });
    expect(dev.code).toBe(2);
    expect(dev.stderr).toMatch(/not a regular file/);
  });

  it('a named file outside the working directory is fine when it is no link', async () => {
    const r = await runCli(['check', path.join(outside, 'linked', 'x.runpod.env')], { cwd: ws });
    expect(r.code).toBe(1); // missing-equals on the password line, not quoted
    expect(r.stdout).toMatch(/x\.runpod\.env:2:1: error missing-equals/);
    expect(findLeak(r.stdout + r.stderr, [PASSWORD])).toBeUndefined();
  });

  it.each(['text', 'json', 'sarif'])('%s: several paths named, each one that cannot be taken gets its line on stderr and the others are still checked (exit 2: not all was checked)', async (format) => {
    const named = ['fifo.runpod.env', 'loop.runpod.env', 'runpod.env', 'gone\nname.runpod.env', 'zero.runpod.env', 'ok.runpod.env', 'inside.runpod.env'];
    const r = await runCli(['check', '--format', format, ...named], { cwd: ws, timeoutMs: 30_000 });
    expect(r.code).toBe(2);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('runpod-check: '));
    expect(errors).toEqual([
      'runpod-check: fifo.runpod.env: not a regular file (a device, a pipe or a socket)',
      'runpod-check: loop.runpod.env: a symbolic link that leads nowhere (missing target or a loop)',
      'runpod-check: runpod.env: a symbolic link to outside the checked folder, not read',
      'runpod-check: gone\\u000aname.runpod.env: no such file or folder',
      'runpod-check: zero.runpod.env: a symbolic link to outside the checked folder, not read',
    ]);
    expect(r.stderr).toMatch(/^2 files checked: 2 errors/m);
    expect(r.stdout).toContain('ok.runpod.env');
    expect(r.stdout).toContain('inside.runpod.env');
    if (format !== 'text') expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
    if (format === 'sarif') {
      // The file says itself that it is not the whole, for whoever reads it without the exit code.
      const invocation = (JSON.parse(r.stdout) as { runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { message: { text: string } }[] }[] }[] }).runs[0]!.invocations[0]!;
      expect(invocation.executionSuccessful).toBe(false);
      expect(invocation.toolExecutionNotifications!.map((n) => n.message.text)).toEqual(errors.map((line) => `A path named was not read: ${line.slice('runpod-check: '.length)}`));
    }
    expect(findLeak(r.stdout + r.stderr, [TOKEN, PASSWORD])).toBeUndefined();
  });

  it('every path named cannot be taken: one line each, nothing checked, exit 2', async () => {
    const r = await runCli(['check', 'fifo.runpod.env', 'nope.runpod.env'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('runpod-check: fifo.runpod.env: not a regular file (a device, a pipe or a socket)\nrunpod-check: nope.runpod.env: no such file or folder\n');
  });

  it('secrets usage and envs compare, as check: a path named that cannot be taken is its line, the others are still read (exit 2)', async () => {
    const dir = workspace({ 'usage.runpod.env': 'U={{ RUNPOD_SECRET_x }}\n', 'envs/t.dev.runpod.env': 'ONLY_DEV=1\n', 'envs/t.prod.runpod.env': 'OTHER=1\n' });
    execFileSync('mkfifo', [path.join(dir, 'fifo.runpod.env')]);
    const usage = await runCli(['secrets', 'usage', 'x', 'nope.runpod.env', 'fifo.runpod.env', 'usage.runpod.env'], { cwd: dir });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('runpod-check: nope.runpod.env: no such file or folder\n');
    expect(usage.stderr).toContain('runpod-check: fifo.runpod.env: not a regular file (a device, a pipe or a socket)\n');
    expect(usage.stdout).toMatch(/usage\.runpod\.env:1:/);
    const compare = await runCli(['envs', 'compare', 'nope.runpod.env', 'envs'], { cwd: dir });
    expect(compare.code).toBe(2);
    expect(compare.stderr).toContain('runpod-check: nope.runpod.env: no such file or folder\n');
    expect(compare.stdout).toContain('ONLY_DEV');
  });

  it('--secrets-file refuses a device and a FIFO instead of reading forever', async () => {
    const r = await runCli(['check', 'ok.runpod.env', '--secrets-file', '/dev/zero'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--secrets-file \/dev\/zero: not a regular file/);
    const f = await runCli(['check', 'ok.runpod.env', '--secrets-file', 'fifo.runpod.env'], { cwd: ws });
    expect(f.code).toBe(2);
  });
});
