/**
 * The CLI's secret history names the account the key belongs to, in the field and form the editor
 * uses (`account: { origin, label }`): the name given with --account / RUNPOD_ACCOUNT, the name the
 * editor's import gives a RunPod CLI config table (--profile, [default], runpodctl's apikey), and no
 * name for RUNPOD_API_KEY. The built CLI against two fake accounts behind one origin; the history
 * file never holds a key or a value.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTwoAccounts, type TwoAccounts } from '../helpers/accountFront';
import { call } from '../fake-runpod/testHelpers';
import { buildOnce, runCli, workspace, type CliResult } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

const PERSONAL_KEY = 'rp_personal_key_hist_51c0e9a2d7';
const TEAM_KEY = 'rp_team_key_hist_0d4f8a6b2c';
const VALUES = ['hist-acct-value-1', 'hist-acct-value-2', 'hist-acct-value-3', 'hist-acct-value-4', 'hist-acct-value-5'];
let accounts: TwoAccounts;

beforeAll(async () => {
  buildOnce();
  accounts = await startTwoAccounts({ personal: PERSONAL_KEY, team: TEAM_KEY }, { podBootMs: 0 });
});
afterAll(async () => {
  await accounts?.close();
});

const CONFIG = `apikey = "${PERSONAL_KEY}"\n\n[default]\napi_key = "${PERSONAL_KEY}"\n\n[team]\napi_key = "${TEAM_KEY}"\n`;

/** A home folder whose ~/.runpod/config.toml is `config`, and a state folder of its own (a fresh history). */
function setup(config?: string): { HOME: string; XDG_STATE_HOME: string; history(): { text: string; entries: Record<string, unknown>[] } } {
  const HOME = workspace(config === undefined ? {} : { '.runpod/config.toml': config });
  const XDG_STATE_HOME = workspace({});
  const history = () => {
    const text = fs.readFileSync(path.join(XDG_STATE_HOME, 'runpod-check', 'history.jsonl'), 'utf8');
    return { text, entries: text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
  };
  return { HOME, XDG_STATE_HOME, history };
}

function cli(args: string[], env: Record<string, string>, input?: string): Promise<CliResult> {
  return runCli(args, { env: { RUNPOD_API_URL: accounts.front.url, RUNPOD_TIMEOUT_MS: '5000', ...env }, ...(input !== undefined ? { input } : {}) });
}

async function ok(result: Promise<CliResult>): Promise<CliResult> {
  const r = await result;
  expect(r.code, r.stderr).toBe(0);
  return r;
}

/** Neither key nor any value typed is in the file. */
function expectNothingSecret(text: string): void {
  for (const secret of [PERSONAL_KEY, TEAM_KEY, ...VALUES]) expect(text).not.toContain(secret);
}

describe("the CLI's history names the account", () => {
  it('--account NAME (RUNPOD_API_KEY_<NAME>) and RUNPOD_ACCOUNT (the config table): the name given, beside the origin', async () => {
    const s = setup(CONFIG);
    await ok(cli(['secrets', 'create', 'acct-a', '--account', 'team'], { HOME: s.HOME, XDG_STATE_HOME: s.XDG_STATE_HOME, RUNPOD_API_KEY: PERSONAL_KEY, RUNPOD_API_KEY_TEAM: TEAM_KEY }, VALUES[0]));
    // No RUNPOD_API_KEY_TEAM: the key comes from the config's [team] table.
    await ok(cli(['secrets', 'update', 'acct-a'], { HOME: s.HOME, XDG_STATE_HOME: s.XDG_STATE_HOME, RUNPOD_ACCOUNT: 'team' }, VALUES[1]));
    await ok(cli(['secrets', 'delete', 'acct-a', '--yes', '--account', 'team'], { HOME: s.HOME, XDG_STATE_HOME: s.XDG_STATE_HOME }));
    const { text, entries } = s.history();
    expect(entries.map((e) => [e['action'], e['secret'], e['account']])).toEqual([
      ['created', 'acct-a', { origin: accounts.front.origin, label: 'team' }],
      ['value-changed', 'acct-a', { origin: accounts.front.origin, label: 'team' }],
      ['deleted', 'acct-a', { origin: accounts.front.origin, label: 'team' }],
    ]);
    expect(accounts.team.inspect().secrets.some((x) => x.name === 'acct-a')).toBe(false);
    expectNothingSecret(text);
  });

  it('--profile NAME: that name; [default], runpodctl\'s apikey and RUNPOD_API_KEY (keys taken by default): no name', async () => {
    const s = setup(CONFIG);
    const env = { HOME: s.HOME, XDG_STATE_HOME: s.XDG_STATE_HOME };
    await ok(cli(['secrets', 'create', 'prof-a', '--profile', 'team'], env, VALUES[0]));
    await ok(cli(['secrets', 'create', 'prof-b'], env, VALUES[1]));
    await ok(cli(['secrets', 'create', 'prof-c'], { ...env, RUNPOD_API_KEY: PERSONAL_KEY }, VALUES[2]));
    const top = setup(`apikey = "${TEAM_KEY}"\n`);
    await ok(cli(['secrets', 'delete', 'prof-a', '--yes'], { HOME: top.HOME, XDG_STATE_HOME: s.XDG_STATE_HOME }));
    const { text, entries } = s.history();
    expect(entries.map((e) => [e['action'], e['secret'], e['account']])).toEqual([
      ['created', 'prof-a', { origin: accounts.front.origin, label: 'team' }],
      ['created', 'prof-b', { origin: accounts.front.origin }],
      ['created', 'prof-c', { origin: accounts.front.origin }],
      ['deleted', 'prof-a', { origin: accounts.front.origin }],
    ]);
    expectNothingSecret(text);
  });

  it('rotate --restart: the value change and the restarts are named with the account and origin of the client that sent them', async () => {
    const s = setup(CONFIG);
    expect((await call(accounts.team, 'POST', '/account/secrets', { name: 'rot-team', value: VALUES[3] })).status).toBe(201);
    const pod = await call(accounts.team, 'POST', '/pods', { name: 'team-pod', image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090' }, env: { T: '{{ RUNPOD_SECRET_rot-team }}' } });
    expect(pod.status).toBe(201);
    const r = await ok(cli(['secrets', 'rotate', 'rot-team', '--restart', '--profile', 'team'], { HOME: s.HOME, XDG_STATE_HOME: s.XDG_STATE_HOME, RUNPOD_API_KEY: PERSONAL_KEY }, VALUES[4]));
    expect(r.stdout).toContain('Restarted 1 of 1 Pod');
    const { text, entries } = s.history();
    const team = { origin: accounts.front.origin, label: 'team' };
    expect(entries.map((e) => [e['action'], e['account']])).toEqual([
      ['value-changed', team],
      ['pods-restarted', team],
    ]);
    expect(entries[1]!['pods']).toEqual([{ id: pod.json.id, name: 'team-pod', ok: true }]);
    expectNothingSecret(text + r.stdout + r.stderr);
  });
});
