/**
 * The index's reader (sync, and async for the extension host: one set of rules) says whether it cut a file, and the analysis length follows that flag:
 * the file's size (bytes) only for a cut read, the text's own length otherwise (a non-ASCII file
 * has more bytes than UTF-16 units, and its size would claim a cut that never happened).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readIndexedFile, readIndexedFileAsync, wholeLengthOf, type IndexedRead } from '../../server/src/index/readFile';

const dir = mkdtempSync(join(tmpdir(), 'runpod-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

describe('readIndexedFile', () => {
  it('reads a file within the limit whole: not cut, its length the text\'s (not its UTF-8 size)', () => {
    const read = readIndexedFile(file('accents.runpod.env', 'NAME=café\nCITY=Zürich\n'), 64);
    expect(read).toMatchObject({ ok: true, text: 'NAME=café\nCITY=Zürich\n', cut: false });
    if (!read.ok) throw new Error('unread');
    expect(read.size).toBeGreaterThan(read.text.length);
    expect(wholeLengthOf(read)).toBe(read.text.length);
  });

  it('cuts a larger file after its last line break within the limit, and says so: its length is the file\'s size', () => {
    const text = 'A=1\nB=2\nC=333333\n';
    const read = readIndexedFile(file('big.runpod.env', text), 10);
    expect(read).toMatchObject({ ok: true, text: 'A=1\nB=2\n', size: text.length, cut: true });
    if (!read.ok) throw new Error('unread');
    expect(wholeLengthOf(read)).toBe(text.length);
  });

  it('a file exactly at the limit is not cut', () => {
    expect(readIndexedFile(file('exact.runpod.env', 'A=1\nB=2\n'), 8)).toMatchObject({ ok: true, cut: false });
  });

  it('never follows a link', () => {
    symlinkSync(file('target.runpod.env', 'A=1\n'), join(dir, 'link.runpod.env'));
    expect(readIndexedFile(join(dir, 'link.runpod.env'), 64)).toEqual({ ok: false, reason: 'not-a-file' });
  });
});

/** Each read, as a promise: the same table runs against both, so their rules cannot drift. */
const readers: [string, (path: string, maxBytes: number) => Promise<IndexedRead>][] = [
  ['readIndexedFile', async (path, maxBytes) => readIndexedFile(path, maxBytes)],
  ['readIndexedFileAsync', readIndexedFileAsync],
];

/** What each read gives for each kind of path: made once, read by both. */
const cases: [string, () => string, number, (read: IndexedRead) => void][] = [
  ['a file within the limit: whole', () => file('t-small', 'A=1\n'), 64, (r) => expect(r).toMatchObject({ ok: true, text: 'A=1\n', size: 4, cut: false })],
  ['a file exactly at the limit: whole', () => file('t-exact', 'A=1\nB=2\n'), 8, (r) => expect(r).toMatchObject({ ok: true, text: 'A=1\nB=2\n', cut: false })],
  ['a larger file: cut after its last line break within the limit', () => file('t-big', 'A=1\nB=2\nC=333333\n'), 10, (r) => expect(r).toMatchObject({ ok: true, text: 'A=1\nB=2\n', size: 17, cut: true })],
  ['a byte order mark: decoded, left out', () => file('t-bom', '\ufeffA=1\n'), 64, (r) => expect(r).toMatchObject({ ok: true, text: 'A=1\n' })],
  ['a link: never followed', () => link('t-link', file('t-target', 'A=1\n')), 64, (r) => expect(r).toEqual({ ok: false, reason: 'not-a-file' })],
  ['a directory', () => folder('t-dir'), 64, (r) => expect(r).toEqual({ ok: false, reason: 'not-a-file' })],
  ['a FIFO nobody writes to: not waited on', () => fifo('t-fifo'), 64, (r) => expect(r).toEqual({ ok: false, reason: 'not-a-file' })],
  ['a missing file', () => join(dir, 't-none'), 64, (r) => expect(r).toEqual({ ok: false, reason: 'missing' })],
  ['a path through a file', () => join(file('t-plain', 'A=1\n'), 'below'), 64, (r) => expect(r).toEqual({ ok: false, reason: 'missing' })],
];

function link(name: string, target: string): string {
  rmSync(join(dir, name), { force: true });
  symlinkSync(target, join(dir, name));
  return join(dir, name);
}
function folder(name: string): string {
  mkdirSync(join(dir, name), { recursive: true });
  return join(dir, name);
}
function fifo(name: string): string {
  rmSync(join(dir, name), { force: true });
  execFileSync('mkfifo', [join(dir, name)]);
  return join(dir, name);
}

describe.each(readers)('%s', (_name, read) => {
  it.each(cases)('%s', async (_what, make, maxBytes, expected) => {
    expected(await read(make(), maxBytes));
  });
});
