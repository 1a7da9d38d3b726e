/**
 * Reading in rounds (server/src/template/roundsAnalysis.ts) gives exactly analyze()'s problems
 * because of two facts about the rules, which the merge of the key rules' problems relies on:
 * - the key rules and the rules that judge one variable at a time never report the same code (so
 *   each sink's cap and its "not listed" count are the whole document's);
 * - no rule after the key rules in analyze()'s order (the credential rule) reports on a key's span
 *   (so putting the key rules' problems after every other problem of their span is their place).
 * Checked here on the benchmark's generated files of every format, which fire every rule.
 */
import { describe, expect, it } from 'vitest';
import { BENCH_SECRETS, generateEnvFile, generateHubJson, generateProblemEnvFile, generateRunpodJson, generateRunpodToml, JSON_BENCH_SECRETS } from '../../bench/generate';
import { readAnalyzed } from '../../server/src/template/analyze';
import { LimitedProblems } from '../../server/src/template/problemLimit';
import { keyRulesFor, rulesFor, statementRulesFor } from '../../server/src/template/rules';
import type { DocumentKind, SecretCatalog } from '../../server/src/template/types';
import { referencesOf } from '../../server/src/template/variableReferences';

const FILES: [DocumentKind, string, SecretCatalog][] = [
  ['runpod-env', generateEnvFile(3_000), { state: 'fresh', secrets: BENCH_SECRETS }],
  ['runpod-env', generateProblemEnvFile(3_000), { state: 'fresh', secrets: BENCH_SECRETS }],
  ['runpod-json', generateRunpodJson(2_000), { state: 'fresh', secrets: JSON_BENCH_SECRETS }],
  ['hub-json', generateHubJson(1_000), { state: 'fresh', secrets: JSON_BENCH_SECRETS }],
  ['runpod-toml', generateRunpodToml(1_000), { state: 'fresh', secrets: JSON_BENCH_SECRETS }],
];

/** The codes `rules` report on `text`, with every problem's span. */
function reported(text: string, kind: DocumentKind, catalog: SecretCatalog, rules: readonly ((ctx: never) => void)[]) {
  const { variables } = readAnalyzed(text, kind);
  const sink = new LimitedProblems(Infinity);
  const ctx = { text, kind, catalog, variables, references: referencesOf(variables), problems: sink };
  for (const rule of rules) (rule as (c: typeof ctx) => void)(ctx);
  return { variables, problems: sink.listed };
}

describe('what reading in rounds relies on', () => {
  for (const [kind, text, catalog] of FILES) {
    it(`${kind}: the key rules and the other rules report different codes, and none after the key rules reports on a key`, () => {
      const keyCodes = new Set(reported(text, kind, catalog, keyRulesFor(kind)).problems.map((p) => p.code));
      const { variables, problems } = reported(text, kind, catalog, statementRulesFor(kind));
      // The rules fire on every file, so the checks below are about something (the key rules too,
      // on all but the Hub listing, whose generated keys are all valid and distinct).
      if (kind !== 'hub-json') expect(keyCodes.size).toBeGreaterThan(0);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.filter((p) => keyCodes.has(p.code)).map((p) => p.code)).toEqual([]);
      const all = rulesFor(kind);
      const after = all.slice(all.findIndex((rule) => keyRulesFor(kind).includes(rule)) + 1);
      const keySpans = new Set(variables.map((v) => `${v.keySpan.start}:${v.keySpan.end}`));
      const onKeys = reported(text, kind, catalog, after).problems.filter((p) => keySpans.has(`${p.span.start}:${p.span.end}`));
      expect(onKeys).toEqual([]);
    });
  }
});
