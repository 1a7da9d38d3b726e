/**
 * The warnings the editor asks about before Launch Pod, Deploy Endpoint and Update Env (checks.ts
 * hasWarnings: a credential in plain text, a secret named for another environment than the one
 * launched) are printed by `pods launch`, `endpoints deploy` and `endpoints update` too, one line
 * each on stderr, never a value; the command goes ahead (exit 0), as a compiler's warnings let a
 * build go ahead; `--strict` refuses (exit 1, nothing created or changed); `--json` carries them.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { apiEnv, buildOnce, runCli, workspace, type CliResult } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

const GPU = 'NVIDIA GeForce RTX 4090';
/** A Hugging Face token written in plain text: it must never be printed. */
const PLANTED = 'hf_PLANTEDplainValue0123456789abcdefXYZ';

let fake: FakeRunpod;
let ws: string;

beforeAll(async () => {
  buildOnce();
  fake = await startFakeRunpod({ seed: true, podBootMs: 50 });
  fake.addSecret({ name: 'db_password_dev', value: 'dev-password-value-1' });
  fake.addSecret({ name: 'db_password_prod', value: 'prod-password-value-1' });
  fake.addSecret({ name: 'db_password_canary', value: 'canary-password-value-1' });
  ws = workspace({
    // One template in two environments; prod's env file uses dev's password and a plain token.
    'train.runpod.json': JSON.stringify({ name: 'train', image: 'acme/train:1', env: {} }),
    'train.dev.runpod.env': 'DB_PASSWORD={{ RUNPOD_SECRET_db_password_dev }}\n',
    'train.prod.runpod.env': `DB_PASSWORD={{ RUNPOD_SECRET_db_password_dev }}\nHF_TOKEN=${PLANTED}\n`,
    // A template file of one environment by its name: the file alone says prod.
    'serve.prod.runpod.json': JSON.stringify({ name: 'serve', image: 'acme/serve:1', env: { DB_PASSWORD: '{{ RUNPOD_SECRET_db_password_dev }}' } }),
    'serve.dev.runpod.json': JSON.stringify({ name: 'serve-dev', image: 'acme/serve:1', env: { DB_PASSWORD: '{{ RUNPOD_SECRET_db_password_dev }}' } }),
    'clean.env': 'DB_PASSWORD={{ RUNPOD_SECRET_db_password_prod }}\n',
    'many.env': Array.from({ length: 51 }, (_, i) => `V${i}=${i}\n`).join(''),
    'blocked.env': `HF_TOKEN=${PLANTED}\nOTHER={{ RUNPOD_SECRET_not_there }}\n`,
    // Named for no environment: only --environment says it is prod's.
    'deploy/prod.env': 'DB_PASSWORD={{ RUNPOD_SECRET_db_password_dev }}\n',
    'deploy/dev.env': 'DB_PASSWORD={{ RUNPOD_SECRET_db_password_dev }}\n',
    // Environments only --environment names, in folders of their own: no file is the other's sibling.
    'deploy/live/train.env': 'DB_PASSWORD={{ RUNPOD_SECRET_db_password_canary }}\n',
    'deploy/canary/train.env': 'DB_PASSWORD={{ RUNPOD_SECRET_db_password_canary }}\n',
    // prod's env file of a template with no other environment's file.
    'solo.prod.runpod.env': 'DB_PASSWORD={{ RUNPOD_SECRET_db_password_dev }}\n',
  });
});
afterAll(async () => {
  await fake?.close();
});

const cli = (args: string[]): Promise<CliResult> => runCli(args, { cwd: ws, env: apiEnv(fake) });
const writes = (): string[] => fake.inspect().requests.filter((q) => q.method !== 'GET').map((q) => `${q.method} ${q.path}`);

/** The warnings, naming the file the variable is written in as the editor's do. */
const CROSSING = (file = 'train.prod.runpod.env') => `warning: DB_PASSWORD: secret "db_password_dev" is named for dev (${file}); the Pod would boot with dev's secret. [cross-environment-secret]\n`;
const CREDENTIAL = (file = 'train.prod.runpod.env') => `warning: HF_TOKEN: looks like a Hugging Face token in plain text (${file}). Move it into a RunPod secret. [hardcoded-credential]\n`;

function expectNoValue(r: CliResult): void {
  expect(r.stdout).not.toContain(PLANTED);
  expect(r.stderr).not.toContain(PLANTED);
  // Nor a long piece of it.
  expect(r.stdout + r.stderr).not.toContain(PLANTED.slice(3, 20));
}

describe('pods launch warns as Launch Pod does', () => {
  it("prints each warning on stderr and launches (exit 0): prod's env file with dev's secret and a plain token", async () => {
    const before = fake.inspect().pods.length;
    const r = await cli(['pods', 'launch', '--template-file', 'train.runpod.json', '--gpu', GPU, '--vars-file', 'train.prod.runpod.env']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(CREDENTIAL());
    expect(r.stderr).toContain(CROSSING());
    expect(r.stdout).toMatch(/^Created pod /);
    expect(fake.inspect().pods.length).toBe(before + 1);
    expectNoValue(r);
  });

  it("dev's own env file and a neutral one warn of nothing", async () => {
    for (const vars of ['train.dev.runpod.env', 'clean.env']) {
      const r = await cli(['pods', 'launch', '--template-file', 'train.runpod.json', '--gpu', GPU, '--vars-file', vars]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toContain('warning:');
    }
  });

  it("a template file of prod by its name is prod's environment without an env file", async () => {
    const r = await cli(['pods', 'launch', '--template-file', 'serve.prod.runpod.json', '--gpu', GPU]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(CROSSING('serve.prod.runpod.json'));
  });

  it('--environment NAME=GLOB says the environment of a file its name does not', async () => {
    const declared = ['--environment', 'prod=deploy/prod.env', '--environment', 'dev=deploy/dev.env'];
    const r = await cli(['pods', 'launch', '--template-file', 'train.runpod.json', '--gpu', GPU, '--vars-file', 'deploy/prod.env', ...declared]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(CROSSING('deploy/prod.env'));
    const undeclared = await cli(['pods', 'launch', '--template-file', 'train.runpod.json', '--gpu', GPU, '--vars-file', 'deploy/prod.env']);
    expect(undeclared.stderr).not.toContain('warning:');
  });

  it("the environments are the working directory's, as check and envs compare find them: not only the vars file's siblings", async () => {
    const declared = ['--environment', 'live=deploy/live/*.env', '--environment', 'canary=deploy/canary/*.env'];
    const before = writes();
    const r = await cli(['pods', 'launch', '--template-file', 'train.runpod.json', '--gpu', GPU, '--vars-file', 'deploy/live/train.env', '--strict', ...declared]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(CROSSING('deploy/live/train.env').replace(/dev/g, 'canary'));
    expect(writes()).toEqual(before);
    // check says the same of the file.
    const check = await cli(['check', '.', ...declared]);
    expect(check.stdout).toMatch(/deploy\/live\/train\.env.*cross-environment-secret/);
  });

  it("an environment's file with no other environment's beside it is that environment's, as check judges it", async () => {
    const r = await cli(['pods', 'launch', '--template-file', 'train.runpod.json', '--gpu', GPU, '--vars-file', 'solo.prod.runpod.env', '--strict']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(CROSSING('solo.prod.runpod.env'));
    const check = await cli(['check', 'solo.prod.runpod.env']);
    expect(check.stdout).toMatch(/cross-environment-secret/);
  });

  it('--strict refuses on warnings: exit 1, nothing created, the warnings said', async () => {
    const before = writes();
    const r = await cli(['pods', 'launch', '--template-file', 'train.runpod.json', '--gpu', GPU, '--vars-file', 'train.prod.runpod.env', '--strict']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(CREDENTIAL());
    expect(r.stderr).toContain(CROSSING());
    expect(r.stderr).toMatch(/Refusing to launch: 2 warnings and --strict/);
    expect(r.stdout).toBe('');
    expect(writes()).toEqual(before);
    expectNoValue(r);
  });

  it('a refused launch says its warnings too, as the editor lists them with what blocks', async () => {
    const before = writes();
    const r = await cli(['pods', 'launch', '--template-file', 'train.runpod.json', '--gpu', GPU, '--vars-file', 'blocked.env', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(CREDENTIAL('blocked.env'));
    expect(r.stderr).toMatch(/Refusing to launch: 1 secret reference would reach the Pod unresolved/);
    expect(writes()).toEqual(before);
    expectNoValue(r);
    // --json: one document on stdout, what blocks by key, name and reason beside the warnings.
    expect(JSON.parse(r.stdout)).toEqual({
      refused: true,
      warnings: [{ code: 'hardcoded-credential', key: 'HF_TOKEN', message: CREDENTIAL('blocked.env').slice('warning: '.length, -' [hardcoded-credential]\n'.length) }],
      blocking: [{ key: 'OTHER', name: 'not_there', reason: 'unknown' }],
    });
  });

  it('--json: a launch refused for too many variables is a document too, with the count', async () => {
    const r = await cli(['pods', 'launch', '--template-file', 'train.runpod.json', '--gpu', GPU, '--vars-file', 'many.env', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Refusing to launch: /);
    expect(JSON.parse(r.stdout)).toEqual({ refused: true, warnings: [], blocking: [{ reason: 'too-many-variables', count: 51 }] });
  });

  it('--strict without warnings launches', async () => {
    const r = await cli(['pods', 'launch', '--template-file', 'train.runpod.json', '--gpu', GPU, '--vars-file', 'clean.env', '--strict']);
    expect(r.code, r.stderr).toBe(0);
  });

  it('--json carries the warnings beside the Pod, the value redacted from its env', async () => {
    const r = await cli(['pods', 'launch', '--template-file', 'train.runpod.json', '--gpu', GPU, '--vars-file', 'train.prod.runpod.env', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { id: string; warnings: { code: string; key: string; message: string }[] };
    expect(doc.id).toBeTruthy();
    expect(doc.warnings).toEqual([
      { code: 'hardcoded-credential', key: 'HF_TOKEN', message: 'HF_TOKEN: looks like a Hugging Face token in plain text (train.prod.runpod.env). Move it into a RunPod secret.' },
      { code: 'cross-environment-secret', key: 'DB_PASSWORD', name: 'db_password_dev', environments: ['dev'], message: 'DB_PASSWORD: secret "db_password_dev" is named for dev (train.prod.runpod.env); the Pod would boot with dev\'s secret.' },
    ]);
    expectNoValue(r);
    // The Pod was created with the value as written: only the output leaves it out.
    expect(fake.inspect().pods.find((p) => p.id === doc.id)!.env.HF_TOKEN).toBe(PLANTED);
    const clean = await cli(['pods', 'launch', '--template-file', 'train.runpod.json', '--gpu', GPU, '--vars-file', 'clean.env', '--json']);
    expect(JSON.parse(clean.stdout)).toMatchObject({ warnings: [] });
  });

  it('--json --strict prints the refused warnings as the document, nothing created', async () => {
    const before = writes();
    const r = await cli(['pods', 'launch', '--template-file', 'train.runpod.json', '--gpu', GPU, '--vars-file', 'train.prod.runpod.env', '--json', '--strict']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { refused: boolean; warnings: { code: string }[]; blocking: unknown[] };
    expect(doc.refused).toBe(true);
    expect(doc.blocking).toEqual([]);
    expect(doc.warnings.map((w) => w.code)).toEqual(['hardcoded-credential', 'cross-environment-secret']);
    expect(writes()).toEqual(before);
    expectNoValue(r);
  });
});

describe('help', () => {
  it('says what --json carries: the warnings\' optional name and environments, and every refusal\'s document', async () => {
    for (const command of [['pods', 'launch'], ['endpoints', 'deploy'], ['endpoints', 'update']]) {
      const help = (await cli([...command, '--help'])).stdout;
      expect(help).toMatch(/cross-environment-secret adds "name", the secret, and "environments"/);
      expect(help).toMatch(/any refusal: \{"refused": true, "warnings": \[\.\.\.\],\s+"blocking"/);
    }
  });
});

describe('endpoints deploy and update warn the same way', () => {
  const WORKERS_CROSSING = CROSSING().replace('the Pod', 'the workers');

  it('deploy: warnings printed, the endpoint created; --strict: refused, nothing created', async () => {
    const deploy = ['endpoints', 'deploy', '--template-file', 'train.runpod.json', '--gpu-pool', 'ADA_24', '--vars-file', 'train.prod.runpod.env'];
    const r = await cli([...deploy, '--name', 'warned']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(CREDENTIAL());
    expect(r.stderr).toContain(WORKERS_CROSSING);
    expectNoValue(r);
    const before = writes();
    const strict = await cli([...deploy, '--name', 'strict', '--strict', '--json']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/Refusing to deploy: 2 warnings and --strict/);
    expect((JSON.parse(strict.stdout) as { warnings: unknown[] }).warnings).toHaveLength(2);
    expect(writes()).toEqual(before);
    expectNoValue(strict);
  });

  it('update: warnings printed, the endpoint updated, --json carries them; --strict: refused, nothing changed', async () => {
    const id = fake.inspect().endpoints.find((e) => e.name === 'sd-endpoint')!.id;
    const before = writes();
    const strict = await cli(['endpoints', 'update', id, '--vars-file', 'train.prod.runpod.env', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(WORKERS_CROSSING);
    expect(strict.stderr).toMatch(/Refusing to update: 2 warnings and --strict/);
    expect(writes()).toEqual(before);
    const r = await cli(['endpoints', 'update', id, '--vars-file', 'train.prod.runpod.env', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(CREDENTIAL());
    expect((JSON.parse(r.stdout) as { id: string; warnings: { code: string }[] }).warnings.map((w) => w.code)).toEqual(['hardcoded-credential', 'cross-environment-secret']);
    expectNoValue(r);
  });
});
