/**
 * `npm run bench`: analysis vs dotenv.parse and keystroke-to-diagnostics latency on generated env
 * files of 1,000 / 10,000 / 100,000 lines. Prints a table and writes BENCHMARKS.md (unless
 * `--no-write`). Run counts are chosen so the whole run stays well under three minutes.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { ensureServerBuilt, ROOT } from '../test/protocol/lspClient';
import { measureAnalysis, type AnalysisFigures } from './analysis';
import { generateEnvFile } from './generate';
import { measureLatency, type LatencyFigures } from './latency';

const PLAN = [
  { lines: 1_000, runs: 40, warmup: 20, keystrokes: 200, keyWarmup: 40 },
  { lines: 10_000, runs: 20, warmup: 10, keystrokes: 200, keyWarmup: 40 },
  { lines: 100_000, runs: 7, warmup: 3, keystrokes: 40, keyWarmup: 10 },
];

const ANALYSIS_TARGET = 0.5; // at most half of dotenv.parse at 10k lines
const LATENCY_TARGET_MS = 10; // p95 at 10k lines

const f = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

async function main(): Promise<void> {
  const began = Date.now();
  const loadBefore = loadavg()[0]!;
  ensureServerBuilt();
  const analysis: AnalysisFigures[] = [];
  const latency: LatencyFigures[] = [];
  for (const step of PLAN) {
    const text = generateEnvFile(step.lines);
    analysis.push(measureAnalysis(text, step.lines, step.runs, step.warmup));
    process.stdout.write(`analysed ${step.lines} lines\n`);
  }
  for (const step of PLAN) {
    const text = generateEnvFile(step.lines);
    latency.push(await measureLatency(text, step.lines, step.keystrokes, step.keyWarmup));
    process.stdout.write(`typed into ${step.lines} lines\n`);
  }

  const analysisTable = [
    '| lines | size | analyze() median | dotenv.parse median | ratio (analyze / dotenv) | problems found |',
    '|---:|---:|---:|---:|---:|---:|',
    ...analysis.map(
      (a) =>
        `| ${a.lines.toLocaleString('en-US')} | ${(a.bytes / 1024).toFixed(0)} KiB | ${f(a.analyzeMs)} ms | ${f(a.dotenvMs)} ms | ${(a.analyzeMs / a.dotenvMs).toFixed(2)}x | ${a.problems} |`,
    ),
  ].join('\n');
  const latencyTable = [
    '| lines | keystrokes | p50 | p95 | max | diagnostics per answer |',
    '|---:|---:|---:|---:|---:|---:|',
    ...latency.map((l) => `| ${l.lines.toLocaleString('en-US')} | ${l.keystrokes} | ${f(l.p50)} ms | ${f(l.p95)} ms | ${f(l.max)} ms | ${l.diagnostics} |`),
  ].join('\n');

  const tenKAnalysis = analysis.find((a) => a.lines === 10_000)!;
  const tenKLatency = latency.find((l) => l.lines === 10_000)!;
  const ratio = tenKAnalysis.analyzeMs / tenKAnalysis.dotenvMs;
  const verdict = [
    `- Analysis at 10,000 lines: ${ratio.toFixed(2)}x dotenv.parse (target <= ${ANALYSIS_TARGET}x): ${ratio <= ANALYSIS_TARGET ? 'met' : 'NOT met'}.`,
    `- Keystroke-to-diagnostics p95 at 10,000 lines: ${f(tenKLatency.p95)} ms (target < ${LATENCY_TARGET_MS} ms): ${tenKLatency.p95 < LATENCY_TARGET_MS ? 'met' : 'NOT met'}.`,
  ].join('\n');

  const cpu = cpus();
  const machine = `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}`;
  const date = new Date().toISOString().slice(0, 10);
  const seconds = ((Date.now() - began) / 1000).toFixed(0);
  const load = `load average ${loadBefore.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end`;

  console.log(`\nFull analysis vs dotenv.parse (median after warm-up)\n${analysisTable}\n`);
  console.log(`Keystroke-to-diagnostics over stdio, incremental sync, pull diagnostics\n${latencyTable}\n`);
  console.log(`${verdict}\n\nMachine: ${machine}; ${load}. Bench took ${seconds} s.`);

  if (!process.argv.includes('--no-write')) {
    const doc = `# Benchmarks

Measured by \`npm run bench\` on ${date}, ${machine}; ${load} (a load above 2 means other
processes competed for the two cores). Figures are what one run measured, not best-of.

Generated env files (bench/generate.ts): comments, blank lines, \`export\`, quoted and multi-line
escaped values, paths, ports, model names, canonical secret references and references embedded in
URLs; unique keys.

## Full analysis beside dotenv.parse

\`analyze()\` (the whole pure core: parse, references, every rule, against a secret list) beside
\`dotenv.parse\` (dotenv 17) on the same text, alternating runs in one process, median after warm-up.
dotenv only parses; analyze also validates.

${analysisTable}

## Keystroke to diagnostics

A real stdio connection to \`dist/server.js\`: one character typed into a value in the middle of the
file (incremental \`didChange\`), then \`textDocument/diagnostic\`; time from sending the change to
receiving the full report (JSON-RPC encode, pipe, re-analysis of the whole document, conversion to
LSP ranges, answer).

${latencyTable}

## Targets

${verdict}
`;
    writeFileSync(join(ROOT, 'BENCHMARKS.md'), doc);
    console.log('Wrote BENCHMARKS.md');
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
