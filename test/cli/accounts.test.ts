/**
 * Which key the command line sends: `--account` / `RUNPOD_ACCOUNT` (RUNPOD_API_KEY_<NAME>, else the
 * config table), the RunPod CLI config when RUNPOD_API_KEY is unset (`--profile`, `[default]`,
 * runpodctl's `apikey`), `--verbose` naming the source and never the key. Two accounts, each a fake
 * RunPod API with its own key and secrets, behind one origin that routes by key and records the
 * Authorization header of every request.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTwoAccounts, type AccountFront, type TwoAccounts } from '../helpers/accountFront';
import { buildOnce, runCli, workspace, type CliResult } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

const PERSONAL_KEY = 'rp_personal_key_3f9a0c7d1e5b';
const TEAM_KEY = 'rp_team_key_8b2e4d6f0a1c';
let front: AccountFront;
let accounts: TwoAccounts;

beforeAll(async () => {
  buildOnce();
  accounts = await startTwoAccounts({ personal: PERSONAL_KEY, team: TEAM_KEY });
  front = accounts.front;
});
afterAll(async () => {
  await accounts?.close();
});
beforeEach(() => {
  front.requests.length = 0;
});

/** A home folder whose ~/.runpod/config.toml is `config` (none when undefined). */
function home(config?: string): string {
  return workspace(config === undefined ? {} : { '.runpod/config.toml': config });
}

const CONFIG = `# written by hand
apikey = "${PERSONAL_KEY}"

[default]
api_key = "${PERSONAL_KEY}"

[team]
api_key = "${TEAM_KEY}"   # the team account
`;

function cli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return runCli(args, { env: { RUNPOD_API_URL: front.url, RUNPOD_TIMEOUT_MS: '5000', ...env } });
}

/** The secret names `secrets list --json` printed. */
function names(result: CliResult): string[] {
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { name: string }[]).map((s) => s.name);
}

/** Every request reached the front with exactly this key, and there was at least one. */
function expectOnlyKey(key: string): void {
  expect(front.requests.length).toBeGreaterThan(0);
  expect(front.keysSeen()).toEqual(new Set([`Bearer ${key}`]));
}

function expectNoKeyPrinted(result: CliResult): void {
  for (const key of [PERSONAL_KEY, TEAM_KEY]) expect(result.stdout + result.stderr).not.toContain(key);
}

describe('--account and RUNPOD_ACCOUNT', () => {
  it('--account NAME sends RUNPOD_API_KEY_<NAME>, not RUNPOD_API_KEY; --verbose names the variable, never the key', async () => {
    const r = await cli(['secrets', 'list', '--json', '--account', 'team', '--verbose'], {
      RUNPOD_API_KEY: PERSONAL_KEY,
      RUNPOD_API_KEY_TEAM: TEAM_KEY,
      HOME: home(),
    });
    expect(names(r)).toEqual(['team-db']);
    expectOnlyKey(TEAM_KEY);
    expect(r.stderr).toContain('verbose: key from RUNPOD_API_KEY_TEAM (account team)');
    expectNoKeyPrinted(r);
  });

  it('RUNPOD_ACCOUNT does the same, and a name with - maps to _ in the variable', async () => {
    const r = await cli(['secrets', 'list', '--json'], { RUNPOD_ACCOUNT: 'my-team', RUNPOD_API_KEY_MY_TEAM: TEAM_KEY, RUNPOD_API_KEY: PERSONAL_KEY, HOME: home() });
    expect(names(r)).toEqual(['team-db']);
    expectOnlyKey(TEAM_KEY);
  });

  it('without the variable, --account reads the [NAME] table of the config', async () => {
    const r = await cli(['--account', 'team', '--verbose', 'secrets', 'list', '--json'], { HOME: home(CONFIG) });
    expect(names(r)).toEqual(['team-db']);
    expectOnlyKey(TEAM_KEY);
    expect(r.stderr).toContain(`verbose: key from ~${path.sep}.runpod${path.sep}config.toml [team]`);
    expectNoKeyPrinted(r);
  });

  it('an account with no key anywhere: exit 2 naming where to put it, and nothing is sent', async () => {
    const r = await cli(['secrets', 'list', '--account', 'prod'], { RUNPOD_API_KEY: PERSONAL_KEY, HOME: home(CONFIG) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No key for account prod: set RUNPOD_API_KEY_PROD, or add a \[prod\] table/);
    expect(front.requests).toEqual([]);
    // check too: an account asked for and not found is not "no secret list".
    const check = await runCli(['check', '--account', 'prod'], { env: { RUNPOD_API_URL: front.url, HOME: home() }, cwd: workspace({ 'a.runpod.env': 'A=1\n' }) });
    expect(check.code).toBe(2);
    expect(front.requests).toEqual([]);
  });

  it('a rejected key (401) says where that key came from, not to set RUNPOD_API_KEY, which --account and --profile never read', async () => {
    const wrong = 'rp_revoked_key_0d4c2a9e7f1b';
    const cases: [string[], Record<string, string>, string][] = [
      [['--account', 'team'], { RUNPOD_API_KEY: PERSONAL_KEY, RUNPOD_API_KEY_TEAM: wrong, HOME: home() }, 'RUNPOD_API_KEY_TEAM (account team)'],
      [['--profile', 'team'], { RUNPOD_API_KEY: PERSONAL_KEY, HOME: home(CONFIG.replace(TEAM_KEY, wrong)) }, `~${path.sep}.runpod${path.sep}config.toml [team]`],
    ];
    for (const [args, env, source] of cases) {
      const r = await cli(['secrets', 'list', ...args], env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toBe(`runpod-check: RunPod rejected the API key (401). The key came from ${source}: replace it there with a valid key.\n`);
    }
    // A RUNPOD_CONFIG_FILE path with a line break, an escape sequence and a bidi override stays one
    // line of visible escapes: the remedy is added after the message's first line is taken.
    const dir = fs.mkdtempSync(path.join(workspace({}), 'x\n\u001b[2J\u202e'));
    fs.writeFileSync(path.join(dir, 'c.toml'), `apikey = "${wrong}"\n`);
    const hostile = await cli(['secrets', 'list'], { HOME: home(), RUNPOD_CONFIG_FILE: path.join(dir, 'c.toml') });
    const shown = path.join(dir, 'c.toml').replace('\n', '\\u000a').replace('\u001b', '\\u001b').replace('\u202e', '\\u202e');
    expect(hostile.stderr).toBe(`runpod-check: RunPod rejected the API key (401). The key came from ${shown} (top-level apikey): replace it there with a valid key.\n`);
    // The key of RUNPOD_API_KEY itself keeps the plain advice.
    const plain = await cli(['secrets', 'list'], { RUNPOD_API_KEY: wrong, HOME: home() });
    expect(plain.stderr).toBe('runpod-check: RunPod rejected the API key (401). Set RUNPOD_API_KEY to a valid key.\n');
  });

  it('a value that is not an account name (a key pasted there) is refused without being repeated', async () => {
    for (const args of [['--account', TEAM_KEY + TEAM_KEY], [`--account=https://x.example/${TEAM_KEY}`]]) {
      const r = await cli(['secrets', 'list', ...args], { HOME: home() });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--account takes an account name/);
      expectNoKeyPrinted(r);
    }
    expect(front.requests).toEqual([]);
  });

  it('RUNPOD_API_KEY holding two keys (or a space) is refused as RUNPOD_API_KEY_<NAME> is: exit 2, never echoed, nothing sent, no other key used', async () => {
    const env = { RUNPOD_API_KEY: `${PERSONAL_KEY} ${TEAM_KEY}`, HOME: home(CONFIG) };
    const list = await cli(['secrets', 'list'], env);
    const check = await runCli(['check'], { env: { RUNPOD_API_URL: front.url, ...env }, cwd: workspace({ 'a.runpod.env': 'A=1\n' }) });
    for (const r of [list, check]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('RUNPOD_API_KEY holds spaces or characters an API key never has.');
      expectNoKeyPrinted(r);
    }
    expect(front.requests).toEqual([]);
  });

  it('check --account uses that account\'s secret list', async () => {
    const ws = workspace({ 'app.runpod.env': 'DB={{ RUNPOD_SECRET_team-db }}\nHF={{ RUNPOD_SECRET_hf-token }}\n' });
    const env = { RUNPOD_API_URL: front.url, RUNPOD_API_KEY: PERSONAL_KEY, RUNPOD_API_KEY_TEAM: TEAM_KEY, HOME: home() };
    const asTeam = await runCli(['check', '--account', 'team', '--format', 'json'], { env, cwd: ws });
    const asPersonal = await runCli(['check', '--format', 'json'], { env, cwd: ws });
    const unknown = (r: CliResult) => (JSON.parse(r.stdout) as { code: string; message: string }[]).filter((f) => f.code === 'unknown-secret').map((f) => f.message);
    expect(unknown(asTeam).join('\n')).toContain('hf-token');
    expect(unknown(asTeam).join('\n')).not.toContain('team-db');
    expect(unknown(asPersonal).join('\n')).toContain('team-db');
    expect(unknown(asPersonal).join('\n')).not.toContain('hf-token');
    expect(front.requests.map((q) => q.account)).toEqual(['team', 'personal']);
  });
});

describe('the RunPod CLI config as a key source', () => {
  it('with RUNPOD_API_KEY unset: [default] first; --profile picks another table', async () => {
    const byDefault = await cli(['secrets', 'list', '--json', '--verbose'], { HOME: home(CONFIG) });
    expect(names(byDefault)).toEqual(['db_password', 'hf-token', 'openai-key']);
    expect(byDefault.stderr).toContain('[default]');
    expectOnlyKey(PERSONAL_KEY);

    front.requests.length = 0;
    const profile = await cli(['secrets', 'list', '--json', '--profile', 'team'], { HOME: home(CONFIG) });
    expect(names(profile)).toEqual(['team-db']);
    expectOnlyKey(TEAM_KEY);
    expectNoKeyPrinted(profile);
  });

  it('RUNPOD_API_KEY wins over the config; an explicit --profile wins over RUNPOD_API_KEY', async () => {
    expect(names(await cli(['secrets', 'list', '--json'], { RUNPOD_API_KEY: TEAM_KEY, HOME: home(CONFIG) }))).toEqual(['team-db']);
    expectOnlyKey(TEAM_KEY);
    front.requests.length = 0;
    expect(names(await cli(['secrets', 'list', '--json', '--profile', 'default'], { RUNPOD_API_KEY: TEAM_KEY, HOME: home(CONFIG) }))).toEqual([
      'db_password',
      'hf-token',
      'openai-key',
    ]);
    expectOnlyKey(PERSONAL_KEY);
  });

  it("runpodctl's top-level apikey when there is no [default]; RUNPOD_CONFIG_FILE moves the file", async () => {
    const dir = workspace({ 'elsewhere.toml': `apikey = '${TEAM_KEY}'\n[other]\nname = "x"\n` });
    const r = await cli(['secrets', 'list', '--json', '--verbose'], { HOME: home(), RUNPOD_CONFIG_FILE: path.join(dir, 'elsewhere.toml') });
    expect(names(r)).toEqual(['team-db']);
    expect(r.stderr).toContain('(top-level apikey)');
    expectOnlyKey(TEAM_KEY);
  });

  it('a missing --profile table: exit 2 saying so, nothing sent', async () => {
    const r = await cli(['secrets', 'list', '--profile', 'staging'], { HOME: home(CONFIG) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--profile staging: .*config\.toml has no \[staging\] table/);
    expect(front.requests).toEqual([]);
  });

  it('a config that is a FIFO, a link to /dev/zero or too big is refused at once, its content never printed', async () => {
    const dir = workspace({});
    const fifo = path.join(dir, 'fifo.toml');
    fs.mkdirSync(path.join(dir, 'h', '.runpod'), { recursive: true });
    execFileSync('mkfifo', [fifo]);
    fs.symlinkSync('/dev/zero', path.join(dir, 'h', '.runpod', 'config.toml'));
    fs.writeFileSync(path.join(dir, 'big.toml'), `[default]\napi_key = "${TEAM_KEY}"\n# ${'x'.repeat(70_000)}\n`);
    const cases: [Record<string, string>, RegExp][] = [
      [{ HOME: home(), RUNPOD_CONFIG_FILE: fifo }, /not a regular file/],
      [{ HOME: path.join(dir, 'h') }, /not a regular file/],
      [{ HOME: home(), RUNPOD_CONFIG_FILE: path.join(dir, 'big.toml') }, /larger than 65536 bytes/],
    ];
    for (const [env, reason] of cases) {
      const r = await cli(['secrets', 'list'], env);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(reason);
      expectNoKeyPrinted(r);
    }
    expect(front.requests).toEqual([]);
  });

  it('a line the reader does not understand is named by number, never quoted', async () => {
    const r = await cli(['secrets', 'list', '--profile', 'team'], { HOME: home(`[team]\napi_key = """${TEAM_KEY}"""\n`) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no api_key in \[team\] \(line 2: a multi-line string; the rest of the file was not read\)/);
    expectNoKeyPrinted(r);
    expect(front.requests).toEqual([]);
  });
});
