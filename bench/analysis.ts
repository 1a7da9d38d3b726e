/** Full-document analysis time beside `dotenv.parse` on the same text, in one process. */
import { parse } from 'dotenv';
import { analyze } from '../server/src/template/index';
import type { SecretCatalog } from '../server/src/template/types';
import { BENCH_SECRETS } from './generate';

/** Summary of one contender's timed runs, in milliseconds. */
export interface Timing {
  median: number;
  p10: number;
  p90: number;
}

export interface AnalysisFigures {
  lines: number;
  bytes: number;
  /** Timed runs per contender. */
  runs: number;
  analyze: Timing;
  dotenv: Timing;
  /** Medians of a few runs each made right after a forced full GC (same treatment for both). */
  afterGc: { analyze: number; dotenv: number } | undefined;
  problems: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
}

function summarise(values: number[]): Timing {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p10: quantile(sorted, 0.1), p90: quantile(sorted, 0.9) };
}

function time(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export interface AnalysisPlan {
  /** Untimed runs of each contender first (at least this many, and at least one second). */
  warmup: number;
  /** At least this many timed runs of each... */
  minRuns: number;
  /** ...and more until this much time has passed (capped at `maxRuns`). */
  seconds: number;
  maxRuns: number;
  /** Timed runs of each right after a forced GC (0 to skip). */
  afterGcRuns: number;
}

/**
 * Steady state, which is what a language server lives in: after a warm-up (the JIT has optimised
 * both parsers; the first runs of either are several times slower), many timed runs with no forced
 * GC, each contender paying for its own garbage as it goes. Runs alternate in pairs whose order
 * flips every pair (A B, B A, ...) so neither always runs right after the other's garbage, and both
 * see the same machine load. Median and p10 reported for both.
 *
 * Separately, a few runs each right after a forced full GC (`gc()` before every run of both), to
 * show the cost of starting from a just-collected heap.
 */
export function measureAnalysis(text: string, lines: number, plan: AnalysisPlan): AnalysisFigures {
  const catalog: SecretCatalog = { state: 'fresh', secrets: BENCH_SECRETS };
  const ours = (): unknown => analyze(text, 'runpod-env', catalog);
  const theirs = (): unknown => parse(text);
  let problems = 0;
  const warmStart = Date.now();
  for (let i = 0; i < plan.warmup || Date.now() - warmStart < 1000; i++) {
    problems = analyze(text, 'runpod-env', catalog).problems.length;
    theirs();
  }
  const a: number[] = [];
  const d: number[] = [];
  const start = Date.now();
  for (let i = 0; i < plan.maxRuns && (i < plan.minRuns || Date.now() - start < plan.seconds * 1000); i++) {
    if (i % 2 === 0) {
      a.push(time(ours));
      d.push(time(theirs));
    } else {
      d.push(time(theirs));
      a.push(time(ours));
    }
  }
  let afterGc: AnalysisFigures['afterGc'];
  if (gc && plan.afterGcRuns > 0) {
    const ga: number[] = [];
    const gd: number[] = [];
    for (let i = 0; i < plan.afterGcRuns; i++) {
      gc();
      ga.push(time(ours));
      gc();
      gd.push(time(theirs));
    }
    afterGc = { analyze: summarise(ga).median, dotenv: summarise(gd).median };
  }
  return { lines, bytes: Buffer.byteLength(text), runs: a.length, analyze: summarise(a), dotenv: summarise(d), afterGc, problems };
}
