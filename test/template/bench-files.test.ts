/**
 * The analysis must not change while it is made faster: the generated files `npm run bench`
 * measures give the same problems, code by code, as when the figures in BENCHMARKS.md were taken.
 */
import { describe, expect, it } from 'vitest';
import { BENCH_SECRETS, generateEnvFile } from '../../bench/generate';
import { analyze } from '../../server/src/template';

function countsByCode(lines: number): Record<string, number> {
  const { problems } = analyze(generateEnvFile(lines), 'runpod-env', { state: 'fresh', secrets: BENCH_SECRETS });
  const counts: Record<string, number> = {};
  for (const p of problems) counts[p.code] = (counts[p.code] ?? 0) + 1;
  return counts;
}

describe('analysis of the bench files', () => {
  it.each([
    [1_000, { 'unknown-secret': 36, 'embedded-reference': 46, 'too-many-variables': 1 }], // 83
    [10_000, { 'unknown-secret': 350, 'embedded-reference': 478, 'too-many-variables': 1 }], // 829
    [100_000, { 'unknown-secret': 3466, 'embedded-reference': 4843, 'too-many-variables': 1 }], // 8310
  ])('%i lines: the same problems as the benchmarked runs', (lines, expected) => {
    expect(countsByCode(lines)).toEqual(expected);
  });
});
