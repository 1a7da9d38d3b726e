/**
 * `secrets` end to end against the fake RunPod API: values only from stdin or --value-file,
 * `--value` refused, delete needs --yes without a terminal; the fake's inspect() confirms.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { VALUE_CHANGE_MEANING } from '../../client/src/secrets/rotatePlan';
import { validateNewSecretName } from '../../client/src/commands/secretInputRules';
import { apiEnv, buildOnce, cliEnv, cliPath, runCli, runProcess, workspace, type CliResult } from './helpers';

// Each test starts several processes; on two shared cores that can take a while (not a timing assertion).
vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

let fake: FakeRunpod;
const VALUE = 'sv_cli_test_value_7f3a9c';

beforeAll(async () => {
  buildOnce();
  fake = await startFakeRunpod({ seed: true });
});
afterAll(async () => {
  await fake?.close();
});

const secretNamed = (name: string) => fake.inspect().secrets.find((s) => s.name === name);

describe('secrets', () => {
  it('list prints a name/description/created table; --json gives metadata only', async () => {
    const table = await runCli(['secrets', 'list'], { env: apiEnv(fake) });
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+DESCRIPTION\s+CREATED$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['db_password', 'hf-token', 'openai-key']);
    expect(table.stdout).toMatch(/hf-token\s+Hugging Face read token\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);

    const json = await runCli(['secrets', 'list', '--json'], { env: apiEnv(fake) });
    const rows = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(rows.map((r) => r['name'])).toEqual(['db_password', 'hf-token', 'openai-key']);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(['createdAt', 'description', 'id', 'name', 'valueLastUpdatedAt']);
  });

  it('create reads the value from stdin (one trailing newline dropped), get shows metadata', async () => {
    const r = await runCli(['secrets', 'create', 'cli_stdin', '--description', 'from a pipe'], { env: apiEnv(fake), input: `${VALUE}\n` });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('{{ RUNPOD_SECRET_cli_stdin }}');
    expect(secretNamed('cli_stdin')).toMatchObject({ value: VALUE, description: 'from a pipe' });

    const get = await runCli(['secrets', 'get', 'cli_stdin', '--json'], { env: apiEnv(fake) });
    expect(get.code).toBe(0);
    expect(JSON.parse(get.stdout)).toMatchObject({ name: 'cli_stdin', description: 'from a pipe' });
    expect(get.stdout).not.toContain(VALUE);
  });

  it('create and update read --value-file; update with only --description keeps the value', async () => {
    const dir = workspace({ 'v1.txt': 'first-value-from-file\n', 'v2.txt': 'second-value-from-file' });
    const env = apiEnv(fake);
    expect((await runCli(['secrets', 'create', 'cli_file', '--value-file', path.join(dir, 'v1.txt')], { env })).code).toBe(0);
    expect(secretNamed('cli_file')?.value).toBe('first-value-from-file');

    const upd = await runCli(['secrets', 'update', 'cli_file', '--value-file', path.join(dir, 'v2.txt')], { env });
    expect(upd.code).toBe(0);
    expect(secretNamed('cli_file')?.value).toBe('second-value-from-file');
    // What the change means for Pods in Rotate Secret's words (rotatePlan.ts): running ones keep the old value until restarted.
    expect(upd.stdout).toBe(`Updated the value of secret cli_file. ${VALUE_CHANGE_MEANING}\n`);

    const desc = await runCli(['secrets', 'update', 'cli_file', '--description', 'now described'], { env });
    expect(desc.code).toBe(0);
    expect(desc.stdout).toBe('Updated the description of secret cli_file.\n');
    expect(secretNamed('cli_file')).toMatchObject({ value: 'second-value-from-file', description: 'now described' });

    const piped = await runCli(['secrets', 'update', 'cli_file'], { env, input: 'third-value' });
    expect(piped.code).toBe(0);
    expect(secretNamed('cli_file')?.value).toBe('third-value');
  });

  it('--value is refused with the reason, in both spellings, and nothing is created', async () => {
    for (const args of [['--value', VALUE], [`--value=${VALUE}`]]) {
      const r = await runCli(['secrets', 'create', 'cli_argv', ...args], { env: apiEnv(fake) });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--value is not accepted: .*visible to other users/);
      expect(r.stderr + r.stdout).not.toContain(VALUE);
    }
    // A value typed as a second argument is not echoed either.
    const extra = await runCli(['secrets', 'create', 'cli_argv', VALUE], { env: apiEnv(fake) });
    expect(extra.code).toBe(2);
    expect(extra.stderr).not.toContain(VALUE);
    expect(secretNamed('cli_argv')).toBeUndefined();
  });

  it('an empty value, an invalid name and a duplicate are refused with one line, exit 2', async () => {
    const env = apiEnv(fake);
    const empty = await runCli(['secrets', 'create', 'cli_empty'], { env, input: '' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no value/);
    const badName = await runCli(['secrets', 'create', 'RUNPOD_x'], { env, input: 'v' });
    expect(badName.code).toBe(2);
    expect(badName.stderr).toMatch(/reserved/);
    const dup = await runCli(['secrets', 'create', 'hf-token'], { env, input: VALUE });
    expect(dup.code).toBe(2);
    expect(dup.stderr.trim().split('\n')).toHaveLength(1);
    expect(dup.stderr).toMatch(/hf-token/);
    expect(dup.stderr).not.toContain(VALUE);
    expect(fake.inspect().secrets.filter((s) => s.name === 'hf-token')).toHaveLength(1);
  });

  it('create warns when the account has a secret of the same name but for case or - and _ (the editor\'s words), and creates it anyway', async () => {
    const env = apiEnv(fake);
    const lists = () => fake.inspect().requests.filter((q) => q.method === 'GET' && q.path.endsWith('/secrets')).length;
    const before = lists();
    const r = await runCli(['secrets', 'create', 'HF_TOKEN'], { env, input: VALUE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`warning: ${validateNewSecretName('HF_TOKEN', ['hf-token'])!.message}\n`);
    expect(r.stderr).toContain('A secret named hf-token exists');
    expect(r.stderr).not.toContain(VALUE);
    expect(lists() - before).toBe(1); // the list the create checks names against, no second one
    expect(secretNamed('HF_TOKEN')?.value).toBe(VALUE);

    const json = await runCli(['secrets', 'create', 'openai_key', '--json'], { env, input: VALUE });
    expect(json.code, json.stderr).toBe(0);
    const said = validateNewSecretName('openai_key', ['openai-key'])!.message;
    expect(json.stderr).toBe(`warning: ${said}\n`);
    expect(JSON.parse(json.stdout)).toMatchObject({ name: 'openai_key', warnings: [said] });

    const plain = await runCli(['secrets', 'create', 'cli_unlike_any', '--json'], { env, input: VALUE });
    expect(plain.stderr).toBe('');
    expect(JSON.parse(plain.stdout)).toMatchObject({ name: 'cli_unlike_any', warnings: [] });
  });

  it('--description is trimmed and held to the description limit, as the editor does; a refused one sends nothing', async () => {
    const env = apiEnv(fake);
    const created = await runCli(['secrets', 'create', 'cli_described', '--description', '  for the tests  '], { env, input: VALUE });
    expect(created.code, created.stderr).toBe(0);
    expect(secretNamed('cli_described')?.description).toBe('for the tests');
    const posts = () => fake.inspect().requests.filter((q) => q.method !== 'GET').length;
    const before = posts();
    const tooLong = await runCli(['secrets', 'update', 'cli_described', '--description', 'a'.repeat(65_536)], { env });
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toMatch(/--description: The description must be at most 65,535 bytes/);
    expect(posts()).toBe(before);
    expect(secretNamed('cli_described')?.description).toBe('for the tests');
  });

  it('delete without --yes and without a terminal is refused (exit 2); with --yes it deletes', async () => {
    const env = apiEnv(fake);
    await runCli(['secrets', 'create', 'cli_delete_me'], { env, input: 'x' });
    expect(secretNamed('cli_delete_me')).toBeDefined();
    const refused = await runCli(['secrets', 'delete', 'cli_delete_me'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--yes/);
    expect(secretNamed('cli_delete_me')).toBeDefined();

    const done = await runCli(['secrets', 'delete', 'cli_delete_me', '--yes'], { env });
    expect(done.code).toBe(0);
    expect(secretNamed('cli_delete_me')).toBeUndefined();

    const gone = await runCli(['secrets', 'delete', 'cli_delete_me', '--yes'], { env });
    expect(gone.code).toBe(2);
    // The next step is the command line's own list, not the editor's Refresh.
    // After what the account says of the name (secretDelete.ts), the error is the last line.
    expect(gone.stderr).toMatch(/\nrunpod-check: No secret named `cli_delete_me` exists in this RunPod account; it may have been deleted\. To see the current list, run `runpod-check secrets list`\.\n$/);
  });

  it('without RUNPOD_API_KEY: exit 2 and a one-line instruction', async () => {
    const r = await runCli(['secrets', 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^runpod-check: RUNPOD_API_KEY is not set/);
  });

  it('--help of each subcommand exits 0 and documents it', async () => {
    for (const sub of ['list', 'get', 'create', 'update', 'delete']) {
      const r = await runCli(['secrets', sub, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`secrets ${sub}`);
    }
  });
});

describe('update --description changes the value only when --value-file asks for it', () => {
  /** `sh -c script` against the fake, the built CLI as $CLI (a hang fails the test at the deadline). */
  const shell = (script: string): Promise<CliResult> =>
    runProcess('sh', ['-c', script], { env: { ...cliEnv(), CLI: cliPath(), NODE: process.execPath, ...apiEnv(fake) }, timeoutMs: 60_000 });
  const create = async (name: string, value: string) => expect((await runCli(['secrets', 'create', name], { env: apiEnv(fake), input: value })).code).toBe(0);

  it('a `while read` loop over names updates each description and no value (the loop\'s input is not read)', async () => {
    await create('loop_a', 'value-of-a');
    await create('loop_b', 'value-of-b');
    const r = await shell(`printf 'loop_a\\nloop_b\\n' | while read n; do "$NODE" "$CLI" secrets update "$n" --description "team X"; done`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('Updated the description of secret loop_a.\nUpdated the description of secret loop_b.\n');
    expect(secretNamed('loop_a')).toMatchObject({ value: 'value-of-a', description: 'team X' });
    expect(secretNamed('loop_b')).toMatchObject({ value: 'value-of-b', description: 'team X' });
  });

  it("a value piped to `--description ''` is not taken; `--value-file -` takes it", async () => {
    await create('piped_desc', 'original');
    const cleared = await runCli(['secrets', 'update', 'piped_desc', '--description', ''], { env: apiEnv(fake), input: 'piped-by-accident\n' });
    expect(cleared.code, cleared.stderr).toBe(0);
    expect(secretNamed('piped_desc')).toMatchObject({ value: 'original', description: null });

    const asked = await runCli(['secrets', 'update', 'piped_desc', '--description', 'd', '--value-file', '-'], { env: apiEnv(fake), input: 'asked-for\n' });
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.stdout).toContain('Updated the value and description of secret piped_desc.');
    expect(secretNamed('piped_desc')).toMatchObject({ value: 'asked-for', description: 'd' });
    // `-` names standard input for every command that takes a value, and an empty one is still "no value".
    const empty = await runCli(['secrets', 'update', 'piped_desc', '--description', 'e', '--value-file', '-'], { env: apiEnv(fake), input: '' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no value/);
    expect(secretNamed('piped_desc')).toMatchObject({ value: 'asked-for', description: 'd' });
  });

  it('a standard input that stays open and sends nothing (CI) does not hold a description update', async () => {
    await create('open_stdin', 'kept');
    const child = spawn(process.execPath, [cliPath(), 'secrets', 'update', 'open_stdin', '--description', 'from CI'], {
      env: { ...cliEnv(), ...apiEnv(fake) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // Standard input is never ended: a command that reads it hangs until this deadline kills it (code null).
    const deadline = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(deadline);
    child.stdin.destroy();
    expect(code, stderr).toBe(0);
    expect(secretNamed('open_stdin')).toMatchObject({ value: 'kept', description: 'from CI' });
  });
});

describe('create when the list before it fails', () => {
  it("says the create failed (nothing created), never the value the answer echoes", async () => {
    const echoed = 'sv_create_list_echo_93kd';
    fake.faults.inject({ status: 403, body: JSON.stringify({ error: `forbidden: ${echoed}` }), headers: { 'Content-Type': 'application/json' } }, { method: 'GET', path: /\/account\/secrets(\?.*)?$/, times: 1 });
    const r = await runCli(['secrets', 'create', 'list_fails'], { env: apiEnv(fake), input: `${echoed}\n` });
    expect(r.code).not.toBe(0);
    // The create's failure (its list is its first step), worded as a read: nothing was sent to create.
    expect(r.stderr).toMatch(/lacks permission to create secret `list_fails` \(403\)/);
    expect(r.stderr).not.toMatch(/may (or may not )?have|list secrets/);
    expect(r.stderr + r.stdout).not.toContain(echoed);
    expect(secretNamed('list_fails')).toBeUndefined();
  });
});

describe('a secret whose name predates the name rule', () => {
  // `2fa_seed` (a leading digit) can no longer be created, but one made before the rule is still a
  // secret of the account: the commands that name an existing secret take it; create does not.
  const LEGACY = { id: 'legacy1', name: '2fa_seed', description: 'old', createdAt: '2023-01-01T00:00:00Z', valueLastUpdatedAt: '2023-01-01T00:00:00Z' };
  const json = { 'Content-Type': 'application/json' };

  it('get and usage take the name; create refuses it, saying why', async () => {
    fake.faults.inject({ status: 200, body: JSON.stringify({ secrets: [LEGACY] }), headers: json }, { method: 'GET', path: /\/account\/secrets(\?.*)?$/, times: 3 });
    fake.faults.inject({ status: 200, body: JSON.stringify(LEGACY), headers: json }, { method: 'GET', path: /\/account\/secrets\/legacy1$/ });
    const get = await runCli(['secrets', 'get', '2fa_seed', '--json'], { env: apiEnv(fake) });
    expect(get.code, get.stderr).toBe(0);
    expect(JSON.parse(get.stdout)).toMatchObject({ name: '2fa_seed' });
    const ws = workspace({ 'a.runpod.env': 'A={{ RUNPOD_SECRET_2fa_seed }}\n' });
    const usage = await runCli(['secrets', 'usage', '2fa_seed', ws, '--json'], { env: apiEnv(fake) });
    expect(usage.code, usage.stderr).toBe(0);
    expect(usage.stdout).toContain('a.runpod.env');
    const create = await runCli(['secrets', 'create', '3fa_seed'], { env: apiEnv(fake), input: 'not-a-real-value\n' });
    expect(create.code).toBe(2);
    expect(create.stderr).toMatch(/must start with an ASCII letter/);
    expect(secretNamed('3fa_seed')).toBeUndefined();
  });
});
