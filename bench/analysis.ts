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
  /** At least this many timed runs of each, over all the rounds... */
  minRuns: number;
  /** ...and more until this much time has passed (capped at `maxRuns`). */
  seconds: number;
  maxRuns: number;
  /** Timed runs of each right after a forced GC (0 to skip). */
  afterGcRuns: number;
}

/** One size of a format to measure: its text and the plans of the two contenders. */
export interface SizeToMeasure {
  text: string;
  plan: AnalysisPlan;
  peerPlan: AnalysisPlan;
}

/**
 * Rounds: each size of a format is measured in every round, smallest first, so the sizes share
 * the same minutes of the machine. On this host the same code measured up to 2x apart from one
 * minute to the next, and the peers' growth moved with ours (December 2026: env's 10k -> 100k step
 * read 18.8x beside dotenv's 19.5x in one run, when the same steps read near 10x in others): with
 * each size timed at a different minute, a slow minute made one step look super-linear for both.
 */
export const ROUNDS = 5;

/** Timed runs and GC pauses of one contender at one size, gathered over the rounds. */
interface Samples {
  wall: number[];
  cpu: number[];
  pauses: number;
}

/**
 * Steady state, which is what a language server lives in: after a warm-up (the JIT has optimised
 * the code; the first runs are several times slower), many timed runs with no forced GC, each
 * paying for its own garbage as it goes. The sizes are measured in {@link ROUNDS} interleaved
 * rounds, each round a share of every size's plan, with a forced GC and one untimed run before
 * each batch (the batch starts as the steady state goes on). First all of our rounds, then all of
 * the peer's: toml-eslint-parser leaves about 40 times more garbage than the TOML reader, and
 * V8's threads were still sweeping it after the forced GC (a 1,000-variable analysis measured 6.9
 * ms of CPU after its 100,000-variable batch, 0.7 ms alone). Time is
 * the process's CPU time, which other processes on the machine do not inflate; wall time is kept
 * beside it. Separately, a few runs of each right after a forced full GC.
 */
export function measureSizes(sizes: readonly SizeToMeasure[], kind: DocumentKind, catalog: SecretCatalog, peer: (text: string) => unknown): AnalysisFigures[] {
  const ours = sizes.map(({ text }) => () => analyze(text, kind, catalog));
  const theirs = sizes.map(({ text }) => () => peer(text));
  sizes.forEach((size, i) => {
    warmUp(ours[i]!, size.plan);
    warmUp(theirs[i]!, size.peerPlan);
  });
  const oursSamples = sizes.map((): Samples => ({ wall: [], cpu: [], pauses: 0 }));
  const theirSamples = sizes.map((): Samples => ({ wall: [], cpu: [], pauses: 0 }));
  for (let round = 0; round < ROUNDS; round++) sizes.forEach((size, i) => batch(ours[i]!, shareOf(size.plan), oursSamples[i]!));
  for (let round = 0; round < ROUNDS; round++) sizes.forEach((size, i) => batch(theirs[i]!, shareOf(size.peerPlan), theirSamples[i]!));
  return sizes.map((size, i) => {
    const a = oursSamples[i]!;
    const b = theirSamples[i]!;
    let afterGc: AnalysisFigures['afterGc'];
    if (gc && size.plan.afterGcRuns > 0) {
      const ga: number[] = [];
      const gp: number[] = [];
      for (let r = 0; r < size.plan.afterGcRuns; r++) {
        gc();
        ga.push(time(ours[i]!));
        gc();
        gp.push(time(theirs[i]!));
      }
      afterGc = { analyze: summarise(ga).median, peer: summarise(gp).median };
    }
    return {
      bytes: Buffer.byteLength(size.text),
      runs: a.wall.length,
      analyze: summarise(a.wall),
      peer: summarise(b.wall),
      analyzeCpu: summarise(a.cpu),
      peerCpu: summarise(b.cpu),
      analyzeMean: meanOf(a),
      peerMean: meanOf(b),
      afterGc,
      problems: countByCode(size.text, kind, catalog),
    };
  });
}

/** What one round takes of a plan: its share of the runs and of the time (at least one run). */
function shareOf(plan: AnalysisPlan): { minRuns: number; seconds: number; maxRuns: number } {
  return { minRuns: Math.max(1, Math.ceil(plan.minRuns / ROUNDS)), seconds: plan.seconds / ROUNDS, maxRuns: Math.max(1, Math.floor(plan.maxRuns / ROUNDS)) };
}

function warmUp(fn: () => unknown, plan: AnalysisPlan): void {
  gc?.();
  const warmStart = Date.now();
  for (let i = 0; i < plan.warmup || Date.now() - warmStart < plan.warmupSeconds * 1000; i++) fn();
}

/** A forced GC, one untimed run, then timed runs of `fn` alone; their GC pauses are summed. */
function batch(fn: () => unknown, share: { minRuns: number; seconds: number; maxRuns: number }, into: Samples): void {
  gc?.();
  fn();
  const start = Date.now();
  const profiler = new GCProfiler();
  profiler.start();
  for (let i = 0; i < share.maxRuns && (i < share.minRuns || Date.now() - start < share.seconds * 1000); i++) timeBoth(fn, into.wall, into.cpu);
  // Costs are in microseconds. The profiler's own work per GC (heap statistics) is tens of microseconds.
  into.pauses += profiler.stop().statistics.reduce((sum, s) => sum + s.cost, 0) / 1000;
}

function meanOf(s: Samples): { wall: number; gcPause: number } {
  return { wall: s.wall.reduce((a, b) => a + b, 0) / s.wall.length, gcPause: s.pauses / s.wall.length };
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
