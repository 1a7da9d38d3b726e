/**
 * Environments that run under another account, on the command line as in the editor:
 * `--environment-account NAME=ACCOUNT` says which account an environment runs under; the active
 * account is the one the key came from (--account, RUNPOD_ACCOUNT, --profile). A file of another
 * account's environment is not judged against the active account's secret list (one `other-account`
 * note instead, never failing the run), `secrets usage` leaves it out of the count and says so, and
 * `envs compare` names each environment's account and takes the active one (an environment that
 * declares none runs under it). Two accounts behind one front: personal (the
 * seeded db_password, hf-token, openai-key) and team (team-db).
 */
import * as net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTwoAccounts, type TwoAccounts } from '../helpers/accountFront';
import { buildOnce, runCli, workspace, type CliResult } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

const PERSONAL_KEY = 'rp_personal_key_5c1e9a3b7d2f';
const TEAM_KEY = 'rp_team_key_0d4f8b2a6c9e';
// What a pasted key looks like where an account name belongs: never echoed.
const PASTED_KEY = 'rpa_PASTEDKEY0123456789ABCDEFGHIJKLMNOPQRSTU';

let accounts: TwoAccounts;
let ws: string;
let closedPort: number;

beforeAll(async () => {
  buildOnce();
  accounts = await startTwoAccounts({ personal: PERSONAL_KEY, team: TEAM_KEY });
  ws = workspace({
    // dev runs under personal (hf-token is personal's), prod under team (team-db is team's).
    // dev defines TOKEN twice: a finding of its text that stays whichever account is active.
    'train.dev.runpod.env': 'TOKEN={{ RUNPOD_SECRET_hf-token }}\nTOKEN={{ RUNPOD_SECRET_hf-token }}\n',
    'train.prod.runpod.env': 'TOKEN={{ RUNPOD_SECRET_team-db }}\n',
    // team's names, for a run whose API fails.
    'team-secrets.txt': 'team-db\n',
    'empty-secrets.txt': 'unrelated\n',
  });
  // A port nothing listens on: bound, then closed, so the connection is refused.
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closedPort = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
afterAll(async () => {
  await accounts?.close();
});

const ACCOUNTS = ['--environment-account', 'dev=personal', '--environment-account', 'prod=team'];

function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(args, {
    cwd: ws,
    env: { RUNPOD_API_URL: accounts.front.url, RUNPOD_TIMEOUT_MS: '5000', RUNPOD_API_KEY_PERSONAL: PERSONAL_KEY, RUNPOD_API_KEY_TEAM: TEAM_KEY, ...env },
  });
}

interface Finding {
  file: string;
  line: number;
  severity: string;
  code: string;
  message: string;
}

function findings(r: CliResult): string[] {
  return (JSON.parse(r.stdout) as Finding[]).map((f) => `${f.file}:${f.line} ${f.severity} ${f.code}`);
}

function expectNoKey(r: CliResult): void {
  for (const key of [PERSONAL_KEY, TEAM_KEY, PASTED_KEY]) expect(r.stdout + r.stderr).not.toContain(key);
}

describe('check: another account\'s environment', () => {
  it("with team active, dev's file gets one other-account note and no unknown-secret; its other findings stay", async () => {
    const r = await cli(['check', '--account', 'team', ...ACCOUNTS, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(findings(r)).toEqual([
      'train.dev.runpod.env:1 information other-account',
      'train.dev.runpod.env:2 warning duplicate-key',
    ]);
    const note = (JSON.parse(r.stdout) as Finding[])[0]!;
    // What to do on the command line, not the editor's command.
    expect(note.message).toBe('Secret names in this file are not checked: it is for account personal, and team is active. Run with --account personal to check them.');
    expectNoKey(r);
  });

  it('the text format says it too, and --strict does not turn the note into a failure', async () => {
    const r = await cli(['check', '--account', 'team', ...ACCOUNTS, '--strict', '--severity', 'duplicate-key=off']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('train.dev.runpod.env:1:1: information other-account Secret names in this file are not checked: it is for account personal, and team is active. Run with --account personal to check them.\n');
  });

  it("with personal active (RUNPOD_ACCOUNT), prod's file is the other account's and dev's is checked against personal's list", async () => {
    const r = await cli(['check', ...ACCOUNTS, '--format', 'json'], { RUNPOD_ACCOUNT: 'Personal' });
    expect(r.code, r.stderr).toBe(0);
    expect(findings(r)).toEqual(['train.dev.runpod.env:2 warning duplicate-key', 'train.prod.runpod.env:1 information other-account']);
  });

  it('--profile NAME names the account too, when the table is an account name', async () => {
    const home = workspace({ '.runpod/config.toml': `[team]\napi_key = "${TEAM_KEY}"\n` });
    const r = await runCli(['check', '--profile', 'team', ...ACCOUNTS, '--format', 'json'], { cwd: ws, env: { RUNPOD_API_URL: accounts.front.url, HOME: home } });
    expect(r.code, r.stderr).toBe(0);
    expect(findings(r)).toEqual(['train.dev.runpod.env:1 information other-account', 'train.dev.runpod.env:2 warning duplicate-key']);
    expectNoKey(r);
  });

  it("the active account's own file is still judged: a secret its account lacks fails the run", async () => {
    const typo = workspace({ 'serve.dev.runpod.env': 'TOKEN={{ RUNPOD_SECRET_hf-tokn }}\n', 'serve.prod.runpod.env': 'TOKEN={{ RUNPOD_SECRET_team-dbb }}\n' });
    const r = await runCli(['check', '--account', 'team', ...ACCOUNTS, '--strict', '--format', 'json'], {
      cwd: typo,
      env: { RUNPOD_API_URL: accounts.front.url, RUNPOD_API_KEY_TEAM: TEAM_KEY },
    });
    expect(r.code, r.stderr).toBe(1);
    expect(findings(r)).toEqual(['serve.dev.runpod.env:1 information other-account', 'serve.prod.runpod.env:1 warning unknown-secret']);
  });

  it('a bare RUNPOD_API_KEY names no account: no file is another account\'s (as in the editor), every file is judged by that key\'s list', async () => {
    const r = await cli(['check', ...ACCOUNTS, '--severity', 'duplicate-key=off', '--strict', '--format', 'json'], { RUNPOD_API_KEY: PERSONAL_KEY });
    expect(r.code).toBe(1);
    expect(findings(r)).toEqual(['train.prod.runpod.env:1 warning unknown-secret']);
    // Said, so a CI run does not believe the flag took effect.
    expect(r.stderr).toMatch(/note: --environment-account: this run's key names no account, .* --account NAME/);
    const named = await cli(['check', '--account', 'team', ...ACCOUNTS]);
    expect(named.stderr).not.toMatch(/names no account/);
  });

  it("with --account, --secrets-file stands for that account's list when the API fails: the other account's file is still left out", async () => {
    const r = await cli(['check', '--account', 'team', ...ACCOUNTS, '--secrets-file', 'team-secrets.txt', '--severity', 'duplicate-key=off', '--strict', '--format', 'json'], {
      RUNPOD_API_URL: `http://127.0.0.1:${closedPort}/v2`,
    });
    expect(findings(r)).toEqual(['train.dev.runpod.env:1 information other-account']);
    expect(r.stderr).toMatch(/names from --secrets-file team-secrets\.txt instead/);
    // The account was not checked: exit 2 whatever the findings, as without accounts.
    expect(r.code).toBe(2);
    expectNoKey(r);
  });

  it("an environment of no declared account is the key's account: dev and prod (team) using one name share no credential while personal is active; under team they do", async () => {
    const shared = workspace({
      'db.dev.runpod.env': 'DB_PASSWORD={{ RUNPOD_SECRET_db_password }}\n',
      'db.prod.runpod.env': 'DB_PASSWORD={{ RUNPOD_SECRET_db_password }}\n',
      'names.txt': 'db_password\n',
    });
    const codes = async (account: string) => {
      const r = await runCli(['check', '--account', account, '--environment-account', 'prod=team', '--secrets-file', 'names.txt', '--format', 'json'], { cwd: shared, env: { RUNPOD_API_URL: accounts.front.url } });
      return findings(r).filter((f) => !f.includes('other-account'));
    };
    expect(await codes('personal')).toEqual([]);
    expect(await codes('team')).toEqual(['db.dev.runpod.env:1 information shared-environment-secret', 'db.prod.runpod.env:1 information shared-environment-secret']);
  });

  it("a fork's pull request has no key: --account NAME with --secrets-file names the active account and the file is its list (exit by findings)", async () => {
    const noKey = (args: string[]) => runCli(args, { cwd: ws, env: { RUNPOD_API_URL: accounts.front.url } });
    const r = await noKey(['check', '--account', 'team', ...ACCOUNTS, '--secrets-file', 'team-secrets.txt', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(findings(r)).toEqual(['train.dev.runpod.env:1 information other-account', 'train.dev.runpod.env:2 warning duplicate-key']);
    expect(r.stderr).toMatch(/note: no key for account team: secret names from --secrets-file team-secrets\.txt, as team's list/);
    // The file decides: a name it lacks in team's own file is a finding, and --strict fails on it.
    const lacking = await noKey(['check', '--account', 'team', ...ACCOUNTS, '--secrets-file', 'empty-secrets.txt', '--strict', '--severity', 'duplicate-key=off', '--format', 'json']);
    expect(findings(lacking)).toEqual(['train.dev.runpod.env:1 information other-account', 'train.prod.runpod.env:1 warning unknown-secret']);
    expect(lacking.code).toBe(1);
    // Without a file there is nothing to judge by: the missing key is still an error.
    const none = await noKey(['check', '--account', 'team', ...ACCOUNTS]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/No key for account team/);
    expectNoKey(r);
  });

  it('SARIF of per-account runs carries a category per account, so one upload does not replace the other\'s alerts', async () => {
    const category = async (args: string[], env: Record<string, string> = {}) => {
      const r = await cli(['check', ...args, ...ACCOUNTS, '--format', 'sarif'], env);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { runs: { automationDetails?: { id: string } }[] }).runs[0]!.automationDetails?.id;
    };
    expect(await category(['--account', 'team'])).toBe('runpod-check-team/');
    // Account names compare ignoring case: one account, one category.
    expect(await category(['--account', 'Personal'])).toBe('runpod-check-personal/');
    // A key that names no account leaves the category to the upload's own input.
    expect(await category(['--severity', 'duplicate-key=off'], { RUNPOD_API_KEY: PERSONAL_KEY })).toBeUndefined();
  });

  it('an --environment-account whose account is not an account name is refused by position, never echoed', async () => {
    for (const bad of [`prod=${PASTED_KEY}`, 'prod', '=team', 'prod=', '1prod=team', 'prod=te am']) {
      const r = await cli(['check', '--account', 'team', '--environment-account', 'dev=personal', '--environment-account', bad]);
      expect({ bad, code: r.code }).toEqual({ bad, code: 2 });
      expect(r.stderr).toMatch(/--environment-account number 2 must be NAME=ACCOUNT/);
      expect(r.stdout).toBe('');
      expectNoKey(r);
    }
  });

  it('environments of two accounts do not share a secret: one name is two secrets (shared-environment-secret)', async () => {
    const shared = workspace({ 'db.dev.runpod.env': 'DB_PASSWORD={{ RUNPOD_SECRET_db }}\n', 'db.prod.runpod.env': 'DB_PASSWORD={{ RUNPOD_SECRET_db }}\n' });
    const codes = async (extra: string[]) => findings(await runCli(['check', ...extra, '--format', 'json'], { cwd: shared })).map((f) => f.split(' ').pop());
    expect(await codes([])).toEqual(['shared-environment-secret', 'shared-environment-secret']);
    expect(await codes(ACCOUNTS)).toEqual([]);
  });

  it('one environment given two accounts is refused', async () => {
    const r = await cli(['check', '--account', 'team', '--environment-account', 'prod=team', '--environment-account', 'production=personal']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/environment prod is given two accounts/);
  });
});

describe('secrets usage and envs compare', () => {
  it("usage leaves another account's files out of the count and says so in one line", async () => {
    const r = await cli(['secrets', 'usage', 'hf-token', '--account', 'team', ...ACCOUNTS]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^hf-token: 0 references in 0 files; /);
    expect(r.stderr.split('\n').filter((l) => /another account/.test(l))).toEqual([
      "note: not counted: 1 file of account personal (train.dev.runpod.env): there the name is another account's secret",
    ]);
    const json = await cli(['secrets', 'usage', 'hf-token', '--account', 'team', ...ACCOUNTS, '--json']);
    const parsed = JSON.parse(json.stdout) as { files: unknown[]; otherAccounts: unknown[] };
    expect(parsed.files).toEqual([]);
    expect(parsed.otherAccounts).toEqual([{ file: 'train.dev.runpod.env', environment: 'dev', account: 'personal' }]);
  });

  it("usage with the file's own account active counts it", async () => {
    const r = await cli(['secrets', 'usage', 'hf-token', '--account', 'personal', ...ACCOUNTS]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^hf-token: 2 references in 1 file; /);
    expect(r.stderr).not.toMatch(/another account/);
  });

  it("envs compare names each environment's account, in text and JSON", async () => {
    const text = await cli(['envs', 'compare', ...ACCOUNTS]);
    expect(text.stdout.split('\n')[0]).toBe('train  (dev: train.dev.runpod.env (account personal); prod: train.prod.runpod.env (account team))');
    const json = await cli(['envs', 'compare', ...ACCOUNTS, '--json']);
    expect((JSON.parse(json.stdout) as { environments: unknown[] }[])[0]!.environments).toEqual([
      { name: 'dev', files: ['train.dev.runpod.env'], account: 'personal' },
      { name: 'prod', files: ['train.prod.runpod.env'], account: 'team' },
    ]);
  });

  it('envs compare does not call one name in two accounts "same": it is two secrets', async () => {
    const shared = workspace({ 'db.dev.runpod.env': 'DB_PASSWORD={{ RUNPOD_SECRET_db }}\n', 'db.prod.runpod.env': 'DB_PASSWORD={{ RUNPOD_SECRET_db }}\n' });
    const status = async (extra: string[]) => {
      const r = await runCli(['envs', 'compare', ...extra, '--json'], { cwd: shared });
      return (JSON.parse(r.stdout) as { rows: { status: string }[] }[])[0]!.rows.map((row) => row.status);
    };
    expect(await status([])).toEqual(['same']);
    expect(await status(ACCOUNTS)).toEqual(['same name, different accounts']);
    // One account declared for both: one secret, the same.
    expect(await status(['--environment-account', 'dev=team', '--environment-account', 'prod=Team'])).toEqual(['same']);
  });

  it('envs compare takes the active account as check does (--account, RUNPOD_ACCOUNT, --profile): an environment that declares none runs under it; no request is made', async () => {
    const shared = workspace({ 'db.dev.runpod.env': 'DB_PASSWORD={{ RUNPOD_SECRET_db }}\n', 'db.prod.runpod.env': 'DB_PASSWORD={{ RUNPOD_SECRET_db }}\n' });
    const compare = (extra: string[], env: Record<string, string> = {}) =>
      runCli(['envs', 'compare', '--environment-account', 'prod=team', ...extra], { cwd: shared, env: { RUNPOD_API_URL: accounts.front.url, RUNPOD_API_KEY_PERSONAL: PERSONAL_KEY, RUNPOD_API_KEY_TEAM: TEAM_KEY, ...env } });
    const status = async (extra: string[], env: Record<string, string> = {}) => {
      const r = await compare([...extra, '--json'], env);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { rows: { status: string }[] }[])[0]!.rows.map((row) => row.status);
    };
    const before = accounts.front.requests.length;
    // Without an active account, dev's account is not known: not called two secrets.
    expect(await status([])).toEqual(['same']);
    expect(await status(['--account', 'personal'])).toEqual(['same name, different accounts']);
    expect(await status([], { RUNPOD_ACCOUNT: 'personal' })).toEqual(['same name, different accounts']);
    expect(await status(['--profile', 'personal'])).toEqual(['same name, different accounts']);
    expect(await status(['--account', 'Team'])).toEqual(['same']);
    // Only the name counts: an account whose key is not at hand is still the active one.
    expect(await status(['--account', 'ci'])).toEqual(['same name, different accounts']);
    const text = await compare(['--account', 'personal']);
    expect(text.stdout).toMatch(/^DB_PASSWORD +secret db +secret db +same name, different accounts$/m);
    expect(accounts.front.requests.length).toBe(before);
    // Judged by the one account-name rule, never echoed (it may be a pasted key).
    const pasted = await compare(['--account', PASTED_KEY]);
    expect(pasted.code).toBe(2);
    expect(pasted.stderr).toMatch(/^runpod-check: --account takes an account name/);
    expect(pasted.stdout + pasted.stderr).not.toContain(PASTED_KEY);
  });

  it('envs compare refuses an --account (or RUNPOD_ACCOUNT) that no config table, key variable or --environment-account knows, naming the known ones: a typo would make every declared environment "different accounts"', async () => {
    const dir = workspace({
      'db.dev.runpod.env': 'DB_PASSWORD={{ RUNPOD_SECRET_db }}\n',
      'db.prod.runpod.env': 'DB_PASSWORD={{ RUNPOD_SECRET_db }}\n',
      'config.toml': `[personal]\napi_key = "${PERSONAL_KEY}"\n[team]\napi_key = "${TEAM_KEY}"\n[not an account]\n`,
    });
    const compare = (extra: string[], env: Record<string, string> = {}) =>
      runCli(['envs', 'compare', '--environment-account', 'prod=team', '--environment-account', 'dev=staging', ...extra, '--json'], { cwd: dir, env: { RUNPOD_CONFIG_FILE: `${dir}/config.toml`, ...env } });
    const typo = await compare(['--account', 'tema']);
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toBe(
      `runpod-check: --account tema is no account known here: RUNPOD_API_KEY_TEMA is not set, ${dir}/config.toml has no [tema] table and no --environment-account names it. Accounts known: personal, team, staging.\n`,
    );
    expect((await compare([], { RUNPOD_ACCOUNT: 'tema' })).stderr).toMatch(/^runpod-check: RUNPOD_ACCOUNT tema is no account known here: /);
    expect(`${typo.stdout}${typo.stderr}`).not.toContain(PERSONAL_KEY);
    // Known: a config table (any case), a key variable, an environment's declared account.
    for (const [extra, env] of [[['--account', 'Team'], {}], [['--account', 'ci'], { RUNPOD_API_KEY_CI: 'x' }], [['--account', 'staging'], {}]] as const) {
      const r = await compare([...extra], env);
      expect([extra, r.code, r.stderr]).toEqual([extra, 0, '1 template compared: 0 keys missing somewhere, 0 secrets named for another environment\n']);
    }
  });

  it('--account (or RUNPOD_ACCOUNT) with --profile: the error says what the command uses them for (envs compare: the account; others: the API key)', async () => {
    const envs = await runCli(['envs', 'compare', '--account', 'team', '--profile', 'team']);
    expect(envs.stderr).toBe('runpod-check: --account and --profile both choose the account; give one of them.\n');
    const byVariable = await runCli(['envs', 'compare', '--profile', 'team'], { env: { RUNPOD_ACCOUNT: 'team' } });
    expect(byVariable.stderr).toBe('runpod-check: RUNPOD_ACCOUNT and --profile both choose the account; give one of them.\n');
    const list = await runCli(['secrets', 'list', '--profile', 'team'], { env: { RUNPOD_ACCOUNT: 'team' } });
    expect(list.stderr).toBe('runpod-check: RUNPOD_ACCOUNT and --profile both choose the API key; give one of them.\n');
  });

  it('help says it', async () => {
    for (const command of [['check'], ['secrets', 'usage'], ['envs', 'compare']]) {
      const r = await runCli([...command, '--help']);
      expect(r.stdout).toMatch(/--environment-account NAME=ACCOUNT/);
    }
    expect((await runCli(['envs', 'compare', '--help'])).stdout).toMatch(/^ {2}--account NAME +the active account/m);
  });
});
