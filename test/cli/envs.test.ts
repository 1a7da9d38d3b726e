/**
 * Environments on the command line: `check` reports the environment codes with each file's
 * siblings, `envs compare` prints keys x environments (text and JSON) and exits 1 when a key is
 * missing or a secret crosses; never a plain value, never a raw terminal control.
 */
import { describe, expect, it, vi } from 'vitest';
import * as path from 'node:path';
import { apiEnv, ROOT, runCli, withFakeApi, workspace } from './helpers';
import { RAW_CONTROL } from '../hostile/leaks';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

const ref = (name: string): string => `{{ RUNPOD_SECRET_${name} }}`;
const PLAIN = 'PLAIN-VALUE-never-shown-8d3f';

const fixture = withFakeApi({
  // A dev/prod pair: OPENAI_API_KEY missing in prod, prod using a secret named for dev.
  'train.dev.runpod.env': `HF_TOKEN=${ref('hf-token')}\nOPENAI_API_KEY=${ref('openai-key')}\nPROJECT=${PLAIN}\n`,
  'train.prod.runpod.env': `HF_TOKEN=${ref('hf-token')}\nDB_PASSWORD=${ref('db_password_dev')}\nPROJECT=${PLAIN}\n`,
  'train.runpod.json': '{ "name": "train", "image": "i", "env": { "DB_PASSWORD": "x" } }\n',
  // Declared environments (--environment), in folders; the same keys: nothing missing.
  'deploy/eu/api.runpod.env': `KEY=${ref('eu-api-key')}\n`,
  'deploy/us/api.runpod.env': `KEY=${ref('us-api-key')}\n`,
  // Declared environments where eu uses us's secret.
  'regions/eu/api.runpod.env': `KEY=${ref('us-api-key')}\n`,
  'regions/us/api.runpod.env': `KEY=${ref('us-api-key')}\n`,
  // Alone: no sibling environment, nothing to compare.
  'serve.dev.runpod.env': 'A=1\n',
  // Declared environments whose files have no RunPod name: read because declared, as in the editor.
  'stages/dev/app.env': `A=1\nB=${ref('hf-token')}\n`,
  'stages/prod/app.env': 'A=1\n',
  // A declared TOML file: read as runpod.toml (as runpod.files reads one), not as env lines.
  'cfg/app.toml': `[project]\nname = "app"\n\n[project.env_vars]\nHF_TOKEN = "${ref('hf-token')}"\n`,
});

describe('check with environments', () => {
  it('reports missing-in-environment, cross-environment-secret and shared-environment-secret beside the other findings', async () => {
    const r = await runCli(['check'], { cwd: fixture.ws, env: apiEnv(fixture.fake) });
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => /environment/.test(l))).toEqual([
      'train.dev.runpod.env:1:27: information shared-environment-secret Secret `hf-token` is also used by prod (train.prod.runpod.env): environments sharing a credential share its leaks; consider one secret per environment.',
      'train.dev.runpod.env:2:1: warning missing-in-environment `OPENAI_API_KEY` is missing in prod (train.prod.runpod.env); dev defines it here.',
      'train.prod.runpod.env:1:1: warning missing-in-environment `OPENAI_API_KEY` is defined for dev (train.dev.runpod.env) but missing here, in prod.',
      'train.prod.runpod.env:1:27: information shared-environment-secret Secret `hf-token` is also used by dev (train.dev.runpod.env): environments sharing a credential share its leaks; consider one secret per environment.',
      // The fake has db_password: the matching name without the environment, offered as the fix.
      "train.prod.runpod.env:2:30: warning cross-environment-secret Secret `db_password_dev` is named for dev, but this is a prod file: a prod Pod would boot with dev's secret. Use `db_password`?",
    ]);
    // Warnings only: exit 0 unless --strict, as for every other warning.
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(PLAIN);
  });

  it("a lone environment's file is still warned about a secret named for another environment, as in the editor", async () => {
    const ws = workspace({ 'solo.prod.runpod.env': `DB_PASSWORD=${ref('db_password_dev')}\n`, 'deploy/prod/app.env': `KEY=${ref('api-key-staging')}\n` });
    const r = await runCli(['check', '--environment', 'prod=deploy/prod/*.env', '--format', 'json'], { cwd: ws, env: apiEnv(fixture.fake) });
    const findings = JSON.parse(r.stdout) as { file: string; code: string; message: string }[];
    expect(findings.filter((f) => f.code === 'cross-environment-secret').map((f) => `${f.file}: ${f.message}`)).toEqual([
      "deploy/prod/app.env: Secret `api-key-staging` is named for staging, but this is a prod file: a prod Pod would boot with staging's secret.",
      "solo.prod.runpod.env: Secret `db_password_dev` is named for dev, but this is a prod file: a prod Pod would boot with dev's secret. Use `db_password`?",
    ]);
  });

  it('--environment declares environments; --severity silences a code like the setting', async () => {
    const r = await runCli(['check', '--environment', 'eu=regions/eu/*.env', '--environment', 'us=regions/us/*.env', '--severity', 'shared-environment-secret=off', '--format', 'json', '--strict'], {
      cwd: fixture.ws,
      env: apiEnv(fixture.fake),
    });
    const findings = JSON.parse(r.stdout) as { file: string; code: string; message: string }[];
    expect(findings.filter((f) => f.file.startsWith('regions/') && f.code !== 'unknown-secret')).toEqual([
      expect.objectContaining({ file: 'regions/eu/api.runpod.env', code: 'cross-environment-secret', message: expect.stringContaining('`us-api-key` is named for us') }),
    ]);
    expect(findings.some((f) => f.code === 'shared-environment-secret')).toBe(false);
    expect(r.code).toBe(1);
  });

  it('a wrong --environment is a usage error naming its position, not its text', async () => {
    const r = await runCli(['check', '--environment', 'rpa_SECRETLOOKING'], { cwd: fixture.ws });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--environment number 1 must be NAME=GLOB');
    expect(r.stderr).not.toContain('rpa_SECRETLOOKING');
  });
});

describe('envs compare', () => {
  it('prints keys x environments per template and exits 1 when a key is missing or a secret crosses', async () => {
    const r = await runCli(['envs', 'compare'], { cwd: fixture.ws });
    expect(r.stdout).toBe(
      [
        'train  (dev: train.dev.runpod.env; prod: train.prod.runpod.env; shared by all: train.runpod.json)',
        'KEY             dev                          prod                    STATUS',
        'HF_TOKEN        secret hf-token              secret hf-token         same',
        'OPENAI_API_KEY  secret openai-key            (missing)               missing in prod',
        'PROJECT         (plain value)                (plain value)           same',
        'DB_PASSWORD     (plain value) (shared file)  secret db_password_dev  prod uses db_password_dev (named for another environment); differs',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toContain('1 template compared: 1 key missing somewhere, 1 secret named for another environment');
    expect(r.code).toBe(1);
  });

  it('a file larger than a file sent to RunPod (2 MiB) is compared up to the analysis limit, as the editor\'s Compare Environments reads it', async () => {
    const ws = workspace({
      'a.dev.runpod.env': 'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\n',
      'a.prod.runpod.env': `${'# padding line\n'.repeat((3 * 1024 * 1024) / 15)}HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\n`,
    });
    const r = await runCli(['envs', 'compare'], { cwd: ws });
    expect(r.stdout).toContain('HF_TOKEN  secret hf-token  secret hf-token  same');
    expect(r.code).toBe(0);
  });

  it('--json: the same comparison, cells by environment; exit 0 when nothing is missing or crossing', async () => {
    const r = await runCli(['envs', 'compare', '--json', '--environment', 'eu=deploy/eu/*', '--environment', 'us=deploy/us/*', 'deploy'], { cwd: fixture.ws });
    // eu uses eu-api-key and us us-api-key: they differ, as they should.
    expect(r.code).toBe(0);
    const [api, ...rest] = JSON.parse(r.stdout) as { template: string; rows: { key: string; cells: Record<string, { secrets: string[]; crosses: string[] }>; status: string }[] }[];
    expect(rest).toEqual([]);
    expect(api!.template).toBe('api');
    expect(api!.rows).toEqual([
      expect.objectContaining({
        key: 'KEY',
        cells: { eu: expect.objectContaining({ secrets: ['eu-api-key'], crosses: [] }), us: expect.objectContaining({ secrets: ['us-api-key'], crosses: [] }) },
        status: 'differs',
      }),
    ]);
    const crossing = await runCli(['envs', 'compare', '--json', '--environment', 'eu=regions/eu/*', '--environment', 'us=regions/us/*', 'regions'], { cwd: fixture.ws });
    expect(crossing.code).toBe(1);
    expect(JSON.parse(crossing.stdout)[0].rows[0].status).toBe('eu uses us-api-key (named for another environment)');
  });

  it('--help names each field --json prints for a template', async () => {
    const json = await runCli(['envs', 'compare', '--json', '--environment', 'eu=deploy/eu/*', '--environment', 'us=deploy/us/*', 'deploy'], { cwd: fixture.ws });
    const help = await runCli(['envs', 'compare', '--help'], { cwd: fixture.ws });
    // The shape as help lists it, from `--json` to the next option.
    const shape = /^ {2}--json\s+([^]*?)^ {2}--/m.exec(help.stdout)?.[1] ?? '';
    const [entry] = JSON.parse(json.stdout) as Record<string, unknown>[];
    const listed = [...shape.matchAll(/\w+/g)].map((m) => m[0]);
    expect(listed).toContain('rows');
    expect(Object.keys(entry!).filter((k) => !listed.includes(k))).toEqual([]);
  });

  it('compares declared files whatever their name, as the editor reads the files runpod.environments declares', async () => {
    const r = await runCli(['envs', 'compare', '--environment', 'dev=stages/dev/*.env', '--environment', 'prod=stages/prod/*.env', 'stages'], { cwd: fixture.ws });
    expect(r.stdout).toContain('app  (dev: stages/dev/app.env; prod: stages/prod/app.env)');
    expect(r.stdout).toMatch(/^B +secret hf-token +\(missing\) +missing in prod$/m);
    expect(r.code).toBe(1);
    const check = await runCli(['check', '--environment', 'dev=stages/dev/*.env', '--environment', 'prod=stages/prod/*.env', 'stages'], { cwd: fixture.ws });
    expect(check.stdout).toContain('stages/prod/app.env:1:1: warning missing-in-environment `B` is defined for dev (stages/dev/app.env) but missing here, in prod.');
    // Undeclared, such a file is no RunPod file: nothing is compared.
    const undeclared = await runCli(['envs', 'compare', 'stages'], { cwd: fixture.ws });
    expect(undeclared.stdout).toBe('');
  });

  it('matches --environment globs run inside a .runpod folder as the editor matches runpod.environments there: with `.runpod/` in front', async () => {
    const ws = workspace({
      'hub/.runpod/vars/dev.txt': `A=${ref('hf-token')}\nB=${ref('hf-token')}\n`,
      'hub/.runpod/vars/prod.txt': `A=${ref('hf-token-prod')}\n`,
    });
    const cwd = path.join(ws, 'hub', '.runpod');
    const args = ['envs', 'compare', '--environment', 'dev=.runpod/vars/dev.txt', '--environment', 'prod=.runpod/vars/prod.txt'];
    const r = await runCli(args, { cwd });
    // Shown as found, relative to the working directory.
    expect(r.stdout).toContain('(dev: vars/dev.txt; prod: vars/prod.txt)');
    expect(r.stdout).toMatch(/^B +secret hf-token +\(missing\) +missing in prod$/m);
    expect(r.code).toBe(1);
    // The same globs from the folder above take the same files.
    const above = await runCli(args, { cwd: path.join(ws, 'hub') });
    expect(above.stdout).toContain('(dev: .runpod/vars/dev.txt; prod: .runpod/vars/prod.txt)');
    // check reads the declared files there and judges them together, naming them as found.
    const check = await runCli(['check', ...args.slice(2)], { cwd });
    expect(check.stdout).toContain('vars/prod.txt:1:1: warning missing-in-environment `B` is defined for dev (dev.txt) but missing here, in prod.');
  });

  it('compares the .runpod/ENV.env files of a .runpod folder it runs in, as from the folder above', async () => {
    const ws = workspace({ 'hub/.runpod/dev.env': `A=${ref('hf-token')}\nB=${ref('hf-token')}\n`, 'hub/.runpod/prod.env': `A=${ref('hf-token-prod')}\n` });
    const inside = await runCli(['envs', 'compare'], { cwd: path.join(ws, 'hub', '.runpod') });
    expect(inside.stdout).toContain('runpod  (dev: dev.env; prod: prod.env)');
    expect(inside.code).toBe(1);
    const above = await runCli(['envs', 'compare'], { cwd: path.join(ws, 'hub') });
    expect(above.stdout).toBe(inside.stdout.replace('dev: dev.env; prod: prod.env', 'dev: .runpod/dev.env; prod: .runpod/prod.env'));
  });

  it('reads a declared file by the rule runpod.files files are read by: a .toml file as runpod.toml, not as env lines', async () => {
    const r = await runCli(['check', '--format', 'json', '--environment', 'prod=cfg/*.toml', 'cfg'], { cwd: fixture.ws });
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('says so when nothing has environments', async () => {
    const none = await runCli(['envs', 'compare', 'serve.dev.runpod.env'], { cwd: fixture.ws });
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('no template with two or more environments found');
  });

  it('usage: envs without a subcommand shows help and exits 2; an unknown one is a usage error', async () => {
    expect((await runCli(['envs'], { cwd: fixture.ws })).code).toBe(2);
    const r = await runCli(['envs', 'diff'], { cwd: fixture.ws });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown envs command "diff"');
  });
});

describe('hostile files', () => {
  it('file names with escape sequences and values with controls: shown escaped, values never', async () => {
    const ws = workspace({
      'x\u001b]0;pwned\u0007.dev.runpod.env': `A=\u001b[2J${PLAIN}\nB=${ref('dev-b')}\n`,
      'x\u001b]0;pwned\u0007.prod.runpod.env': `A=${PLAIN}\nB=${ref('dev-b')}\nC=1\n`,
    });
    for (const args of [['envs', 'compare'], ['envs', 'compare', '--json'], ['check'], ['check', '--format', 'sarif']]) {
      const r = await runCli(args, { cwd: ws });
      const output = r.stdout + r.stderr;
      expect(output).toContain('\\u001b');
      expect(RAW_CONTROL.exec(output)?.[0], args.join(' ')).toBeUndefined();
      expect(output, args.join(' ')).not.toContain(PLAIN);
      // envs compare: C is missing in dev; check: warnings only.
      expect(r.code, args.join(' ')).toBe(args[0] === 'envs' ? 1 : 0);
    }
  });
});

describe('the sample workspace', () => {
  it('has a dev/prod pair with one missing key and one secret named for the other environment (its README says so)', async () => {
    const r = await runCli(['envs', 'compare', '--json'], { cwd: path.join(ROOT, 'sample-workspace') });
    expect(r.code).toBe(1);
    const [train, ...rest] = JSON.parse(r.stdout) as { template: string; missing: number; crossing: number; rows: { key: string; status: string }[] }[];
    expect(rest).toEqual([]);
    expect([train!.template, train!.missing, train!.crossing]).toEqual(['train', 1, 1]);
    expect(train!.rows.filter((row) => row.status.includes('missing') || row.status.includes('named for'))).toEqual([
      { key: 'OPENAI_API_KEY', status: 'missing in prod' } as never,
      { key: 'DB_PASSWORD', status: 'prod uses db_password_dev (named for another environment); differs' } as never,
    ].map((row) => expect.objectContaining(row)));
  });
});

describe('envs compare text output over hostile file names', () => {
  it('names every file and template on one line, escape sequences shown as escapes: a name cannot forge output lines', async () => {
    const { formatComparison } = await import('../../client/src/cli/envs');
    const evil = 'x\nFAKE: prod ok\u001b]52;c;SGk=\u0007';
    const text = formatComparison({
      template: `train${evil}`,
      environments: [{ name: 'dev', files: [`${evil}.dev.runpod.env`] }, { name: 'prod', files: ['train.prod.runpod.env'], account: `team${evil}` }],
      shared: [`${evil}.runpod.env`],
      rows: [],
      missing: 0,
      crossing: 0,
      differing: 0,
    } as never);
    const [heading] = text.split('\n');
    expect(heading).toContain('train');
    expect(heading).toContain('FAKE: prod ok');
    expect(text).not.toMatch(/\nFAKE/);
    expect(text).not.toMatch(/[\u0007\u001b]/);
  });

  it("an environment whose account is not valid is said so, as the editor's Compare Environments says it, never with the account's text", async () => {
    const { formatComparison } = await import('../../client/src/cli/envs');
    const text = formatComparison({
      template: 'train',
      environments: [
        { name: 'dev', files: ['train.dev.runpod.env'], invalidAccount: true },
        { name: 'prod', files: ['train.prod.runpod.env'], account: 'team' },
      ],
      shared: [],
      rows: [],
      missing: 0,
      crossing: 0,
      differing: 0,
    } as never);
    expect(text.split('\n')[0]).toBe('train  (dev: train.dev.runpod.env (account in runpod.environments not valid); prod: train.prod.runpod.env (account team))');
  });
});
