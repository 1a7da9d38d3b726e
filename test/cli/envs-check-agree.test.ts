/**
 * `envs compare` and `check` answer "does an environment use a secret named for another?" from one
 * core function, so on the same workspace they name the same keys and environments. The case that
 * split them: a secret named for an environment (qa) in the file every environment shares.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildOnce, runCli, workspace } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

// One key per line, so a finding's line names its key.
const SHARED = [
  '{ "name": "train", "image": "i", "env": {',
  '  "X": "pre {{ RUNPOD_SECRET_qa-file }}",',
  '  "Y": "{{ RUNPOD_SECRET_qa-file }}",',
  '  "W": "{{ RUNPOD_SECRET_dev-token }}",',
  '  "Z": "{{ RUNPOD_SECRET_dev-db }}",',
  '  "P": "{{ RUNPOD_SECRET_plain-name }}"',
  '} }',
  '',
].join('\n');
const KEY_OF_LINE = ['', '', 'X', 'Y', 'W', 'Z', 'P'];

let ws: string;
beforeAll(() => {
  buildOnce();
  ws = workspace({
    'train.runpod.json': SHARED,
    // prod overrides Z, so prod never boots with the shared dev-db; dev uses its own name.
    'train.dev.runpod.env': 'A=1\n',
    'train.prod.runpod.env': 'A=1\nZ={{ RUNPOD_SECRET_prod-db }}\n',
  });
});

interface Row {
  key: string;
  cells: Record<string, { crosses: string[] }>;
}
interface Finding {
  file: string;
  line: number;
  code: string;
  message: string;
}

describe('envs compare and check agree on cross-environment secrets', () => {
  it('the shared file: the same keys cross for the same environments in both', async () => {
    const compare = await runCli(['envs', 'compare', '--json'], { cwd: ws });
    const rows = (JSON.parse(compare.stdout) as { rows: Row[] }[])[0]!.rows;
    const crossingIn = Object.fromEntries(
      rows.map((r) => [r.key, Object.entries(r.cells).filter(([, c]) => c.crosses.length > 0).map(([env]) => env)] as const).filter(([, envs]) => envs.length > 0),
    );
    expect(crossingIn).toEqual({ X: ['dev', 'prod'], Y: ['dev', 'prod'], W: ['prod'] });
    expect(compare.code).toBe(1);

    const check = await runCli(['check', '--format', 'json'], { cwd: ws });
    const crossing = (JSON.parse(check.stdout) as Finding[]).filter((f) => f.code === 'cross-environment-secret');
    expect(crossing.map((f) => f.file)).toEqual(crossing.map(() => 'train.runpod.json'));
    const flagged = Object.fromEntries(crossing.map((f) => [KEY_OF_LINE[f.line]!, f.message]));
    expect(Object.keys(flagged).sort()).toEqual(Object.keys(crossingIn).sort());
    // Each message names the environments whose Pods would get the secret, and only those.
    expect(flagged['X']).toMatch(/named for qa, but this file is shared by dev and prod/);
    expect(flagged['W']).toMatch(/named for dev, but this file is shared by prod/);
  });
});
