/**
 * `check --rotation-days N`: secret-rotation-due on references to values older than N days, with
 * the dates from the API. The fake's clock seeds the account 120 days in the past, then runs on
 * the real clock (the CLI's), so the verdicts hold whatever day the tests run.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { call } from '../fake-runpod/testHelpers';
import { apiEnv, buildOnce, runCli, workspace } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

const DAY = 24 * 60 * 60 * 1000;
let offset = 120 * DAY;
let fake: FakeRunpod;
let ws: string;

beforeAll(async () => {
  buildOnce();
  fake = await startFakeRunpod({ seed: true, now: () => Date.now() - offset }); // hf-token & co. set 120 days ago
  offset = 0;
  expect((await call(fake, 'POST', '/account/secrets', { name: 'young', value: 'v' })).status).toBe(201);
  ws = workspace({ 'a.runpod.env': 'OLD={{ RUNPOD_SECRET_hf-token }}\nNEW={{ RUNPOD_SECRET_young }}\n', 'names.txt': 'hf-token\nyoung\n' });
});
afterAll(async () => {
  await fake?.close();
});

describe('check --rotation-days', () => {
  it('reports a hint on the old value only, with its age; exit 0 (a hint is no failure)', async () => {
    const r = await runCli(['check', '--rotation-days', '90'], { cwd: ws, env: apiEnv(fake) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'a.runpod.env:1:22: hint secret-rotation-due Secret `hf-token`: value set 120 days ago, more than the 90 days of the rotation policy. ' +
        'Rotate it (RunPod: Rotate Secret...); running Pods keep the old value until they restart.\n',
    );
  });

  it('is off by default and with 0; a longer policy reports nothing', async () => {
    for (const args of [[], ['--rotation-days', '0'], ['--rotation-days', '365']]) {
      const r = await runCli(['check', ...args], { cwd: ws, env: apiEnv(fake) });
      expect(r.stdout).toBe('');
    }
  });

  it('says it cannot judge without the API (a names file has no dates)', async () => {
    const r = await runCli(['check', '--rotation-days', '1', '--secrets-file', 'names.txt'], { cwd: ws });
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--rotation-days needs the secrets\' dates');
  });

  it('refuses a value that is not a whole number of days', async () => {
    for (const bad of ['-1', '1.5', 'ninety', '99999999']) {
      for (const args of [[`--rotation-days=${bad}`], ['--rotation-days', bad]]) {
        const r = await runCli(['check', ...args], { cwd: ws });
        expect({ args, code: r.code }).toEqual({ args, code: 2 });
        // A negative number after the option is its value, not an option of its own.
        expect(r.stderr).toContain('--rotation-days must be a whole number of days');
      }
    }
  });

  it('says every way to give the API key the dates need, and that a names file has none', async () => {
    const r = await runCli(['check', '--rotation-days', '1'], { cwd: ws });
    expect(r.stderr).toMatch(/--rotation-days needs the secrets' dates.*RUNPOD_API_KEY.*--account.*--profile.*--secrets-file/);
  });

  it('help says 0 is off', async () => {
    expect((await runCli(['check', '--help'])).stdout).toMatch(/--rotation-days N[\s\S]*0, the default, is off/);
  });
});
