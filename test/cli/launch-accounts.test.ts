/**
 * `pods launch`, `endpoints deploy` and `endpoints update` take `--environment-account` (and
 * `--environment`) as `check` does, and refuse an input file of an environment that runs under
 * another account than the key's, as the editor's Launch Pod refuses it (environmentChoice.ts
 * accountRefusal): personal's `hf-token` must never boot in a Pod of prod, team's environment.
 * Nothing is sent: no create, no update, the key never named.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTwoAccounts, type TwoAccounts } from '../helpers/accountFront';
import { buildOnce, runCli, workspace, type CliResult } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

const PERSONAL_KEY = 'rp_personal_key_7a1c3e5b9d2f';
const TEAM_KEY = 'rp_team_key_4b8d2f6a0c1e';
const GPU = 'NVIDIA GeForce RTX 4090';

let accounts: TwoAccounts;
let ws: string;

beforeAll(async () => {
  buildOnce();
  accounts = await startTwoAccounts({ personal: PERSONAL_KEY, team: TEAM_KEY });
  ws = workspace({
    'serve.runpod.json': JSON.stringify({ name: 'serve', image: 'acme/serve:1', env: {} }),
    'serve.prod.runpod.json': JSON.stringify({ name: 'serve-prod', image: 'acme/serve:1', env: {} }),
    'serve.dev.runpod.env': 'TOKEN={{ RUNPOD_SECRET_hf-token }}\n',
    // hf-token is a secret of personal too: launched under personal, it would boot with personal's value.
    'serve.prod.runpod.env': 'TOKEN={{ RUNPOD_SECRET_hf-token }}\n',
    'plain.env': 'A=1\n',
    // A repository names its files: an escape sequence in a name must not reach the terminal.
    'odd\u001b[2J.env': 'A=1\n',
  });
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

/** The writes that reached either account since `from` (a create or an update). */
const writesSince = (from: number) => accounts.front.requests.slice(from).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);

function expectRefused(r: CliResult, from: number): void {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toMatch(/environment prod runs under the RunPod account team/i);
  expect(r.stderr).toMatch(/Run with --account team/);
  expect(r.stdout).toBe('');
  expect(writesSince(from)).toEqual([]);
  expect(r.stdout + r.stderr).not.toContain(PERSONAL_KEY);
  expect(r.stdout + r.stderr).not.toContain(TEAM_KEY);
}

describe("a launch input of another account's environment is refused", () => {
  it("pods launch --vars-file of prod (team's) under personal: exit 1, nothing created", async () => {
    const from = accounts.front.requests.length;
    const r = await cli(['pods', 'launch', '--template-file', 'serve.runpod.json', '--gpu', GPU, '--vars-file', 'serve.prod.runpod.env', '--account', 'personal', ...ACCOUNTS]);
    expectRefused(r, from);
    expect(r.stderr).toMatch(/active account is personal/);
  });

  it('--json: the refusal is a document on stdout too, naming the environment and the account, never a key', async () => {
    const from = accounts.front.requests.length;
    const r = await cli(['pods', 'launch', '--template-file', 'serve.runpod.json', '--gpu', GPU, '--vars-file', 'serve.prod.runpod.env', '--account', 'personal', ...ACCOUNTS, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      refused: true,
      warnings: [],
      blocking: [{ reason: 'other-account', input: '--vars-file', environment: 'prod', account: 'team' }],
    });
    expect(writesSince(from)).toEqual([]);
    expect(r.stdout + r.stderr).not.toContain(PERSONAL_KEY);
    expect(r.stdout + r.stderr).not.toContain(TEAM_KEY);
  });

  it("a template file of prod by name is refused the same way, with a neutral env file or none", async () => {
    for (const extra of [[], ['--vars-file', 'plain.env']]) {
      const from = accounts.front.requests.length;
      const r = await cli(['pods', 'launch', '--template-file', 'serve.prod.runpod.json', '--gpu', GPU, ...extra, '--account', 'personal', ...ACCOUNTS]);
      expectRefused(r, from);
    }
  });

  it("prod's template file with dev's env file (dev declares no account) is refused under team, as the editor refuses the pair (accountRefusal)", async () => {
    const from = accounts.front.requests.length;
    const args = ['pods', 'launch', '--template-file', 'serve.prod.runpod.json', '--gpu', GPU, '--vars-file', 'serve.dev.runpod.env', '--environment-account', 'prod=team', '--account', 'team'];
    const r = await cli(args);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/prod's template would run with dev's variables under another account\. Choose prod's own env file, or no env file/);
    expect(writesSince(from)).toEqual([]);
    const json = await cli([...args, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      refused: true,
      warnings: [],
      blocking: [{ reason: 'other-environment', input: '--vars-file', environment: 'dev', templateEnvironment: 'prod' }],
    });
    expect(writesSince(from)).toEqual([]);
    expect(json.stdout + json.stderr + r.stderr).not.toContain(TEAM_KEY);
  });

  it('a key that names no account (bare RUNPOD_API_KEY) cannot run a declared account\'s environment: it fails closed', async () => {
    const from = accounts.front.requests.length;
    const r = await cli(['pods', 'launch', '--template-file', 'serve.runpod.json', '--gpu', GPU, '--vars-file', 'serve.prod.runpod.env', ...ACCOUNTS], { RUNPOD_API_KEY: PERSONAL_KEY });
    expectRefused(r, from);
    expect(r.stderr).toMatch(/names no account/);
  });

  it('under its own account the launch goes ahead', async () => {
    const r = await cli(['pods', 'launch', '--template-file', 'serve.runpod.json', '--gpu', GPU, '--vars-file', 'serve.dev.runpod.env', '--account', 'personal', ...ACCOUNTS, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'serve' });
  });

  it('endpoints deploy and endpoints update refuse it too', async () => {
    let from = accounts.front.requests.length;
    const deploy = await cli(['endpoints', 'deploy', '--template-file', 'serve.runpod.json', '--gpu-pool', 'ADA_24', '--vars-file', 'serve.prod.runpod.env', '--account', 'personal', ...ACCOUNTS]);
    expectRefused(deploy, from);
    from = accounts.front.requests.length;
    const update = await cli(['endpoints', 'update', 'some-endpoint', '--vars-file', 'serve.prod.runpod.env', '--account', 'personal', ...ACCOUNTS]);
    expectRefused(update, from);
  });

  it('--environment declares the file the same way (a file of no conventional name)', async () => {
    const from = accounts.front.requests.length;
    const r = await cli(['pods', 'launch', '--template-file', 'serve.runpod.json', '--gpu', GPU, '--vars-file', 'plain.env', '--environment', 'prod=plain.env', '--account', 'personal', ...ACCOUNTS]);
    expectRefused(r, from);
  });

  it('the refusal names the file safely: an escape sequence in its name never reaches the terminal', async () => {
    const from = accounts.front.requests.length;
    const r = await cli(['pods', 'launch', '--template-file', 'serve.runpod.json', '--gpu', GPU, '--vars-file', 'odd\u001b[2J.env', '--environment', 'prod=odd*.env', '--account', 'personal', ...ACCOUNTS]);
    expectRefused(r, from);
    expect(r.stderr).not.toContain('\u001b');
  });

  it('the options belong to launch only among the pods commands', async () => {
    const r = await cli(['pods', 'list', '--account', 'personal', ...ACCOUNTS]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--environment-account does not apply to pods list \(only to pods launch\)/);
  });

  it('help says it', async () => {
    for (const command of [['pods', 'launch'], ['endpoints', 'deploy'], ['endpoints', 'update']]) {
      const r = await runCli([...command, '--help']);
      expect(r.stdout).toMatch(/--environment-account NAME=ACCOUNT/);
    }
  });
});
