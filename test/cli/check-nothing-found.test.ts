/**
 * A run that checks nothing must not pass CI in silence, as eslint's "No files matching the pattern"
 * (exit 2 unless --no-error-on-unmatched-pattern) and tsc's "No inputs were found": a folder or
 * pattern named on the command line in which no RunPod file is found is a failure (exit 2) with
 * what to do next, and the other paths named are still checked; a run with no path named (the
 * working directory) that finds none says so on stderr and exits 0, as ruff's "No Python files
 * found" (a repository may have no RunPod files yet). `--files` replaces the defaults, so a user adding
 * one glob repeats them: as eslint's own defaults, a glob matching nothing fails only when no glob
 * matched anything (a typo in the only one); beside others that did, it is a warning.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn } from './runInProcess';
import { workspace } from './helpers';

const TYPO = 'A={{ RUNPOD_SECRET_hf-tokn }}\n';

function tree(): string {
  const ws = workspace({ 'names.txt': 'hf-token\n', 'sub/a.runpod.env': TYPO, 'sub/t.json': '{"name": "t", "image": "x"}\n', 'docs/readme.md': '# not RunPod\n' });
  fs.mkdirSync(path.join(ws, 'empty'));
  return ws;
}

describe('check that finds nothing to check', () => {
  it('in the working directory: says no file was read, exit 0', async () => {
    const ws = tree();
    const r = await runIn(path.join(ws, 'docs'), ['check', '--secrets-file', path.join(ws, 'names.txt')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: no RunPod file found in the working directory: no file read \(.*name the folders to check.*\)$/m);
  });

  it('a folder named with none: exit 2, its line says what to do', async () => {
    const ws = tree();
    const r = await runIn(ws, ['check', 'empty', '--secrets-file', path.join(ws, 'names.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^runpod-check: empty: no RunPod file found in it \(.*--files GLOB.*\)$/)]);
  });

  it('a folder named with none as the only path, --format json: the (empty) findings are still printed, exit 2', async () => {
    const ws = tree();
    const r = await runIn(ws, ['check', 'empty', '--format', 'json', '--secrets-file', path.join(ws, 'names.txt')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('[]\n');
    expect(r.stderr).toMatch(/^runpod-check: empty: no RunPod file found in it/m);
  });

  it('a folder named with none as the only path, --format sarif: a log that says the path was not read, exit 2', async () => {
    const ws = tree();
    const r = await runIn(ws, ['check', 'empty', '--format', 'sarif', '--secrets-file', path.join(ws, 'names.txt')]);
    expect(r.code).toBe(2);
    const run = (JSON.parse(r.stdout) as { runs: { results: unknown[]; invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[] }[] }).runs[0]!;
    expect(run.results).toEqual([]);
    expect(run.invocations[0]!.executionSuccessful).toBe(false);
    expect(run.invocations[0]!.toolExecutionNotifications.map((n) => n.message.text)).toEqual([expect.stringMatching(/^A path named was not read: empty: no RunPod file found in it/)]);
  });

  it('a folder named with none beside one with files: the others are still checked, exit 2', async () => {
    const ws = tree();
    const r = await runIn(ws, ['check', 'sub', 'docs', '--format', 'json', '--secrets-file', path.join(ws, 'names.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^runpod-check: docs: no RunPod file found in it/m);
    expect((JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file)).toEqual(['sub/a.runpod.env']);
  });

  it('the same folder named twice is not refused the second time (its files were found once)', async () => {
    const ws = tree();
    const r = await runIn(ws, ['check', 'sub', 'sub', '--format', 'json', '--secrets-file', path.join(ws, 'names.txt')]);
    expect(r.code).not.toBe(2);
    expect(r.stderr).not.toMatch(/runpod-check:/);
    expect(r.stderr).toContain('1 file checked');
  });

  it('a pattern the shell left as typed (it matched nothing): exit 2, said to be a pattern', async () => {
    const ws = tree();
    const r = await runIn(ws, ['check', 'deploy/*.runpod.env', '--secrets-file', path.join(ws, 'names.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^runpod-check: deploy\/\*\.runpod\.env: no such file or folder \(a pattern.*nothing matched it.*name the folder.*\)$/)]);
  });

  it('a --files glob that matches no file beside one that does (the defaults repeated, no tests.json): a warning naming it by its place, exit unchanged', async () => {
    const ws = tree();
    const r = await runIn(ws, ['check', '--files', 'sub/*.json', '--files', '**/tests.json', '--format', 'json', '--secrets-file', path.join(ws, 'names.txt')]);
    expect(r.code).not.toBe(2);
    expect(r.stderr).toMatch(/^warning: --files glob 2 matched no file \(.*working directory.*\)$/m);
    expect(r.stderr).not.toMatch(/--files glob 1|runpod-check:/);
    expect([...new Set((JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file))]).toEqual(['sub/a.runpod.env']);
  });

  it('no --files glob matches a file (a typo in the only one): exit 2 naming each, the files found by name still checked', async () => {
    const ws = tree();
    const r = await runIn(ws, ['check', 'sub', '--files', 'sub/*.jsn', '--files', 'deploy/**/*.json', '--format', 'json', '--secrets-file', path.join(ws, 'names.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^runpod-check: --files glob 1 matched no file/m);
    expect(r.stderr).toMatch(/^runpod-check: --files glob 2 matched no file/m);
    expect([...new Set((JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file))]).toEqual(['sub/a.runpod.env']);
  });

  it('a --files glob that matches no file where nothing is found: the findings are still printed (none), exit 2, and no advice to pass --files', async () => {
    const ws = tree();
    const r = await runIn(path.join(ws, 'docs'), ['check', '--files', 'conf/*.json', '--format', 'json', '--secrets-file', path.join(ws, 'names.txt')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('[]\n');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^runpod-check: --files glob 1 matched no file/), expect.stringMatching(/^0 files checked/)]);
  });

  it('a --files glob that matches a file is no error', async () => {
    const ws = tree();
    const r = await runIn(ws, ['check', '--files', 'sub/*.json', '--secrets-file', path.join(ws, 'names.txt')]);
    expect(r.code).not.toBe(2);
    expect(r.stderr).not.toMatch(/runpod-check:/);
    expect(r.stderr).toContain('2 files checked');
  });

  it('secrets usage in a folder named with none: exit 2, not "no uses"', async () => {
    const ws = tree();
    const r = await runIn(ws, ['secrets', 'usage', 'hf-token', 'empty']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^runpod-check: empty: no RunPod file found in it/m);
  });
});
