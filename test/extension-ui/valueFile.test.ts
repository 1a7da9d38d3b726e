/**
 * A secret value read from a local file (secrets/valueFile.ts readLocalValueFile), the one chain
 * behind the editor's "From file…" and `runpod-check --value-file`: on the shared value files
 * (test/helpers/valueFiles.ts) and on the files a hostile path names (a FIFO nobody writes to, a
 * link to /dev/zero, a folder, a sparse file far over the limit, a missing path), each refused in
 * the value file's words, quickly, and never with content; --value-file says exactly those words.
 * The editor reads in the extension host, shared by every extension: never with a blocking call.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLocalValueFile } from '../../client/src/secrets/valueFile';
import { readValue } from '../../client/src/cli/value';
import { SECRET_VALUE_FILE_MAX_BYTES } from '../../server/src/template/names';
import { VALUE_FILES, valueFileIo } from '../helpers/valueFiles';
import { blockingCallsOf } from '../helpers/blockingReads';

const dir = mkdtempSync(path.join(tmpdir(), 'value-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => path.join(dir, name);

/** Hostile paths and the refusal each gets (`refusal`: the reader's, before any decode). */
const HOSTILE: { name: string; make: (file: string) => void; error: RegExp; refusal: string }[] = [
  { name: 'fifo', make: (f) => execFileSync('mkfifo', [f]), error: /^not a regular file \(a device, a pipe, a socket or a link loop\)$/, refusal: 'special' },
  { name: 'zero', make: (f) => symlinkSync('/dev/zero', f), error: /^not a regular file/, refusal: 'special' },
  { name: 'folder', make: (f) => mkdirSync(f), error: /^a folder, not a file$/, refusal: 'folder' },
  {
    name: 'sparse',
    make: (f) => (writeFileSync(f, ''), truncateSync(f, 64 * 1024 * 1024)),
    error: /^the value is too large; RunPod takes a value of less than 16 MiB$/,
    refusal: 'too-large',
  },
  { name: 'one-over', make: (f) => writeFileSync(f, Buffer.alloc(SECRET_VALUE_FILE_MAX_BYTES + 1, 'a')), error: /^the value is too large/, refusal: 'too-large' },
  { name: 'missing', make: () => undefined, error: /^no such file$/, refusal: 'missing' },
];
for (const h of HOSTILE) h.make(at(h.name));


/** What --value-file says of `file`: its value, or its error message. */
const cliSays = (file: string) => readValue(valueFileIo(dir), { valueFile: file, prompt: '', command: 'secrets create' }).then((value) => ({ value }), (e: Error) => ({ message: e.message }));

describe('a value read from a local file', () => {
  it.each(VALUE_FILES.map((c, i) => [c.label, i] as const))('%s', async (_label, i) => {
    const c = VALUE_FILES[i]!;
    const file = at(`value-${i}`);
    writeFileSync(file, c.bytes());
    const read = await readLocalValueFile(file);
    if ('value' in c.expected) expect(read).toEqual({ value: c.expected.value });
    else {
      expect(read).toEqual({ error: expect.stringMatching(c.expected.refused) });
      // A decode's refusal is no refusal of the file: --value-file adds no hint to it.
      expect(await cliSays(file)).toEqual({ message: `--value-file: ${(read as { error: string }).error}` });
    }
  });

  it.each(HOSTILE.map((h) => [h.name] as const))('%s is refused without reading it through, and --value-file says the same', async (name) => {
    const h = HOSTILE.find((x) => x.name === name)!;
    const read = await readLocalValueFile(at(name));
    expect(read).toEqual({ error: expect.stringMatching(h.error), refusal: h.refusal });
    const error = (read as { error: string }).error;
    expect(error).not.toContain('aaaa');
    const hint = h.refusal === 'special' ? '; pipe the value on standard input instead' : '';
    expect(await cliSays(at(name))).toEqual({ message: `--value-file: ${error}${hint}` });
  });
});

describe('the read in the extension host', () => {
  it.each(['fifo', 'one-over', 'value'] as const)('of %s makes no blocking call (a FIFO or a huge file would stop every extension)', async (name) => {
    if (name === 'value') writeFileSync(at(name), 'v');
    const { result, blocking } = await blockingCallsOf(() => readLocalValueFile(at(name)));
    expect(result).toEqual(name === 'value' ? { value: 'v' } : expect.objectContaining({ refusal: name === 'fifo' ? 'special' : 'too-large' }));
    expect(blocking).toEqual([]);
  });
});
