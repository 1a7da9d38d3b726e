/**
 * `pods launch` reads two files a user points it at, and neither is ever echoed: a broken
 * --template-file (JSON.parse's message quotes the text near the error), an env value under a key
 * that is itself a credential, a credential on a --vars-file line without `=`, an invalid key in
 * either file (refused by line, never printed). Devices and FIFOs are refused instead of read.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { findLeak } from '../hostile/leaks';
import { invalidKeyMessage } from '../../server/src/template/index';
import { apiEnv, runCli, withFakeApi, type CliResult } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

const TOKEN = 'ghp_Wd3Ks8Pq1Zx6Nv4Jm9Ty2Lb7Rc5Hg0Fa3Ue';
const PASSWORD = 'Vx7Nq2Kp9Lm4Tz';
const GPU = 'NVIDIA GeForce RTX 4090';
const setup = withFakeApi({
  // The token is unquoted: the JSON breaks right at it.
  'broken.runpod.json': `{"name": "p", "image": "i", "env": {"TOKEN": ${TOKEN}}}\n`,
  'badkey.runpod.json': JSON.stringify({ name: 'p', image: 'i', env: { [`postgres://app:${PASSWORD}@db`]: 5 } }),
  'ok.runpod.json': JSON.stringify({ name: 'p', image: 'i', env: {} }),
  'deep.runpod.json': `{"name": "p", "image": "i", "gpu": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
  'envkey.runpod.json': JSON.stringify({ name: 'p', image: 'i', env: { [`postgres://app:${PASSWORD}@db`]: 'x' } }),
  'cred.env': `A=1\n${TOKEN}\n`,
  'refs.env': `postgres://app:${PASSWORD}@db/x?a={{ RUNPOD_SECRET_no_such }}\n`,
});
beforeAll(() => execFileSync('mkfifo', [path.join(setup.ws, 'fifo.json')]));

/** `pods launch ...args` in the workspace against the fake. */
const launch = (...args: string[]): Promise<CliResult> => runCli(['pods', 'launch', ...args], { cwd: setup.ws, env: apiEnv(setup.fake) });

describe('launch files are never echoed', () => {
  it('a broken --template-file: where it breaks, not the text there', async () => {
    const r = await launch('--template-file', 'broken.runpod.json', '--gpu', GPU);
    expect(r.code).toBe(2);
    // The one template-file reader's words: what and where (each error jsonc-parser recovers past), never the text there.
    expect(r.stderr.trim()).toBe('runpod-check: broken.runpod.json: Not valid JSON: invalid symbol at line 1, column 46. Not valid JSON: value expected at line 1, column 85.');
    expect(findLeak(r.stdout + r.stderr, [TOKEN])).toBeUndefined();
  });

  it('a --template-file nested 100,000 deep is refused as `check` refuses it, by launch and deploy alike, not a stack overflow', async () => {
    const deploy = runCli(['endpoints', 'deploy', '--template-file', 'deep.runpod.json', '--gpu-pool', 'ADA_24'], { cwd: setup.ws, env: apiEnv(setup.fake) });
    for (const r of [await launch('--template-file', 'deep.runpod.json', '--gpu', GPU), await deploy]) {
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toMatch(/^runpod-check: deep\.runpod\.json: The JSON is nested too deeply to read \(arrays and objects more than 1000 levels inside each other\) at line 1, column 1035\.$/);
    }
  });

  it('a non-string env value under an invalid key names neither', async () => {
    const r = await launch('--template-file', 'badkey.runpod.json', '--gpu', GPU);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/env values must be strings .* at line 1, column \d+\.$/m);
    expect(findLeak(r.stdout + r.stderr, [PASSWORD])).toBeUndefined();
  });

  it('a --vars-file line without = is reported by line, not quoted', async () => {
    const r = await launch('--template-file', 'ok.runpod.json', '--gpu', GPU, '--vars-file', 'cred.env');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cred\.env: line 2: Expected `KEY=value`/);
    expect(findLeak(r.stdout + r.stderr, [TOKEN])).toBeUndefined();
  });

  it('a --vars-file key the editor marks invalid refuses the launch by line, without printing the key, and nothing is created', async () => {
    const before = setup.fake.inspect().pods.length;
    const r = await launch('--template-file', 'ok.runpod.json', '--gpu', GPU, '--vars-file', 'refs.env');
    expect(r.code).toBe(2);
    // The editor's invalid-key diagnostic, word for word.
    expect(r.stderr.trim()).toBe(`runpod-check: refs.env: line 1: ${invalidKeyMessage(`postgres://app:${PASSWORD}@db/x?a`)}`);
    expect(findLeak(r.stdout + r.stderr, [PASSWORD])).toBeUndefined();
    expect(setup.fake.inspect().pods.length).toBe(before);
  });

  it('a --template-file env key the editor marks invalid refuses the launch at the key, without printing it', async () => {
    const r = await launch('--template-file', 'envkey.runpod.json', '--gpu', GPU);
    expect(r.code).toBe(2);
    const words = invalidKeyMessage(`postgres://app:${PASSWORD}@db`)!.replace(/\.$/, '');
    expect(r.stderr.trim()).toBe(`runpod-check: envkey.runpod.json: ${words} at line 1, column 32.`);
    expect(findLeak(r.stdout + r.stderr, [PASSWORD])).toBeUndefined();
  });

  it.each([['--template-file'], ['--vars-file']])('%s refuses a FIFO and a device instead of reading them', async (flag) => {
    for (const file of ['fifo.json', '/dev/zero']) {
      const args = flag === '--template-file' ? [flag, file] : ['--template-file', 'ok.runpod.json', flag, file];
      const r = await launch(...args, '--gpu', GPU);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/not a regular file/);
    }
  });
});

describe('launch files are read whole or not at all', () => {
  it('a --vars-file over 2 MiB (the editor\'s Launch Pod limit) is refused, never cut, and nothing is created', async () => {
    // Valid lines all the way: a cut file would launch without the variables past the cut.
    fs.writeFileSync(path.join(setup.ws, 'big.env'), `${'# generated\n'.repeat((2 * 1024 * 1024) / 12)}MODE=big\n`);
    const before = setup.fake.inspect().pods.length;
    const r = await launch('--template-file', 'ok.runpod.json', '--gpu', GPU, '--vars-file', 'big.env');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('runpod-check: --vars-file big.env: larger than 2 MiB');
    expect(setup.fake.inspect().pods).toHaveLength(before);
  });
});

describe('the env file option is not --env-file, which Node.js reads itself', () => {
  // Node.js (20.x at least) takes `--env-file F` anywhere in its argv, script arguments included
  // (nodejs/node#54232), reads F before any of our code runs and applies NODE_OPTIONS from it: a
  // repository's env file could `--require` its own code. Our option has another name.
  it('--vars-file merges the file over the template env, and NODE_OPTIONS in it runs nothing', async () => {
    const marker = path.join(setup.ws, 'code-ran');
    fs.writeFileSync(path.join(setup.ws, 'evil.js'), `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x');\n`);
    fs.writeFileSync(path.join(setup.ws, 'vars.env'), `NODE_OPTIONS=--require ${path.join(setup.ws, 'evil.js')}\nMODE=vars\n`);
    const r = await launch('--template-file', 'ok.runpod.json', '--gpu', GPU, '--vars-file', 'vars.env', '--json');
    expect(r.code, r.stderr).toBe(0);
    const created = JSON.parse(r.stdout) as { id: string };
    expect(setup.fake.inspect().pods.find((p) => p.id === created.id)!.env).toMatchObject({ MODE: 'vars' });
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('--env-file is refused with the reason, for any command', async () => {
    for (const args of [['pods', 'launch', '--template-file', 'ok.runpod.json', '--gpu', GPU, '--env-file', 'cred.env'], ['check', '--env-file=cred.env']]) {
      const r = await runCli(args, { cwd: setup.ws, env: apiEnv(setup.fake) });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^runpod-check: --env-file is not an option of runpod-check: Node\.js reads .*--vars-file/);
    }
  });
});
