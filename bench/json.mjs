// JSON formats in `npm run bench`: a `.runpod/hub.json` with 1,000 env entries analyzed by the
// whole core (jsonc-parser walk, references, every hub rule) beside JSON.parse of the same text.
// Bundles the core with esbuild (it is TypeScript) and measures in this process.
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TARGET = 5; // analysis within 5x JSON.parse

/** A realistic Hub listing: inputs with defaults, references (some misspelt), plain values. */
export function generateHubJson(entries) {
  const env = [];
  for (let i = 0; i < entries; i++) {
    const key = `VAR_${i}`;
    switch (i % 5) {
      case 0:
        env.push({ key, value: `{{ RUNPOD_SECRET_secret-${i % 40} }}` });
        break;
      case 1:
        env.push({ key, input: { name: `Setting ${i}`, type: 'string', description: `What setting ${i} controls, in a sentence or two.`, default: `model-${i}/variant` } });
        break;
      case 2:
        env.push({ key, value: `postgres://app:{{ RUNPOD_SECRET_db-${i % 7} }}@db:5432/app` });
        break;
      case 3:
        env.push({ key, input: { name: `Count ${i}`, type: 'number', default: i } });
        break;
      default:
        env.push({ key, value: i % 2 ? 'caf\u00e9 "quoted" value' : `/runpod-volume/models/${i}` });
    }
  }
  const hub = {
    title: 'Benchmark worker',
    description: 'Generated for npm run bench',
    type: 'serverless',
    category: 'language',
    config: { runsOn: 'GPU', containerDiskInGb: 20, presets: [{ name: 'Default', defaults: { VAR_1: 'x' } }], env },
  };
  return JSON.stringify(hub, null, 2);
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Runs the JSON benchmark.
 * @returns the figures and a Markdown section for BENCHMARKS.md
 */
export async function runJsonBench({ entries = 1000, runs = 60, warmup = 30 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'runpod-bench-json-'));
  try {
    const outfile = join(dir, 'core.cjs');
    await esbuild.build({ entryPoints: ['server/src/template/index.ts'], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, logLevel: 'warning', mainFields: ['module', 'main'] });
    const core = createRequire(import.meta.url)(outfile);
    const catalog = { state: 'fresh', secrets: Array.from({ length: 40 }, (_, i) => ({ name: `secret-${i}` })), fetchedAt: '2026-01-01T00:00:00Z' };
    const text = generateHubJson(entries);
    const analyzeTimes = [];
    const parseTimes = [];
    let problems = 0;
    for (let r = 0; r < warmup + runs; r++) {
      // Alternate, so both see the same machine state.
      let t = process.hrtime.bigint();
      JSON.parse(text);
      const parseMs = Number(process.hrtime.bigint() - t) / 1e6;
      t = process.hrtime.bigint();
      const a = core.analyze(text, 'hub-json', catalog);
      const analyzeMs = Number(process.hrtime.bigint() - t) / 1e6;
      problems = a.problems.length;
      if (r >= warmup) {
        parseTimes.push(parseMs);
        analyzeTimes.push(analyzeMs);
      }
    }
    const analyzeMs = median(analyzeTimes);
    const parseMs = median(parseTimes);
    const ratio = analyzeMs / parseMs;
    const f = (ms) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
    const table = [
      '| file | entries | size | analyze() median | JSON.parse median | ratio | problems found |',
      '|---|---:|---:|---:|---:|---:|---:|',
      `| .runpod/hub.json | ${entries.toLocaleString('en-US')} | ${(text.length / 1024).toFixed(0)} KiB | ${f(analyzeMs)} ms | ${f(parseMs)} ms | ${ratio.toFixed(2)}x | ${problems} |`,
    ].join('\n');
    const verdict = `- hub.json analysis: ${ratio.toFixed(2)}x JSON.parse (target <= ${TARGET}x): ${ratio <= TARGET ? 'met' : 'NOT met'}.`;
    const markdown = `
## JSON formats beside JSON.parse

A generated \`.runpod/hub.json\` (bench/json.mjs: inputs with defaults, whole and embedded references,
escaped strings, numbers) analyzed by \`analyze(text, 'hub-json')\` (jsonc-parser walk, references,
every Hub rule) beside \`JSON.parse\` of the same text; alternating runs, median of ${runs} after ${warmup} warm-up runs.

${table}

${verdict}
`;
    return { analyzeMs, parseMs, ratio, table, verdict, markdown };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node bench/json.mjs` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runJsonBench();
  console.log(`${r.table}\n\n${r.verdict}`);
}
