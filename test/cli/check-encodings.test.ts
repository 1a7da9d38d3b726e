/**
 * `check` and `secrets usage` read a file as the editor shows it: a byte order mark says the
 * encoding (UTF-8, UTF-16LE, UTF-16BE) and is not a character of line 1. So a finding's column is
 * the one the open file shows, and a UTF-16 file's references are found, not read as NUL-strewn
 * `invalid-key` garbage. Each encoded file is compared with its plain UTF-8 twin.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildOnce, runCli, workspace } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

const ENV = 'GONE={{ RUNPOD_SECRET_gone }}\n# café 😀\nHF={{ RUNPOD_SECRET_hf }}\n';
const JSON_TEXT = '{"env":{"M":"{{ RUNPOD_SECRET_gone }}","HF":"{{ RUNPOD_SECRET_hf }}"}}';

const ENCODINGS: Record<string, (text: string) => Buffer> = {
  plain: (t) => Buffer.from(t),
  bom: (t) => Buffer.from(`\ufeff${t}`),
  u16le: (t) => Buffer.from(`\ufeff${t}`, 'utf16le'),
  u16be: (t) => Buffer.from(`\ufeff${t}`, 'utf16le').swap16(),
};

type Row = { file: string; line: number; column: number; endLine: number; endColumn: number; code: string };
let ws: string;

beforeAll(() => {
  buildOnce();
  ws = workspace({ 'names.txt': 'hf\n' });
  for (const [name, encode] of Object.entries(ENCODINGS)) {
    fs.writeFileSync(path.join(ws, `${name}.runpod.env`), encode(ENV));
    fs.writeFileSync(path.join(ws, `${name}.runpod.json`), encode(JSON_TEXT));
  }
  fs.writeFileSync(path.join(ws, 'onlybom.runpod.json'), Buffer.from([0xef, 0xbb, 0xbf]));
  fs.writeFileSync(path.join(ws, 'empty.runpod.json'), '');
});

/** The findings of `check` for each file, by file name, without the file name. */
async function findings(): Promise<Record<string, Omit<Row, 'file'>[]>> {
  const r = await runCli(['check', '--format', 'json', '--secrets-file', 'names.txt'], { cwd: ws });
  const out: Record<string, Omit<Row, 'file'>[]> = {};
  for (const { file, ...rest } of JSON.parse(r.stdout) as Row[]) (out[file] ??= []).push({ line: rest.line, column: rest.column, endLine: rest.endLine, endColumn: rest.endColumn, code: rest.code });
  return out;
}

describe('check reads a file by its byte order mark, as the editor does', () => {
  it('the findings of a UTF-8-with-BOM, UTF-16LE and UTF-16BE file are their plain twin\'s, at the same columns', async () => {
    const all = await findings();
    expect(all['plain.runpod.env']).toEqual([{ line: 1, column: 23, endLine: 1, endColumn: 27, code: 'unknown-secret' }]);
    expect(all['plain.runpod.json']).toEqual([{ line: 1, column: 31, endLine: 1, endColumn: 35, code: 'unknown-secret' }]);
    for (const name of ['bom', 'u16le', 'u16be']) {
      expect({ name, env: all[`${name}.runpod.env`] }).toEqual({ name, env: all['plain.runpod.env'] });
      expect({ name, json: all[`${name}.runpod.json`] }).toEqual({ name, json: all['plain.runpod.json'] });
    }
  });

  it('a JSON file holding only a BOM is the empty file: its finding at 1:1', async () => {
    const all = await findings();
    expect(all['onlybom.runpod.json']).toEqual(all['empty.runpod.json']);
    expect(all['onlybom.runpod.json']?.[0]).toMatchObject({ line: 1, column: 1 });
  });

  it('secrets usage finds the references of every encoding, at the editor\'s columns (the name\'s, as Find Usages and check\'s unknown-secret)', async () => {
    const r = await runCli(['secrets', 'usage', 'hf', '--json'], { cwd: ws });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { files: { file: string; line: number; column: number }[] };
    const spots = out.files.map((f) => `${f.file}:${f.line}:${f.column}`).sort();
    const expected = Object.keys(ENCODINGS).flatMap((name) => [`${name}.runpod.env:3:21`, `${name}.runpod.json:1:63`]).sort();
    expect(spots).toEqual(expected);
  });
});
