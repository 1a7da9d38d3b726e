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
