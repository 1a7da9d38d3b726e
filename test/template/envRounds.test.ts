/**
 * analyze() reads an env document in rounds of statements, judging each round as it goes
 * (server/src/template/roundsAnalysis.ts). It must find exactly what reading the whole document first
 * and then running every rule over it finds (analyzeAtOnce): the same problems in the same order
 * with the same notes, whatever the rounds' size and wherever a round ends (inside a quoted value
 * over several lines, between two definitions of one key), and the same variables and references
 * when asked for.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, analyzeAtOnce } from '../../server/src/template/analyze';
import { analyzeEnvInRounds, analyzeInRounds } from '../../server/src/template/roundsAnalysis';
import { MAX_LISTED_PROBLEMS } from '../../server/src/template/problemLimit';
import type { DocumentKind, SecretCatalog } from '../../server/src/template/types';
import { ENV_LINES as LINES } from './envLines';

const CATALOG: SecretCatalog = { state: 'fresh', secrets: [{ name: 'hf-token' }, { name: 'db_password' }] };


const document = fc
  .tuple(fc.array(fc.constantFrom(...LINES), { maxLength: 60 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.boolean())
  .map(([lines, eol, bom, finalBreak]) => (bom ? '\ufeff' : '') + lines.join(eol) + (finalBreak ? eol : ''));

function expectSame(text: string, kind: DocumentKind, roundSize: number): void {
  const atOnce = analyzeAtOnce(text, kind, CATALOG);
  const inRounds = analyzeEnvInRounds(text, kind, CATALOG, Infinity, roundSize)!;
  const context = JSON.stringify({ text, roundSize });
  expect(inRounds.problems, context).toEqual(atOnce.problems);
  expect(inRounds.variables.map((v) => [v.key, v.value, v.keySpan, v.valueSpan]), context).toEqual(atOnce.variables.map((v) => [v.key, v.value, v.keySpan, v.valueSpan]));
  expect(inRounds.references, context).toEqual(atOnce.references);
}

describe('env documents read in rounds', () => {
  for (const kind of ['runpod-env', 'dotenv'] as const) {
    it(`finds what reading the whole ${kind} document first finds, for any round size`, () => {
      fc.assert(
        fc.property(document, fc.constantFrom(1, 2, 3, 7, 1024), (text, roundSize) => expectSame(text, kind, roundSize)),
        { numRuns: 400 },
      );
    });
  }

  it('lists the same first problems of each code, and the same notes, past the cap of listed problems', () => {
    // Every line a problem of some code, several codes past the cap, and a duplicate of every key.
    const lines: string[] = [];
    for (let i = 0; i < MAX_LISTED_PROBLEMS + 300; i++) lines.push(`1BAD_${i}=x`, `K_${i % 700}={{RUNPOD_SECRET_nope}}`, `NO EQUALS ${i}`, `Q_${i}="x" trailing`);
    const text = lines.join('\n');
    for (const roundSize of [1, 1024, 5000]) expectSame(text, 'runpod-env', roundSize);
    const problems = analyze(text, 'runpod-env', CATALOG).problems;
    // The file truly is past the cap: notes say how many of a code were not listed.
    expect(problems.filter((p) => p.code === 'too-many-problems').length).toBeGreaterThan(2);
  });

  // Every kind read in rounds (the JSON kinds: jsonRounds.test.ts).
  it.each([
    ['runpod-env', 'A=1\nB={{ RUNPOD_SECRET_nope }}\nA=2\n'],
    ['runpod-json', '{"env": {"A": "1", "B": "{{ RUNPOD_SECRET_nope }}", "A": "2"}}'],
    ['hub-json', '{"config": {"env": [{"key": "A", "value": "1"}, {"key": "B", "value": "{{ RUNPOD_SECRET_nope }}"}, {"key": "A", "value": "2"}]}}'],
  ] as const)('is what analyze() gives a %s document within the limits, and past the count analyze() cuts it as before', (kind, text) => {
    expect(analyze(text, kind, CATALOG).problems).toEqual(analyzeInRounds(text, kind, CATALOG, Infinity)!.problems);
    expect(analyzeInRounds(text, kind, CATALOG, 2)).toBeUndefined();
    const cut = analyze(text, kind, CATALOG, { size: 1 << 20, entries: 2 });
    expect(cut.problems.map((p) => p.code)).toContain('file-too-large');
    expect(cut).toEqual(analyzeAtOnce(text, kind, CATALOG, { size: 1 << 20, entries: 2 }));
  });
});
