/**
 * `--environment NAME=GLOB` and `--environment-account NAME=ACCOUNT` as a user mistypes them: a
 * refused glob says why in the words `--files` uses (not "a name of letters"), more than 16 globs
 * of one environment are cut and said as the editor says it (one rule: declarations.ts), an
 * environment that names no file walked is said (a typo `prd=team` would leave prod's file judged
 * against the wrong list), and an account name shaped like a key is refused, never echoed.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { UNUSABLE_GLOB_REASON } from '../../server/src/template/fileKinds';
import { buildOnce, runCli, workspace, type CliResult } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

let ws: string;
beforeAll(() => {
  buildOnce();
  ws = workspace({
    'train.dev.runpod.env': 'TOKEN={{ RUNPOD_SECRET_hf-token }}\n',
    'train.prod.runpod.env': 'TOKEN={{ RUNPOD_SECRET_team-db }}\n',
    // Read only when declared: a malformed reference makes it show.
    'late.txt': 'A={{ RUNPOD_SECRET_ }}\n',
  });
});

const check = (...args: string[]): Promise<CliResult> => runCli(['check', ...args], { cwd: ws });

describe('a refused --environment says why', () => {
  it('a glob too costly, too long or blank is blamed on the glob, with --files\' reason', async () => {
    const alternatives = `{${Array.from({ length: 65 }, (_, i) => `a${i}`).join(',')}}.env`;
    for (const spec of ['prod=*a*b*c*.env', `prod=${'x'.repeat(600)}`, `prod=${alternatives}`, 'prod=', 'prod=  ']) {
      const r = await check('--environment', 'dev=train.dev.runpod.env', '--environment', spec);
      expect({ spec: spec.slice(0, 20), code: r.code }).toEqual({ spec: spec.slice(0, 20), code: 2 });
      expect(r.stderr).toContain(`--environment number 2: its glob cannot be used: ${UNUSABLE_GLOB_REASON}`);
      expect(r.stderr).not.toMatch(/a name of letters/);
    }
  });

  it('a bad name is blamed on the name, a missing "=" on the form', async () => {
    const name = await check('--environment', '1prod=x.env');
    expect(name.code).toBe(2);
    expect(name.stderr).toMatch(/--environment number 1: the name must be an ASCII letter, then ASCII letters, digits/);
    const form = await check('--environment', 'prod');
    expect(form.code).toBe(2);
    expect(form.stderr).toMatch(/--environment number 1 must be NAME=GLOB/);
  });
});

describe('the editor\'s limit of 16 globs per environment', () => {
  it('only the first 16 are used, and said on stderr in the setting\'s words', async () => {
    const globs = [...Array.from({ length: 16 }, (_, i) => `--environment=prod=none${i}.env`), '--environment=prod=late.txt'];
    const r = await check(...globs, '--format', 'json');
    expect(r.stderr).toContain('Environment prod: only the first 16 globs are used (17 are listed).');
    // The 17th glob's file is not declared, so not read.
    expect(r.stdout).not.toContain('late.txt');
    const sixteen = await check(...globs.slice(1), '--format', 'json');
    expect(sixteen.stdout).toContain('late.txt');
    expect(sixteen.stderr).not.toMatch(/only the first/);
  });

  it('environments past the limit are said in the command line\'s words: --environment, not the editor\'s setting', async () => {
    const flags = Array.from({ length: 66 }, (_, i) => `--environment=env${i}=none${i}.env`);
    const r = await check(...flags, '--format', 'json');
    expect(r.stderr).toContain('note: --environment: 2 environments were ignored: 2 past the first 64 environments, the most whose globs are matched.\n');
    expect(r.stderr).not.toContain('runpod.environments');
  });
});

describe('an environment that names no file walked', () => {
  it('is said once, by name, for --environment-account and --environment', async () => {
    const r = await check('--environment-account', 'prd=team', '--environment', 'stg=deploy/stg/*.env', '--environment-account', 'prod=team');
    expect(r.stderr.split('\n').filter((l) => /no file/.test(l))).toEqual([
      'note: no file checked is of environment staging, prd (--environment, --environment-account): check the names',
    ]);
  });

  it('is not said when every environment has its files', async () => {
    const r = await check('--environment-account', 'prod=team', '--environment-account', 'dev=personal');
    expect(r.stderr).not.toMatch(/no file checked is of/);
  });
});

describe('an account name shaped like a key', () => {
  it('is refused by position and never echoed, though short enough for the name rule', async () => {
    const keyish = 'rpa_K7Q2X9M4T1B8Z5W3N6P0'; // 24 characters: passes the length and characters of a name
    const r = await check('--environment-account', `prod=${keyish}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--environment-account number 1 must be NAME=ACCOUNT/);
    expect(r.stdout + r.stderr).not.toContain(keyish);
  });
});
