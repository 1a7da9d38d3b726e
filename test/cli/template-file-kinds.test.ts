/**
 * `--template-file` given a RunPod file of another kind (a runpod.toml, an env file; a Hub listing
 * to `pods launch`) says what the file is and which option or command takes it, instead of the
 * JSON reader's errors about a file that was never meant to be JSON. Exit 2, nothing sent.
 */
import { describe, expect, it, vi } from 'vitest';
import { apiEnv, runCli, withFakeApi, type CliResult } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

const GPU = 'NVIDIA GeForce RTX 4090';
const fixture = withFakeApi({
  'runpod.toml': '[project]\nname = "worker"\n\n[project.env_vars]\nHF_TOKEN = "{{ RUNPOD_SECRET_hf-token }}"\n',
  'train.prod.runpod.env': 'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\n',
  'train.runpod.json': JSON.stringify({ name: 'train', image: 'acme/train:1', env: { A: '1', B: '2' } }),
  '.runpod/tests.json': JSON.stringify({ tests: [] }),
  '.runpod/hub.json': JSON.stringify({ title: 'Worker', type: 'serverless', config: { env: [{ key: 'HF_TOKEN', value: '{{ RUNPOD_SECRET_hf-token }}' }] } }),
});

const cli = (args: string[]): Promise<CliResult> => runCli(args, { cwd: fixture.ws, env: apiEnv(fixture.fake) });
const writes = (): number => fixture.fake.inspect().requests.filter((q) => q.method !== 'GET').length;

function expectRefused(r: CliResult, said: RegExp | string): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(said);
  expect(r.stderr).not.toContain('Not valid JSON');
}

describe('--template-file of another kind of RunPod file', () => {
  for (const command of [['pods', 'launch', '--gpu', GPU], ['endpoints', 'deploy', '--gpu-pool', 'ADA_24']]) {
    const name = command.slice(0, 2).join(' ');
    const takes = name === 'pods launch' ? /a \*\.runpod\.json template/ : /a \*\.runpod\.json template or a \.runpod\/hub\.json/;

    it(`${name}: a runpod.toml is runpodctl's project file, not a template`, async () => {
      const before = writes();
      const r = await cli([...command, '--template-file', 'runpod.toml']);
      expectRefused(r, /runpod\.toml is a runpodctl project file/);
      expect(r.stderr).toMatch(takes);
      expect(writes()).toBe(before);
    });

    it(`${name}: a Hub tests file is no template`, async () => {
      const r = await cli([...command, '--template-file', '.runpod/tests.json']);
      expectRefused(r, /\.runpod\/tests\.json is a Hub tests file, not a template/);
      expect(r.stderr).toMatch(takes);
    });

    it(`${name}: an env file goes in --vars-file`, async () => {
      const r = await cli([...command, '--template-file', 'train.prod.runpod.env']);
      expectRefused(r, /train\.prod\.runpod\.env is an env file: give it with --vars-file/);
      expect(r.stderr).toMatch(takes);
    });
  }

  it('pods launch: a Hub listing deploys an endpoint, and the message says the command', async () => {
    const r = await cli(['pods', 'launch', '--gpu', GPU, '--template-file', '.runpod/hub.json']);
    expectRefused(r, 'is a Hub listing, which deploys a serverless endpoint: runpod-check endpoints deploy --template-file .runpod/hub.json');
  });
});

/**
 * `--vars-file` given a RunPod file that is no env file: once, what the file is and which option
 * (or command) takes it, instead of the env reader's "Expected `KEY=value`" on every line. Exit 2, nothing sent.
 */
describe('--vars-file of another kind of RunPod file', () => {
  const commands: [string, string[]][] = [
    ['pods launch', ['pods', 'launch', '--gpu', GPU, '--template-id', 'tpl']],
    ['endpoints deploy', ['endpoints', 'deploy', '--gpu-pool', 'ADA_24', '--template-id', 'tpl']],
    ['endpoints update', ['endpoints', 'update', 'ep-1']],
  ];
  for (const [name, command] of commands) {
    it(`${name}: a template file is named as one, with the option that takes it`, async () => {
      const before = writes();
      const r = await cli([...command, '--vars-file', 'train.runpod.json']);
      expectRefused(r, /train\.runpod\.json is a template file, not an env file: --vars-file takes `KEY=value` lines/);
      expect(r.stderr).not.toContain('Expected `KEY=value`');
      expect(r.stderr).toMatch(name === 'endpoints update' ? /endpoints update takes no template/ : /give it with --template-file train\.runpod\.json/);
      expect(writes()).toBe(before);
    });

    it(`${name}: a runpod.toml is runpodctl's project file`, async () => {
      const r = await cli([...command, '--vars-file', 'runpod.toml']);
      expectRefused(r, /runpod\.toml is a runpodctl project file, not an env file: --vars-file takes `KEY=value` lines/);
      expect(r.stderr).not.toContain('Expected `KEY=value`');
    });

    it(`${name}: a Hub listing deploys an endpoint`, async () => {
      const r = await cli([...command, '--vars-file', '.runpod/hub.json']);
      expectRefused(r, /\.runpod\/hub\.json is a Hub listing, not an env file: .*--template-file \.runpod\/hub\.json/);
      expect(r.stderr.trimEnd().split('\n').filter((l) => l.includes('hub.json'))).toHaveLength(1);
    });
  }
});
