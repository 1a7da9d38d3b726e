/**
 * The credential part of `npm run bench` (issue 15): hardcoded-credential beside secretlint's
 * recommended preset on the same labelled corpus (test/template/credentials-corpus), in the same
 * run: precision and recall per category, the time each takes for the corpus as one file, and the
 * rule's cost on adversarial values of 100 KB and 1 MB beside one pass over them. Prints the tables
 * and appends a section to BENCHMARKS.md when the run writes it.
 */
import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { analyze, type SecretCatalog } from '../server/src/template';
import { detectCredential } from '../server/src/template/rules/credentials';
import { buildCorpus, formatScores, scoreCorpus, type CorpusLine, type Report } from '../test/template/credentials-corpus';
import { adversarialValues } from '../test/template/credentials-corpus/adversarial';
import { ROOT } from '../test/protocol/lspClient';

const NO_CATALOG: SecretCatalog = { state: 'unknown', secrets: [] };
const SECRETLINT: Parameters<typeof lintSource>[0]['options']['config'] = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] };
/** A name secretlint's rules treat as an ordinary text file (some rules look at the extension). */
const FILE_PATH = 'template.runpod.env';

function ours(text: string): Report[] {
  return analyze(text, 'runpod-env', NO_CATALOG).problems.filter((p) => p.code === 'hardcoded-credential').map((p) => p.span);
}

async function secretlint(text: string): Promise<Report[]> {
  const result = await lintSource({ source: { filePath: FILE_PATH, content: text, contentType: 'text' }, options: { config: SECRETLINT, maskSecrets: true } });
  return result.messages.map((m) => ({ start: m.range[0], end: m.range[1] }));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** CPU time of this process in milliseconds: unlike the wall clock, not inflated while other processes hold the cores. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Median CPU milliseconds of `runs` calls after `warmup` calls. */
async function timeIt(runs: number, warmup: number, f: () => unknown): Promise<number> {
  for (let i = 0; i < warmup; i++) await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = cpuMs();
    await f();
    times.push(cpuMs() - t);
  }
  return median(times);
}

/** One pass over the value reading every character: the cost the rule is compared with. */
function onePass(value: string): number {
  let sum = 0;
  for (let i = 0; i < value.length; i++) sum += value.charCodeAt(i);
  return sum;
}

const KB100 = 100 * 1024;
const MB = 1024 * 1024;
const f = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

/** A flat copy: `repeat` and `slice` build rope strings that the first read would flatten on the clock. */
const flat = (s: string): string => Buffer.from(s, 'latin1').toString('latin1');

async function linearity(): Promise<string> {
  const small = adversarialValues(KB100).map(([name, v]) => [name, flat(v)] as const);
  const large = adversarialValues(MB).map(([name, v]) => [name, flat(v)] as const);
  const rows: string[] = [];
  for (let i = 0; i < small.length; i++) {
    const [name, v100] = small[i]!;
    const v1m = large[i]![1];
    const t100 = await timeIt(9, 3, () => detectCredential('API_KEY', v100));
    const t1m = await timeIt(7, 2, () => detectCredential('API_KEY', v1m));
    const pass = await timeIt(9, 3, () => onePass(v1m));
    // Time grows as size^k: k = 1 for a linear detector, 2 for a quadratic one.
    const k = Math.log(t1m / t100) / Math.log(MB / KB100);
    rows.push(`| ${name} | ${f(t100)} ms | ${f(t1m)} ms | ${k.toFixed(2)} | ${(t1m / pass).toFixed(0)}x |`);
  }
  return [
    '| value (repeated unit) | 100 KB | 1 MB | growth exponent | 1 MB / one pass |',
    '|---|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

/**
 * Runs the credential benchmark, prints its tables, and appends its section to BENCHMARKS.md when
 * the process ends normally (after bench/main.ts has rewritten the file). Skipped with `--only=`.
 */
export async function runCredentialBench(): Promise<void> {
  if (process.argv.some((a) => a.startsWith('--only='))) return;
  const loadBefore = loadavg()[0]!;
  const corpus = buildCorpus();
  const lintReports = new Map<CorpusLine, Report[]>();
  for (const l of corpus) lintReports.set(l, await secretlint(l.text));
  const ourScores = scoreCorpus(corpus, (l) => ours(l.text));
  const lintScores = scoreCorpus(corpus, (l) => lintReports.get(l)!);
  const table = formatScores([
    ['rule', ourScores],
    ['secretlint', lintScores],
  ]);
  const positives = corpus.filter((l) => l.positive).length;

  // The corpus as one file: what each costs per file of about 500 lines.
  const file = corpus.map((l) => l.text).join('\n');
  const ourMs = await timeIt(50, 20, () => ours(file));
  const pairs = analyze(file, 'runpod-env', NO_CATALOG).variables.map((v) => [v.key, v.value] as const);
  const ruleMs = await timeIt(50, 20, () => pairs.map(([k, v]) => detectCredential(k, v)));
  const lintMs = await timeIt(30, 10, () => secretlint(file));
  const speed = `The corpus as one file (${corpus.length} lines, ${(file.length / 1024).toFixed(0)} KiB), median CPU time of repeated runs: \`analyze()\` (every rule) ${f(ourMs)} ms; \`detectCredential\` called on every value without the rule's pre-checks (as Launch Pod calls it) ${f(ruleMs)} ms; secretlint's \`lintSource\` with the recommended preset ${f(lintMs)} ms (${(lintMs / ourMs).toFixed(1)}x \`analyze()\`). A file this dense in credentials is the rule's worst case.`;
  const f1 = (s: { recall: number; precision: number }): string => ((2 * s.recall * s.precision) / (s.recall + s.precision || 1)).toFixed(2);
  const summary = `Overall: the rule finds ${ourScores.overall.truePositives} of ${positives} credentials (recall ${ourScores.overall.recall.toFixed(2)}, precision ${ourScores.overall.precision.toFixed(2)}, F1 ${f1(ourScores.overall)}); secretlint finds ${lintScores.overall.truePositives} (recall ${lintScores.overall.recall.toFixed(2)}, precision ${lintScores.overall.precision.toFixed(2)}, F1 ${f1(lintScores.overall)}).`;
  const linear = await linearity();

  console.log(`\nhardcoded-credential beside secretlint (recommended preset) on the labelled corpus\n${table}\n\n${summary}\n${speed}\n`);
  console.log(`hardcoded-credential on adversarial values (detectCredential, median CPU time)\n${linear}\n`);

  if (process.argv.includes('--no-write')) return;
  const when = `Run on ${new Date().toISOString().slice(0, 10)} with Node ${process.version}; load average ${loadBefore.toFixed(1)} before this part, ${loadavg()[0]!.toFixed(1)} after.`;
  const section = `
## hardcoded-credential beside secretlint

${when}

The labelled corpus of \`test/template/credentials-corpus\` (issue 15), built afresh for this run:
${positives} credentials in their providers' published formats with random parts from the CSPRNG, and
${corpus.length - positives} look-alikes (placeholders, references, hashes, ids, keys public by design,
model names, paths, settings, data). Each line is one env line; a detector scores on a credential only
when it reports the span where the credential is. secretlint 11.7.1 with
\`@secretlint/secretlint-rule-preset-recommend\` runs on the same lines, one line per \`lintSource\` call.
The rule and its corpus were written together, so read the rule's column as a regression guard rather
than an unbiased estimate; secretlint's column is the outside view.

${table}

${summary}

${speed}

### Adversarial values

\`detectCredential\` under a credential-like key (\`API_KEY\`: every signal runs) on values built
to make a backtracking or re-scanning detector quadratic (\`credentials-corpus/adversarial.ts\`),
at 100 KB and 1 MB, median CPU time of the process (the wall clock is inflated whenever other
processes hold the cores, the more so the longer a call runs). The growth exponent k fits
time = size^k between the two sizes: 1 for a linear detector, 2 for a quadratic one (a PEM header
over low-entropy text took 25 s per MB before its body was bounded). The last column compares with
one JavaScript pass that reads every character of the 1 MB value.

${linear}
`;
  process.on('exit', (code) => {
    if (code === 0) appendFileSync(join(ROOT, 'BENCHMARKS.md'), section);
  });
}
