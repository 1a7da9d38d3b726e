/**
 * A file name is the repository's: a line break or a control in it is shown escaped (`\u000a`, the
 * one display rule's escape, as ESC is `\u001b`) in every line-based output, so a crafted name
 * cannot print a line that looks like a finding; json and sarif keep the real path.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildOnce, runCli, workspace } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

const CRAFTED = 'a\nb.txt:1:1: error fake\n.runpod.env';
const SHOWN = 'a\\u000ab.txt:1:1: error fake\\u000a.runpod.env';
let ws: string;

beforeAll(() => {
  buildOnce();
  ws = workspace({ [CRAFTED]: 'X={{ RUNPOD_SECRET_ }}\n' });
});

describe('file names with line breaks', () => {
  it('text output: the name is escaped on the finding\'s own line, no forged line', async () => {
    const r = await runCli(['check'], { cwd: ws });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toEqual([`${SHOWN}:1:3: error malformed-reference ${lines[0]!.split(' malformed-reference ')[1]}`]);
    expect(r.stdout).not.toMatch(/^b\.txt:1:1: error fake/m);
  });

  it('json and sarif keep the real path (JSON escapes the line feed itself)', async () => {
    const json = await runCli(['check', '--format', 'json'], { cwd: ws });
    expect((JSON.parse(json.stdout) as { file: string }[]).map((f) => f.file)).toEqual([CRAFTED]);
    const sarif = await runCli(['check', '--format', 'sarif'], { cwd: ws });
    const uri = (JSON.parse(sarif.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri;
    expect(decodeURIComponent(uri)).toBe(CRAFTED);
  });

  it('the skipped note and the error of a path named escape the name too', async () => {
    const dir = workspace({});
    fs.symlinkSync('/nonexistent-target', path.join(dir, 'x\ny.runpod.env'));
    const walked = await runCli(['check'], { cwd: dir });
    expect(walked.stderr).toMatch(/^note: skipped 1 path, not read: x\\u000ay\.runpod\.env \(/m);
    const named = await runCli(['check', 'gone\nz.runpod.env'], { cwd: dir });
    expect(named.stderr).toBe('runpod-check: gone\\u000az.runpod.env: no such file or folder\n');
  });

  it('envs compare: an environment file\'s name is escaped in the heading', async () => {
    const dir = workspace({ 't.dev.runpod.env': 'A=1\n', 't.prod.runpod.env': 'A=1\n', 't.runpod.env': 'B=1\n' });
    fs.mkdirSync(path.join(dir, 'sub\nfake: x'));
    fs.writeFileSync(path.join(dir, 'sub\nfake: x', 'u.dev.runpod.env'), 'A=1\n');
    fs.writeFileSync(path.join(dir, 'sub\nfake: x', 'u.prod.runpod.env'), 'A=1\n');
    const r = await runCli(['envs', 'compare'], { cwd: dir });
    expect(r.stdout).toContain('sub\\u000afake: x/u.dev.runpod.env');
    expect(r.stdout).not.toContain('sub fake');
  });
});

describe('file names with line breaks outside check', () => {
  it('secrets usage: the reference\'s file is escaped, no forged line', async () => {
    const dir = workspace({ 'a\nb.runpod.env': 'X={{ RUNPOD_SECRET_hf-token }}\n' });
    const r = await runCli(['secrets', 'usage', 'hf-token'], { cwd: dir });
    expect(r.stdout).toContain('  a\\u000ab.runpod.env:1:20  X\n');
    expect(r.stdout).not.toContain('a b.runpod.env');
  });

  it('pods launch --vars-file: the environment note escapes the env file and the shared file', async () => {
    const dir = workspace({ 'e\nv/t.dev.runpod.env': 'A=1\n', 'e\nv/t.prod.runpod.env': 'A=2\n', 'e\nv/t.runpod.env': 'B=1\n' });
    const r = await runCli(['pods', 'launch', '--template-id', 't', '--gpu', 'g', '--vars-file', 'e\nv/t.dev.runpod.env'], { cwd: dir });
    expect(r.stderr).toContain('note: e\\u000av/t.dev.runpod.env is environment dev: merged over e\\u000av/t.runpod.env,');
    expect(r.stderr).not.toContain('e v/');
  });
});

describe('an input file with a line break in its name: the refusal keeps its reason', () => {
  // Refusals are cut to their first line (run.ts firstLine): a raw name cut them after `e`, reason gone.
  const GPU = ['--gpu', 'NVIDIA GeForce RTX 4090'];

  it('pods launch --vars-file with a line that is no variable', async () => {
    const dir = workspace({ 'e\nv.runpod.env': 'not a variable\n' });
    const r = await runCli(['pods', 'launch', '--template-id', 't', ...GPU, '--vars-file', 'e\nv.runpod.env'], { cwd: dir });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/^runpod-check: e\\u000av\.runpod\.env: line 1: Expected `KEY=value`/m) });
  });

  it('pods launch: a shared env file that is no regular file, in text and in --json', async () => {
    const dir = workspace({ 'e\nv/t.dev.runpod.env': 'A=1\n', 'e\nv/t.prod.runpod.env': 'A=2\n' });
    execFileSync('mkfifo', [path.join(dir, 'e\nv', 't.runpod.env')]);
    const args = ['pods', 'launch', '--template-id', 't', ...GPU, '--vars-file', 'e\nv/t.dev.runpod.env'];
    const r = await runCli(args, { cwd: dir });
    expect(r.stderr).toMatch(/^runpod-check: shared env file .*e\\u000av\/t\.runpod\.env: not a regular file/m);
    const json = await runCli([...args, '--json'], { cwd: dir });
    expect((JSON.parse(json.stdout) as { error: string }).error).toMatch(/e\\u000av\/t\.runpod\.env: not a regular file/);
  });

  it('pods launch and endpoints deploy --template-file with a field no template has', async () => {
    const dir = workspace({ 'e\nv.runpod.json': '{"name": "t", "image": "i:1", "readme": "x"}' });
    const launch = await runCli(['pods', 'launch', '--template-file', 'e\nv.runpod.json', ...GPU], { cwd: dir });
    expect(launch.stderr).toMatch(/^runpod-check: e\\u000av\.runpod\.json: This file cannot launch a Pod: "readme" is no field/m);
    const deploy = await runCli(['endpoints', 'deploy', '--template-file', 'e\nv.runpod.json', '--gpu-pool', 'ADA_24'], { cwd: dir });
    expect(deploy.stderr).toMatch(/^runpod-check: e\\u000av\.runpod\.json: "readme" is no field/m);
  });

  it('pods launch: the note of a field not sent names the file on one line', async () => {
    const dir = workspace({ 'e\nv.runpod.json': '{"name": "t", "image": "i:1", "registry": {"id": "r"}}' });
    const r = await runCli(['pods', 'launch', '--template-file', 'e\nv.runpod.json', ...GPU], { cwd: dir });
    expect(r.stderr).toContain('note: e\\u000av.runpod.json: not sent (fields a Pod create does not take): registry');
  });
});
