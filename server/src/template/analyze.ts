/** Analysis: read the document with its kind's reader, find references, run the kind's rules. */
import { LimitedProblems, limitProblems } from './problemLimit';
import { readerFor, type ReadResult } from './readers';
import { analyzeInRounds, byPosition } from './roundsAnalysis';
import { analyzeTomlInRounds } from './tomlRounds';
import { rulesFor } from './rules';
import type { Analysis, DocumentKind, EnvVariable, FoundReference, InputKey, Problem, SecretCatalog } from './types';
import { DEFAULT_SEVERITY, isEnvKind } from './types';
import { bytesInWords, count } from './counts';
import { flatReferences, referencesOf } from './variableReferences';

/**
 * The most text a document is analysed for, in characters (UTF-16 units, about bytes for ASCII):
 * 16 MiB. Real RunPod files are a few kilobytes (a Pod takes 50 variables); a generated or pasted
 * file past this size is checked up to the start of the line holding the limit, and one
 * `file-too-large` problem says where checking stopped. Everything up to the limit stays linear in
 * time and bounded in memory (BENCHMARKS.md), so the editor never waits long on a file it was
 * never meant to hold.
 */
export const ANALYSIS_LIMIT = 16 * 1024 * 1024;

/**
 * The most entries a document is analysed for: what a reader keeps one object (and the editor one
 * line table entry, the incremental analysis one statement) for. An env variable or an env line
 * reported without one (no `=`), a `*.runpod.json` env key, a hub.json / tests.json env entry, a
 * runpod.toml key/value or table header. Past it, checking stops where the next entry starts, and
 * one `file-too-large` problem says so.
 *
 * Why a count as well as a size: memory follows the entries, not the bytes. 16 MiB of `A=1` lines
 * is 4.2 million variables, and the server peaked at 1.6 GB (107 times the file) analysing it; at
 * this cap it reads 400,000 of them. Why 400,000: every large file of the benchmark stays whole
 * (390,000 generated env lines hold 337,139 entries, the largest JSON 256,000 keys, the largest
 * TOML 300,000 variables, and 16 MiB of the generated env file 343,427 entries, so its cut stays
 * the size's), and a file of the shortest lines past it stays far under 20 times its size in
 * memory (BENCHMARKS.md, "A large file in the server").
 */
export const MAX_ANALYZED_ENTRIES = 400_000;

/** Where analysis stops: at most `size` characters and `entries` entries (tests use small ones). */
export interface AnalysisLimits {
  readonly size: number;
  readonly entries: number;
}
export const ANALYSIS_LIMITS: AnalysisLimits = { size: ANALYSIS_LIMIT, entries: MAX_ANALYZED_ENTRIES };

/** The limits in words, for the messages and help texts that name them (`16 MiB of text`, `400,000 entries`). */
export function sizeLimitText(limits: AnalysisLimits = ANALYSIS_LIMITS): string {
  return `${bytesInWords(limits.size)} of text`;
}
export function countLimitText(limits: AnalysisLimits = ANALYSIS_LIMITS): string {
  return count(limits.entries, 'entry', 'entries');
}

/** Where analysis stopped before the end, and which limit stopped it. */
export interface AnalysisCut {
  at: number;
  by: 'size' | 'count';
}

/** Whether a text of `length` characters is read whole (else it is cut at {@link sizeEnd}). */
export function isWithinSize(length: number, limits: AnalysisLimits = ANALYSIS_LIMITS): boolean {
  return length <= limits.size;
}

/**
 * Where the size limit stops the analysis of `text`: its end, or the start of the line that holds
 * the limit. The count is the readers' to apply (only they know what an entry is): {@link readAnalyzed}.
 */
export function sizeEnd(text: string, limits: AnalysisLimits = ANALYSIS_LIMITS): number {
  if (isWithinSize(text.length, limits)) return text.length;
  let end = limits.size;
  while (end > 0 && text.charCodeAt(end - 1) !== 10 && text.charCodeAt(end - 1) !== 13) end--;
  return end;
}

/**
 * The one place a document's reading is cut: `text` read by its kind's reader up to the size
 * limit and at most `limits.entries` entries, and where (and why) reading stopped before the end.
 * @param wholeLength the size of the whole file when `text` is only its start (the workspace index
 *   reads a file past the size limit only up to it): the reading then stops at the end of `text`
 */
export function readAnalyzed(text: string, kind: DocumentKind, limits: AnalysisLimits = ANALYSIS_LIMITS, wholeLength = text.length): ReadResult & { cut?: AnalysisCut } {
  const end = sizeEnd(text, limits);
  const read = readerFor(kind)(text, end, limits.entries);
  if (read.countReached) return { ...read, cut: { at: read.stoppedAt!, by: 'count' } };
  const stopped = read.stoppedAt ?? end;
  return stopped < Math.max(text.length, wholeLength) ? { ...read, cut: { at: stopped, by: 'size' } } : read;
}

/**
 * Whether an env document may hold more entries than the count: it has at least as many line
 * breaks (LF) as the count allows entries, and an entry starts a line. A hint of which reading to
 * try first (a file of lone CRs past the count is found so by the reading itself); one native
 * search per line, stopping at the count.
 */
export function mayBePastCount(text: string, limits: AnalysisLimits = ANALYSIS_LIMITS): boolean {
  let at = -1;
  for (let i = 0; i < limits.entries; i++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return false;
  }
  return true;
}

/**
 * Analyzes a whole document in one pass.
 * @param limits the analysis limits; tests use small ones
 * @param wholeLength see {@link readAnalyzed}
 * @returns variables, references (as `FoundReference`s) and problems sorted by position
 */
export function analyze(text: string, kind: DocumentKind, catalog: SecretCatalog, limits: AnalysisLimits = ANALYSIS_LIMITS, wholeLength = text.length): Analysis {
  // A document within the size is read in rounds (roundsAnalysis.ts, tomlRounds.ts: linear in its
  // length); past the count, or where rounds cannot give the same answer cheaply, it is read at once below.
  // An env document of as many lines as the count is read at once: reading in rounds would only
  // find out at the count that it must be cut, and then it is read again (the server's large files).
  if (isWithinSize(text.length, limits) && wholeLength <= text.length && !(isEnvKind(kind) && mayBePastCount(text, limits))) {
    const inRounds = kind === 'runpod-toml' ? analyzeTomlInRounds(text, catalog, limits.entries) : analyzeInRounds(text, kind, catalog, limits.entries);
    if (inRounds) return inRounds;
  }
  return analyzeAtOnce(text, kind, catalog, limits, wholeLength);
}

/**
 * {@link analyze} by reading the whole document first, then running the rules over all of it: for
 * a document past a limit, of a kind not read in rounds, or one the rounds turn back
 * (roundsAnalysis.ts analyzeInRounds), and for the tests that hold the rounds to it.
 */
export function analyzeAtOnce(text: string, kind: DocumentKind, catalog: SecretCatalog, limits: AnalysisLimits = ANALYSIS_LIMITS, wholeLength = text.length): Analysis {
  const read = readAnalyzed(text, kind, limits, wholeLength);
  const references = referencesOf(read.variables);
  const sink = new LimitedProblems();
  // dotenv is VS Code's language: we add reference checks but never judge its syntax.
  if (kind !== 'dotenv') for (const problem of read.problems) sink.push(problem);
  const ctx = { text, kind, catalog, variables: read.variables, references, problems: sink };
  for (const rule of rulesFor(kind)) rule(ctx);
  if (read.cut) sink.push(tooLarge(text, read.cut, limits, Math.max(text.length, wholeLength)));
  const problems = limitProblems(sink.listed.sort(byPosition), sink.omitted);
  return { kind, variables: read.variables, references: flatReferences(references), inputKeys: read.inputKeys, problems };
}

/** The one problem of a document cut by `cut`: on the first line (or entry) not checked, saying which limit cut it. */
function tooLarge(text: string, cut: AnalysisCut, limits: AnalysisLimits, wholeLength: number): Problem {
  const end = cut.at;
  let lineEnd = end;
  while (lineEnd < text.length && lineEnd < end + 200 && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
  // A file just past the limit rounds to the limit's own words ("holds 16 MiB ... at most 16 MiB"): say "more than".
  const held = bytesInWords(wholeLength) === bytesInWords(limits.size) ? `more than ${sizeLimitText(limits)}` : `${bytesInWords(wholeLength)} of text`;
  const why =
    cut.by === 'size'
      ? `this file holds ${held}, and RunPod checks read at most ${sizeLimitText(limits)}`
      : `this file holds more than ${countLimitText(limits)} (variables, keys, and lines reported without one), and RunPod checks read at most that many`;
  return {
    code: 'file-too-large',
    span: { start: end, end: Math.max(lineEnd, end + (end < text.length ? 1 : 0)) },
    message: `Not checked from here on: ${why} so the editor stays responsive. Split the file to have the rest checked.`,
    severity: DEFAULT_SEVERITY['file-too-large'],
  };
}

/**
 * Variables and their references, without the rules (hover, completion, the workspace index), and
 * whether reading stopped before the end (`cut`, from {@link readAnalyzed}: what {@link stoppedEarly}
 * says of a whole analysis).
 * @param wholeLength see {@link readAnalyzed}
 */
export function analyzeReferences(
  text: string,
  kind: DocumentKind,
  limits: AnalysisLimits = ANALYSIS_LIMITS,
  wholeLength = text.length,
): { variables: EnvVariable[]; references: FoundReference[][]; cut: boolean; inputKeys: InputKey[] | undefined } {
  const { variables, cut, inputKeys } = readAnalyzed(text, kind, limits, wholeLength);
  return { variables, references: referencesOf(variables), cut: cut !== undefined, inputKeys };
}

/**
 * Whether an analysis stopped before its text's end, by either limit: {@link readAnalyzed} cut it,
 * and {@link analyze} says so with its one `file-too-large` problem (always listed: there is one).
 * Every "was this file read whole?" asked of an analysis is this.
 */
export function stoppedEarly(analysis: Pick<Analysis, 'problems'>): boolean {
  return analysis.problems.some((p) => p.code === 'file-too-large');
}
