/**
 * `check` end to end: the built CLI over a temporary workspace, secret names from the fake API,
 * from --secrets-file, or none (unknown-secret skipped with a note).
 */
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { apiEnv, buildOnce, runCli, workspace } from './helpers';

// Each test starts several processes; on two shared cores that can take a while (not a timing assertion).
vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

let fake: FakeRunpod;
let ws: string;

beforeAll(async () => {
  buildOnce();
  fake = await startFakeRunpod({ seed: true });
  ws = workspace({
    'clean.runpod.env': 'A={{ RUNPOD_SECRET_hf-token }}\n',
    // Line 2: the emoji is two UTF-16 code units, so the reference starts in column 5.
    'warn.runpod.env': 'TOKEN={{ RUNPOD_SECRET_missing }}\nE=😀{{ RUNPOD_SECRET_missing }}\n',
    '.runpod/broken.env': 'X={{ RUNPOD_SECRET_ }}\n',
    'node_modules/pkg/bad.runpod.env': 'X={{ RUNPOD_SECRET_ }}\n',
    '.git/x.runpod.env': 'X={{ RUNPOD_SECRET_ }}\n',
    'notes.env': 'just a line without equals\nY={{ RUNPOD_SECRET_missing }}\n',
    'names.txt': '# known secrets\nhf-token\n\nother_secret  # trailing comment\n',
    'deploy/api.pod.json': '{ "env": { "TOKEN": "{{ RUNPOD_SECRET_missing }}" } }\n',
  });
});

afterAll(async () => {
  await fake?.close();
});

const MALFORMED = '.runpod/broken.env:1:3: error malformed-reference';

describe('check, text output', () => {
  it('with names from the API: walks the default patterns and dotenv files, skips node_modules/.git, one line per finding, exit 1 on errors', async () => {
    const r = await runCli(['check'], { cwd: ws, env: apiEnv(fake) });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split(': ')[0] + ': ' + l.split(': ')[1]!.split(' ').slice(0, 2).join(' '))).toEqual([
      '.runpod/broken.env:1:3: error malformed-reference',
      // A dotenv file (*.env), as the editor's workspace index reads it: its references are checked,
      // its syntax is not (line 1 has no '=').
      'notes.env:2:20: warning unknown-secret',
      'warn.runpod.env:1:24: warning unknown-secret',
      'warn.runpod.env:2:5: hint embedded-reference',
      'warn.runpod.env:2:22: warning unknown-secret',
    ]);
    expect(lines[2]).toMatch(/^warn\.runpod\.env:1:24: warning unknown-secret .*`missing`/);
    // No close name in the list: the next step is creating it, said in the command line's terms too.
    expect(lines[2]).toContain('`runpod-check secrets create missing`');
    expect(r.stdout).not.toContain('node_modules');
    expect(r.stdout).not.toContain('.git/');
    expect(r.stderr).toContain('4 files checked');
  });

  it('--files replaces the default JSON/TOML globs, as the runpod.files setting does', async () => {
    const env = apiEnv(fake);
    const defaults = await runCli(['check', '--format', 'json'], { cwd: ws, env });
    expect(defaults.stdout).not.toContain('deploy/api.pod.json');
    const custom = await runCli(['check', '--format', 'json', '--files', 'deploy/*.pod.json'], { cwd: ws, env });
    const found = JSON.parse(custom.stdout) as { file: string; code: string }[];
    expect(found.filter((f) => f.file === 'deploy/api.pod.json').map((f) => f.code)).toEqual(['unknown-secret']);
  });

  it('exit 0 when only warnings, 1 with --strict', async () => {
    const env = apiEnv(fake);
    const plain = await runCli(['check', 'warn.runpod.env', 'clean.runpod.env'], { cwd: ws, env });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('warning unknown-secret');
    const strict = await runCli(['check', '--strict', 'warn.runpod.env'], { cwd: ws, env });
    expect(strict.code).toBe(1);
    const clean = await runCli(['check', '--strict', 'clean.runpod.env'], { cwd: ws, env });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe('');
  });

  it('--severity changes or hides a code: malformed off makes the run pass, unknown-secret=error fails it', async () => {
    const env = apiEnv(fake);
    const off = await runCli(['check', '--severity', 'malformed-reference=off'], { cwd: ws, env });
    expect(off.code).toBe(0);
    expect(off.stdout).not.toContain('malformed-reference');
    const raised = await runCli(['check', 'warn.runpod.env', '--severity', 'unknown-secret=error', '--severity', 'embedded-reference=off'], { cwd: ws, env });
    expect(raised.code).toBe(1);
    expect(raised.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^warn\.runpod\.env:1:24: error unknown-secret /),
      expect.stringMatching(/^warn\.runpod\.env:2:22: error unknown-secret /),
    ]);
    const bad = await runCli(['check', '--severity', 'no-such-code=off'], { cwd: ws, env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown diagnostic code "no-such-code"/);
  });

  it('--secrets-file gives the known names without a key; a name listed there is not unknown', async () => {
    const r = await runCli(['check', 'clean.runpod.env', 'warn.runpod.env', '--secrets-file', 'names.txt'], { cwd: ws });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('hf-token');
    expect(r.stdout.match(/unknown-secret/g)).toHaveLength(2);
    expect(r.stderr).not.toContain('unknown-secret checks skipped');
  });

  it('with both a key and --secrets-file the API list is used, and stderr says the file is the fallback', async () => {
    const ws2 = workspace({ 'names.txt': 'missing\n', 'a.runpod.env': 'A={{ RUNPOD_SECRET_missing }}\n' });
    const r = await runCli(['check', '--secrets-file', 'names.txt'], { cwd: ws2, env: apiEnv(fake) });
    expect(r.stdout).toMatch(/^a\.runpod\.env:1:20: warning unknown-secret /);
    expect(r.stderr).toMatch(/--secrets-file is used only if the API fails/);
  });

  it('with no key and no secrets file: unknown-secret is skipped and a note says so on stderr', async () => {
    const r = await runCli(['check'], { cwd: ws });
    expect(r.stdout).not.toContain('unknown-secret');
    expect(r.stdout).toContain(MALFORMED);
    expect(r.stderr).toMatch(/note: no secret list .*unknown-secret checks skipped/);
    expect(r.code).toBe(1);
  });

  it('an explicit .env file is checked as dotenv: reference problems yes, its syntax is not judged', async () => {
    const r = await runCli(['check', 'notes.env', '--secrets-file', 'names.txt'], { cwd: ws });
    expect(r.stdout).toMatch(/^notes\.env:2:20: warning unknown-secret /m);
    expect(r.stdout).not.toContain('missing-equals');
    expect(r.code).toBe(0);
    // The same text named *.runpod.env gets the syntax rules too.
    const ws2 = workspace({ 'notes.runpod.env': 'just a line without equals\n' });
    const strictEnv = await runCli(['check', path.join(ws2, 'notes.runpod.env')], { cwd: ws2 });
    expect(strictEnv.stdout).toMatch(/^notes\.runpod\.env:1:1: error missing-equals /m);
  });

  it('a missing path is a usage-level failure with one line', async () => {
    const r = await runCli(['check', 'nope.runpod.env'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('nope.runpod.env: no such file or folder');
  });
});

describe('check, machine formats', () => {
  it('--format json: a stable array of {file,line,column,endLine,endColumn,severity,code,message}', async () => {
    const r = await runCli(['check', '--format', 'json', 'warn.runpod.env', '.runpod/broken.env'], { cwd: ws, env: apiEnv(fake) });
    expect(r.code).toBe(1);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(Object.keys(row)).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
    expect(rows[0]).toMatchObject({ file: '.runpod/broken.env', line: 1, column: 3, endLine: 1, severity: 'error', code: 'malformed-reference' });
    // `missing` spans columns 24..31 of line 1, end exclusive.
    expect(rows[1]).toMatchObject({ file: 'warn.runpod.env', line: 1, column: 24, endLine: 1, endColumn: 31, code: 'unknown-secret' });
    expect(rows[3]).toMatchObject({ line: 2, column: 22, endColumn: 29, code: 'unknown-secret' });
  });

  it('--format json with nothing found prints [] and exits 0', async () => {
    const r = await runCli(['check', '-f', 'json', 'clean.runpod.env'], { cwd: ws, env: apiEnv(fake) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('--format sarif: SARIF 2.1.0 with one rule per code and results with physical regions', async () => {
    const r = await runCli(['check', '--format', 'sarif', 'warn.runpod.env', '.runpod/broken.env'], { cwd: ws, env: apiEnv(fake) });
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    const run = sarif.runs[0];
    const ruleIds: string[] = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
    expect(ruleIds).toContain('unknown-secret');
    expect(ruleIds).toContain('malformed-reference');
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    for (const rule of run.tool.driver.rules) expect(rule.shortDescription.text.length).toBeGreaterThan(10);
    expect(run.results).toHaveLength(4);
    for (const result of run.results) {
      expect(ruleIds[result.ruleIndex]).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.message.text.length).toBeGreaterThan(0);
      expect(result.locations[0].physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
    }
    const malformed = run.results.find((x: { ruleId: string }) => x.ruleId === 'malformed-reference');
    expect(malformed.level).toBe('error');
    expect(malformed.locations[0].physicalLocation.artifactLocation.uri).toBe('.runpod/broken.env');
    expect(malformed.locations[0].physicalLocation.region).toMatchObject({ startLine: 1, startColumn: 3, endLine: 1 });
    const hint = run.results.find((x: { ruleId: string }) => x.ruleId === 'embedded-reference');
    expect(hint.level).toBe('note');
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toMatch(/^file:\/\/\/.*\/$/);
  });
});

describe('check, API trouble', () => {
  it('a rejected key is exit 2 with one line, the key nowhere in the output', async () => {
    const wrongKey = 'rp_wrong_key_0123456789abcdef';
    const r = await runCli(['check'], { cwd: ws, env: { ...apiEnv(fake), RUNPOD_API_KEY: wrongKey } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^runpod-check: .*(401|rejected)/i);
    expect(r.stderr + r.stdout).not.toContain(wrongKey);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/); // no stack
  });
});
