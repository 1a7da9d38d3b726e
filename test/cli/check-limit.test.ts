/**
 * `check` reads a file by the editor's rule, not a limit of its own: a file the editor checks (12
 * MiB) is checked here too, and a file past the analysis limit (16 MiB) is checked up to it with one
 * `file-too-large` finding where the editor's workspace diagnostics put it. The expected findings
 * come from the editor's path (the index's reader, the core's analyze, LSP positions), never
 * written out by hand. `secrets usage` and `envs compare` read by the same rule and say when a file
 * was read only in part.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readIndexedFile, wholeLengthOf } from '../../server/src/index/readFile';
import { analyze, ANALYSIS_LIMIT, ANALYSIS_LIMITS, MAX_ANALYZED_ENTRIES } from '../../server/src/template/analyze';
import { buildOnce, runCli, workspace } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

const MIB = 1024 * 1024;
const PAD = '# padding so the file is large, as a generated one is\n';
/** A RunPod env file of about `bytes` bytes: a malformed reference on its first and last lines, comments between. */
function generated(bytes: number): string {
  return `FIRST={{ RUNPOD_SECRET_ }}\n${PAD.repeat(Math.ceil(bytes / PAD.length))}LAST={{ RUNPOD_SECRET_ }}\n`;
}

interface Row {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

/**
 * The findings the editor's Problems show for `file` when it is not open: the workspace
 * diagnostics' read (lsp/documentDiagnostics.ts diagnoseOnDisk: the index's reader up to ANALYSIS_LIMIT, analyze
 * with the whole size) and positions as the editor's TextDocument counts them.
 */
function editorFindings(ws: string, name: string): Row[] {
  const read = readIndexedFile(path.join(ws, name), ANALYSIS_LIMIT);
  if (!read.ok) throw new Error(`cannot read ${name}`);
  const analysis = analyze(read.text, 'runpod-env', { state: 'unknown', secrets: [] }, ANALYSIS_LIMITS, wholeLengthOf(read));
  const doc = TextDocument.create('file:///x', 'runpod-env', 0, read.text);
  return analysis.problems.map((p) => {
    const start = doc.positionAt(p.span.start);
    const end = doc.positionAt(p.span.end);
    return { file: name, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, severity: p.severity, code: p.code, message: p.message };
  });
}

let ws: string;

beforeAll(() => {
  buildOnce();
  ws = workspace({
    'mid.runpod.env': generated(12 * MIB),
    'huge.runpod.env': generated(17 * MIB),
    'emoji.runpod.env': 'E=😀 {{ RUNPOD_SECRET_hf-token }}\n',
    // A use of the secret before the cut and one after it.
    'uses/huge.runpod.env': `A={{ RUNPOD_SECRET_hf-token }}\n${PAD.repeat(Math.ceil((17 * MIB) / PAD.length))}B={{ RUNPOD_SECRET_hf-token }}\n`,
  });
});

describe('check reads files by the editor rule', () => {
  it('a 12 MiB file is checked whole (it was skipped with a note); a 17 MiB one up to the limit, with file-too-large where the editor puts it', async () => {
    const r = await runCli(['check', '--format', 'json', 'mid.runpod.env', 'huge.runpod.env'], { cwd: ws, timeoutMs: 60_000 });
    expect(r.stderr).not.toContain('note: skipped');
    expect(r.stderr).toContain('2 files checked');
    const rows = JSON.parse(r.stdout) as Row[];
    const expected = [...editorFindings(ws, 'huge.runpod.env'), ...editorFindings(ws, 'mid.runpod.env')];
    expect(rows).toEqual(expected);
    // What the comparison stands on: the 12 MiB file checked to its last line, the 17 MiB one cut once.
    expect(rows.filter((f) => f.file === 'mid.runpod.env').map((f) => f.code)).toEqual(['malformed-reference', 'malformed-reference']);
    expect(rows.filter((f) => f.file === 'huge.runpod.env').map((f) => f.code)).toEqual(['malformed-reference', 'file-too-large']);
    expect(rows.find((f) => f.code === 'file-too-large')!.message).toMatch(/this file holds 17 MiB of text/);
  });

  it('SARIF and text output carry the same file-too-large position', async () => {
    const [cut] = editorFindings(ws, 'huge.runpod.env').filter((f) => f.code === 'file-too-large');
    const sarif = await runCli(['check', '--format', 'sarif', 'huge.runpod.env'], { cwd: ws, timeoutMs: 60_000 });
    const results = (JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { region: Record<string, number> } }[] }[] }[] }).runs[0]!.results;
    const region = results.find((x) => x.ruleId === 'file-too-large')!.locations[0]!.physicalLocation.region;
    expect(region).toEqual({ startLine: cut!.line, startColumn: cut!.column, endLine: cut!.endLine, endColumn: cut!.endColumn });
    const text = await runCli(['check', 'huge.runpod.env'], { cwd: ws, timeoutMs: 60_000 });
    expect(text.stdout).toContain(`huge.runpod.env:${cut!.line}:${cut!.column}: warning file-too-large`);
  });

  it('a file of more entries than the count (3.5 MB) is checked up to the first entry past it, and the finding names the count, not a size', async () => {
    const keys = Array.from({ length: MAX_ANALYZED_ENTRIES }, (_, i) => `K${i}=1\n`).join('');
    fs.writeFileSync(path.join(ws, 'many.runpod.env'), `${keys}LAST={{ RUNPOD_SECRET_ }}\n`);
    const r = await runCli(['check', '--format', 'json', 'many.runpod.env'], { cwd: ws, timeoutMs: 60_000 });
    const rows = JSON.parse(r.stdout) as Row[];
    expect(rows).toEqual(editorFindings(ws, 'many.runpod.env'));
    const cut = rows.filter((f) => f.code === 'file-too-large');
    expect(cut.map((f) => f.line)).toEqual([MAX_ANALYZED_ENTRIES + 1]);
    expect(cut[0]!.message).toMatch(/^Not checked from here on: this file holds more than 400,000 entries \(variables, keys, and lines reported without one\)/);
    expect(cut[0]!.message).not.toMatch(/MiB/);
    expect(rows.map((f) => f.code)).not.toContain('malformed-reference');
    const text = await runCli(['check', 'many.runpod.env'], { cwd: ws, timeoutMs: 60_000 });
    expect(text.stdout).toContain(`many.runpod.env:${MAX_ANALYZED_ENTRIES + 1}:1: warning file-too-large Not checked from here on: this file holds more than 400,000 entries`);
  });

  it('a small file with non-ASCII text is not "too large" (its size in bytes exceeds its length in UTF-16 units)', async () => {
    const r = await runCli(['check', '--format', 'json', 'emoji.runpod.env'], { cwd: ws });
    expect((JSON.parse(r.stdout) as Row[]).map((f) => f.code)).not.toContain('file-too-large');
    expect(r.stderr).toContain('1 file checked');
  });
});

describe('secrets usage reads by the same rule', () => {
  it('lists the uses before the limit in a 17 MiB file and says the rest was not searched', async () => {
    const r = await runCli(['secrets', 'usage', 'hf-token', 'uses', '--json'], { cwd: ws, timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { files: { file: string; line: number }[] };
    expect(out.files.map((f) => [f.file, f.line])).toEqual([['uses/huge.runpod.env', 1]]);
    expect(r.stderr).toContain('note: 1 file past what the checks read (16 MiB of text, 400,000 entries or 10,000 uses of secrets) searched only up to there, as the editor reads them: uses/huge.runpod.env');
    expect(r.stderr).not.toContain('note: skipped');
  });
});

describe('secrets usage says when the count cut a file', () => {
  it('searches a file of more entries than the count (under the size limit) up to it, as the editor reads it, and says so', async () => {
    const keys = 'K=1\n'.repeat(MAX_ANALYZED_ENTRIES);
    fs.mkdirSync(path.join(ws, 'counted-uses'));
    fs.writeFileSync(path.join(ws, 'counted-uses/many.runpod.env'), `A={{ RUNPOD_SECRET_hf-token }}\n${keys}B={{ RUNPOD_SECRET_hf-token }}\n`);
    const r = await runCli(['secrets', 'usage', 'hf-token', 'counted-uses', '--json'], { cwd: ws, timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { files: { file: string; line: number }[] };
    // B lies past the count: the editor's index never sees it, and the note says the search stopped before it.
    expect(out.files.map((f) => [f.file, f.line])).toEqual([['counted-uses/many.runpod.env', 1]]);
    expect(r.stderr).toContain('note: 1 file past what the checks read (16 MiB of text, 400,000 entries or 10,000 uses of secrets) searched only up to there, as the editor reads them: counted-uses/many.runpod.env');
  });
});

describe('envs compare reads by the same rule', () => {
  it('compares a 17 MiB environment file up to the limit and says so', async () => {
    const dev = `A=1\n${PAD.repeat(Math.ceil((17 * MIB) / PAD.length))}B=2\n`;
    fs.mkdirSync(path.join(ws, 'envs'));
    fs.writeFileSync(path.join(ws, 'envs/train.dev.runpod.env'), dev);
    fs.writeFileSync(path.join(ws, 'envs/train.prod.runpod.env'), 'A=1\nB=2\n');
    const r = await runCli(['envs', 'compare', 'envs', '--json'], { cwd: ws, timeoutMs: 60_000 });
    expect(r.stderr).not.toContain('note: skipped');
    expect(r.stderr).toContain('note: 1 file past what the checks read (16 MiB of text or 400,000 entries) compared only up to there, as the editor reads them: envs/train.dev.runpod.env');
    // B is past the cut: missing in dev as far as anything read can tell, and the note says why.
    expect(r.code).toBe(1);
  });
});

describe('envs compare says when the count cut a file', () => {
  it('a file of more entries than the count is compared up to it, and the note says so', async () => {
    const keys = Array.from({ length: MAX_ANALYZED_ENTRIES }, (_, i) => `K${i}=1\n`).join('');
    fs.mkdirSync(path.join(ws, 'counted'));
    fs.writeFileSync(path.join(ws, 'counted/train.dev.runpod.env'), `${keys}B=2\n`);
    fs.writeFileSync(path.join(ws, 'counted/train.prod.runpod.env'), 'K0=1\nB=2\n');
    const r = await runCli(['envs', 'compare', 'counted', '--json'], { cwd: ws, timeoutMs: 60_000 });
    expect(r.stderr).toContain('note: 1 file past what the checks read (16 MiB of text or 400,000 entries) compared only up to there, as the editor reads them: counted/train.dev.runpod.env');
  });
});

describe('inputs that are not checked keep limits of their own', () => {
  it('a --secrets-file over 1 MiB is refused, never cut (names past a cut would turn into unknown-secret errors)', async () => {
    fs.writeFileSync(path.join(ws, 'names.txt'), `hf-token\n${'# comment\n'.repeat((1 * MIB) / 10)}`);
    const r = await runCli(['check', 'emoji.runpod.env', '--secrets-file', 'names.txt'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('runpod-check: --secrets-file names.txt: larger than 1 MiB');
  });
});
