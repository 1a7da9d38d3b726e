/**
 * The index's reader says whether it cut a file, and the analysis length follows that flag:
 * the file's size (bytes) only for a cut read, the text's own length otherwise (a non-ASCII file
 * has more bytes than UTF-16 units, and its size would claim a cut that never happened).
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readIndexedFile, wholeLengthOf } from '../../server/src/index/readFile';

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
