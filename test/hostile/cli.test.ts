/**
 * The hostile repository through `runpod-check`: `check` in every format (no secret list, a
 * secrets file, the API), on the folder and on named files, and the commands that read files a
 * user points at. In every output: no byte of a planted secret in any form, no raw terminal
 * control, and every command ends before its deadline (a generous bound against hangs, not a
 * measure of speed).
 */
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { buildOnce, runCli, type CliResult } from '../cli/helpers';
import { buildHostileRepository, STARRY_GLOB, type HostileRepository } from './fixture';
import { findLeak, RAW_CONTROL } from './leaks';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 180_000 });

/** Per command: generous on two shared cores; a hang (a FIFO, /dev/zero) would run into it. */
const DEADLINE_MS = 60_000;
const GPU = 'NVIDIA GeForce RTX 4090';

let repo: HostileRepository;
let fake: FakeRunpod;

beforeAll(async () => {
  buildOnce();
  repo = buildHostileRepository();
  fake = await startFakeRunpod({ seed: true, apiKey: repo.apiKey });
});
afterAll(async () => {
  await fake?.close();
  repo?.remove();
});

/** Runs the CLI in the repository and checks the three promises on its output. */
async function cli(args: string[], withKey = false): Promise<CliResult> {
  const env: Record<string, string> = withKey ? { RUNPOD_API_KEY: repo.apiKey, RUNPOD_API_URL: fake.url, RUNPOD_TIMEOUT_MS: '10000' } : {};
  const r = await runCli(args, { cwd: repo.root, env, timeoutMs: DEADLINE_MS });
  const output = `${r.stdout}\n${r.stderr}`;
  expect(findLeak(output, repo.planted), args.join(' ')).toBeUndefined();
  expect(RAW_CONTROL.exec(output)?.[0], `raw control in the output of ${args.join(' ')}`).toBeUndefined();
  return r;
}

describe('check over the hostile repository', () => {
  it.each(['text', 'json', 'sarif'])('%s: completes with findings, skips what it must not read, leaks nothing', async (format) => {
    for (const extra of [[], ['--secrets-file', 'names.txt']]) {
      const r = await cli(['check', '--format', format, ...extra]);
      expect(r.code).toBe(1);
      if (format !== 'text') JSON.parse(r.stdout);
      const note = r.stderr.split('\n').filter((l) => l.startsWith('note: skipped'));
      expect(note).toHaveLength(1);
      for (const name of ['runpod.env', '.runpod/deploy.env', 'key.runpod.env', 'linked', 'loop.runpod.env', 'zero.runpod.env', 'fifo.runpod.env']) {
        expect(note[0]).toContain(`${name} (`);
      }
      // The 50 MiB file is read up to the analysis limit, as the editor's index reads it, and says so.
      expect(note[0]).not.toContain('huge.runpod.env');
      expect(r.stdout).toMatch(format === 'text' ? /^huge\.runpod\.env:1:1: warning file-too-large .*holds 50 MiB/m : /"huge\.runpod\.env"/);
      expect(r.stderr).toMatch(/\b9 files checked/);
    }
  });

  it('with the API key set: the key is in the environment and in a planted file, and in no output', async () => {
    const r = await cli(['check'], true);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/deep\.runpod\.json:1:\d+: error syntax-error The JSON is nested too deeply/);
    expect(r.stdout).toMatch(/creds\.runpod\.env:1:1: error missing-equals/);
  });

  it('named files: links out and special files are refused, the rest are checked', async () => {
    for (const name of ['runpod.env', '.runpod/deploy.env', 'key.runpod.env', 'fifo.runpod.env', 'zero.runpod.env', 'linked/app.runpod.env']) {
      expect((await cli(['check', name])).code).toBe(2);
    }
    const r = await cli(['check', '--format', 'json', 'creds.runpod.env', 'nul.runpod.env', 'bigline.runpod.env', 'runpod.toml', '.runpod/hub.json']);
    expect(r.code).toBe(1);
    const codes = new Set((JSON.parse(r.stdout) as { code: string }[]).map((f) => f.code));
    expect([...codes].sort()).toEqual(expect.arrayContaining(['duplicate-key', 'hardcoded-credential', 'invalid-key', 'missing-equals', 'syntax-error']));
  });
});

describe('globs that would stall a backtracking matcher', () => {
  it('--files with many stars in one name is refused at once, naming its position, in check, envs compare and secrets usage', async () => {
    for (const args of [['check'], ['envs', 'compare'], ['secrets', 'usage', 'hf-token']]) {
      const r = await cli([...args, '--files', '**/*.json', '--files', STARRY_GLOB]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--files glob 2 cannot be used: .*at most 2 separate \* in one folder or file name/);
    }
  });
});

describe('files a user points a command at', () => {
  it('secret values: a file over the limit, /dev/zero, a FIFO, a value typed as a path', async () => {
    for (const file of [repo.hugeValueFile, '/dev/zero', 'fifo.runpod.env', repo.valueTypedAsPath]) {
      const r = await cli(['secrets', 'create', 'x', '--value-file', file], true);
      expect(r.code).toBe(2);
    }
    expect(fake.inspect().secrets.find((s) => s.name === 'x')).toBeUndefined();
  });

  it('launch files: a broken template file, credentials as --vars-file, special files', async () => {
    expect((await cli(['pods', 'launch', '--template-file', 'broken.runpod.json', '--gpu', GPU], true)).code).toBe(2);
    expect((await cli(['pods', 'launch', '--template-file', 'deep.runpod.json', '--gpu', GPU], true)).code).toBe(2);
    for (const vars of ['creds.runpod.env', 'runpod.env', 'nul.runpod.env', 'fifo.runpod.env', 'zero.runpod.env', path.join(repo.outside, '.ssh/id_ed25519')]) {
      const r = await cli(['pods', 'launch', '--template-id', 'x', '--gpu', GPU, '--vars-file', vars], true);
      expect(r.code).toBe(2);
    }
    expect(fake.inspect().pods).toEqual([]);
  });
});
