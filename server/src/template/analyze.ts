/** Analysis: read the document with its kind's reader, find references, run the kind's rules. */
import { LimitedProblems, limitProblems } from './problemLimit';
import { readerFor } from './readers';
import { consecutiveStart, mayHaveReferences } from './readers/env';
import { scanReferences } from './references';
import { rulesFor } from './rules';
import type { Analysis, DocumentKind, EnvVariable, FoundReference, Problem, SecretCatalog } from './types';

/**
 * The most text a document is analysed for, in characters (UTF-16 units, about bytes for ASCII):
 * 16 MiB. Real RunPod files are a few kilobytes (a Pod takes 50 variables); a generated or pasted
 * file past this size is checked up to the start of the line holding the limit, and one
 * `file-too-large` problem says where checking stopped. Everything up to the limit stays linear in
 * time and bounded in memory (BENCHMARKS.md), so the editor never waits long on a file it was
 * never meant to hold.
 */
export const ANALYSIS_LIMIT = 16 * 1024 * 1024;

/** Where analysis of `text` stops: its end, or the start of the line that holds the limit. */
function analyzedEnd(text: string, limit = ANALYSIS_LIMIT): number {
  if (text.length <= limit) return text.length;
  let end = limit;
  while (end > 0 && text.charCodeAt(end - 1) !== 10 && text.charCodeAt(end - 1) !== 13) end--;
  return end;
}

/**
 * Analyzes a whole document in one pass.
 * @param limit the analysis limit; tests use a small one
 * @param wholeLength the size of the whole file when `text` is only its start (the workspace index
 *   reads a file past the limit only up to it): checking then stops at the end of `text`, and says so
 * @returns variables, references (as `FoundReference`s) and problems sorted by position
 */
export function analyze(text: string, kind: DocumentKind, catalog: SecretCatalog, limit = ANALYSIS_LIMIT, wholeLength = text.length): Analysis {
  const end = analyzedEnd(text, limit);
  const read = readerFor(kind)(text, end);
  const references = referencesOf(read.variables);
  const sink = new LimitedProblems();
  // dotenv is VS Code's language: we add reference checks but never judge its syntax.
  if (kind !== 'dotenv') for (const problem of read.problems) sink.push(problem);
  const ctx = { text, kind, catalog, variables: read.variables, references, problems: sink };
  for (const rule of rulesFor(kind)) rule(ctx);
  const stopped = read.stoppedAt ?? end;
  if (stopped < Math.max(text.length, wholeLength)) sink.push(tooLarge(text, stopped, limit, Math.max(text.length, wholeLength)));
  const problems = limitProblems(sink.listed.sort(byPosition), sink.omitted);
  return { kind, variables: read.variables, references: flatReferences(references), problems };
}

function byPosition(a: Problem, b: Problem): number {
  return a.span.start - b.span.start || a.span.end - b.span.end;
}

/** The references of every variable in one list, in document order (`Array.prototype.flat` is several times slower). */
export function flatReferences(references: readonly (readonly FoundReference[])[]): FoundReference[] {
  const flat: FoundReference[] = [];
  for (let i = 0; i < references.length; i++) {
    const refs = references[i]!;
    for (let k = 0; k < refs.length; k++) flat.push(refs[k]!);
  }
  return flat;
}

/** The one problem of a document cut at `end`: on the first line not checked. */
function tooLarge(text: string, end: number, limit: number, wholeLength: number): Problem {
  let lineEnd = end;
  while (lineEnd < text.length && lineEnd < end + 200 && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
  const mib = (n: number): string => `${Math.round((n / 2 ** 20) * 10) / 10} MiB`;
  return {
    code: 'file-too-large',
    span: { start: end, end: Math.max(lineEnd, end + (end < text.length ? 1 : 0)) },
    message: `Not checked from here on: this file holds ${mib(wholeLength)} of text, and RunPod checks read at most ${mib(limit)} so the editor stays responsive. Split the file to have the rest checked.`,
    severity: 'warning',
  };
}

/** Variables and their references, without the rules (hover, completion). */
export function analyzeReferences(text: string, kind: DocumentKind, limit = ANALYSIS_LIMIT): { variables: EnvVariable[]; references: FoundReference[][] } {
  const { variables } = readerFor(kind)(text, analyzedEnd(text, limit));
  return { variables, references: referencesOf(variables) };
}

/** References of each variable, parallel to `variables`. */
export function referencesOf(variables: readonly EnvVariable[]): FoundReference[][] {
  const out: FoundReference[][] = new Array(variables.length);
  for (let i = 0; i < variables.length; i++) {
    const v = variables[i]!;
    // Most values hold no `{{` at all: skip the call and share one empty array. Raw values map by
    // addition, so their offset arrays are never built.
    if (!mayHaveReferences(v)) {
      out[i] = EMPTY;
      continue;
    }
    const base = consecutiveStart(v);
    out[i] = base === undefined ? scanReferences(v.value, v.valueOffsets, 0, v.key) : scanReferences(v.value, undefined, base, v.key);
  }
  return out;
}
const EMPTY: FoundReference[] = [];
