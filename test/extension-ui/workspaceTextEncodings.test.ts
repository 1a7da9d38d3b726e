/**
 * The extension's own read of a workspace file (Launch Pod, Deploy, Compare Environments, Find
 * Usages), on real files: decoded as the editor and the language server do (fileText.ts), so a
 * UTF-16 template with a byte order mark is its text, not NUL-strewn garbage the launch would
 * refuse as invalid; and bounded through one opened handle, so a FIFO nobody writes to cannot hang
 * it and a file that grows after its size was looked at is not read past the limit.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

/**
 * The reader's file handles, seen through `fs.promises.open`: `growAfterStat` grows a file by its text
 * right after the handle's stat (between the reader's look at the size and its read); `denied`
 * paths fail to open as a file the user may not read (EACCES: the tests run as root, where
 * permissions deny nothing); `reads` counts the reads made through a handle, by path.
 */
const handles = vi.hoisted(() => ({
  growAfterStat: { path: undefined as string | undefined, by: '' },
  denied: new Set<string>(),
  reads: new Map<string, number>(),
}));
const growAfterStat = handles.growAfterStat;

vi.mock('vscode', async () => await import('./vscodeFake'));
vi.mock('node:fs', async (real) => {
  const actual = await real<typeof import('node:fs')>();
  const open = async (file: string, ...rest: unknown[]) => {
    if (handles.denied.has(file)) throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES' });
    const handle = await (actual.promises.open as (...args: unknown[]) => Promise<fs.promises.FileHandle>)(file, ...rest);
    return new Proxy(handle, {
      get(target, key) {
        if (key === 'stat')
          return async () => {
            const stat = await target.stat();
            if (handles.growAfterStat.path === file) actual.appendFileSync(file, handles.growAfterStat.by);
            return stat;
          };
        if (key === 'read')
          return (...args: unknown[]) => {
            handles.reads.set(file, (handles.reads.get(file) ?? 0) + 1);
            return (target.read as (...a: unknown[]) => unknown)(...args);
          };
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  // The command line's reader (readRegularFile, the same rules without the event loop): its fstat.
  const fstatSync = ((fd: number, ...rest: unknown[]) => {
    const stat = (actual.fstatSync as (...args: unknown[]) => fs.Stats)(fd, ...rest);
    if (handles.growAfterStat.path) actual.appendFileSync(handles.growAfterStat.path, handles.growAfterStat.by);
    return stat;
  }) as typeof actual.fstatSync;
  const promises = { ...actual.promises, open };
  return { ...actual, default: { ...actual, promises, fstatSync }, promises, fstatSync };
});

import { readWorkspaceText } from '../../client/src/workspaceText';
import { readRegularFile } from '../../client/src/cli/fileRead';
import { Uri } from './vscodeFake';

const TEXT = '{ "env": { "A": "{{ RUNPOD_SECRET_hf }}", "B": "é😀" } }\n';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workspace-text-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const uriOf = (name: string) => Uri.from({ scheme: 'file', path: path.join(dir, name) }) as never;

describe('readWorkspaceText', () => {
  it.each([
    ['UTF-8 with a BOM', Buffer.from(`\ufeff${TEXT}`)],
    ['UTF-16LE', Buffer.from(`\ufeff${TEXT}`, 'utf16le')],
    ['UTF-16BE', Buffer.from(`\ufeff${TEXT}`, 'utf16le').swap16()],
  ])('a %s file reads as its text, without the mark', async (name, bytes) => {
    fs.writeFileSync(path.join(dir, `${name}.runpod.json`), bytes);
    expect(await readWorkspaceText(uriOf(`${name}.runpod.json`))).toEqual({ ok: true, text: TEXT });
  });

  it('a FIFO nobody writes to is refused at once, unread', async () => {
    execFileSync('mkfifo', [path.join(dir, 'pipe.runpod.json')]);
    expect(await readWorkspaceText(uriOf('pipe.runpod.json'))).toEqual({ ok: false, problem: 'not a regular file (a folder, a device, a pipe or a link to one)' });
    expect(handles.reads.get(path.join(dir, 'pipe.runpod.json'))).toBeUndefined();
  });

  it('a link to /dev/zero is refused before a byte is read (its opened handle is a device)', async () => {
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.runpod.json'));
    expect(await readWorkspaceText(uriOf('zero.runpod.json'))).toEqual({ ok: false, problem: 'not a regular file (a folder, a device, a pipe or a link to one)' });
    expect(handles.reads.get(path.join(dir, 'zero.runpod.json'))).toBeUndefined();
  });

  it('a file the user may not read is refused in the words a remote file system uses (NoPermissions)', async () => {
    const file = path.join(dir, 'secret.runpod.env');
    fs.writeFileSync(file, 'A=1\n');
    handles.denied.add(file);
    expect(await readWorkspaceText(uriOf('secret.runpod.env'))).toEqual({ ok: false, problem: 'unreadable (NoPermissions)' });
  });

  it('a read gives the event loop its turn: work queued before it (setImmediate) runs before it ends, and again between two reads', async () => {
    fs.writeFileSync(path.join(dir, 'one.runpod.env'), 'A=1\n');
    fs.writeFileSync(path.join(dir, 'two.runpod.env'), 'B=2\n');
    let ticks = 0;
    const tick = () => ticks++;
    setImmediate(tick);
    expect(await readWorkspaceText(uriOf('one.runpod.env'))).toEqual({ ok: true, text: 'A=1\n' });
    expect(ticks).toBe(1);
    setImmediate(tick);
    expect(await readWorkspaceText(uriOf('two.runpod.env'))).toEqual({ ok: true, text: 'B=2\n' });
    expect(ticks).toBe(2);
  });

  it('a folder, a missing file and one past the limit are refused, saying why', async () => {
    fs.mkdirSync(path.join(dir, 'folder.runpod.json'));
    fs.writeFileSync(path.join(dir, 'big.runpod.json'), 'x'.repeat(11));
    expect(await readWorkspaceText(uriOf('folder.runpod.json'))).toEqual({ ok: false, problem: 'not a regular file (a folder, a device, a pipe or a link to one)' });
    expect(await readWorkspaceText(uriOf('gone.runpod.json'))).toEqual({ ok: false, problem: 'unreadable (FileNotFound)' });
    expect(await readWorkspaceText(uriOf('big.runpod.json'), 10)).toEqual({ ok: false, problem: 'larger than 10 bytes', tooLarge: true });
    expect(await readWorkspaceText(uriOf('big.runpod.json'), 11)).toEqual({ ok: true, text: 'x'.repeat(11) });
  });

  it('a file that grows past the limit after its size was looked at is refused, not read past the limit', async () => {
    const file = path.join(dir, 'grows.runpod.json');
    fs.writeFileSync(file, 'A=1\n');
    growAfterStat.path = file;
    growAfterStat.by = 'B=2\n'.repeat(10);
    try {
      expect(await readWorkspaceText(uriOf('grows.runpod.json'), 10)).toEqual({ ok: false, problem: 'larger than 10 bytes', tooLarge: true });
      fs.writeFileSync(file, 'A=1\n');
      // The command line's reader, by the same rules.
      expect(readRegularFile(file, 10)).toEqual({ ok: false, refusal: 'too-large' });
    } finally {
      growAfterStat.path = undefined;
    }
  });
});
