/**
 * A runpod.toml read and judged in rounds of variables, as an env document is (roundsAnalysis.ts, which
 * says why): what analyze() does for a runpod.toml within the limits. The reader hands over each
 * round's `[project.env_vars]` strings with the syntax problems found in its statements; the
 * statement rules judge them then, and the key rules judge every key at the end from its offsets
 * (or its string, for a quoted or escaped key).
 *
 * At 100,000 generated variables, reading everything first kept 29 MB of variables and 9 MB of
 * references alive while the rules ran (BENCHMARKS.md, "A large file in the server").
 *
 * What would need the whole reading falls back to analyze()'s reading at once: a document past the
 * count (analyze() cuts it) only. The TOML reader drops no variable it read (a repeated key is a
 * syntax error, and both values stay variables for the key rules), so nothing else does.
 */
import { KeyOffsets } from './keyOffsets';
import { judgeKeys, judgeStatements, STATEMENTS_PER_ROUND } from './roundsAnalysis';
import { LimitedProblems } from './problemLimit';
import { readRunpodTomlInRounds } from './readers/toml';
import { statementRulesFor } from './rules';
import type { Analysis, SecretCatalog } from './types';

/**
 * analyze() of a whole runpod.toml, read in rounds (of at least `roundSize` variables, ending
 * between statements: tests use small ones); undefined when it holds more than `maxEntries`
 * entries (analyze() then cuts it). The problems are exactly those of reading everything first (a
 * property test compares both); the variables and references are read when first asked for.
 */
export function analyzeTomlInRounds(text: string, catalog: SecretCatalog, maxEntries: number, roundSize = STATEMENTS_PER_ROUND): Analysis | undefined {
  const kind = 'runpod-toml';
  const keys = new KeyOffsets();
  // Each rule pushes a code's problems in document order, round after round, as analyze()'s do.
  const sink = new LimitedProblems();
  const rules = statementRulesFor(kind);
  const whole = readRunpodTomlInRounds(text, maxEntries, {
    size: roundSize,
    judge(variables, syntax) {
      for (const variable of variables) keys.pushKeyOf(variable, text);
      judgeStatements(text, kind, catalog, variables, syntax, sink, rules);
    },
  });
  return whole ? judgeKeys(text, kind, catalog, keys, sink) : undefined;
}
