/**
 * No-leak: no piece of the API key or of any secret value (the ones this test sends and the fake's
 * seeded ones; see test/helpers/noLeak.ts) appears in the stdout or stderr of any command, including failures where the
 * server echoes them back.
 */
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { expectNoLeak } from '../helpers/noLeak';
import { apiEnv, buildOnce, runCli, workspace, type CliResult } from './helpers';

const KEY = 'rp_noleak_key_6d1f0e2b9a7c4d3e';
const VALUE = 'noleak-value-93b1c7e5f0a2';
const VALUE2 = 'noleak-file-value-4c8e2a';
let fake: FakeRunpod;
let ws: string;
const outputs: { args: string[]; result: CliResult }[] = [];

beforeAll(async () => {
  buildOnce();
  fake = await startFakeRunpod({ seed: true, apiKey: KEY, podBootMs: 50 });
  ws = workspace({
    'v.txt': VALUE2,
    'app.runpod.env': `A={{ RUNPOD_SECRET_leak_test }}\nB={{ RUNPOD_SECRET_missing }}\nC=${VALUE}\nD={{ RUNPOD_SECRET_ }}\n`,
    'tpl.runpod.json': JSON.stringify({ name: 'leak-pod', image: 'img:1', env: { A: '{{ RUNPOD_SECRET_leak_test }}', H: '{{ RUNPOD_SECRET_hf-token }}' } }),
    'bad.runpod.json': JSON.stringify({ name: 'leak-bad', image: 'img:1', env: { A: '{{ RUNPOD_SECRET_nope }}' } }),
  });
});
afterAll(async () => {
  await fake?.close();
});

async function cli(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const run: { input?: string; env: Record<string, string>; cwd: string } = { env: options.env ?? apiEnv(fake), cwd: ws };
  if (options.input !== undefined) run.input = options.input;
  const result = await runCli(args, run);
  outputs.push({ args, result });
  return result;
}

describe('no key or value in any output', () => {
  it('runs every command, successes and failures, then finds neither the key nor any value', async () => {
    const seededValues = fake.inspect().secrets.map((s) => s.value);
    expect(seededValues.length).toBeGreaterThan(0);

    expect((await cli(['secrets', 'create', 'leak_test', '--description', 'd'], { input: VALUE })).code).toBe(0);
    expect((await cli(['secrets', 'create', 'leak_file', '--value-file', path.join(ws, 'v.txt')])).code).toBe(0);
    expect((await cli(['secrets', 'update', 'leak_file'], { input: VALUE })).code).toBe(0);
    expect((await cli(['secrets', 'list'])).code).toBe(0);
    expect((await cli(['secrets', 'list', '--json'])).code).toBe(0);
    expect((await cli(['secrets', 'get', 'leak_test'])).code).toBe(0);
    expect((await cli(['secrets', 'get', 'leak_test', '--json'])).code).toBe(0);
    // Duplicate create: the server's problem document is about the name; the value must not come back.
    expect((await cli(['secrets', 'create', 'leak_test'], { input: VALUE })).code).toBe(2);
    // The server echoes key and value in an error body and a header.
    fake.faults.inject(
      { status: 422, body: JSON.stringify({ title: 'Unprocessable', status: 422, detail: `bad value ${VALUE} for key ${KEY}`, errors: [`value ${VALUE}`, `Bearer ${KEY}`] }), headers: { 'Content-Type': 'application/problem+json', 'X-Echo': `${KEY} ${VALUE}` } },
      { method: 'POST', path: '/account/secrets' },
    );
    expect((await cli(['secrets', 'create', 'leak_echo'], { input: VALUE })).code).toBe(2);
    // ...or only pieces of them: a value cut short, the key inside a base64 Basic credential.
    fake.faults.inject(
      { status: 422, body: JSON.stringify({ title: 'Unprocessable', status: 422, detail: `bad value "${VALUE.slice(0, 16)}…"`, errors: [`Basic ${Buffer.from(`u:${KEY}`).toString('base64')}`] }), headers: { 'Content-Type': 'application/problem+json' } },
      { method: 'POST', path: '/account/secrets' },
    );
    const pieces = await cli(['secrets', 'create', 'leak_piece'], { input: VALUE });
    expect(pieces.code).toBe(2);
    expect(pieces.stderr).toMatch(/bad value "\[redacted\]…"/); // the echo reached the output, redacted
    expect((await cli(['secrets', 'create', 'leak_argv', `--value=${VALUE}`])).code).toBe(2);
    expect((await cli(['secrets', 'create', 'leak_argv', VALUE])).code).toBe(2);

    for (const format of ['text', 'json', 'sarif']) expect((await cli(['check', '--format', format])).code).toBe(1);
    expect((await cli(['check', '--secrets-file', path.join(ws, 'v.txt')], { env: {} })).code).toBe(1); // a "names" file holding a value
    expect((await cli(['check'], { env: { ...apiEnv(fake), RUNPOD_API_KEY: `${KEY}x` } })).code).toBe(2);

    expect((await cli(['pods', 'launch', '--template-file', 'bad.runpod.json', '--gpu', 'NVIDIA GeForce RTX 4090'])).code).toBe(1);
    expect((await cli(['pods', 'launch', '--template-file', 'tpl.runpod.json', '--gpu', 'NVIDIA GeForce RTX 4090', '--json'])).code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the pod "boot": the fake substitutes values at boot
    expect((await cli(['pods', 'list', '--json'])).code).toBe(0);
    expect((await cli(['pods', 'list'])).code).toBe(0);
    expect((await cli(['templates', 'list', '--json'])).code).toBe(0);
    expect((await cli(['gpus', 'list', '--available'])).code).toBe(0);
    expect((await cli(['secrets', 'delete', 'leak_test', '--yes'])).code).toBe(0);

    const secrets = [KEY, VALUE, VALUE2, ...seededValues];
    outputs.forEach(({ args, result }, i) => {
      // Named by position and subcommand only: some arguments hold a value on purpose.
      expectNoLeak(`${result.stdout}\n${result.stderr}`, secrets, `run ${i}: ${args.slice(0, 2).join(' ')}`);
      expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // never a stack trace
    });
    // Sanity: the value really reached the fake and a pod booted with it, so the absence above means something.
    const state = fake.inspect();
    expect(state.secrets.find((s) => s.name === 'leak_file')?.value).toBe(VALUE);
    expect(Object.values(state.pods.find((p) => p.name === 'leak-pod')?.bootEnv ?? {})).toContain(VALUE);
  }, 180_000); // ~25 process starts: generous on two shared cores
});
