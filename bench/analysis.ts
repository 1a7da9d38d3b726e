/** Full-document analysis time beside `dotenv.parse` on the same text, in one process. */
import { parse } from 'dotenv';
import { analyze } from '../server/src/template/index';
import type { SecretCatalog } from '../server/src/template/types';
import { BENCH_SECRETS } from './generate';

export interface AnalysisFigures {
  lines: number;
  bytes: number;
  analyzeMs: number;
  dotenvMs: number;
  problems: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function time(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Median of `runs` timed runs after a warm-up (at least `warmup` runs and one second, so the JIT has
 * optimised both parsers: the first runs of either are several times slower), alternating the two contenders so both
 * see the same machine load; a GC before each run keeps one's garbage off the other's clock.
 */
export function measureAnalysis(text: string, lines: number, runs: number, warmup = 10): AnalysisFigures {
  const catalog: SecretCatalog = { state: 'fresh', secrets: BENCH_SECRETS };
  let problems = 0;
  const warmStart = Date.now();
  for (let i = 0; i < warmup || Date.now() - warmStart < 1000; i++) {
    problems = analyze(text, 'runpod-env', catalog).problems.length;
    parse(text);
  }
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc?.();
    ours.push(time(() => analyze(text, 'runpod-env', catalog)));
    gc?.();
    theirs.push(time(() => parse(text)));
  }
  return { lines, bytes: Buffer.byteLength(text), analyzeMs: median(ours), dotenvMs: median(theirs), problems };
}
