/**
 * The language server in a second, independent editor (issue 2, "any editor can run it"): a
 * headless Neovim 0.7 with only its built-in LSP client opens the fixture, and everything a user
 * relies on is checked on what Neovim received — pushed diagnostics (Neovim has no pull), completion
 * with edits Neovim itself applies, hover, and JSON files selected by their path.
 *
 * Runs with `npm run test:neovim` (vitest.neovim.config.ts); fails with instructions when nvim is
 * missing. Expected positions are derived from the fixture text, not written down by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE, applyOnLine, requireNeovimAndServer, runNeovim, type LspDiagnostic, type NeovimRun } from './runNeovim';

const CANARY = `canary-${process.pid}-never-shown-${Date.now().toString(36)}`;
const envLines = readFileSync(join(FIXTURE, 'runpod.env'), 'utf8').split('\n');
const hubLines = readFileSync(join(FIXTURE, '.runpod/hub.json'), 'utf8').split('\n');

/** Line and 0-based columns of `needle` in a fixture (the only line containing it). */
function locate(lines: string[], needle: string): { line: number; start: number; end: number } {
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`fixture has no ${needle}`);
  const start = lines[line]!.indexOf(needle);
  return { line, start, end: start + needle.length };
}

function byLine(diagnostics: LspDiagnostic[]): LspDiagnostic[] {
  return [...diagnostics].sort((a, b) => a.range.start.line - b.range.start.line);
}

let run: NeovimRun;

beforeAll(async () => {
  const version = requireNeovimAndServer();
  run = await runNeovim(CANARY);
  const lua = run.report.steps.map((step) => `${step} at ${run.report.timings[step]} ms`)
    .join(', ');
  // The measured run time, for the report (not asserted: performance belongs in npm run bench).
  console.log(`${version}: nvim run ${run.wallMs} ms wall; inside nvim: ${lua}`);
}, 90_000);

describe('Neovim 0.7 as an LSP client of the RunPod language server', () => {
  it('runs the whole script without an error', () => {
    expect(run.report.error, run.stderr).toBeUndefined();
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.report.steps).toEqual([
      'client started',
      'runpod.env diagnostics',
      'completion',
      'completion applied',
      'hover',
      'hub.json diagnostics',
      'server stopped',
    ]);
    // shutdown + exit from Neovim end the server cleanly.
    expect(run.report.server_exit_code).toBe(0);
  });

  it('pushes exactly the typo and the malformed reference for runpod.env, opened with another language id', () => {
    const env = run.report.env!;
    // `sh`, not runpod-env: the server recognises runpod.env by its file name.
    expect(env.language_id).toBe('sh');
    const typo = locate(envLines, 'hf-tokn');
    const malformed = locate(envLines, '{{ RUNPOD_SECRET_openai-key }');
    const diagnostics = byLine(env.lsp!.diagnostics);
    expect(diagnostics.map((d) => d.code)).toEqual(['unknown-secret', 'malformed-reference']);
    expect(diagnostics.every((d) => d.source === 'runpod')).toBe(true);
    expect(diagnostics[0]!.range).toEqual({ start: { line: typo.line, character: typo.start }, end: { line: typo.line, character: typo.end } });
    expect(diagnostics[0]!.message).toContain('Did you mean `hf-token`?');
    // The malformed reference runs from `{{` to the end of the line (it is never closed).
    expect(diagnostics[1]!.range).toEqual({
      start: { line: malformed.line, character: malformed.start },
      end: { line: malformed.line, character: envLines[malformed.line]!.length },
    });
  });

  it("shows the same diagnostics in Neovim's own diagnostic list, 0-based, with code and source", () => {
    const typo = locate(envLines, 'hf-tokn');
    const malformed = locate(envLines, '{{ RUNPOD_SECRET_openai-key }');
    expect(run.report.env!.vim.map(({ lnum, col, end_lnum, end_col, code, source }) => ({ lnum, col, end_lnum, end_col, code, source }))).toEqual([
      { lnum: typo.line, col: typo.start, end_lnum: typo.line, end_col: typo.end, code: 'unknown-secret', source: 'runpod' },
      {
        lnum: malformed.line,
        col: malformed.start,
        end_lnum: malformed.line,
        end_col: envLines[malformed.line]!.length,
        code: 'malformed-reference',
        source: 'runpod',
      },
    ]);
  });

  it('completes both secret names after `{{ RUNPOD_SECRET_` with edits that close the reference', () => {
    const completion = run.report.completion!;
    const labels = completion.items.map((item) => item.label);
    expect(labels).toEqual(expect.arrayContaining(['hf-token', 'openai-key']));
    for (const name of ['hf-token', 'openai-key']) {
      const item = completion.items.find((i) => i.label === name)!;
      expect(item.textEdit, name).toBeDefined();
      expect(applyOnLine(completion.typed, completion.line, item.textEdit!)).toBe(`NEW_KEY={{ RUNPOD_SECRET_${name} }}`);
    }
  });

  it('Neovim applies the chosen completion into a closed reference that the server then accepts', () => {
    const completion = run.report.completion!;
    expect(completion.applied_line).toBe('NEW_KEY={{ RUNPOD_SECRET_hf-token }}');
    // The typed line's malformed diagnostic is gone and the original two are untouched.
    expect(completion.diagnostics_after!.map((d) => [d.lnum, d.code])).toEqual([
      [locate(envLines, 'hf-tokn').line, 'unknown-secret'],
      [locate(envLines, '{{ RUNPOD_SECRET_openai-key }').line, 'malformed-reference'],
    ]);
  });

  it('hovers a reference with its description and no value', () => {
    const hover = run.report.hover!;
    const reference = locate(envLines, '{{ RUNPOD_SECRET_hf-token }}');
    expect(hover.line).toBe(reference.line);
    expect(hover.result).not.toBeNull();
    const contents = hover.result!.contents;
    const text = typeof contents === 'string' ? contents : contents.value;
    expect(text).toContain('hf-token');
    expect(text).toContain('Hugging Face read token');
    expect(text).not.toContain(CANARY);
    expect(hover.result!.range!.start.line).toBe(reference.line);
  });

  it('never sends back a value the client leaked in the secret list', () => {
    // The canary went to the server inside initializationOptions.secrets; nothing the server said
    // (diagnostics, completion, hover) may contain it.
    expect(run.raw).not.toContain(CANARY);
  });

  it('reports the typo in .runpod/hub.json opened as JSON', () => {
    const hub = run.report.hub!;
    expect(hub.language_id).toBe('json');
    const typo = locate(hubLines, 'openai-kye');
    const diagnostics = hub.lsp!.diagnostics;
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'unknown-secret',
      source: 'runpod',
      range: { start: { line: typo.line, character: typo.start }, end: { line: typo.line, character: typo.end } },
    });
    expect(diagnostics[0]!.message).toContain('Did you mean `openai-key`?');
    expect(hub.vim.map((d) => [d.lnum, d.col, d.code])).toEqual([[typo.line, typo.start, 'unknown-secret']]);
  });
});
