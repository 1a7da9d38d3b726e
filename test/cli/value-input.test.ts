/**
 * A secret value's source is bounded: `--value-file /dev/zero`, a FIFO, a folder, a file over
 * RunPod's 16 MiB limit and an endless pipe on standard input are refused quickly (nothing past
 * the limit is read), and no message repeats the `--value-file` argument (it may be the value
 * typed by mistake). The limit is exact: a value of 16 MiB - 1 byte with a trailing newline is taken.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Io } from '../../client/src/cli/io';
import { PROMPT_CONTROL_REFUSED, PROMPT_PASTE_REFUSED, readValue } from '../../client/src/cli/value';
import { SECRET_VALUE_MAX_BYTES, VALUE_FILE_MESSAGES } from '../../server/src/template/names';
import { VALUE_FILES, valueFileIo } from '../helpers/valueFiles';
import { buildOnce, cliEnv, cliPath, runCli, runProcess, workspace, type CliResult } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

let ws: string;

beforeAll(() => {
  buildOnce();
  ws = workspace({ 'dir/x': 'x' });
  execFileSync('mkfifo', [path.join(ws, 'fifo')]);
  fs.writeFileSync(path.join(ws, 'huge'), '');
  fs.truncateSync(path.join(ws, 'huge'), 17 * 1024 * 1024); // sparse: nothing on disk
});

/** `sh -c script` with the built CLI as $CLI, bounded by a deadline (a hang fails the test). */
function shell(script: string): Promise<CliResult> {
  return runProcess('sh', ['-c', script], { cwd: ws, env: { ...cliEnv(), CLI: cliPath(), NODE: process.execPath }, timeoutMs: 30_000 });
}

/** An Io for readValue with a value file: nothing else is read. */
const io = (): Io => valueFileIo(ws);

describe('--value-file reads only a regular file, at most the limit', () => {
  it.each([
    ['/dev/zero', /^runpod-check: --value-file: not a regular file .*pipe the value on standard input instead$/],
    ['fifo', /^runpod-check: --value-file: not a regular file/],
    ['dir', /^runpod-check: --value-file: a folder, not a file$/],
    ['huge', /^runpod-check: --value-file: the value is too large; RunPod takes a value of less than 16 MiB$/],
    ['hunter2-typed-by-mistake', /^runpod-check: --value-file: no such file$/],
  ])('%s is refused without repeating the argument', async (file, message) => {
    const r = await runCli(['secrets', 'create', 'x', '--value-file', file], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(message);
    expect(r.stderr).not.toContain(file);
  });
});

describe('standard input is read up to the limit and no further', () => {
  it('an endless pipe is cut off and refused', async () => {
    const r = await shell('cat /dev/zero | "$NODE" "$CLI" secrets create x');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('runpod-check: standard input: the value is too large; RunPod takes a value of less than 16 MiB');
  });
  it('standard input redirected from /dev/zero is refused', async () => {
    const r = await shell('"$NODE" "$CLI" secrets create x < /dev/zero');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/too large|not a regular file/);
  });
});

describe('the limit is RunPod\'s, exactly', () => {
  /** A file of `bytes` NUL bytes (sparse) followed by `tail`. */
  function file(name: string, bytes: number, tail: string): string {
    const p = path.join(ws, name);
    fs.writeFileSync(p, '');
    fs.truncateSync(p, bytes);
    fs.appendFileSync(p, tail);
    return p;
  }
  it('16 MiB - 1 byte with a BOM and CRLF is taken; 16 MiB is not', async () => {
    const ok = await readValue(io(), { valueFile: file('max', 0, `\uFEFF${'a'.repeat(SECRET_VALUE_MAX_BYTES - 1)}\r\n`), prompt: '', command: 'secrets create' });
    expect(ok).toHaveLength(SECRET_VALUE_MAX_BYTES - 1);
    await expect(readValue(io(), { valueFile: file('over', SECRET_VALUE_MAX_BYTES, ''), prompt: '', command: 'secrets create' })).rejects.toThrow(/too large/);
  });
});

describe('--value-file follows the editor\'s "From file…" rule, on the same files', () => {
  it.each(VALUE_FILES.map((c, i) => [c.label, i] as const))('%s', async (_label, i) => {
    const c = VALUE_FILES[i]!;
    const file = path.join(ws, `value-${i}`);
    fs.writeFileSync(file, c.bytes());
    const read = readValue(io(), { valueFile: file, prompt: '', command: 'secrets create' });
    if ('value' in c.expected) expect(await read).toBe(c.expected.value);
    else {
      const error = await read.then(() => undefined, (e: Error) => e);
      expect(error?.message.replace(/^--value-file: /, '')).toMatch(c.expected.refused);
    }
  });
});

describe('standard input follows the same rule, on the same bytes (read as bytes, not decoded lossily)', () => {
  /** An Io whose standard input is a pipe holding `bytes`. */
  const piped = (bytes: Uint8Array): Io => ({ ...io(), readStdin: async () => ({ bytes, truncated: false }) });
  it.each(VALUE_FILES.map((c, i) => [c.label, i] as const))('%s', async (_label, i) => {
    const c = VALUE_FILES[i]!;
    const read = readValue(piped(c.bytes()), { valueFile: undefined, prompt: '', command: 'secrets create' });
    // An empty pipe is "no value" (a usage error), not a value file's refusal.
    if (c.bytes().byteLength === 0) return expect(read).rejects.toThrow(/^no value: pipe it on standard input or use --value-file FILE$/);
    if ('value' in c.expected) expect(await read).toBe(c.expected.value);
    else {
      const error = await read.then(() => undefined, (e: Error) => e);
      expect(error?.message).toMatch(/^standard input: /);
      expect(error?.message.replace(/^standard input: /, '')).toMatch(c.expected.refused);
    }
  });

  it('a binary or UTF-16 value piped to the real CLI is refused before any request, as --value-file refuses it', async () => {
    for (const bytes of ["'\\377\\376h\\000i\\000'", "'h\\000i\\000'"]) {
      const r = await shell(`printf ${bytes} | RUNPOD_API_KEY=k RUNPOD_API_URL=http://127.0.0.1:9 "$NODE" "$CLI" secrets create x`);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toMatch(/^runpod-check: standard input: the value (is not UTF-8 text|holds a NUL character)/);
    }
  });
});

describe('a value typed at the prompt follows the same rule', () => {
  it('a NUL typed at the prompt (Ctrl-@) is refused with the file\'s words, never stored cut short', async () => {
    const typed = (text: string): Io => ({ ...io(), stdinIsTTY: true, prompt: async () => text });
    await expect(readValue(typed('ab\u0000cd'), { valueFile: undefined, prompt: 'Value: ', command: 'secrets create' })).rejects.toThrow(
      `the prompt: ${VALUE_FILE_MESSAGES.nul}`,
    );
    expect(await readValue(typed('abcd\n'), { valueFile: undefined, prompt: 'Value: ', command: 'secrets create' })).toBe('abcd');
  });

  it('several lines (a paste) or a control character (an arrow key) are refused whole, never cut or dropped', async () => {
    const typed = (text: string): Io => ({ ...io(), stdinIsTTY: true, prompt: async () => text });
    const read = (text: string) => readValue(typed(text), { valueFile: undefined, prompt: 'Value: ', command: 'secrets create' });
    for (const text of ['a\nb', 'a\r\nb\r\n', 'abc\n\n', 'a\rb']) await expect(read(text)).rejects.toThrow(PROMPT_PASTE_REFUSED);
    for (const text of ['a\u001b[Ab', 'a\u0001b', 'a\u009bb']) await expect(read(text)).rejects.toThrow(PROMPT_CONTROL_REFUSED);
    expect(await read('a\tb\r')).toBe('a\tb');
  });
});
