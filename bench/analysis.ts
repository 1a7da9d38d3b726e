/**
 * Full-document analysis time beside a peer parser on the same text, in one process: the core's
 * `analyze()` against `dotenv.parse` (env), `JSON.parse` (JSON) or toml-eslint-parser (TOML, the
 * parser the core used to run).
 */
import { GCProfiler } from 'node:v8';
import { analyze } from '../server/src/template/index';
import type { DocumentKind, SecretCatalog } from '../server/src/template/types';

/** Summary of one contender's timed runs, in milliseconds. */
export interface Timing {
  median: number;
  p10: number;
  p90: number;
}

export interface AnalysisFigures {
  bytes: number;
  /** Timed runs per contender. */
  runs: number;
  /** Wall-clock time of each run. */
  analyze: Timing;
  peer: Timing;
  /**
   * CPU time of the process during each run (every thread, so garbage collection done in the
   * background counts too). Time the process spends waiting for a core while other processes run
   * does not, which makes these the figures to compare on a busy machine.
   */
  analyzeCpu: Timing;
  peerCpu: Timing;
  /**
   * Means per timed run: wall time, and the part of it the thread spent paused in garbage
   * collection (V8's GCProfiler). Wall minus pauses is the work of the code itself (plus GC work
   * other threads do meanwhile), the part that must grow linearly.
   */
  analyzeMean: { wall: number; gcPause: number };
  peerMean: { wall: number; gcPause: number };
  /** Medians of a few runs each made right after a forced full GC (same treatment for both). */
  afterGc: { analyze: number; peer: number } | undefined;
  /** Problems found, by code. */
  problems: Record<string, number>;
}

const gc = (globalThis as { gc?: () => void }).gc;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
}

export function summarise(values: readonly number[]): Timing {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p10: quantile(sorted, 0.1), p90: quantile(sorted, 0.9) };
}

function time(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Wall and CPU milliseconds of one run. */
function timeBoth(fn: () => unknown, wall: number[], cpu: number[]): void {
  const c = process.cpuUsage();
  const start = process.hrtime.bigint();
  fn();
  wall.push(Number(process.hrtime.bigint() - start) / 1e6);
  const used = process.cpuUsage(c);
  cpu.push((used.user + used.system) / 1000);
}

export interface AnalysisPlan {
  /** Untimed runs of each contender first (at least this many, and at least `warmupSeconds`). */
  warmup: number;
  warmupSeconds: number;
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
 * the code; the first runs are several times slower), many timed runs with no forced GC, each
 * paying for its own garbage as it goes. One contender at a time, with a forced GC between them,
 * so neither pays for the other's garbage (toml-eslint-parser leaves about 40 times more than the
 * TOML reader). Time is the process's CPU time, which other processes on the machine do not
 * inflate; wall time is kept beside it. Separately, a few runs of each right after a forced full GC.
 */
export function measureAnalysis(text: string, kind: DocumentKind, catalog: SecretCatalog, peer: (text: string) => unknown, plan: AnalysisPlan, peerPlan = plan): AnalysisFigures {
  const ours = measureOne(() => analyze(text, kind, catalog), plan);
  const theirs = measureOne(() => peer(text), peerPlan);
  let afterGc: AnalysisFigures['afterGc'];
  if (gc && plan.afterGcRuns > 0) {
    const ga: number[] = [];
    const gp: number[] = [];
    for (let i = 0; i < plan.afterGcRuns; i++) {
      gc();
      ga.push(time(() => analyze(text, kind, catalog)));
      gc();
      gp.push(time(() => peer(text)));
    }
    afterGc = { analyze: summarise(ga).median, peer: summarise(gp).median };
  }
  return {
    bytes: Buffer.byteLength(text),
    runs: ours.wall.length,
    analyze: summarise(ours.wall),
    peer: summarise(theirs.wall),
    analyzeCpu: summarise(ours.cpu),
    peerCpu: summarise(theirs.cpu),
    analyzeMean: ours.mean,
    peerMean: theirs.mean,
    afterGc,
    problems: countByCode(text, kind, catalog),
  };
}

/** Warm-up, then timed runs of `fn` alone, after a forced GC; the GC pauses of the timed runs are summed. */
function measureOne(fn: () => unknown, plan: AnalysisPlan): { wall: number[]; cpu: number[]; mean: { wall: number; gcPause: number } } {
  gc?.();
  const warmStart = Date.now();
  for (let i = 0; i < plan.warmup || Date.now() - warmStart < plan.warmupSeconds * 1000; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  const start = Date.now();
  const profiler = new GCProfiler();
  profiler.start();
  for (let i = 0; i < plan.maxRuns && (i < plan.minRuns || Date.now() - start < plan.seconds * 1000); i++) timeBoth(fn, wall, cpu);
  // Costs are in microseconds. The profiler's own work per GC (heap statistics) is tens of microseconds.
  const pauses = profiler.stop().statistics.reduce((sum, s) => sum + s.cost, 0) / 1000;
  return { wall, cpu, mean: { wall: wall.reduce((a, b) => a + b, 0) / wall.length, gcPause: pauses / wall.length } };
}

/** Problems of `text` by code, in code order: listed ones and the ones a note says were not listed (problemLimit.ts). */
export function countByCode(text: string, kind: DocumentKind, catalog: SecretCatalog): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of analyze(text, kind, catalog).problems) {
    const code = p.data?.notListed?.code ?? p.code;
    counts[code] = (counts[code] ?? 0) + (p.data?.notListed?.count ?? 1);
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
