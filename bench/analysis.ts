/**
 * Full-document analysis time beside a peer parser on the same text, in one process: the core's
 * `analyze()` against `dotenv.parse` (env), `JSON.parse` (JSON) or toml-eslint-parser (TOML, the
 * parser the core used to run).
 */
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
 * both; the first runs of either are several times slower), many timed runs with no forced GC,
 * each contender paying for its own garbage as it goes. Runs alternate in pairs whose order flips
 * every pair (A B, B A, ...) so neither always runs right after the other's garbage, and both see
 * the same machine load. Separately, a few runs each right after a forced full GC.
 */
export function measureAnalysis(text: string, kind: DocumentKind, catalog: SecretCatalog, peer: (text: string) => unknown, plan: AnalysisPlan): AnalysisFigures {
  const ours = (): unknown => analyze(text, kind, catalog);
  const theirs = (): unknown => peer(text);
  const warmStart = Date.now();
  for (let i = 0; i < plan.warmup || Date.now() - warmStart < plan.warmupSeconds * 1000; i++) {
    ours();
    theirs();
  }
  const a: number[] = [];
  const p: number[] = [];
  const ac: number[] = [];
  const pc: number[] = [];
  const start = Date.now();
  for (let i = 0; i < plan.maxRuns && (i < plan.minRuns || Date.now() - start < plan.seconds * 1000); i++) {
    if (i % 2 === 0) {
      timeBoth(ours, a, ac);
      timeBoth(theirs, p, pc);
    } else {
      timeBoth(theirs, p, pc);
      timeBoth(ours, a, ac);
    }
  }
  let afterGc: AnalysisFigures['afterGc'];
  if (gc && plan.afterGcRuns > 0) {
    const ga: number[] = [];
    const gp: number[] = [];
    for (let i = 0; i < plan.afterGcRuns; i++) {
      gc();
      ga.push(time(ours));
      gc();
      gp.push(time(theirs));
    }
    afterGc = { analyze: summarise(ga).median, peer: summarise(gp).median };
  }
  return { bytes: Buffer.byteLength(text), runs: a.length, analyze: summarise(a), peer: summarise(p), analyzeCpu: summarise(ac), peerCpu: summarise(pc), afterGc, problems: countByCode(text, kind, catalog) };
}

/** Problems of `text` by code, in code order. */
export function countByCode(text: string, kind: DocumentKind, catalog: SecretCatalog): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of analyze(text, kind, catalog).problems) counts[p.code] = (counts[p.code] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
