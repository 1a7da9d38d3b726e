/**
 * analyze() reads a runpod.toml in rounds of variables, judging each round as it goes
 * (server/src/template/tomlRounds.ts). It must find exactly what reading the whole document first
 * and then running every rule over it finds (analyzeAtOnce): the same problems in the same order
 * with the same notes, whatever the rounds' size and wherever a round ends (between two definitions
 * of one key, around a syntax error or a TOML 1.1 form refused), and the same variables and
 * references when asked for.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, analyzeAtOnce } from '../../server/src/template/analyze';
import { analyzeTomlInRounds } from '../../server/src/template/tomlRounds';
import { MAX_LISTED_PROBLEMS } from '../../server/src/template/problemLimit';
import type { SecretCatalog } from '../../server/src/template/types';

const CATALOG: SecretCatalog = { state: 'fresh', secrets: [{ name: 'hf-token' }, { name: 'db_password' }] };

/** Lines of every kind the reader tells apart: tables in and out of `[project.env_vars]`, values of every form, errors. */
const TOML_LINES: readonly string[] = [
  '[project.env_vars]',
  '[ "project" . env_vars ]',
  '[project]',
  '[other]',
  '[[items]]',
  '[project.env_vars]',
  'A = "1"',
  'A = "2"',
  'B = \'{{ RUNPOD_SECRET_hf-token }}\'',
  'C = "esc \\u00e9 \\t \\"q\\" {{RUNPOD_SECRET_nope}}"',
  'D = """',
  'multi {{ RUNPOD_SECRET_db_password }}',
  'line"""',
  "E = '''raw \\n {{ RUNPOD_SECRET_",
  "'''",
  'F = "unclosed {{ RUNPOD_SECRET_hf-tokn }}',
  'G = 1',
  'H = [ "in array {{ RUNPOD_SECRET_nope }}" ]',
  'HF_TOKEN = "hf_aB3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY3z"',
  'DB_PASSWORD = "Cluster@171$"',
  '"1BAD" = "key"',
  '"MY KEY" = "x"',
  '"A\\u0042" = "escaped key"',
  "'lit' = 'literal key'",
  '"" = "empty key"',
  'project.env_vars.P = "dotted {{ RUNPOD_SECRET_hf-token }}"',
  'env_vars = { I = "inline", J = "{{RUNPOD_SECRET_nope}}" }',
  'env_vars = { K = "trailing", }',
  'env_vars = {',
  'L = "x" }',
  'M = "bad \\q escape"',
  'N = "\\e escape" junk',
  'O = 07:32',
  'Q = "x" trailing',
  'R = "\\x41"',
  '# comment',
  '',
  '   ',
  'bad key = "v"',
  '[',
];

const document = fc
  .tuple(fc.array(fc.constantFrom(...TOML_LINES), { maxLength: 60 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean())
  .map(([lines, eol, bom, finalBreak]) => (bom ? '\ufeff' : '') + lines.join(eol) + (finalBreak ? eol : ''));

function expectSame(text: string, roundSize: number): void {
  const atOnce = analyzeAtOnce(text, 'runpod-toml', CATALOG);
  const inRounds = analyzeTomlInRounds(text, CATALOG, Infinity, roundSize)!;
  const context = JSON.stringify({ text, roundSize });
  expect(inRounds.problems, context).toEqual(atOnce.problems);
  expect(inRounds.inputKeys, context).toEqual(atOnce.inputKeys);
  expect(inRounds.variables.map((v) => [v.key, v.value, v.keySpan, v.valueSpan]), context).toEqual(atOnce.variables.map((v) => [v.key, v.value, v.keySpan, v.valueSpan]));
  expect(inRounds.references, context).toEqual(atOnce.references);
}

describe('runpod.toml documents read in rounds', () => {
  it('finds what reading the whole document first finds, for any round size', () => {
    fc.assert(
      fc.property(document, fc.constantFrom(1, 2, 3, 7, 1024), (text, roundSize) => expectSame(text, roundSize)),
      { numRuns: 500 },
    );
  });

  it('lists the same first problems of each code, and the same notes, past the cap of listed problems', () => {
    // Every variable a problem of some code, several codes past the cap, and a duplicate of every
    // key (the first one the hard syntax error, after a TOML 1.1 form refused).
    const lines = ['[project.env_vars]', 'Y = 07:32'];
    for (let i = 0; i < MAX_LISTED_PROBLEMS + 300; i++) lines.push(`"1BAD_${i}" = "x"`, `K_${i % 700} = "{{RUNPOD_SECRET_nope}}"`, `"Q ${i}" = "{{ RUNPOD_SECRET_nope_${i} }}"`);
    const text = lines.join('\n');
    for (const roundSize of [1, 1024, 5000]) expectSame(text, roundSize);
    const problems = analyze(text, 'runpod-toml', CATALOG).problems;
    // The file truly is past the cap: notes say how many of a code were not listed.
    expect(problems.filter((p) => p.code === 'too-many-problems').length).toBeGreaterThan(2);
    expect(problems.filter((p) => p.code === 'syntax-error').length).toBe(2);
  });

  it('is what analyze() gives a runpod.toml within the limits, and past the count analyze() cuts it as before', () => {
    const text = '[project.env_vars]\nA = "1"\nB = "{{ RUNPOD_SECRET_nope }}"\nA = "2"\n';
    expect(analyze(text, 'runpod-toml', CATALOG).problems).toEqual(analyzeTomlInRounds(text, CATALOG, Infinity)!.problems);
    expect(analyzeTomlInRounds(text, CATALOG, 3)).toBeUndefined();
    const cut = analyze(text, 'runpod-toml', CATALOG, { size: 1 << 20, entries: 3 });
    expect(cut.problems.map((p) => p.code)).toContain('file-too-large');
    expect(cut).toEqual(analyzeAtOnce(text, 'runpod-toml', CATALOG, { size: 1 << 20, entries: 3 }));
  });
});
