/**
 * `endpoints` end to end against the fake: deploy refuses while a reference is unknown or
 * malformed (nothing created), deploys from a template id or a file with the merged env; update
 * prints the diff (env by key, never a value) and makes a release that workers roll onto; delete
 * asks for the typed name; list and workers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { imageProblem, parseBounded, parseWorkerRange, WORKER_LIMITS } from '../../client/src/serverless/endpointBody';
import { apiEnv, buildOnce, namesFromTemplates, runCli, workspace } from './helpers';
import { analyze } from '../../server/src/template/index';
import { parseTemplateFile } from '../../client/src/launch/templateFile';

// Each test starts several processes; on two shared cores that can take a while (not a timing assertion).
vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

const PLAIN = 'plain-value-never-printed-7f3a';
let fake: FakeRunpod;
let ws: string;
let clock = Date.parse('2026-09-01T12:00:00Z');

beforeAll(async () => {
  buildOnce();
  fake = await startFakeRunpod({ seed: true, podBootMs: 1000, workerCycleMs: 2000, now: () => clock });
  ws = workspace({
    'worker.runpod.json': JSON.stringify({
      // JSON with comments, as the editor accepts it
      name: 'from-file',
      image: 'acme/worker:1',
      serverless: true,
      ports: ['8000/http'],
      startJupyter: true,
      env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', MODE: 'file' },
    }).replace('{', '{ // a comment\n'),
    'pod.runpod.json': JSON.stringify({ name: 'pod', image: 'x', serverless: false }),
    'missing.env': `TOKEN={{ RUNPOD_SECRET_no_such_secret }}\nBROKEN={{ RUNPOD_SECRET_oops\nOK=${PLAIN}\n`,
    'good.env': `MODE=env-file\nSECRET_PLAIN=${PLAIN}\n`,
    'update.env': `SECRET_PLAIN=${PLAIN}-2\nNEW={{ RUNPOD_SECRET_openai-key }}\n`,
    'update-missing.env': 'NEW={{ RUNPOD_SECRET_typo-key }}\n',
    // One template in two environments: dev and prod share train.runpod.env.
    'envs/train.runpod.env': 'WANDB_PROJECT=llama\nMODE=shared\n',
    'envs/train.dev.runpod.env': 'MODE=dev\n',
    'envs/train.prod.runpod.env': 'MODE=prod\n',
    'many.env': Array.from({ length: 51 }, (_, i) => `VAR_${i}=x\n`).join(''),
  });
});
afterAll(async () => {
  await fake?.close();
});

const templateId = (name: string): string => fake.inspect().templates.find((t) => t.name === name)!.id;
const endpointNamed = (name: string) => fake.inspect().endpoints.find((e) => e.name === name);
const posts = () => fake.inspect().requests.filter((q) => q.method === 'POST' && q.path === '/v2/serverless').length;

describe('endpoints deploy', () => {
  it('--name is judged as the editor judges a typed name: trimmed, not blank, not over the limit', async () => {
    const before = posts();
    for (const name of ['   ', 'e'.repeat(192)]) {
      const r = await runCli(['endpoints', 'deploy', '--template-file', path.join(ws, 'worker.runpod.json'), '--gpu-pool', 'ADA_24', '--name', name], { env: apiEnv(fake) });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--name: (An endpoint needs a name|At most 191 characters)/);
    }
    expect(posts()).toBe(before);
    const r = await runCli(['endpoints', 'deploy', '--template-file', path.join(ws, 'worker.runpod.json'), '--gpu-pool', 'ADA_24', '--name', '  trimmed-endpoint  '], { env: apiEnv(fake) });
    expect(r.code, r.stderr).toBe(0);
    expect(endpointNamed('trimmed-endpoint')).toBeDefined();
  });

  it('a name from the template file or the account\'s template is judged by the --name rule and sent trimmed; a bad one says where it came from', async () => {
    const { refusals, padded } = namesFromTemplates(fake, { image: 'acme/worker:1', serverless: true });
    const before = posts();
    for (const [source, message] of refusals) {
      const r = await runCli(['endpoints', 'deploy', ...source, '--gpu-pool', 'ADA_24'], { env: apiEnv(fake) });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(posts()).toBe(before);
    const r = await runCli(['endpoints', 'deploy', '--template-file', padded, '--gpu-pool', 'ADA_24'], { env: apiEnv(fake) });
    expect(r.code, r.stderr).toBe(0);
    expect(endpointNamed('padded-name')).toBeDefined();
  });

  it('refuses more than 50 variables locally with the editor\'s message, exit 1, sends nothing', async () => {
    const before = posts();
    const r = await runCli(['endpoints', 'deploy', '--template-file', path.join(ws, 'worker.runpod.json'), '--gpu-pool', 'ADA_24', '--vars-file', path.join(ws, 'many.env'), '--name', 'too-many'], { env: apiEnv(fake) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Refusing to deploy: RunPod allows at most 50 environment variables for the workers; this env has 53.');
    expect(posts()).toBe(before);
    expect(endpointNamed('too-many')).toBeUndefined();
  });

  it('refuses while a reference is unknown or malformed, lists each, exit 1, creates nothing', async () => {
    const before = posts();
    const r = await runCli(['endpoints', 'deploy', '--template-id', templateId('sd-worker'), '--gpu-pool', 'ADA_24', '--vars-file', path.join(ws, 'missing.env'), '--name', 'refused'], { env: apiEnv(fake) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Refusing to deploy: 2 secret references would reach the workers unresolved/);
    expect(r.stderr).toMatch(/TOKEN: unknown "no_such_secret"/);
    expect(r.stderr).toMatch(/BROKEN: malformed/);
    expect(r.stdout).toBe('');
    expect(`${r.stdout}${r.stderr}`).not.toContain(PLAIN);
    expect(posts()).toBe(before);
    expect(endpointNamed('refused')).toBeUndefined();
  });

  it('deploys from a template id: the env file goes over the template env, the pool and worker counts as given', async () => {
    const r = await runCli(['endpoints', 'deploy', '--template-id', templateId('sd-worker'), '--gpu-pool', 'ADA_24', '--gpu-pool', 'AMPERE_80', '--vars-file', path.join(ws, 'good.env'), '--name', 'by-id', '--workers-min', '2', '--workers-max', '4'], { env: apiEnv(fake) });
    // The plain value is warned of by its key and file, as Deploy Endpoint asks about it first; the deploy goes ahead.
    expect(r.stderr).toBe(`warning: SECRET_PLAIN: looks like a secret in plain text (${path.join(ws, 'good.env')}). Move it into a RunPod secret. [hardcoded-credential]\n`);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Created endpoint [a-z0-9]{14} \(by-id\); 2 workers are starting \(see `endpoints workers [a-z0-9]{14}`\)\.\n$/);
    expect(`${r.stdout}${r.stderr}`).not.toContain(PLAIN);
    expect(endpointNamed('by-id')).toMatchObject({
      templateId: templateId('sd-worker'),
      env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', MODE: 'env-file', SECRET_PLAIN: PLAIN },
      gpu: { pools: ['ADA_24', 'AMPERE_80'] },
      workers: { min: 2, max: 4 },
    });
    expect(endpointNamed('by-id')!.runningWorkers).toHaveLength(2);
  });

  it('deploys from a template file (comments allowed), says which fields it does not send', async () => {
    const r = await runCli(['endpoints', 'deploy', '--template-file', path.join(ws, 'worker.runpod.json'), '--gpu-pool', 'ADA_24', '--json'], { env: apiEnv(fake) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`note: ${path.join(ws, 'worker.runpod.json')}: not sent (fields an endpoint create does not take): startJupyter\n`);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'from-file', image: 'acme/worker:1', ports: ['8000/http'], env: { MODE: 'file' } });
  });

  it('a template file\'s "gpu" (a Pod\'s {id, count}) deploys to the pool holding that GPU type, as the editor preselects it; --gpu-pool wins; the note says which', async () => {
    const dir = workspace({
      'gpu.runpod.json': JSON.stringify({ name: 'by-gpu', image: 'acme/worker:1', serverless: true, gpu: { id: 'NVIDIA GeForce RTX 4090', count: 2 } }),
      'unknown-gpu.runpod.json': JSON.stringify({ name: 'unknown-gpu', image: 'acme/worker:1', serverless: true, gpu: { id: 'NVIDIA Z9000' } }),
    });
    const file = path.join(dir, 'gpu.runpod.json');
    const r = await runCli(['endpoints', 'deploy', '--template-file', file], { env: apiEnv(fake) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`note: ${file}: not sent (fields an endpoint create does not take): gpu.count\nnote: ${file}: "gpu" sent as the GPU pool holding that GPU type: ADA_24 (an endpoint create takes GPUs as pools)\n`);
    expect(endpointNamed('by-gpu')).toMatchObject({ gpu: { pools: ['ADA_24'] } });

    const flagged = await runCli(['endpoints', 'deploy', '--template-file', file, '--gpu-pool', 'AMPERE_80', '--name', 'by-flag'], { env: apiEnv(fake) });
    expect(flagged.code, flagged.stderr).toBe(0);
    expect(flagged.stderr).toBe(`note: ${file}: not sent (fields an endpoint create does not take): gpu.count\nnote: ${file}: "gpu" not sent: --gpu-pool chose the pools\n`);
    expect(endpointNamed('by-flag')).toMatchObject({ gpu: { pools: ['AMPERE_80'] } });

    const before = posts();
    const unknown = path.join(dir, 'unknown-gpu.runpod.json');
    const refused = await runCli(['endpoints', 'deploy', '--template-file', unknown], { env: apiEnv(fake) });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${unknown}: "gpu" names no GPU type or pool of the catalog (see gpus list): pass --gpu-pool POOL`);
    expect(posts()).toBe(before);
  });

  it('refuses a field the template schema does not know, as pods launch refuses it: with the field it likely is, exit 2, before any request', async () => {
    const dir = workspace({ 'typo.runpod.json': JSON.stringify({ name: 'typo-field', image: 'acme/worker:1', serverless: true, startSSh: true }) });
    const file = path.join(dir, 'typo.runpod.json');
    const before = posts();
    const r = await runCli(['endpoints', 'deploy', '--template-file', file, '--gpu-pool', 'ADA_24'], { env: apiEnv(fake) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`runpod-check: ${file}: "startSSh" is no field of a template or Pod body; did you mean "startSsh"?\n`);
    expect(posts()).toBe(before);
  });

  it("refuses a field whose name carries a terminal escape sequence, shown escaped on the refusal's one line", async () => {
    const dir = workspace({ 'hostile.runpod.json': JSON.stringify({ name: 'hostile-field', image: 'acme/worker:1', serverless: true, 'x\u001b[2K\ny': 1 }) });
    const file = path.join(dir, 'hostile.runpod.json');
    const before = posts();
    const r = await runCli(['endpoints', 'deploy', '--template-file', file, '--gpu-pool', 'ADA_24', '--json'], { env: apiEnv(fake) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`runpod-check: ${file}: "x\\u001b[2K\\u000ay" is no field of a template or Pod body.\n`);
    expect(posts()).toBe(before);
  });

  it("a template file with the older APIs' imageName is refused, naming `image`, before any request", async () => {
    const file = path.join(workspace({ 'sv.runpod.json': JSON.stringify({ name: 'sv', imageName: 'acme/worker:1', serverless: true, env: { MODE: 'file' } }) }), 'sv.runpod.json');
    const posts = () => fake.inspect().requests.filter((q) => q.method === 'POST').length;
    const before = posts();
    const r = await runCli(['endpoints', 'deploy', '--template-file', file, '--gpu-pool', 'ADA_24'], { env: apiEnv(fake) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`runpod-check: ${file}: "imageName" is a field of RunPod's older APIs (REST v1, GraphQL): this file uses "image" (REST v2) at line 1, column 14.\n`);
    expect(posts()).toBe(before);
  });

  it('deploys from a .runpod/hub.json as the editor does: its config.env checked first, its title the name, --image for the image it lacks', async () => {
    const hub = (password: string) =>
      JSON.stringify({
        title: 'Hub worker',
        type: 'serverless',
        config: {
          runsOn: 'GPU',
          containerDiskInGb: 30,
          env: [
            { key: 'HF_TOKEN', value: '{{ RUNPOD_SECRET_hf-token }}' },
            { key: 'DB_PASSWORD', value: `{{ RUNPOD_SECRET_${password} }}` },
            { key: 'MODEL_ID', input: { name: 'Model', type: 'string', default: 'meta-llama/Llama-3.1-8B' } },
          ],
        },
      });
    const typo = path.join(workspace({ '.runpod/hub.json': hub('db_pasword') }), '.runpod', 'hub.json');
    const good = path.join(workspace({ '.runpod/hub.json': hub('db_password') }), '.runpod', 'hub.json');
    const before = posts();

    // The typo in config.env: refused like any other source, nothing created.
    const refused = await runCli(['endpoints', 'deploy', '--template-file', typo, '--gpu-pool', 'ADA_24', '--image', 'acme/hub:1'], { env: apiEnv(fake) });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/DB_PASSWORD: unknown "db_pasword"/);
    // A Hub listing names no image (the Hub builds one): without --image, a usage error before any request.
    const noImage = await runCli(['endpoints', 'deploy', '--template-file', good, '--gpu-pool', 'ADA_24'], { env: apiEnv(fake) });
    expect(noImage.code).toBe(2);
    expect(noImage.stderr).toMatch(/names no image: pass --image IMAGE/);
    expect(posts()).toBe(before);

    const r = await runCli(['endpoints', 'deploy', '--template-file', good, '--gpu-pool', 'ADA_24', '--image', 'acme/hub:1'], { env: apiEnv(fake) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(endpointNamed('Hub worker')).toMatchObject({
      image: 'acme/hub:1',
      disk: 30,
      env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', DB_PASSWORD: '{{ RUNPOD_SECRET_db_password }}', MODEL_ID: 'meta-llama/Llama-3.1-8B' },
    });
  });

  it('broken JSON in a .runpod/hub.json or a template file is said once, where it is, by the one reader; never quoted; nothing sent', async () => {
    const broken = '{"title": "hf_secretTokenValue123", "config": {';
    const dir = workspace({ '.runpod/hub.json': broken, 'broken.runpod.json': broken });
    const parsed = parseTemplateFile(broken);
    if (parsed.ok) throw new Error('the fixture must not parse');
    const reason = parsed.errors.map((e) => e.message).join(' ');
    expect(reason).toMatch(/^Not valid JSON: .* at line 1, column \d+\.$/);
    const before = posts();
    for (const file of [path.join(dir, '.runpod', 'hub.json'), path.join(dir, 'broken.runpod.json')]) {
      const r = await runCli(['endpoints', 'deploy', '--template-file', file, '--gpu-pool', 'ADA_24', '--image', 'acme/hub:1'], { env: apiEnv(fake) });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`runpod-check: ${file}: ${reason}\n`);
    }
    expect(posts()).toBe(before);
  });

  it('a .runpod/hub.json key the editor marks invalid refuses the deploy by the preflight, in the diagnostic\'s words, exit 1, creates nothing', async () => {
    const text = JSON.stringify({ title: 'Bad key', type: 'serverless', config: { env: [{ key: 'HF-HOME', value: '/hf' }] } });
    const file = path.join(workspace({ '.runpod/hub.json': text }), '.runpod', 'hub.json');
    const before = posts();
    const r = await runCli(['endpoints', 'deploy', '--template-file', file, '--gpu-pool', 'ADA_24', '--image', 'acme/hub:1'], { env: apiEnv(fake) });
    expect(r.code).toBe(1);
    const [diagnostic] = analyze(text, 'hub-json', { state: 'unknown', secrets: [] }).problems.filter((p) => p.code === 'invalid-key');
    expect(r.stderr).toContain(`Refusing to deploy: a variable name: ${diagnostic!.message}\n`);
    expect(r.stderr).toMatch(/Rename the variables .*, then deploy again\.\n$/);
    expect(posts()).toBe(before);
  });

  it("an environment's env file is merged over the file its template's environments share, as the editor's Deploy Endpoint and Update Env take it", async () => {
    const dev = path.join(ws, 'envs', 'train.dev.runpod.env');
    const deployed = await runCli(['endpoints', 'deploy', '--template-id', templateId('sd-worker'), '--gpu-pool', 'ADA_24', '--vars-file', dev, '--name', 'by-environment'], { env: apiEnv(fake) });
    expect(deployed.code).toBe(0);
    expect(deployed.stderr).toBe(`note: ${dev} is environment dev: merged over ${path.join(ws, 'envs', 'train.runpod.env')}, the file its template's environments share\n`);
    // The template's env, the shared file's over it, dev's over both.
    expect(endpointNamed('by-environment')!['env']).toEqual({ HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', MODE: 'dev', WANDB_PROJECT: 'llama' });

    const plain = await runCli(['endpoints', 'deploy', '--template-id', templateId('sd-worker'), '--gpu-pool', 'ADA_24', '--name', 'to-environment'], { env: apiEnv(fake) });
    expect(plain.code).toBe(0);
    const id = endpointNamed('to-environment')!.id;
    const updated = await runCli(['endpoints', 'update', id, '--vars-file', path.join(ws, 'envs', 'train.prod.runpod.env')], { env: apiEnv(fake) });
    expect(updated.code).toBe(0);
    expect(updated.stdout).toContain('  env: +WANDB_PROJECT, +MODE   (+ added, - removed; values are not shown, only the secrets they reference)\n');
    expect(endpointNamed('to-environment')!['env']).toEqual({ HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', MODE: 'prod', WANDB_PROJECT: 'llama' });
  });

  it('reads variables with --vars-file, not --env-file: a NODE_OPTIONS line in the file is a variable, it runs nothing', async () => {
    // Node.js reads --env-file anywhere in argv and applies NODE_OPTIONS from it before our code
    // runs; with that option name this deploy ran evil.js (checked by hand before the rename).
    const dir = workspace({ 'evil.js': `require('fs').writeFileSync(${JSON.stringify(path.join(ws, 'MARKER'))}, 'ran')\n` });
    const vars = workspace({ 'evil.vars': `NODE_OPTIONS=--require ${path.join(dir, 'evil.js')}\n` });
    const r = await runCli(['endpoints', 'deploy', '--template-id', templateId('sd-worker'), '--gpu-pool', 'ADA_24', '--vars-file', path.join(vars, 'evil.vars'), '--name', 'node-options'], { env: apiEnv(fake) });
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(ws, 'MARKER'))).toBe(false);
    expect(endpointNamed('node-options')!['env']).toMatchObject({ NODE_OPTIONS: `--require ${path.join(dir, 'evil.js')}` });
  });

  it('says what starts by the minimum sent: none until a request arrives at 0 or RunPod\'s default, else that many', async () => {
    const deploy = (name: string, ...more: string[]) => runCli(['endpoints', 'deploy', '--template-id', templateId('sd-worker'), '--gpu-pool', 'ADA_24', '--name', name, ...more], { env: apiEnv(fake) });
    for (const [name, more] of [['min-default', []], ['min-zero', ['--workers-min', '0']]] as const) {
      const r = await deploy(name, ...more);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Created endpoint [a-z0-9]{14} \\(${name}\\); no worker starts yet: with 0 minimum workers RunPod starts one when a request arrives \\(see \`endpoints workers [a-z0-9]{14}\`\\)\\.\\n$`));
      expect(endpointNamed(name)).toMatchObject({ workers: { min: 0 } });
    }
    expect((await deploy('min-one', '--workers-min', '1')).stdout).toMatch(/; 1 worker is starting \(see/);
  });

  it('refuses a Pod template before sending anything, and needs a GPU pool', async () => {
    const before = posts();
    const byId = await runCli(['endpoints', 'deploy', '--template-id', templateId('pytorch-train'), '--gpu-pool', 'ADA_24'], { env: apiEnv(fake) });
    expect(byId.code).toBe(2);
    expect(byId.stderr).toMatch(/is a Pod template; an endpoint needs a serverless template/);
    const byFile = await runCli(['endpoints', 'deploy', '--template-file', path.join(ws, 'pod.runpod.json'), '--gpu-pool', 'ADA_24'], { env: apiEnv(fake) });
    expect(byFile.stderr).toBe(`runpod-check: ${path.join(ws, 'pod.runpod.json')}: "serverless" is false: this is a Pod template, and an endpoint needs a serverless one.\n`);
    const noPool = await runCli(['endpoints', 'deploy', '--template-id', templateId('sd-worker')], { env: apiEnv(fake) });
    expect(noPool.stderr).toMatch(/--gpu-pool POOL is required/);
    expect(posts()).toBe(before);
  });
});

describe('endpoints update, workers, delete', () => {
  it('prints the diff (env keys, never values), updates, and the workers roll onto the new release', async () => {
    const deployed = await runCli(['endpoints', 'deploy', '--template-id', templateId('sd-worker'), '--gpu-pool', 'ADA_24', '--vars-file', path.join(ws, 'good.env'), '--name', 'to-update', '--workers-min', '3', '--workers-max', '3'], { env: apiEnv(fake) });
    expect(deployed.code).toBe(0);
    const id = endpointNamed('to-update')!.id;
    clock += 1000;

    const refused = await runCli(['endpoints', 'update', id, '--vars-file', path.join(ws, 'update-missing.env')], { env: apiEnv(fake) });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Refusing to update: 1 secret reference .*\n {2}NEW: unknown "typo-key"/);
    expect(endpointNamed('to-update')!['version']).toBe(1);
    // More variables than RunPod takes: refused here, in the editor's words, before any PATCH.
    const patches = () => fake.inspect().requests.filter((q) => q.method === 'PATCH').length;
    const patchesBefore = patches();
    const tooMany = await runCli(['endpoints', 'update', id, '--vars-file', path.join(ws, 'many.env')], { env: apiEnv(fake) });
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toMatch(/Refusing to update: RunPod allows at most 50 environment variables for the workers; this env has \d+\./);
    expect(patches()).toBe(patchesBefore);
    expect(endpointNamed('to-update')!['version']).toBe(1);

    const r = await runCli(['endpoints', 'update', id, '--vars-file', path.join(ws, 'update.env'), '--image', 'acme/worker:2'], { env: apiEnv(fake) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `Changes to endpoint ${id} (to-update):\n` +
        '  image: runpod/worker-sdxl:3.0.0 -> acme/worker:2\n' +
        '  env: +NEW, SECRET_PLAIN (plain value, changed)   (+ added, - removed; values are not shown, only the secrets they reference)\n' +
        `Updated endpoint ${id}: release 2; workers move to it as they cycle (see \`endpoints workers ${id}\`).\n`,
    );
    expect(`${r.stdout}${r.stderr}`).not.toContain(PLAIN);

    const stale = async () => (await runCli(['endpoints', 'workers', id], { env: apiEnv(fake) })).stdout.split('\n').filter((l) => / stale /.test(l)).length;
    expect(await stale()).toBe(2);
    clock += 2000;
    expect(await stale()).toBe(1);
    clock += 2000 + 1000;
    const table = (await runCli(['endpoints', 'workers', id], { env: apiEnv(fake) })).stdout;
    expect(table.split('\n')[0]).toMatch(/^ID +STATUS +RELEASE +STALE +STARTED$/);
    expect(table.split('\n').filter((l) => /^[a-z0-9]{14} +IDLE +2 /.test(l))).toHaveLength(3);

    const again = await runCli(['endpoints', 'update', id, '--vars-file', path.join(ws, 'update.env'), '--image', 'acme/worker:2'], { env: apiEnv(fake) });
    expect(again.stdout).toMatch(/already has that env and image: nothing to update/);
    expect(endpointNamed('to-update')!['version']).toBe(2);
    // --json: stdout stays one JSON document, the endpoint unchanged; the words go to stderr.
    const againJson = await runCli(['endpoints', 'update', id, '--vars-file', path.join(ws, 'update.env'), '--image', 'acme/worker:2', '--json'], { env: apiEnv(fake) });
    expect(againJson.code).toBe(0);
    expect(againJson.stderr).toMatch(/already has that env and image: nothing to update/);
    expect(JSON.parse(againJson.stdout)).toMatchObject({ id, updated: false, warnings: [] });
  });

  it('lists endpoints; delete asks for the typed name (refused without a terminal), --yes deletes', async () => {
    const list = await runCli(['endpoints', 'list'], { env: apiEnv(fake) });
    expect(list.stdout.split('\n')[0]).toMatch(/^ID +NAME +TYPE +WORKERS +GPU POOLS +RELEASE +CREATED$/);
    expect(list.stdout).toMatch(/sd-endpoint +QUEUE +1\.\.3 +ADA_24 +1 /);
    const id = endpointNamed('by-id')!.id;
    const refused = await runCli(['endpoints', 'delete', id], { env: apiEnv(fake) });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refusing without confirmation: no terminal to ask on; pass --yes/);
    expect(endpointNamed('by-id')).toBeDefined();
    const deleted = await runCli(['endpoints', 'delete', id, '--yes'], { env: apiEnv(fake) });
    expect(deleted.stdout).toBe(`Deleted endpoint ${id} (by-id).\n`);
    expect(endpointNamed('by-id')).toBeUndefined();
  });

  // The wizard's rules (serverless/endpointBody.ts), not a second statement of them: the same reason.
  it('refuses what Deploy Endpoint refuses, with its reason, exit 2, before any request: max 0 workers, an image with a space or over 1024 characters', async () => {
    const id = templateId('sd-worker');
    const cases: [string[], string][] = [
      [['endpoints', 'deploy', '--template-id', id, '--gpu-pool', 'ADA_24', '--name', 'never', '--workers-max', '0'], parseWorkerRange('0..0') as string],
      [['endpoints', 'deploy', '--template-id', id, '--gpu-pool', 'ADA_24', '--name', 'never', '--workers-min', '0', '--workers-max', '0'], parseWorkerRange('0..0') as string],
      // A bound left out is Deploy's default (0..3), sent as the editor sends it: the range judged is the one sent.
      [['endpoints', 'deploy', '--template-id', id, '--gpu-pool', 'ADA_24', '--name', 'never', '--workers-min', '5'], `${parseWorkerRange('5..3') as string} (without --workers-max, the maximum is 3, Deploy Endpoint's default)`],
      [['endpoints', 'deploy', '--template-id', id, '--gpu-pool', 'ADA_24', '--name', 'never', '--image', 'my image'], imageProblem('my image')!],
      [['endpoints', 'deploy', '--template-id', id, '--gpu-pool', 'ADA_24', '--name', 'never', '--image', 'a'.repeat(1025)], imageProblem('a'.repeat(1025))!],
      [['endpoints', 'update', 'some-endpoint', '--image', 'my image'], imageProblem('my image')!],
    ];
    for (const [args, reason] of cases) {
      expect(reason, args.join(' ')).toBeTruthy();
      const before = fake.inspect().requests.length;
      const r = await runCli(args, { env: apiEnv(fake) });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(reason);
      expect(fake.inspect().requests.length, args.join(' ')).toBe(before);
    }
    expect(endpointNamed('never')).toBeUndefined();
  });

  describe('update --workers-min/--workers-max/--idle-timeout: the workers alone, as Change Workers changes them', () => {
    const patches = () => fake.inspect().requests.filter((q) => q.method === 'PATCH').length;
    let id: string;
    beforeAll(async () => {
      const deployed = await runCli(['endpoints', 'deploy', '--template-id', templateId('sd-worker'), '--gpu-pool', 'ADA_24', '--name', 'to-scale', '--workers-min', '1', '--workers-max', '3'], { env: apiEnv(fake) });
      expect(deployed.code, deployed.stderr).toBe(0);
      id = endpointNamed('to-scale')!.id;
    });

    it('prints old -> new, then PATCHes the workers: no new release, env and image untouched; a bound not given is kept', async () => {
      const before = endpointNamed('to-scale')!;
      const idle = (before['workers'] as { idleTimeout: number }).idleTimeout;
      const r = await runCli(['endpoints', 'update', id, '--workers-min', '0', '--workers-max', '2', '--idle-timeout', '60'], { env: apiEnv(fake) });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(
        `Changes to endpoint ${id} (to-scale):\n` +
          '  workers: 1..3 -> 0..2\n' +
          `  idle timeout: ${idle} s -> 60 s\n` +
          // The words of Change Workers' confirmation (serverless/workersChange.ts): the maximum went down.
          `Updated endpoint ${id}: 0..2 workers, idle timeout 60 s. No new release is made. Lowering the maximum from 3 to 2 stops the running workers above 2; the others are not restarted.\n`,
      );
      const after = endpointNamed('to-scale')!;
      expect(after['workers']).toEqual({ min: 0, max: 2, idleTimeout: 60 });
      expect([after['version'], after['image'], after['env']]).toEqual([before['version'], before['image'], before['env']]);

      const max = await runCli(['endpoints', 'update', id, '--workers-max', '5', '--json'], { env: apiEnv(fake) });
      expect(max.code, max.stderr).toBe(0);
      expect(max.stderr).toBe(`Changes to endpoint ${id} (to-scale):\n  workers: 0..2 -> 0..5\n`);
      expect((JSON.parse(max.stdout) as { workers: unknown }).workers).toEqual({ min: 0, max: 5, idleTimeout: 60 });
    });

    it('the same workers again change nothing and send nothing', async () => {
      const before = patches();
      const r = await runCli(['endpoints', 'update', id, '--workers-min', '0', '--idle-timeout', '60'], { env: apiEnv(fake) });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(`Endpoint ${id} (to-scale) already runs 0..5 workers, idle timeout 60 s: nothing to change.\n`);
      expect(patches()).toBe(before);
    });

    it('with --json the same workers again print the endpoint alone on stdout, the note on stderr', async () => {
      const before = patches();
      const r = await runCli(['endpoints', 'update', id, '--workers-min', '0', '--idle-timeout', '60', '--json'], { env: apiEnv(fake) });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ id, workers: { min: 0, max: 5, idleTimeout: 60 } });
      expect(r.stderr).toContain('nothing to change');
      expect(patches()).toBe(before);
    });

    it("refuses what Change Workers refuses, in Deploy's words (endpointBody.ts), exit 2, nothing sent; a minimum over the endpoint's maximum too", async () => {
      const cases: [string[], string][] = [
        [['--workers-max', '0'], parseWorkerRange('0..0') as string],
        [['--workers-min', '3', '--workers-max', '1'], parseWorkerRange('3..1') as string],
        [['--workers-max', '1000'], '--workers-max must be a whole number from 0 to 999'],
        [['--idle-timeout', '0'], parseBounded('0', 1, WORKER_LIMITS.maxIdleTimeoutSeconds, '--idle-timeout') as string],
        [['--idle-timeout', '3601'], parseBounded('3601', 1, WORKER_LIMITS.maxIdleTimeoutSeconds, '--idle-timeout') as string],
        [['--idle-timeout', '1.5'], parseBounded('1.5', 1, WORKER_LIMITS.maxIdleTimeoutSeconds, '--idle-timeout') as string],
        // The endpoint runs 0..5: a minimum of 6 with its maximum is no range.
        [['--workers-min', '6'], parseWorkerRange('6..5') as string],
        // A change of workers makes no release; an env or image change does: two commands, as in the editor.
        [['--workers-max', '2', '--image', 'acme/worker:9'], '--workers-min, --workers-max and --idle-timeout change the workers alone'],
      ];
      for (const [flags, reason] of cases) {
        expect(reason, flags.join(' ')).toBeTruthy();
        const before = patches();
        const r = await runCli(['endpoints', 'update', id, ...flags], { env: apiEnv(fake) });
        expect(r.code, flags.join(' ')).toBe(2);
        expect(r.stderr, flags.join(' ')).toContain(reason);
        expect(r.stdout, flags.join(' ')).toBe('');
        expect(patches(), flags.join(' ')).toBe(before);
      }
      expect(endpointNamed('to-scale')!['workers']).toEqual({ min: 0, max: 5, idleTimeout: 60 });
    });

    it('the help names the options', async () => {
      const help = await runCli(['endpoints', 'update', '--help'], { env: apiEnv(fake) });
      expect(help.stdout).toMatch(/--workers-min N[\s\S]*--workers-max N[\s\S]*--idle-timeout S/);
    });
  });

  it('usage errors name the problem: an option of another subcommand, bad counts, a missing worker id', async () => {
    expect((await runCli(['endpoints', 'list', '--image', 'x'], { env: apiEnv(fake) })).stderr).toMatch(/--image does not apply to endpoints list/);
    expect((await runCli(['endpoints', 'deploy', '--template-id', 'x', '--gpu-pool', 'A', '--workers-min', '3', '--workers-max', '1'], { env: apiEnv(fake) })).stderr).toContain(parseWorkerRange('3..1') as string);
    expect((await runCli(['endpoints', 'logs', 'abc'], { env: apiEnv(fake) })).stderr).toMatch(/missing WORKER/);
    expect((await runCli(['endpoints', 'frobnicate'], { env: apiEnv(fake) })).stderr).toMatch(/unknown endpoints command "frobnicate"/);
  });
});
