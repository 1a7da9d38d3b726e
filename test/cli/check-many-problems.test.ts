/**
 * `check` on a file with a problem on every line lists what the editor lists (the core's cap per
 * code, template/problemLimit.ts) and prints how many more of that code there are, in every format.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_LISTED_PROBLEMS } from '../../server/src/template/problemLimit';
import { buildOnce, runCli, workspace } from './helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

let ws: string;
beforeAll(() => {
  buildOnce();
  ws = workspace({
    'dups.runpod.env': 'A=1\n'.repeat(5_000),
    // A dev file of 3,000 keys: its prod sibling misses every one (environment rules, capped too).
    'envs/train.dev.runpod.env': Array.from({ length: 3_000 }, (_, i) => `K${i}=1\n`).join(''),
    'envs/train.prod.runpod.env': '# prod\n',
    // Hints only (embedded references), past the cap: the note is a hint too.
    'hints.runpod.env': Array.from({ length: MAX_LISTED_PROBLEMS + 20 }, (_, i) => `K${i}=x{{ RUNPOD_SECRET_hf-token }}\n`).join(''),
  });
});

describe('check on a file of many problem lines', () => {
  it('lists the cap of duplicate-key and says how many more there are', async () => {
    const r = await runCli(['check', '--format', 'json', 'dups.runpod.env'], { cwd: ws });
    const rows = JSON.parse(r.stdout) as { code: string; line: number; message: string }[];
    expect(rows.filter((x) => x.code === 'duplicate-key')).toHaveLength(MAX_LISTED_PROBLEMS);
    const notes = rows.filter((x) => x.code === 'file-too-large');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message).toContain(`${(4_999 - MAX_LISTED_PROBLEMS).toLocaleString('en-US')} more \`duplicate-key\` problems`);
    expect(notes[0]!.line).toBe(MAX_LISTED_PROBLEMS + 2);
    const text = await runCli(['check', 'dups.runpod.env'], { cwd: ws });
    expect(text.stdout).toContain('3,999 more `duplicate-key` problems');
  });
  it('--strict passes a file of hints only, past the cap: the note is a hint like its problems', async () => {
    // A thousand variables are also too many for a Pod (a warning of its own), turned off here.
    const r = await runCli(['check', '--strict', '--severity', 'too-many-variables=off', '--format', 'json', 'hints.runpod.env'], { cwd: ws });
    const rows = JSON.parse(r.stdout) as { code: string; severity: string }[];
    expect(rows.filter((x) => x.code === 'file-too-large').map((x) => x.severity)).toEqual(['hint']);
    expect(r.code).toBe(0);
  });

  it('environment problems are capped as the editor caps them: the cap of missing-in-environment, and a note for the rest', async () => {
    const r = await runCli(['check', '--format', 'json', 'envs'], { cwd: ws });
    const rows = (JSON.parse(r.stdout) as { file: string; code: string; message: string }[]).filter((x) => x.file.endsWith('train.prod.runpod.env'));
    expect(rows.filter((x) => x.code === 'missing-in-environment')).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(rows.filter((x) => x.code === 'file-too-large').map((x) => x.message)).toEqual([expect.stringContaining('2,000 more `missing-in-environment` problems')]);
  });
});
