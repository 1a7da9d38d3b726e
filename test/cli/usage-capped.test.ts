/**
 * `secrets usage` reads a file's uses as the editor's index keeps them: at most MAX_FACTS_PER_FILE
 * uses of secrets per file (facts.ts). A file holding more is searched only up to there, and the
 * note that names files searched in part names it: a use missed is a secret deleted too soon.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretUsage } from '../../client/src/cli/secretUsage';
import { cutNote, SEARCH_LIMIT_TEXT } from '../../client/src/cli/check/readFound';
import type { Io } from '../../client/src/cli/io';
import { MAX_FACTS_PER_FILE } from '../../server/src/template/workspace/facts';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'usage-capped-'));
  const other = Array.from({ length: MAX_FACTS_PER_FILE }, (_, i) => `K${i}={{ RUNPOD_SECRET_other }}`).join('\n');
  fs.writeFileSync(path.join(dir, 'many.runpod.env'), `${other}\nHF={{ RUNPOD_SECRET_hf }}\n`);
  fs.writeFileSync(path.join(dir, 'few.runpod.env'), 'A={{ RUNPOD_SECRET_hf }}\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function io(): Io & { out: string; err: string } {
  const sink = {
    out: '',
    err: '',
    env: {},
    cwd: dir,
    stdinIsTTY: false,
    stdout: (t: string) => void (sink.out += t),
    stderr: (t: string) => void (sink.err += t),
    readStdin: () => Promise.resolve({ bytes: new Uint8Array(), truncated: false }),
    prompt: () => Promise.reject(new Error('no prompt in tests')),
  };
  return sink;
}

describe('secrets usage and a file of more uses than the index keeps', () => {
  it('lists what it read and names the file in the note of files searched only up to a limit', async () => {
    const run = io();
    expect(await secretUsage(run, 'hf', ['.'], { json: true })).toBe(0);
    const out = JSON.parse(run.out) as { files: { file: string; line: number }[] };
    // The use past the cap is not listed (the editor does not list it either), and that is said.
    expect(out.files.map((f) => [f.file, f.line])).toEqual([['few.runpod.env', 1]]);
    expect(run.err).toContain(cutNote(['many.runpod.env'], 'searched', SEARCH_LIMIT_TEXT));
    expect(run.err).toContain('10,000 uses of secrets) searched only up to there, as the editor reads them: many.runpod.env');
  });
});
