/**
 * `pods` end to end against the fake: launch refuses while a reference is unknown or malformed
 * (nothing created), succeeds otherwise with the merged env; list, stop, terminate.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { gpuChoices } from '../../client/src/launch/gpuChoices';
import type { GpuType, Pod } from '../../client/src/runpod/index';
import { podGpu } from '../../client/src/runpod/parse';
import { computeText } from '../../client/src/views/pods/podNodes';
import { apiEnv, buildOnce, namesFromTemplates, runCli, workspace } from './helpers';

// Each test starts several processes; on two shared cores that can take a while (not a timing assertion).
vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

let fake: FakeRunpod;
let ws: string;
const GPU = 'NVIDIA GeForce RTX 4090';

beforeAll(async () => {
  buildOnce();
  fake = await startFakeRunpod({ seed: true, podBootMs: 100 });
  ws = workspace({
    'good.runpod.json': JSON.stringify({
      $schema: '../schemas/runpod-template.schema.json',
      name: 'from-file',
      image: 'runpod/pytorch:2.4.0',
      args: '--serve',
      disk: 20,
      ports: ['8888/http'],
      env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', MODE: 'file' },
    }),
    'missing.runpod.json': JSON.stringify({
      name: 'bad',
      image: 'runpod/pytorch:2.4.0',
      env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', OTHER: '{{ RUNPOD_SECRET_not-there }}', BROKEN: '{{ RUNPOD_SECRET_oops' },
    }),
    // What the editor accepts (comments, a trailing comma) the command line launches too.
    'commented.runpod.json': '{\n  // a comment\n  "name": "commented",\n  "image": "runpod/base:1",\n  "env": { "HF_TOKEN": "{{ RUNPOD_SECRET_hf-token }}", },\n}\n',
    'broken.runpod.json': '{\n  "name": "x",\n  "env": { "TOKEN": "sk_live_PLANTED0123456789 }\n}\n',
    'override.env': 'MODE=env-file\nEXTRA=1\n',
    'missing.env': 'OPENAI_API_KEY={{ RUNPOD_SECRET_no_such_key }}\n',
    'broken.env': 'JUST TEXT\n',
    'typo.env': 'HF_TOKEN={{ RUNPOD_SECRET_hf-tokn }}\n',
    'many.env': Array.from({ length: 51 }, (_, i) => `VAR_${i}=x\n`).join(''),
    // One template in two environments: dev and prod share train.runpod.env.
    'envs/train.runpod.env': 'WANDB_PROJECT=llama\nMODE=shared\n',
    'envs/train.dev.runpod.env': 'MODE=dev\n',
    'envs/train.prod.runpod.env': 'MODE=prod\n',
    'linked/train.dev.runpod.env': 'MODE=dev\n',
    'linked/train.prod.runpod.env': 'MODE=prod\n',
    // Shared env files refused when read: one not env lines, one past Launch Pod's 2 MiB.
    'badshared/train.runpod.env': 'JUST TEXT\n',
    'badshared/train.dev.runpod.env': 'MODE=dev\n',
    'badshared/train.prod.runpod.env': 'MODE=prod\n',
    'bigshared/train.runpod.env': `A=${'x'.repeat(2 * 1024 * 1024 + 1)}\n`,
    'bigshared/train.dev.runpod.env': 'MODE=dev\n',
    'bigshared/train.prod.runpod.env': 'MODE=prod\n',
  });
  fs.symlinkSync(path.join(ws, 'override.env'), path.join(ws, 'linked', 'train.runpod.env'));
});
afterAll(async () => {
  await fake?.close();
});

const templateId = (name: string): string => fake.inspect().templates.find((t) => t.name === name)!.id;

describe('pods launch', () => {
  it('refuses while a reference is unknown or malformed, lists each, exit 1, creates nothing', async () => {
    const r = await runCli(['pods', 'launch', '--template-file', path.join(ws, 'missing.runpod.json'), '--gpu', GPU], { env: apiEnv(fake) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Refusing to launch: 2 secret references/);
    expect(r.stderr).toMatch(/OTHER: unknown "not-there"/);
    expect(r.stderr).toMatch(/BROKEN: malformed/);
    expect(r.stderr).not.toMatch(/HF_TOKEN/);
    expect(r.stdout).toBe('');
    expect(fake.inspect().pods).toEqual([]);
    expect(fake.inspect().requests.filter((q) => q.method === 'POST')).toEqual([]);
  });

  it('refuses more than 50 variables locally with the editor\'s message, exit 1, sends nothing', async () => {
    const r = await runCli(['pods', 'launch', '--template-file', path.join(ws, 'good.runpod.json'), '--gpu', GPU, '--vars-file', path.join(ws, 'many.env')], { env: apiEnv(fake) });
    expect(r.code).toBe(1);
    // 51 from the vars file plus the file's HF_TOKEN and MODE.
    expect(r.stderr).toContain('Refusing to launch: RunPod allows at most 50 environment variables for the Pod; this env has 53.');
    expect(fake.inspect().requests.filter((q) => q.method === 'POST')).toEqual([]);
  });

  it('a refused typo names the close secret, as the editor offers to replace it, and the command that creates one', async () => {
    const r = await runCli(['pods', 'launch', '--template-file', path.join(ws, 'good.runpod.json'), '--gpu', GPU, '--vars-file', path.join(ws, 'typo.env')], { env: apiEnv(fake) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/HF_TOKEN: unknown "hf-tokn": .* Did you mean "hf-token"\?\n/);
    expect(r.stderr).toContain('runpod-check secrets create NAME');
    expect(fake.inspect().pods).toEqual([]);
  });

  it('checks the merged env: a template id whose env file adds an unknown reference is refused', async () => {
    const r = await runCli(['pods', 'launch', '--template-id', templateId('pytorch-train'), '--gpu', GPU, '--vars-file', path.join(ws, 'missing.env')], { env: apiEnv(fake) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/OPENAI_API_KEY: unknown "no_such_key"/);
    expect(fake.inspect().pods).toEqual([]);
  });

  it('a broken env file or a missing --gpu is refused before any API call (exit 2)', async () => {
    const before = fake.inspect().requests.length;
    const broken = await runCli(['pods', 'launch', '--template-id', 'x', '--gpu', GPU, '--vars-file', path.join(ws, 'broken.env')], { env: apiEnv(fake) });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.env: line 1: /);
    const noGpu = await runCli(['pods', 'launch', '--template-id', 'x'], { env: apiEnv(fake) });
    expect(noGpu.code).toBe(2);
    expect(noGpu.stderr).toMatch(/--gpu ID is required/);
    const both = await runCli(['pods', 'launch', '--template-id', 'x', '--template-file', 'y', '--gpu', GPU], { env: apiEnv(fake) });
    expect(both.code).toBe(2);
    expect(fake.inspect().requests.length).toBe(before);
  });

  it('a usage error (a flag missing) comes before any file note: as endpoints deploy, nothing is read into a note first', async () => {
    const dev = path.join(ws, 'envs', 'train.dev.runpod.env');
    for (const source of [['--template-id', 'x'], ['--template-file', path.join(ws, 'good.runpod.json')]]) {
      const r = await runCli(['pods', 'launch', ...source, '--vars-file', dev], { env: apiEnv(fake) });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^runpod-check: --gpu ID is required/);
      expect(r.stderr).not.toContain('note:');
    }
    // A bad --gpu-count is a usage error before a broken env file is read.
    const count = await runCli(['pods', 'launch', '--template-id', 'x', '--gpu', GPU, '--gpu-count', 'many', '--vars-file', path.join(ws, 'broken.env')], { env: apiEnv(fake) });
    expect(count.code).toBe(2);
    expect(count.stderr).toMatch(/--gpu-count/);
    expect(count.stderr).not.toMatch(/broken\.env/);
  });

  it('launches from a template id: template env with the env file merged over it, GPU and cloud as given', async () => {
    const id = templateId('pytorch-train');
    const r = await runCli(
      ['pods', 'launch', '--template-id', id, '--gpu', GPU, '--gpu-count', '2', '--cloud', 'COMMUNITY', '--vars-file', path.join(ws, 'override.env'), '--name', 'cli-pod'],
      { env: apiEnv(fake) },
    );
    expect(r.stderr).not.toMatch(/Refusing/);
    expect(r.code).toBe(0);
    const pods = fake.inspect().pods;
    expect(pods).toHaveLength(1);
    const pod = pods[0]!;
    expect(r.stdout).toMatch(new RegExp(`^Created pod ${pod.id} \\(cli-pod\\), status (PROVISIONING|STARTING|RUNNING)\\.\n$`));
    expect(pod).toMatchObject({ name: 'cli-pod', templateId: id, gpu: { id: GPU, count: 2 }, cloud: 'COMMUNITY' });
    expect(pod.env).toEqual({ HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', HF_HOME: '/workspace/hf', MODE: 'env-file', EXTRA: '1' });
  });

  it('launches from a template file: its Pod fields are sent, template-only ones noted, the env file wins per key', async () => {
    const r = await runCli(['pods', 'launch', '--template-file', path.join(ws, 'good.runpod.json'), '--gpu', GPU, '--vars-file', path.join(ws, 'override.env'), '--json'], {
      env: apiEnv(fake),
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/not sent .*: args/);
    const created = JSON.parse(r.stdout) as { id: string };
    const pod = fake.inspect().pods.find((p) => p.id === created.id)!;
    expect(pod).toMatchObject({ name: 'from-file', image: 'runpod/pytorch:2.4.0', gpu: { id: GPU, count: 1 }, ports: ['8888/http'] });
    expect(pod.env).toEqual({ HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', MODE: 'env-file', EXTRA: '1' });
  });

  it("an environment's env file is merged over the file its template's environments share, as the editor's Launch Pod and envs compare count it", async () => {
    const r = await runCli(['pods', 'launch', '--template-file', path.join(ws, 'good.runpod.json'), '--gpu', GPU, '--vars-file', path.join(ws, 'envs', 'train.dev.runpod.env'), '--json'], {
      env: apiEnv(fake),
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`note: ${path.join(ws, 'envs', 'train.dev.runpod.env')} is environment dev: merged over ${path.join(ws, 'envs', 'train.runpod.env')}, the file its template's environments share\n`);
    const created = JSON.parse(r.stdout) as { id: string };
    // The template file's env, the shared file's over it, dev's over both.
    expect(fake.inspect().pods.find((p) => p.id === created.id)!.env).toEqual({ HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', MODE: 'dev', WANDB_PROJECT: 'llama' });
  });

  it('--environment decides the environment of the merge as it does the checks\' (one grouping): a file it declares is that environment', async () => {
    const r = await runCli(['pods', 'launch', '--template-file', 'good.runpod.json', '--gpu', GPU, '--vars-file', 'envs/train.dev.runpod.env', '--environment', 'sandbox=envs/train.dev.runpod.env', '--json'], {
      cwd: ws,
      env: apiEnv(fake),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`note: envs/train.dev.runpod.env is environment sandbox: merged over envs/train.runpod.env, the file its template's environments share\n`);
  });

  it('a shared env file that is a symbolic link is not read: the launch stops (exit 2) and creates nothing, run from inside the folder or not', async () => {
    const before = fake.inspect().pods.length;
    // The walk of the working directory follows no link: from inside it, the input's siblings still bring the link, so it is refused alike.
    const runs = [
      { cwd: undefined, template: path.join(ws, 'good.runpod.json'), vars: path.join(ws, 'linked', 'train.dev.runpod.env') },
      { cwd: ws, template: 'good.runpod.json', vars: 'linked/train.dev.runpod.env' },
    ];
    for (const run of runs) {
      const r = await runCli(['pods', 'launch', '--template-file', run.template, '--gpu', GPU, '--vars-file', run.vars], { ...(run.cwd ? { cwd: run.cwd } : {}), env: apiEnv(fake) });
      expect(r.code, `${run.cwd ?? 'elsewhere'}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/train\.runpod\.env: .*symbolic link/);
      // Named as the note above it names the shared file: relative when the vars file was.
      if (run.cwd) expect(r.stderr).toContain('\nrunpod-check: linked/train.runpod.env: a symbolic link');
      expect(r.stderr).not.toContain('EXTRA');
    }
    expect(fake.inspect().pods).toHaveLength(before);
  });

  it('a shared env file refused when read is named as the note names it: relative when the vars file was', async () => {
    for (const folder of ['badshared', 'bigshared']) {
      const r = await runCli(['pods', 'launch', '--template-file', 'good.runpod.json', '--gpu', GPU, '--vars-file', `${folder}/train.dev.runpod.env`], { cwd: ws, env: apiEnv(fake) });
      expect(r.code, r.stderr).not.toBe(0);
      expect(r.stderr).toContain(`merged over ${folder}/train.runpod.env,`);
      expect(r.stderr).toMatch(new RegExp(`\\nrunpod-check: (shared env file )?${folder}/train\\.runpod\\.env: `));
      expect(r.stderr).not.toContain(ws);
    }
  });

  it('reads a template file the way the editor does: comments and trailing commas launch', async () => {
    const r = await runCli(['pods', 'launch', '--template-file', path.join(ws, 'commented.runpod.json'), '--gpu', GPU, '--json'], { env: apiEnv(fake) });
    expect(r.stderr).toMatch(/^Launching:\n  Pod: commented\n/);
    expect(r.code).toBe(0);
    const created = JSON.parse(r.stdout) as { id: string };
    expect(fake.inspect().pods.find((p) => p.id === created.id)).toMatchObject({ name: 'commented', env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}' } });
  });

  it('--name is judged as the editor judges a typed name: trimmed, not blank, not over the limit', async () => {
    const posts = () => fake.inspect().requests.filter((q) => q.method === 'POST').length;
    const before = posts();
    for (const name of ['   ', 'p'.repeat(192)]) {
      const r = await runCli(['pods', 'launch', '--template-file', path.join(ws, 'good.runpod.json'), '--gpu', GPU, '--name', name], { env: apiEnv(fake) });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--name: (A Pod needs a name|At most 191 characters)/);
    }
    expect(posts()).toBe(before);
    const r = await runCli(['pods', 'launch', '--template-file', path.join(ws, 'good.runpod.json'), '--gpu', GPU, '--name', '  trimmed-pod  ', '--json'], { env: apiEnv(fake) });
    expect(r.code, r.stderr).toBe(0);
    expect(fake.inspect().pods.find((p) => p.id === (JSON.parse(r.stdout) as { id: string }).id)?.name).toBe('trimmed-pod');
  });

  it('a name from the template file or the account\'s template is judged by the --name rule and sent trimmed; a bad one says where it came from', async () => {
    const { refusals, padded } = namesFromTemplates(fake, { image: 'runpod/base:1' });
    const posts = () => fake.inspect().requests.filter((q) => q.method === 'POST').length;
    const before = posts();
    for (const [source, message] of refusals) {
      const r = await runCli(['pods', 'launch', ...source, '--gpu', GPU], { env: apiEnv(fake) });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(posts()).toBe(before);
    const r = await runCli(['pods', 'launch', '--template-file', padded, '--gpu', GPU, '--json'], { env: apiEnv(fake) });
    expect(r.code, r.stderr).toBe(0);
    expect(fake.inspect().pods.find((p) => p.id === (JSON.parse(r.stdout) as { id: string }).id)?.name).toBe('padded-name');
  });

  it('a broken template file says what and where, never its text, before any API call', async () => {
    const before = fake.inspect().requests.length;
    const r = await runCli(['pods', 'launch', '--template-file', path.join(ws, 'broken.runpod.json'), '--gpu', GPU], { env: apiEnv(fake) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.runpod\.json: Not valid JSON: .* at line \d+, column \d+\./);
    expect(r.stderr + r.stdout).not.toContain('PLANTED');
    expect(fake.inspect().requests.length).toBe(before);
  });

  it('a template file that cannot launch a Pod says so, its reason as the editor gives it, before any API call', async () => {
    const file = path.join(workspace({ 'worker.runpod.json': JSON.stringify({ name: 'w', image: 'i', serverless: true }) }), 'worker.runpod.json');
    const before = fake.inspect().requests.length;
    const r = await runCli(['pods', 'launch', '--template-file', file, '--gpu', GPU], { env: apiEnv(fake) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`runpod-check: ${file}: This file cannot launch a Pod: this is a serverless template ("serverless": true): it makes an endpoint, not a Pod. Deploy it with RunPod: Deploy Endpoint (runpod-check endpoints deploy on the command line).\n`);
    expect(fake.inspect().requests.length).toBe(before);
  });

  it('a "cpu" that is no object is refused before any API call, in the editor\'s words: `false` is no CPU Pod and no excuse for a missing --gpu', async () => {
    for (const cpu of [false, true, 'abc']) {
      const file = path.join(workspace({ 'cpu.runpod.json': JSON.stringify({ name: 'c', image: 'i', cpu }) }), 'cpu.runpod.json');
      const before = fake.inspect().requests.length;
      const r = await runCli(['pods', 'launch', '--template-file', file], { env: apiEnv(fake) });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`runpod-check: ${file}: This file cannot launch a Pod: "cpu" must be an object ({} for RunPod's default).\n`);
      expect(fake.inspect().requests.length).toBe(before);
    }
  });

  it('"cpu": null asks for no CPU Pod, as in the editor (templateFile.ts asksFor): without --gpu a GPU is asked for, with --gpu a GPU Pod is made', async () => {
    const file = path.join(workspace({ 'cpu-null.runpod.json': JSON.stringify({ name: 'cpu-null', image: 'i', cpu: null }) }), 'cpu-null.runpod.json');
    const before = fake.inspect().requests.length;
    const refused = await runCli(['pods', 'launch', '--template-file', file], { env: apiEnv(fake) });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--gpu ID is required');
    expect(fake.inspect().requests.length).toBe(before);
    const r = await runCli(['pods', 'launch', '--template-file', file, '--gpu', GPU, '--json'], { env: apiEnv(fake) });
    expect(r.code, r.stderr).toBe(0);
    const pod = fake.inspect().pods.find((p) => p.id === (JSON.parse(r.stdout) as { id: string }).id)!;
    expect(podGpu(pod.gpu)?.id).toBe(GPU);
  });

  it('a field the template schema does not know is refused before any API call, in the editor\'s words; a registry left out is said to matter', async () => {
    const file = path.join(workspace({ 'typo.runpod.json': JSON.stringify({ name: 't', image: 'i', dataCenterId: ['EU-RO-1'] }) }), 'typo.runpod.json');
    const before = fake.inspect().requests.length;
    const r = await runCli(['pods', 'launch', '--template-file', file, '--gpu', GPU], { env: apiEnv(fake) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`runpod-check: ${file}: This file cannot launch a Pod: "dataCenterId" is no field of a template or Pod body; did you mean "dataCenterIds"?\n`);
    expect(fake.inspect().requests.length).toBe(before);
    const registry = path.join(workspace({ 'private.runpod.json': JSON.stringify({ name: 'p', image: 'i', registry: 'cred1', env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}' } }) }), 'private.runpod.json');
    const launched = await runCli(['pods', 'launch', '--template-file', registry, '--gpu', GPU], { env: apiEnv(fake) });
    expect(launched.code, launched.stderr).toBe(0);
    expect(launched.stderr).toContain(`note: ${registry}: not sent (fields a Pod create does not take): registry; a Pod create takes no registry credential, so a private image may fail to pull\n`);
  });

  describe('a template file naming a template by templateId', () => {
    const fileFor = (id: string, extra: Record<string, unknown> = {}) =>
      path.join(workspace({ 'named.runpod.json': JSON.stringify({ name: 'named', templateId: id, env: { MODE: 'file' }, ...extra }) }), 'named.runpod.json');

    it("someone else's public template with a reference to a missing secret is refused before any POST", async () => {
      const theirs = fake.addTemplate({ name: 'cli-theirs', image: 'their/image:1', env: { THEIR_TOKEN: '{{ RUNPOD_SECRET_their-secret }}' }, public: true }, 'other');
      const before = fake.inspect().requests.length;
      const r = await runCli(['pods', 'launch', '--template-file', fileFor(theirs.id), '--gpu', GPU], { env: apiEnv(fake) });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/THEIR_TOKEN: unknown "their-secret"/);
      expect(fake.inspect().requests.slice(before).filter((q) => q.method === 'POST')).toEqual([]);
    });

    it('an unknown id stops with a clear message (exit 2), nothing created', async () => {
      const before = fake.inspect().pods.length;
      const r = await runCli(['pods', 'launch', '--template-file', fileFor('no-such-id'), '--gpu', GPU], { env: apiEnv(fake) });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/template to launch from was not found \(404\)/);
      expect(fake.inspect().pods.length).toBe(before);
    });

    it('prints every field it sends before creating: template id, image, ports, mounts, start options, env keys (never values)', async () => {
      const theirs = fake.addTemplate({ name: 'cli-public', image: 'their/image:1', env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}' }, public: true }, 'other');
      const file = fileFor(theirs.id, { ports: ['8888/http'], mounts: { persistent: { size: 20, path: '/workspace' } }, startSsh: true, startJupyter: false, disk: 30 });
      const r = await runCli(['pods', 'launch', '--template-file', file, '--gpu', GPU, '--json'], { env: apiEnv(fake) });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe(
        [
          'Launching:',
          '  Pod: named',
          `  Template id: ${theirs.id} (cli-public; RunPod applies it, then the fields below)`,
          '  Image: their/image:1 (from the template)',
          `  GPU: 1 × ${GPU}`,
          '  Cloud: Secure Cloud',
          '  Disk: 30 GB',
          '  Ports: 8888/http',
          '  Mounts: persistent volume, 20 GB at /workspace',
          '  Start SSH: yes',
          '  Start Jupyter: no',
          '  Env: 2 variables, 1 from secrets',
          '    HF_TOKEN ← secret hf-token',
          '    MODE',
          '',
        ].join('\n'),
      );
      const created = JSON.parse(r.stdout) as { id: string };
      expect(fake.inspect().pods.find((p) => p.id === created.id)).toMatchObject({ templateId: theirs.id, ports: ['8888/http'], env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', MODE: 'file' } });
    });
  });

  it('a GPU id the catalog does not list is refused before the summary, naming the id it likely means and gpus list', async () => {
    const posts = () => fake.inspect().requests.filter((q) => q.method === 'POST').length;
    const before = posts();
    const r = await runCli(['pods', 'launch', '--template-file', path.join(ws, 'good.runpod.json'), '--gpu', 'RTX 4090'], { env: apiEnv(fake) });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('Launching:');
    expect(r.stderr).not.toContain('/v2/catalog');
    expect(r.stderr).toMatch(
      /^runpod-check: --gpu "RTX 4090" is not a GPU type id RunPod lists\. Did you mean "NVIDIA GeForce RTX 4090"\? Run `runpod-check gpus list --available` for the ids that can be rented now\.$/m,
    );
    // A template file's own gpu.id is checked the same way, and named as the file's.
    const file = path.join(workspace({ 'gpu.runpod.json': JSON.stringify({ name: 'g', image: 'runpod/base:1', gpu: { id: 'TPU v9' } }) }), 'gpu.runpod.json');
    const own = await runCli(['pods', 'launch', '--template-file', file], { env: apiEnv(fake) });
    expect(own.code).toBe(2);
    expect(own.stderr).toContain(`${file}: "gpu.id" "TPU v9" is not a GPU type id RunPod lists. Run \`runpod-check gpus list --available\``);
    expect(posts()).toBe(before);
  });

  it('--json: every refusal of launch, deploy and update is a document on stdout, as help says, the error in it (one line, no key)', async () => {
    const posts = () => fake.inspect().requests.filter((q) => q.method === 'POST').length;
    const before = posts();
    const runs = [
      ['pods', 'launch', '--template-file', path.join(ws, 'good.runpod.json'), '--gpu', 'RTX 4090'],
      ['pods', 'launch', '--template-file', path.join(ws, 'absent.runpod.json'), '--gpu', GPU],
      ['endpoints', 'deploy', '--template-file', path.join(ws, 'absent.runpod.json'), '--gpu-pool', 'ADA_24'],
      ['endpoints', 'update', 'some-endpoint', '--vars-file', path.join(ws, 'absent.env')],
    ];
    for (const args of runs) {
      const r = await runCli([...args, '--json'], { env: apiEnv(fake) });
      expect(r.code, r.stderr).toBe(2);
      const error = /^runpod-check: (.*)$/m.exec(r.stderr)?.[1];
      expect(JSON.parse(r.stdout), args.join(' ')).toEqual({ refused: true, error, warnings: [], blocking: [] });
      expect(r.stdout).not.toContain(apiEnv(fake).RUNPOD_API_KEY);
    }
    // Without --json stdout stays empty; other commands' errors print no document.
    const plain = await runCli(runs[0]!, { env: apiEnv(fake) });
    expect(plain.stdout).toBe('');
    const list = await runCli(['pods', 'list', '--json', '--bogus'], { env: apiEnv(fake) });
    expect(list.stdout).toBe('');
    expect(posts()).toBe(before);
  });

  it("a GPU count over the catalog's maxCount is refused before the summary with the allowed range, as the editor offers only that range", async () => {
    const posts = () => fake.inspect().requests.filter((q) => q.method === 'POST').length;
    const before = posts();
    const r = await runCli(['pods', 'launch', '--template-file', path.join(ws, 'good.runpod.json'), '--gpu', GPU, '--gpu-count', '16'], { env: apiEnv(fake) });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('Launching:');
    expect(r.stderr).toMatch(/^runpod-check: --gpu-count 16: a Pod can have 1 to 8 of "NVIDIA GeForce RTX 4090" \(the GPU catalog's maxCount\)\.$/m);
    // A template file's own gpu.count is checked the same way, and named as the file's.
    const file = path.join(workspace({ 'many-gpus.runpod.json': JSON.stringify({ name: 'g', image: 'runpod/base:1', gpu: { id: GPU, count: 9 } }) }), 'many-gpus.runpod.json');
    const own = await runCli(['pods', 'launch', '--template-file', file], { env: apiEnv(fake) });
    expect(own.code).toBe(2);
    expect(own.stderr).toContain(`runpod-check: ${file}: "gpu.count" 9: a Pod can have 1 to 8 of "NVIDIA GeForce RTX 4090" (the GPU catalog's maxCount).`);
    expect(posts()).toBe(before);
    // The largest count the catalog allows goes on to the create.
    const max = await runCli(['pods', 'launch', '--template-file', path.join(ws, 'good.runpod.json'), '--gpu', GPU, '--gpu-count', '8', '--name', 'eight-gpus', '--json'], { env: apiEnv(fake) });
    expect(max.code, max.stderr).toBe(0);
    expect(fake.inspect().pods.find((p) => p.name === 'eight-gpus')?.gpu).toMatchObject({ count: 8 });
  });

  it("--gpu naming the template file's own GPU type without --gpu-count sends the file's count, where the editor's count step starts; another type starts at 1", async () => {
    const dir = workspace({ 'two-gpus.runpod.json': JSON.stringify({ name: 'g', image: 'runpod/base:1', gpu: { id: GPU, count: 2 } }) });
    const file = path.join(dir, 'two-gpus.runpod.json');
    const same = await runCli(['pods', 'launch', '--template-file', file, '--gpu', GPU, '--name', 'file-count'], { env: apiEnv(fake) });
    expect(same.code, same.stderr).toBe(0);
    expect(fake.inspect().pods.find((p) => p.name === 'file-count')?.gpu).toMatchObject({ id: GPU, count: 2 });
    // Billed per GPU: a count not typed is said, and where it came from.
    expect(same.stderr).toContain(`note: --gpu without --gpu-count: 2 GPUs, the count ${file}'s "gpu.count" asks (billed per GPU; pass --gpu-count N to choose)\n`);
    const other = 'NVIDIA H100 80GB HBM3';
    const changed = await runCli(['pods', 'launch', '--template-file', file, '--gpu', other, '--name', 'other-type'], { env: apiEnv(fake) });
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stderr).not.toContain('--gpu without --gpu-count');
    expect(fake.inspect().pods.find((p) => p.name === 'other-type')?.gpu).toMatchObject({ id: other, count: 1 });
    // The file's count over the type's maximum is refused as the file's, not as a --gpu-count never typed.
    const many = path.join(workspace({ 'nine.runpod.json': JSON.stringify({ name: 'g', image: 'runpod/base:1', gpu: { id: GPU, count: 9 } }) }), 'nine.runpod.json');
    const over = await runCli(['pods', 'launch', '--template-file', many, '--gpu', GPU], { env: apiEnv(fake) });
    expect(over.code).toBe(2);
    expect(over.stderr).toContain(`runpod-check: ${many}: "gpu.count" 9: a Pod can have 1 to 8 of "${GPU}"`);
  });

  it("a template file with the older APIs' imageName is refused, naming `image`, before any request", async () => {
    const file = path.join(workspace({ 'old.runpod.json': JSON.stringify({ name: 'old', imageName: 'runpod/base:1', env: {} }) }), 'old.runpod.json');
    const r = await runCli(['pods', 'launch', '--template-file', file, '--gpu', GPU], { env: apiEnv(fake) });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`runpod-check: ${file}: "imageName" is a field of RunPod's older APIs (REST v1, GraphQL): this file uses "image" (REST v2) at line 1, column 15.`);
  });

  it('a GPU catalog that cannot be read leaves the id to RunPod, with a note: the launch goes on', async () => {
    fake.faults.inject({ status: 403 }, { method: 'GET', path: '/catalog/gpus' });
    const r = await runCli(['pods', 'launch', '--template-file', path.join(ws, 'good.runpod.json'), '--gpu', GPU, '--name', 'no-catalog', '--json'], { env: apiEnv(fake) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^note: the GPU catalog could not be read, so the GPU id is left for RunPod to check: .*403/m);
    expect(fake.inspect().pods.some((p) => p.name === 'no-catalog')).toBe(true);
  });

  it('an API refusal (no capacity for the GPU) is exit 2 with one line', async () => {
    const before = fake.inspect().pods.length;
    const r = await runCli(['pods', 'launch', '--template-file', path.join(ws, 'good.runpod.json'), '--gpu', 'NVIDIA RTX A6000'], { env: apiEnv(fake) });
    expect(r.code).toBe(2);
    // Leaving out the notes and the plan printed before the create.
    const failure = r.stderr.trim().split('\n').filter((l) => !l.startsWith('note: ') && l !== 'Launching:' && !l.startsWith('  '));
    expect(failure).toHaveLength(1);
    expect(failure[0]).toMatch(/^runpod-check: .*(capacity|400)/i);
    expect(fake.inspect().pods.length).toBe(before);
  });
});

describe('pods list, stop, terminate; templates and gpus', () => {
  it('lists pods, stops one, and terminates only with confirmation', async () => {
    const env = apiEnv(fake);
    const list = await runCli(['pods', 'list'], { env });
    expect(list.code).toBe(0);
    const pod = fake.inspect().pods.find((p) => p.name === 'cli-pod')!;
    expect(list.stdout).toMatch(new RegExp(`^${pod.id}\\s+cli-pod\\s+`, 'm'));
    // The compute in the Pods view's words (computeText), not a second spelling of its own.
    expect(list.stdout.split('\n').find((l) => l.startsWith(pod.id))).toContain(computeText({ gpu: { id: GPU, count: 2 } } as Pod));
    expect(computeText({ gpu: { id: GPU, count: 2 } } as Pod)).toBe(`2 × ${GPU}`);

    const stop = await runCli(['pods', 'stop', pod.id], { env });
    expect(stop.code).toBe(0);
    expect(fake.inspect().pods.find((p) => p.id === pod.id)!.status).toBe('EXITED');

    const refused = await runCli(['pods', 'terminate', pod.id], { env });
    expect(refused.code).toBe(2);
    expect(fake.inspect().pods.find((p) => p.id === pod.id)!.status).toBe('EXITED');
    const done = await runCli(['pods', 'terminate', pod.id, '--yes'], { env });
    expect(done.code).toBe(0);
    expect(done.stdout).toBe(`Pod ${pod.id} terminated.\n`);
    expect(done.stderr).toBe('');
    expect(fake.inspect().pods.some((p) => p.id === pod.id)).toBe(false); // RunPod answered 204: the Pod is gone
  });

  it('restart and start take several ids: the editor\'s action call per Pod, a line each, exit 2 when one was refused', async () => {
    const env = apiEnv(fake);
    const a = (await runCli(['pods', 'launch', '--template-file', path.join(ws, 'good.runpod.json'), '--gpu', GPU, '--name', 'act-a', '--json'], { env })).stdout;
    const b = (await runCli(['pods', 'launch', '--template-file', path.join(ws, 'good.runpod.json'), '--gpu', GPU, '--name', 'act-b', '--json'], { env })).stdout;
    const [ida, idb] = [a, b].map((out) => (JSON.parse(out) as { id: string }).id) as [string, string];
    const actions = () => fake.inspect().requests.filter((q) => q.method === 'POST' && q.path.endsWith('/action'));
    const before = actions().length;

    const restarted = await runCli(['pods', 'restart', ida, idb], { env });
    expect(restarted.stderr).toBe('');
    expect(restarted.code).toBe(0);
    expect(restarted.stdout).toMatch(new RegExp(`^Pod ${ida}: restart requested \\(status \\w+\\)\\.\nPod ${idb}: restart requested \\(status \\w+\\)\\.\n$`));
    expect(actions().slice(before).map((q) => q.path)).toEqual([ida, idb].map((id) => expect.stringMatching(new RegExp(`/pods/${id}/action$`))));

    // Stop one; start both: RunPod refuses to start the running one (409), the stopped one starts.
    expect((await runCli(['pods', 'stop', ida], { env })).code).toBe(0);
    const started = await runCli(['pods', 'start', ida, idb], { env });
    expect(started.code).toBe(2);
    expect(started.stdout).toMatch(new RegExp(`^Pod ${ida}: start requested`));
    expect(started.stderr).toMatch(new RegExp(`^Pod ${idb}: not started: .*\\(409\\)`));
    expect(fake.inspect().pods.find((p) => p.id === ida)!.status).not.toBe('EXITED');

    // A 5xx may have gone through: not said to be refused (as secrets rotate --restart words it), and --json says so.
    fake.faults.inject({ status: 503 }, { method: 'POST', path: `/pods/${idb}/action`, times: 2 });
    const unsure = await runCli(['pods', 'restart', idb], { env });
    expect(unsure.code).toBe(2);
    expect(unsure.stderr).toMatch(new RegExp(`^Pod ${idb}: may not have been restarted: .*\\(503\\)`));
    const unsureJson = await runCli(['pods', 'restart', idb, '--json'], { env });
    expect(JSON.parse(unsureJson.stdout)).toEqual([{ id: idb, ok: false, error: expect.stringMatching(/503/), mayHaveSucceeded: true }]);

    const json = await runCli(['pods', 'restart', idb, 'no-such-pod', '--json'], { env });
    expect(json.code).toBe(2);
    const results = JSON.parse(json.stdout) as { id: string; ok: boolean; pod?: { id: string }; error?: string }[];
    expect(results.map((r) => [r.id, r.ok])).toEqual([[idb, true], ['no-such-pod', false]]);
    expect(results[0]!.pod!.id).toBe(idb);
    expect(results[1]!.error).toMatch(/404/);

    const missing = await runCli(['pods', 'restart'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing ID/);
  });

  it('terminate --json says which Pod was terminated; a Pod that does not exist is an error', async () => {
    const env = apiEnv(fake);
    const id = fake.inspect().pods.find((p) => p.name === 'from-file')!.id; // launched above
    const done = await runCli(['pods', 'terminate', id, '--yes', '--json'], { env });
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toEqual({ id, terminated: true });
    const again = await runCli(['pods', 'terminate', id, '--yes'], { env });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/found nothing to terminate pod/);
  });

  it('gpus list --available lists the GPU types Launch Pod offers, by the one capacity rule (gpuChoices.ts hasCapacity)', async () => {
    const catalog = [
      { id: 'GPU-UNAVAILABLE', name: 'Unavailable', pool: 'P', manufacturer: 'Nvidia', memory: 24, secure: true, community: false, price: { secure: 0.5, community: null }, maxCount: 2, availability: { secure: 'Unavailable', community: 'None' } },
      { id: 'GPU-ZERO', name: 'Zero', pool: 'P', manufacturer: 'Nvidia', memory: 24, secure: true, community: true, price: { secure: 0.5, community: 0.3 }, maxCount: 2, availability: { secure: 0, community: 'false' } },
      { id: 'GPU-HIGH', name: 'High', pool: 'P', manufacturer: 'Nvidia', memory: 24, secure: true, community: false, price: { secure: 0.5, community: null }, maxCount: 2, availability: { secure: 'High', community: 'None' } },
    ];
    const own = await startFakeRunpod({ catalog: catalog as never });
    try {
      const listed = await runCli(['gpus', 'list', '--available', '--json'], { env: apiEnv(own) });
      expect(listed.code).toBe(0);
      const ids = (JSON.parse(listed.stdout) as GpuType[]).map((g) => g.id);
      const launchable = gpuChoices(catalog as unknown as GpuType[]).filter((c) => c.available).map((c) => c.id);
      expect(ids).toEqual(launchable);
      expect(ids).toEqual(['GPU-HIGH']);
    } finally {
      await own.close();
    }
  });

  it('templates list and gpus list --available', async () => {
    const env = apiEnv(fake);
    const templates = await runCli(['templates', 'list'], { env });
    expect(templates.code).toBe(0);
    expect(templates.stdout).toMatch(/^ID\s+NAME\s+IMAGE/);
    expect(templates.stdout).toContain('pytorch-train');
    const all = await runCli(['gpus', 'list', '--json'], { env });
    expect((JSON.parse(all.stdout) as { id: string }[]).map((g) => g.id)).toContain('NVIDIA RTX A6000');
    const available = await runCli(['gpus', 'list', '--available'], { env });
    expect(available.code).toBe(0);
    expect(available.stdout).toContain(GPU);
    expect(available.stdout).toMatch(/High\/Medium/);
    expect(available.stdout).not.toContain('RTX A6000'); // no capacity in either cloud
  });
});
