/**
 * `secrets usage`, `secrets rotate` and the CLI's secret history, end to end: the built CLI against
 * the fake RunPod API, over a temporary workspace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { call } from '../fake-runpod/testHelpers';
import { apiEnv, runCli, stateHome, withFakeApi } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

const RTX = 'NVIDIA GeForce RTX 4090';
const fx = withFakeApi(
  {
    'pods/train.runpod.env': 'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\nOTHER={{ RUNPOD_SECRET_hf-token2 }}\nSPACED={{RUNPOD_SECRET_hf-token}}\n',
    'deploy/api.runpod.json': '{ "env": {\n  "TOKEN": "{{ RUNPOD_SECRET_hf-token }}" } }\n',
    'node_modules/x/a.runpod.env': 'A={{ RUNPOD_SECRET_hf-token }}\n',
    // A plain dotenv file: the editor's index counts its references, so usage does too.
    'app/.env': 'HF={{ RUNPOD_SECRET_hf-token }}\n',
  },
  { seed: true, podBootMs: 0 },
);

async function launch(name: string, secret: string): Promise<string> {
  const res = await call(fx.fake, 'POST', '/pods', { name, image: 'ubuntu:24.04', gpu: { id: RTX }, env: { TOKEN: `{{ RUNPOD_SECRET_${secret} }}` } });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

const history = () => fs.readFileSync(path.join(stateHome(), 'runpod-check', 'history.jsonl'), 'utf8');

describe('secrets usage', () => {
  it('lists file references (line:column, key, substitution), .env files included as in the editor, and the account\'s templates and Pods', async () => {
    await launch('usage-pod', 'hf-token');
    const r = await runCli(['secrets', 'usage', 'hf-token'], { cwd: fx.ws, env: apiEnv(fx.fake) });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        'hf-token: 4 references in 3 files; 5 on the account',
        '  app/.env:1:21  HF',
        '  deploy/api.runpod.json:2:30  TOKEN',
        '  pods/train.runpod.env:1:27  HF_TOKEN',
        '  pods/train.runpod.env:3:24  SPACED, not substituted: spacing',
        expect.stringMatching(/^ {2}template "pytorch-train" \(\w+\): HF_TOKEN$/),
        expect.stringMatching(/^ {2}Pod "usage-pod" \(RUNNING\) \(\w+\): TOKEN$/),
        // The fake's seeded Serverless endpoint (one list call for endpoints, as for templates and Pods).
        expect.stringMatching(/^ {2}endpoint "sd-endpoint" \(\w+\): HF_TOKEN$/),
      ]),
    );
    expect(r.stdout).not.toContain('node_modules');
    expect(r.stdout).not.toContain('OTHER');
  });

  it('a name that is no secret on the account is said, with the close name, as the references would boot with the placeholder', async () => {
    const r = await runCli(['secrets', 'usage', 'hf-token2', 'pods'], { cwd: fx.ws, env: apiEnv(fx.fake) });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('hf-token2: 1 reference in 1 file; 0 on the account');
    expect(r.stderr).toContain('note: hf-token2 is not a secret on the account: its references would reach Pods as placeholder text. Did you mean "hf-token"? Or create it: `runpod-check secrets create hf-token2`.');
    const json = JSON.parse((await runCli(['secrets', 'usage', 'hf-token2', 'pods', '--json'], { cwd: fx.ws, env: apiEnv(fx.fake) })).stdout);
    expect(json.secretOnAccount).toBe(false);
    // The account's own secret: no note, and said so in --json.
    const known = await runCli(['secrets', 'usage', 'hf-token', 'pods', '--json'], { cwd: fx.ws, env: apiEnv(fx.fake) });
    expect(JSON.parse(known.stdout).secretOnAccount).toBe(true);
    expect(known.stderr).not.toContain('is not a secret');
    // Without a key nothing is known of the account: null, no note.
    const keyless = await runCli(['secrets', 'usage', 'hf-token2', 'pods', '--json'], { cwd: fx.ws });
    expect(JSON.parse(keyless.stdout).secretOnAccount).toBeNull();
    expect(keyless.stderr).not.toContain('is not a secret');
  });

  it('--json, and without a key: files only, the account named as not checked', async () => {
    const r = await runCli(['secrets', 'usage', 'hf-token', 'pods', '--json'], { cwd: fx.ws });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.files).toEqual([
      { file: 'pods/train.runpod.env', line: 1, column: 27, key: 'HF_TOKEN', kind: 'canonical' },
      { file: 'pods/train.runpod.env', line: 3, column: 24, key: 'SPACED', kind: 'noncanonical' },
    ]);
    expect(out.account).toEqual([]);
    expect(out.accountChecked).toBe(false);
    expect(out.unchecked).toEqual([
      { kind: 'template', reason: 'no API key (RUNPOD_API_KEY, --account or --profile)' },
      { kind: 'pod', reason: 'no API key (RUNPOD_API_KEY, --account or --profile)' },
      { kind: 'endpoint', reason: 'no API key (RUNPOD_API_KEY, --account or --profile)' },
    ]);
  });

  it('an account that could not be read is not "0 on the account": the summary names what was not checked, exit 2', async () => {
    // Pods answer 429 past the client's retries; templates and endpoints answer.
    fx.fake.faults.inject({ status: 429, retryAfter: 0 }, { method: 'GET', path: /\/pods(\?.*)?$/, times: 20 });
    try {
      const text = await runCli(['secrets', 'usage', 'hf-token', 'pods'], { cwd: fx.ws, env: apiEnv(fx.fake) });
      expect(text.code).toBe(2);
      expect(text.stdout.split('\n')[0]).toMatch(/^hf-token: 2 references in 1 file; \d+ on the account, Pods not checked$/);
      expect(text.stderr).toMatch(/note: account Pods not checked: /);
      const json = await runCli(['secrets', 'usage', 'hf-token', 'pods', '--json'], { cwd: fx.ws, env: apiEnv(fx.fake) });
      expect(json.code).toBe(2);
      const out = JSON.parse(json.stdout);
      expect(out.accountChecked).toBe(false);
      expect(out.unchecked.map((u: { kind: string }) => u.kind)).toEqual(['pod']);
    } finally {
      fx.fake.faults.clear();
    }
    // The whole account unreachable (connection refused): none of it is claimed checked.
    const refused = await runCli(['secrets', 'usage', 'hf-token', 'pods'], { cwd: fx.ws, env: { ...apiEnv(fx.fake), RUNPOD_API_URL: 'http://127.0.0.1:9' } });
    expect(refused.code).toBe(2);
    expect(refused.stdout.split('\n')[0]).toBe('hf-token: 2 references in 1 file; account not checked (templates, Pods, endpoints)');
    // Without any key the account is not asked (files only, as documented): said, exit 0.
    const keyless = await runCli(['secrets', 'usage', 'hf-token', 'pods'], { cwd: fx.ws });
    expect(keyless.code).toBe(0);
    expect(keyless.stdout.split('\n')[0]).toBe('hf-token: 2 references in 1 file; account not checked (templates, Pods, endpoints)');
    // An account asked for and not found is an account not read, not a files-only search.
    const unknown = await runCli(['secrets', 'usage', 'hf-token', 'pods', '--account', 'nope'], { cwd: fx.ws });
    expect(unknown.code).toBe(2);
    expect(unknown.stdout.split('\n')[0]).toBe('hf-token: 2 references in 1 file; account not checked (templates, Pods, endpoints)');
    // Everything answered: checked.
    const ok = await runCli(['secrets', 'usage', 'hf-token', 'pods', '--json'], { cwd: fx.ws, env: apiEnv(fx.fake) });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ accountChecked: true, unchecked: [] });
  });

  it('refuses an invalid name and a missing one', async () => {
    expect((await runCli(['secrets', 'usage'], { cwd: fx.ws })).code).toBe(2);
    // Characters no secret name holds; a name that merely breaks today's rule (RUNPOD_x, 2fa) may be an older secret's.
    const bad = await runCli(['secrets', 'usage', 'db$password'], { cwd: fx.ws });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid secret name');
  });
});

describe('secrets delete names what will break', () => {
  const secretExists = (name: string) => fx.fake.inspect().secrets.some((s) => s.name === name);
  const create = async (name: string) => expect((await runCli(['secrets', 'create', name], { env: apiEnv(fx.fake), input: 'to-be-deleted' })).code).toBe(0);

  it('lists the account templates and Pods that reference the secret, with what the delete does to each, before --yes deletes', async () => {
    await create('del_used');
    fx.fake.addTemplate({ name: 'del-template', image: 'runpod/base:1', env: { TOKEN: '{{ RUNPOD_SECRET_del_used }}' } });
    // Spelled so RunPod does not substitute it: the delete changes nothing at its boot (as Rotate skips it).
    fx.fake.addTemplate({ name: 'del-literal', image: 'runpod/base:1', env: { TOKEN: '{{RUNPOD_SECRET_del_used}}' } });
    await launch('del-pod', 'del_used');
    const r = await runCli(['secrets', 'delete', 'del_used', '--yes'], { env: apiEnv(fx.fake) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.split('\n')).toEqual(
      expect.arrayContaining([
        'del_used is referenced by 3 resources on the account; after the delete:',
        expect.stringMatching(/^ {2}template "del-template" \(\w+\): TOKEN: Pods launched from it fail at boot$/),
        expect.stringMatching(/^ {2}template "del-literal" \(\w+\): TOKEN \(not substituted\): nothing changes at boot .*; fixing its spelling later would point at nothing$/),
        expect.stringMatching(/^ {2}Pod "del-pod" \(RUNNING\) \(\w+\): TOKEN: fails at its next restart$/),
      ]),
    );
    expect(r.stdout).toBe('Deleted secret del_used.\n');
    expect(secretExists('del_used')).toBe(false);
  });

  it('an unused secret is said unused; --json lists the uses beside what was deleted', async () => {
    await create('del_unused');
    const r = await runCli(['secrets', 'delete', 'del_unused', '--yes', '--json'], { env: apiEnv(fx.fake) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('No template, Pod or endpoint on the account references del_unused.\n');
    expect(JSON.parse(r.stdout)).toEqual({ deleted: 'del_unused', account: [], accountChecked: true, unchecked: [] });
  });

  it('a listing that fails is said not checked, never "no references"', async () => {
    await create('del_unchecked');
    fx.fake.faults.inject({ status: 429, retryAfter: 0 }, { method: 'GET', path: /\/templates(\?.*)?$/, times: 20 });
    let r;
    try {
      r = await runCli(['secrets', 'delete', 'del_unchecked', '--yes'], { env: apiEnv(fx.fake) });
    } finally {
      fx.fake.faults.clear();
    }
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^note: account templates not checked: .+$/m);
    expect(r.stderr).not.toMatch(/No template/);
    expect(r.stderr).toContain('No reference among the account\'s Pods and endpoints.');
    expect(secretExists('del_unchecked')).toBe(false);
  });
});

describe('secrets rotate', () => {
  it('sets the value, lists who still has the old one; --restart restarts the running Pods, whose boot env then has the new value', async () => {
    expect((await call(fx.fake, 'POST', '/account/secrets', { name: 'cli-rot', value: 'cli-old-1' })).status).toBe(201);
    const pod = await launch('cli-rot-pod', 'cli-rot');
    const bootEnv = () => fx.fake.inspect().pods.find((p) => p.id === pod)!.bootEnv;
    expect(bootEnv()).toEqual({ TOKEN: 'cli-old-1' });

    const plain = await runCli(['secrets', 'rotate', 'cli-rot'], { cwd: fx.ws, env: apiEnv(fx.fake), input: 'cli-new-2\n' });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('Updated the value of secret cli-rot.');
    expect(plain.stdout).toContain('Still on the old value until they restart: Pod "cli-rot-pod" (RUNNING).');
    // The advice is a command that can be run as printed: it restarts exactly the Pods listed.
    const advice = plain.stdout.split('\n').find((l) => l.includes('runpod-check pods restart'));
    expect(advice).toBe(`To give it the new value, restart it (each restart ends what the Pod is running): runpod-check pods restart ${pod}`);
    expect(bootEnv()).toEqual({ TOKEN: 'cli-old-1' });
    const followed = await runCli(advice!.replace(/^.*runpod-check /, '').split(' '), { cwd: fx.ws, env: apiEnv(fx.fake) });
    expect(followed.code).toBe(0);
    expect(bootEnv()).toEqual({ TOKEN: 'cli-new-2' });

    const restarted = await runCli(['secrets', 'rotate', 'cli-rot', '--restart', '--json'], { cwd: fx.ws, env: apiEnv(fx.fake), input: 'cli-new-3' });
    expect(restarted.code).toBe(0);
    const out = JSON.parse(restarted.stdout);
    expect(out.restarted).toEqual([{ id: pod, name: 'cli-rot-pod', ok: true }]);
    expect(bootEnv()).toEqual({ TOKEN: 'cli-new-3' });
    expect(restarted.stdout + restarted.stderr + plain.stdout + plain.stderr).not.toMatch(/cli-new-|cli-old-/);

    // In text, a Pod just restarted is not said to be on the old value "until they restart".
    const text = await runCli(['secrets', 'rotate', 'cli-rot', '--restart'], { cwd: fx.ws, env: apiEnv(fx.fake), input: 'cli-new-4' });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toBe('Updated the value of secret cli-rot.\nRestarted 1 of 1 Pod.\n');
    expect(bootEnv()).toEqual({ TOKEN: 'cli-new-4' });
  });

  it('a refused restart is reported per Pod with the command to restart it later, and exits 2; the value is changed all the same', async () => {
    await call(fx.fake, 'POST', '/account/secrets', { name: 'cli-refused', value: 'r1' });
    const pod = await launch('cli-refused-pod', 'cli-refused');
    fx.fake.faults.inject({ status: 409 }, { method: 'POST', path: `/pods/${pod}/action` });
    const r = await runCli(['secrets', 'rotate', 'cli-refused', '--restart'], { cwd: fx.ws, env: apiEnv(fx.fake), input: 'r2' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^did not restart: Pod "cli-refused-pod" \(RUNNING\) \(\w+\): /m);
    expect(r.stdout).toContain('Restarted 0 of 1 Pod.');
    // The line the editor shows (rotatePlan.stillOnOldValue): which Pods still run on the old value.
    expect(r.stdout).toContain('Still on the old value of cli-refused until restarted: Pod "cli-refused-pod".');
    // Said once, by that line: not also by the plan's line from before the restart.
    expect(r.stdout).not.toContain('until they restart');
    // And the command that restarts each Pod that did not, as without --restart.
    expect(r.stdout).toContain(`runpod-check pods restart ${pod}\n`);
    expect(fx.fake.inspect().secrets.find((s) => s.name === 'cli-refused')!.value).toBe('r2');
  });

  it('a restart answered 5xx may have gone through: reported as the editor reports it ("may not have restarted", "Perhaps still on the old value"), not as refused', async () => {
    await call(fx.fake, 'POST', '/account/secrets', { name: 'cli-unsure', value: 'u1' });
    const pod = await launch('cli-unsure-pod', 'cli-unsure');
    fx.fake.faults.inject({ status: 503 }, { method: 'POST', path: `/pods/${pod}/action` });
    try {
      const r = await runCli(['secrets', 'rotate', 'cli-unsure', '--restart'], { cwd: fx.ws, env: apiEnv(fx.fake), input: 'u2' });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^may not have restarted: Pod "cli-unsure-pod" \(RUNNING\) \(\w+\): /m);
      expect(r.stderr).not.toMatch(/not restarted|did not restart/);
      // rotatePlan.stillOnOldValue's line for a restart RunPod may have acted on, as the editor's report says it.
      expect(r.stdout).toContain('Perhaps still on the old value of cli-unsure (its restart may have gone through): Pod "cli-unsure-pod".');
      expect(r.stdout).not.toContain('Still on the old value');
      expect(r.stdout).toContain(`runpod-check pods restart ${pod}\n`);
      fx.fake.faults.inject({ status: 503 }, { method: 'POST', path: `/pods/${pod}/action` });
      const json = await runCli(['secrets', 'rotate', 'cli-unsure', '--restart', '--json'], { cwd: fx.ws, env: apiEnv(fx.fake), input: 'u3' });
      expect(JSON.parse(json.stdout).restarted).toEqual([{ id: pod, name: 'cli-unsure-pod', ok: false, error: expect.any(String), mayHaveRestarted: true }]);
    } finally {
      fx.fake.faults.clear();
    }
  });
});

describe('secrets rotate: what a partial run leaves', () => {
  it('--json when the value change fails: exit 2, and stdout is still one document, the error stderr says', async () => {
    const r = await runCli(['secrets', 'rotate', 'cli-no-such-secret', '--json'], { cwd: fx.ws, env: apiEnv(fx.fake), input: 'n1' });
    expect(r.code).toBe(2);
    const said = r.stderr.replace(/^runpod-check: /, '').trim();
    expect(said).toMatch(/cli-no-such-secret/);
    expect(JSON.parse(r.stdout)).toEqual({ error: said });
  });

  it('--restart when the Pods cannot be listed: exit 2, and stdout says running Pods may hold the old value and how to restart them', async () => {
    await call(fx.fake, 'POST', '/account/secrets', { name: 'cli-unlisted', value: 'u1' });
    await launch('cli-unlisted-pod', 'cli-unlisted');
    fx.fake.faults.inject({ status: 429, retryAfter: 0 }, { method: 'GET', path: /\/pods(\?.*)?$/, times: 20 });
    const r = await runCli(['secrets', 'rotate', 'cli-unlisted', '--restart'], { cwd: fx.ws, env: apiEnv(fx.fake), input: 'u2' });
    fx.fake.faults.clear();
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Updated the value of secret cli-unlisted.');
    expect(r.stdout).toMatch(/running Pods that use cli-unlisted may still hold the old value.*runpod-check secrets usage cli-unlisted.*runpod-check pods restart <id>/is);
    expect(fx.fake.inspect().secrets.find((s) => s.name === 'cli-unlisted')!.value).toBe('u2');
  });
  // Ctrl+C and SIGTERM during --restart: rotate-history.test.ts.
});

describe("the CLI's secret history", () => {
  it('records create, value, description, delete and restarts with time and account, 0600, never a value', async () => {
    const env = apiEnv(fx.fake);
    expect((await runCli(['secrets', 'create', 'hist-x', '--description', 'd'], { cwd: fx.ws, env, input: 'hist-value-1' })).code).toBe(0);
    expect((await runCli(['secrets', 'update', 'hist-x', '--description', 'e', '--value-file', '-'], { cwd: fx.ws, env, input: 'hist-value-2' })).code).toBe(0);
    expect((await runCli(['secrets', 'delete', 'hist-x', '--yes'], { cwd: fx.ws, env })).code).toBe(0);
    const lines = history().trim().split('\n').map((l) => JSON.parse(l));
    const mine = lines.filter((l) => l.secret === 'hist-x');
    expect(mine.map((l) => l.action)).toEqual(['created', 'value-changed', 'description-changed', 'deleted']);
    expect(mine[0]).toMatchObject({ source: 'cli', account: { origin: new URL(fx.fake.url).origin } });
    expect(lines.some((l) => l.action === 'pods-restarted' && l.secret === 'cli-rot')).toBe(true);
    expect(history()).not.toMatch(/hist-value|cli-new|cli-old/);
    expect(fs.statSync(path.join(stateHome(), 'runpod-check', 'history.jsonl')).mode & 0o777).toBe(0o600);
  });

  it('RUNPOD_CHECK_HISTORY=off records nothing; an unwritable history is a note, not a failure', async () => {
    const before = history();
    const off = await runCli(['secrets', 'create', 'hist-off'], { cwd: fx.ws, env: { ...apiEnv(fx.fake), RUNPOD_CHECK_HISTORY: 'off' }, input: 'v' });
    expect(off.code).toBe(0);
    expect(history()).toBe(before);
    const blocked = path.join(stateHome(), 'blocked');
    fs.writeFileSync(blocked, 'a file where a folder should be');
    const r = await runCli(['secrets', 'delete', 'hist-off', '--yes'], { cwd: fx.ws, env: { ...apiEnv(fx.fake), XDG_STATE_HOME: blocked } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: the secret history was not recorded');
  });
});
