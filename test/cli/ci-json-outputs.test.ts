/**
 * What a CI script following README and docs/ci.md meets: `--json` on every command that takes it
 * (check included) prints one JSON document on stdout, whatever happened; a credential written in
 * plain text into a Pod's, endpoint's or template's env is never echoed back by a `--json` document
 * (the account's listings, a restart, a workers change, an update with nothing to change), as the
 * launch's own document leaves it out; and docs/ci.md names the SARIF fields the output has.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { apiEnv, cliEnv, cliPath, ROOT, runCli, runProcess, withFakeApi, workspace, type CliResult } from './helpers';
import * as os from 'node:os';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

const GPU = 'NVIDIA GeForce RTX 4090';
/** A Hugging Face token written in plain text: it must never be printed. */
const PLANTED = 'hf_PLANTEDplainValue0123456789abcdefXYZ';

const fixture = withFakeApi(
  {
    'train.runpod.json': JSON.stringify({ name: 'train', image: 'acme/train:1', env: { HF_TOKEN: PLANTED, MODEL: 'llama' } }),
    'broken.runpod.env': 'DB_PASSWORD={{ RUNPOD_SECRET_ }}\n',
    'more.runpod.env': 'MODEL=mistral\n',
  },
  { seed: true, podBootMs: 50 },
);

const cli = (args: string[]): Promise<CliResult> => runCli(args, { cwd: fixture.ws, env: apiEnv(fixture.fake) });

function expectNoValue(r: CliResult): void {
  expect(r.stdout + r.stderr).not.toContain(PLANTED.slice(3, 20));
}

describe('check --json', () => {
  it('is --format json, as every other command spells it', async () => {
    const long = await cli(['check', '--format', 'json']);
    const short = await cli(['check', '--json']);
    expect(short.code, short.stderr).toBe(long.code);
    expect(short.code).toBe(1);
    expect(JSON.parse(short.stdout)).toEqual(JSON.parse(long.stdout));
    expect(short.stdout).toContain('malformed-reference');
  });

  it('with another --format is a usage error (exit 2), not a guess', async () => {
    const r = await cli(['check', '--json', '--format', 'sarif']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--json is --format json');
    expect((await cli(['check', '--json', '--format', 'json'])).code).toBe(1);
  });
});

describe('--json documents of the account\'s resources leave out a plain credential', () => {
  let podId: string;
  let endpointId: string;

  beforeAll(async () => {
    const pod = await cli(['pods', 'launch', '--template-file', 'train.runpod.json', '--gpu', GPU, '--json']);
    expect(pod.code, pod.stderr).toBe(0);
    podId = (JSON.parse(pod.stdout) as { id: string }).id;
    const endpoint = await cli(['endpoints', 'deploy', '--template-file', 'train.runpod.json', '--gpu-pool', 'ADA_24', '--json']);
    expect(endpoint.code, endpoint.stderr).toBe(0);
    endpointId = (JSON.parse(endpoint.stdout) as { id: string }).id;
    // RunPod holds the value as written: only the output leaves it out.
    expect(fixture.fake.inspect().pods.find((p) => p.id === podId)!.env.HF_TOKEN).toBe(PLANTED);
  });

  const envOf = (r: CliResult, pick: (doc: never) => { env: Record<string, string> }): Record<string, string> => pick(JSON.parse(r.stdout) as never).env;

  it('pods list, endpoints list', async () => {
    const pods = await cli(['pods', 'list', '--json']);
    expect(pods.code, pods.stderr).toBe(0);
    expect(envOf(pods, (d: { id: string; env: Record<string, string> }[]) => d.find((p) => p.id === podId)!)).toEqual({ HF_TOKEN: '[redacted]', MODEL: 'llama' });
    expectNoValue(pods);
    const endpoints = await cli(['endpoints', 'list', '--json']);
    expect(endpoints.code, endpoints.stderr).toBe(0);
    expect(envOf(endpoints, (d: { id: string; env: Record<string, string> }[]) => d.find((e) => e.id === endpointId)!)).toEqual({ HF_TOKEN: '[redacted]', MODEL: 'llama' });
    expectNoValue(endpoints);
  });

  it("pods list prints each Pod's gpu as RunPod sent it (the fields the views leave out, a shape they call unknown), not the views' reading of it", async () => {
    const sent = [
      { id: 'g1', name: 'a', status: 'RUNNING', gpu: { id: GPU, count: 2, displayName: 'RTX 4090', memoryInGb: 24 } },
      { id: 'g2', name: 'b', status: 'RUNNING', gpu: 'NVIDIA A100' },
      { id: 'g3', name: 'c', status: 'RUNNING', gpu: { id: GPU, count: '2' } },
    ];
    fixture.fake.faults.inject({ status: 200, body: JSON.stringify({ pods: sent }), headers: { 'Content-Type': 'application/json' } }, { method: 'GET', path: /\/pods(\?.*)?$/ });
    const r = await cli(['pods', 'list', '--json']);
    fixture.fake.faults.clear();
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { gpu: unknown }[]).map((p) => p.gpu)).toEqual(sent.map((p) => p.gpu));
  });

  it("pods list prints each Pod's ssh, cloud and actions as RunPod sent them (a command the views cannot show, a cloud that is not text, an action that is not one), not the views' reading of them", async () => {
    const sent = [{ id: 's1', name: 'a', status: 'RUNNING', ssh: { command: 'a\nb', host: 'h' }, cloud: 5, actions: ['stop', 7] }];
    fixture.fake.faults.inject({ status: 200, body: JSON.stringify({ pods: sent }), headers: { 'Content-Type': 'application/json' } }, { method: 'GET', path: /\/pods(\?.*)?$/ });
    const r = await cli(['pods', 'list', '--json']);
    fixture.fake.faults.clear();
    expect(r.code, r.stderr).toBe(0);
    const printed = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(printed.map(({ ssh, cloud, actions }) => ({ ssh, cloud, actions }))).toEqual(sent.map(({ ssh, cloud, actions }) => ({ ssh, cloud, actions })));
  });

  it('templates list', async () => {
    const template = fixture.fake.addTemplate({ name: 'plain-token', image: 'acme/train:1', env: { HF_TOKEN: PLANTED, MODEL: 'llama' } });
    const r = await cli(['templates', 'list', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(envOf(r, (d: { id: string; env: Record<string, string> }[]) => d.find((t) => t.id === template.id)!)).toEqual({ HF_TOKEN: '[redacted]', MODEL: 'llama' });
    expectNoValue(r);
  });

  it('pods restart', async () => {
    const r = await cli(['pods', 'restart', podId, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(envOf(r, (d: { pod: { env: Record<string, string> } }[]) => d[0]!.pod)).toEqual({ HF_TOKEN: '[redacted]', MODEL: 'llama' });
    expectNoValue(r);
  });

  it('endpoints update --workers-max, changed or not', async () => {
    for (const max of ['4', '4']) {
      const r = await cli(['endpoints', 'update', endpointId, '--workers-max', max, '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(envOf(r, (d: { env: Record<string, string> }) => d)).toEqual({ HF_TOKEN: '[redacted]', MODEL: 'llama' });
      expectNoValue(r);
    }
  });

  it('endpoints update --vars-file with nothing to change prints the endpoint, the message on stderr', async () => {
    // The first update adds MODEL=mistral; the second finds the env as the file says.
    const first = await cli(['endpoints', 'update', endpointId, '--vars-file', 'more.runpod.env', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const again = await cli(['endpoints', 'update', endpointId, '--vars-file', 'more.runpod.env', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('nothing to update');
    expect(JSON.parse(again.stdout)).toMatchObject({ id: endpointId, env: { HF_TOKEN: '[redacted]', MODEL: 'mistral' } });
    expectNoValue(again);
  });
});

describe('docs/ci.md', () => {
  const doc = (): string => fs.readFileSync(path.join(ROOT, 'docs', 'ci.md'), 'utf8');

  it('says how to fail the job on the warnings a launch refuses (a typo\'d secret name, 51 variables), and that way works', async () => {
    const fixtures: Record<string, Record<string, string>> = {
      'unknown-secret': { 'a.runpod.env': 'A={{ RUNPOD_SECRET_hf-tokn }}\n' },
      'too-many-variables': { 'big.runpod.env': Array.from({ length: 51 }, (_, i) => `V${i}=x\n`).join('') },
    };
    const line = /`(--severity [^`]*=error[^`]*)`/.exec(doc())?.[1];
    expect(line).toBeDefined();
    const options = line!.split(' ');
    for (const [code, files] of Object.entries(fixtures)) {
      const ws = workspace(files);
      const plain = await runCli(['check'], { cwd: ws, env: apiEnv(fixture.fake) });
      expect(plain.stdout).toContain(`warning ${code}`);
      expect(plain.code).toBe(0);
      const failing = await runCli(['check', ...options], { cwd: ws, env: apiEnv(fixture.fake) });
      expect(failing.code, failing.stderr).toBe(1);
      expect(failing.stdout).toContain(`error ${code}`);
    }
  });

  /**
   * The workflow's check step (its `run: |` lines, with the built CLI for tools/runpod-check.js)
   * run as Actions runs it (bash -e), and the exit codes its upload step's `if:` lets through.
   */
  async function documentedStep(env: Record<string, string>): Promise<{ code: number | null; recorded: string; uploads: string[] }> {
    const workflow = doc().slice(doc().indexOf('### The workflow'));
    const script = /\n\s+id: check\n[\s\S]*?run: \|\n((?: {10}.*\n)+)/.exec(workflow)?.[1];
    expect(script).toBeDefined();
    const condition = /- name: Upload to code scanning\n\s+if: (.*)\n/.exec(workflow)?.[1] ?? '';
    const uploads = [...condition.matchAll(/steps\.check\.outputs\.exit == '(\d+)'/g)].map((m) => m[1]!);
    const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gh-output-')), 'out');
    fs.writeFileSync(output, '');
    const bash = script!.replace(/node tools\/runpod-check\.js/g, `"${process.execPath}" "${cliPath()}"`);
    const r = await runProcess('bash', ['-e', '-c', bash], { cwd: fixture.ws, env: { ...cliEnv(), GITHUB_OUTPUT: output, ...env } });
    return { code: r.code, recorded: fs.readFileSync(output, 'utf8'), uploads };
  }

  it('uploads the SARIF of a run that checked the account (findings or not), never of one that could not', async () => {
    const checked = await documentedStep(apiEnv(fixture.fake));
    expect(checked.code).toBe(1); // broken.runpod.env's malformed reference fails the step
    expect(checked.recorded).toBe('exit=1\n');
    expect(checked.uploads.sort()).toEqual(['0', '1']);
    fixture.fake.faults.inject({ status: 503 }, { method: 'GET', path: /\/account\/secrets(\?.*)?$/, times: 100 });
    const down = await documentedStep(apiEnv(fixture.fake));
    fixture.fake.faults.clear();
    expect(down.code).toBe(2);
    expect(down.recorded).toBe('exit=2\n');
    const rejected = await documentedStep({ ...apiEnv(fixture.fake), RUNPOD_API_KEY: 'rk_not-the-key' });
    expect(rejected.code).toBe(2);
    expect(rejected.recorded).toBe('exit=2\n');
    expect(fs.readFileSync(path.join(fixture.ws, 'runpod-check.sarif'), 'utf8')).toBe(''); // the empty file the upload must not meet
  });

  it('documents the shape of `check --format json` (an array of findings) with the fields each finding has, in their order', async () => {
    const r = await cli(['check', '--format', 'json']);
    const findings = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(Array.isArray(findings)).toBe(true);
    const documented = /`--format json` prints one JSON array[\s\S]*?`(\{[^`]+\})`/.exec(doc())?.[1];
    expect(documented).toBeDefined();
    const fields = [...documented!.matchAll(/"?(\w+)"?\s*:/g)].map((m) => m[1]);
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) expect(Object.keys(finding)).toEqual(fields);
  });

  it("names the SARIF run's category by the field the output has", async () => {
    const r = await runCli(['check', '--account', 'ci', '--format', 'sarif'], { cwd: fixture.ws, env: { ...apiEnv(fixture.fake), RUNPOD_API_KEY_CI: fixture.fake.apiKey } });
    expect(r.code, r.stderr).toBe(1);
    const run = (JSON.parse(r.stdout) as { runs: Record<string, { id?: string }>[] }).runs[0]!;
    const named = /`(\w+)\.id`/.exec(doc())?.[1];
    expect(named).toBeDefined();
    expect(run[named!]?.id).toBe('runpod-check-ci/');
  });
});
