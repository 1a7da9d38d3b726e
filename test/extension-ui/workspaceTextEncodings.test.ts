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

/** A file to grow by this text right after the reader's fstat of it (between its look at the size and its read). */
const growAfterStat = vi.hoisted(() => ({ path: undefined as string | undefined, by: '' }));

vi.mock('vscode', async () => await import('./vscodeFake'));
vi.mock('node:fs', async (real) => {
  const actual = await real<typeof import('node:fs')>();
  const fstatSync = ((fd: number, ...rest: unknown[]) => {
    const stat = (actual.fstatSync as (...args: unknown[]) => fs.Stats)(fd, ...rest);
    if (growAfterStat.path) actual.appendFileSync(growAfterStat.path, growAfterStat.by);
    return stat;
  }) as typeof actual.fstatSync;
  return { ...actual, default: { ...actual, fstatSync }, fstatSync };
});

import { readWorkspaceText } from '../../client/src/workspaceText';
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
    } finally {
      growAfterStat.path = undefined;
    }
  });
});
