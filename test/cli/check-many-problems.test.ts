/**
 * `check` on a file with a problem on every line lists what the editor lists (the core's cap per
 * code, template/problemLimit.ts) and prints how many more of that code there are, in every format.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_LISTED_PROBLEMS } from '../../server/src/template/problemLimit';
import { LspClient, ensureServerBuilt } from '../protocol/lspClient';
import { buildOnce, runCli, workspace } from './helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

let ws: string;
beforeAll(() => {
  buildOnce();
  ws = workspace({
    'dups.runpod.env': 'A=1\n'.repeat(5_000),
    'dups1005.runpod.env': 'A=1\n'.repeat(1_005),
    // One embedded reference (a hint) before 49,999 duplicate keys.
    'lone.runpod.env': `A=x{{ RUNPOD_SECRET_hf-token }}\n${'A=1\n'.repeat(49_999)}`,
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
    const notes = rows.filter((x) => x.code === 'too-many-problems');
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
    expect(rows.filter((x) => x.code === 'too-many-problems').map((x) => x.severity)).toEqual(['hint']);
    expect(r.code).toBe(0);
  });

  it('environment problems are capped as the editor caps them: the cap of missing-in-environment, and a note for the rest', async () => {
    const r = await runCli(['check', '--format', 'json', 'envs'], { cwd: ws });
    const rows = (JSON.parse(r.stdout) as { file: string; code: string; message: string }[]).filter((x) => x.file.endsWith('train.prod.runpod.env'));
    expect(rows.filter((x) => x.code === 'missing-in-environment')).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(rows.filter((x) => x.code === 'too-many-problems').map((x) => x.message)).toEqual([expect.stringContaining('2,000 more `missing-in-environment` problems')]);
  });

  it.each(['dups1005.runpod.env', 'lone.runpod.env'])('%s: check and the editor list the same problems and the same notes', async (name) => {
    const r = await runCli(['check', '--format', 'json', name], { cwd: ws });
    const rows = (JSON.parse(r.stdout) as { line: number; column: number; code: string; message: string }[]).map((x) => `${x.line}:${x.column} ${x.code} ${x.message}`);
    ensureServerBuilt();
    const client = await LspClient.start({ initializationOptions: { secrets: { state: 'unknown', secrets: [] } } });
    try {
      const u = pathToFileURL(path.join(ws, name)).href;
      await client.open(u, 'runpod-env', fs.readFileSync(path.join(ws, name), 'utf8'));
      const items = (await client.diagnostics(u)).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.message}`);
      expect(items).toEqual(rows);
    } finally {
      await client.stop();
    }
    if (name === 'dups1005.runpod.env') expect(rows.filter((x) => x.includes('too-many-problems'))).toEqual([expect.stringContaining('4 more `duplicate-key` problems')]);
    else expect(rows.filter((x) => x.includes('embedded-reference'))).toHaveLength(1);
  });
});
