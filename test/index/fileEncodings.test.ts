/**
 * A RunPod file's bytes become the text VS Code shows for it (files.encoding utf8, its default): a
 * byte order mark says the encoding and is not part of the text. The index and the command line
 * read a file through readIndexedFile, so their columns are the open editor's; a BOM kept as U+FEFF
 * put every column of line 1 one too far, and a UTF-16 file decoded as UTF-8 lost its references.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readIndexedFile } from '../../server/src/index/readFile';
import { readRegularFile } from '../../client/src/cli/fileRead';

const dir = mkdtempSync(join(tmpdir(), 'runpod-encodings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEXT = 'HF={{ RUNPOD_SECRET_hf }}\nX=é😀{{ RUNPOD_SECRET_hf }}\n';

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

function read(name: string, bytes: Uint8Array, maxBytes = 1024): ReturnType<typeof readIndexedFile> {
  writeFileSync(join(dir, name), bytes);
  return readIndexedFile(join(dir, name), maxBytes);
}

describe('readIndexedFile decodes as VS Code does', () => {
  it('drops a UTF-8 byte order mark: line 1 starts at the first character the editor shows', () => {
    expect(read('bom.runpod.env', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]))).toMatchObject({ ok: true, text: TEXT, cut: false });
  });

  it('a file holding only a UTF-8 BOM is empty', () => {
    expect(read('onlybom.runpod.json', Buffer.from([0xef, 0xbb, 0xbf]))).toMatchObject({ ok: true, text: '' });
  });

  it('keeps a U+FEFF that is not at the start (only a leading mark is one)', () => {
    expect(read('inner.runpod.env', Buffer.from('A=1\n\ufeffB=2\n'))).toMatchObject({ ok: true, text: 'A=1\n\ufeffB=2\n' });
  });

  it('decodes UTF-16LE by its byte order mark', () => {
    expect(read('le.runpod.env', Buffer.from(`\ufeff${TEXT}`, 'utf16le'))).toMatchObject({ ok: true, text: TEXT, cut: false });
  });

  it('decodes UTF-16BE by its byte order mark', () => {
    expect(read('be.runpod.env', utf16be(`\ufeff${TEXT}`))).toMatchObject({ ok: true, text: TEXT, cut: false });
  });

  it('a UTF-16 file with an odd last byte: the lone byte is not a character, the rest reads', () => {
    const bytes = Buffer.concat([Buffer.from(`\ufeff${TEXT}`, 'utf16le'), Buffer.from([0x41])]);
    expect(read('odd.runpod.env', bytes)).toMatchObject({ ok: true, text: TEXT });
  });

  it('UTF-16 without a mark, as VS Code tells it: every NUL of the first 512 bytes on one side of each byte pair', () => {
    const ascii = 'A={{ RUNPOD_SECRET_hf }}\n';
    expect(read('le-unmarked.runpod.env', Buffer.from(ascii, 'utf16le'))).toMatchObject({ ok: true, text: ascii });
    expect(read('be-unmarked.runpod.env', utf16be(ascii))).toMatchObject({ ok: true, text: ascii });
    // A character past U+00FF in the first 512 bytes puts no NUL on its high side: VS Code reads
    // that as binary, and so does this rule (UTF-8, NULs kept).
    const mixed = Buffer.from('A=é😀\n', 'utf16le');
    expect(read('le-mixed.runpod.env', mixed)).toMatchObject({ ok: true, text: mixed.toString('utf8') });
    // NULs on both sides: binary to VS Code; read as UTF-8.
    expect(read('nul.runpod.env', Buffer.from([0x41, 0x00, 0x00, 0x42, 0x0a]))).toMatchObject({ ok: true, text: 'A\u0000\u0000B\n' });
    // Only the first 512 bytes are looked at: a character past U+00FF after them (no NUL on its high
    // side) leaves the file UTF-16, as VS Code opens it.
    const long = `${'A'.repeat(300)}中\n`;
    expect(read('le-long.runpod.env', Buffer.from(long, 'utf16le'), 4096)).toMatchObject({ ok: true, text: long });
    // A NUL past the first 512 bytes decides nothing: UTF-8.
    const late = `${'A=1\n'.repeat(200)}B=\u0000\n`;
    expect(read('late-nul.runpod.env', Buffer.from(late), 4096)).toMatchObject({ ok: true, text: late });
  });

  it('UTF-8 without a mark reads as before, invalid bytes as U+FFFD', () => {
    expect(read('plain.runpod.env', Buffer.from([0x41, 0x3d, 0xff, 0x0a]))).toMatchObject({ ok: true, text: 'A=\ufffd\n' });
  });

  for (const [name, encode] of [
    ['UTF-8 with a BOM', (t: string) => Buffer.from(`\ufeff${t}`)],
    ['UTF-16LE', (t: string) => Buffer.from(`\ufeff${t}`, 'utf16le')],
    ['UTF-16BE', (t: string) => utf16be(`\ufeff${t}`)],
  ] as const) {
    it(`a ${name} file past the limit is cut after its last whole line within it`, () => {
      const lines = 'A=1\nB=\u0a0a\u0d0d\nC=3333333333\n';
      const bytes = encode(lines);
      // Short of the third line's end, past the second's: the limit falls inside line 3.
      const limit = bytes.length - 4;
      expect(read(`cut-${name.replace(/\W/g, '')}.runpod.env`, bytes, limit)).toMatchObject({ ok: true, text: 'A=1\nB=\u0a0a\u0d0d\n', size: bytes.length, cut: true });
    });
  }
});

describe('runpod-check\'s reader of a named file (--template-file, --vars-file, --secrets-file) decodes alike', () => {
  it.each([
    ['UTF-8 with a BOM', Buffer.from(`\ufeff${TEXT}`)],
    ['UTF-16LE', Buffer.from(`\ufeff${TEXT}`, 'utf16le')],
    ['UTF-16BE', utf16be(`\ufeff${TEXT}`)],
  ])('%s: the text without its mark, the bytes as they are', (name, bytes) => {
    const path = join(dir, `named-${name.replace(/\W/g, '')}.runpod.env`);
    writeFileSync(path, bytes);
    const read = readRegularFile(path, 1024);
    expect(read).toMatchObject({ ok: true, text: TEXT });
    // A secret value's own rule (names.ts valueFromFileBytes) judges the bytes, mark and all.
    expect(read.ok && Buffer.from(read.bytes).equals(bytes)).toBe(true);
  });
});
