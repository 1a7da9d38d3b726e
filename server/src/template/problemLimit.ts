/**
 * How many problems a document lists: at most `MAX_LISTED_PROBLEMS` of each code, and for every
 * code past that one `too-many-problems` note on the first problem not listed, saying how many
 * more there are. A generated or pasted file can have a problem on every line (1,000,000 lines of
 * `A=1` are 999,999 duplicates); keeping them all cost about 450 bytes each, and nobody reads past
 * the first screens.
 *
 * This is the only cap: the editor (lsp/diagnostics.ts) and `runpod-check check` show exactly what
 * it lists, so they agree, and a lone problem of another code is always listed. The cap is per
 * code, not in all, for that reason: the worst case is `MAX_LISTED_PROBLEMS` times the number of
 * codes that fire, plus a note each: a few thousand in practice, about 15,000 for a hostile file
 * that fires every code en masse (VS Code renders that; the cost is bounded whatever the lines).
 * Problems of one code are listed first to last in the document.
 */
import { grouped, plural } from './counts';
import type { DiagnosticCode, Problem, Severity, Span } from './types';
import { DEFAULT_SEVERITY, DIAGNOSTIC_CODES } from './types';

/** At most this many problems of one code per document, for the editor and check alike. */
export const MAX_LISTED_PROBLEMS = 1000;

/** Problems of one code left out: how many, the span of the first of them, and their severity when known. */
export interface Omission {
  count: number;
  first: Span;
  severity?: Severity;
}
export type Omissions = Map<DiagnosticCode, Omission>;

/** Where rules put their problems. */
export interface ProblemSink {
  push(problem: Problem): void;
  /**
   * True when no more problems of `code` are listed: the one at `span` is then counted, and the
   * rule skips building its message (check this before building one per line).
   */
  countIfFull(code: DiagnosticCode, span: Span): boolean;
}

/** A sink that lists at most `max` problems per code and counts the rest. */
export class LimitedProblems implements ProblemSink {
  readonly listed: Problem[] = [];
  readonly omitted: Omissions = new Map();
  private readonly counts = new Map<DiagnosticCode, number>();

  constructor(private readonly max = MAX_LISTED_PROBLEMS) {}

  push(problem: Problem): void {
    if (this.countIfFull(problem.code, problem.span)) return;
    this.counts.set(problem.code, (this.counts.get(problem.code) ?? 0) + 1);
    this.listed.push(problem);
  }

  countIfFull(code: DiagnosticCode, span: Span): boolean {
    if ((this.counts.get(code) ?? 0) < this.max) return false;
    addOmission(this.omitted, code, 1, span);
    return true;
  }
}

/** `sink` without the problems of `codes` (for kinds where a code does not apply). */
export function withoutCodes(sink: ProblemSink, codes: readonly DiagnosticCode[]): ProblemSink {
  return {
    push: (problem) => {
      if (!codes.includes(problem.code)) sink.push(problem);
    },
    countIfFull: (code, span) => codes.includes(code) || sink.countIfFull(code, span),
  };
}

/** The problems left out by several sinks, counted together (sinks that count the same code add up). */
export function allOmissions(...lists: readonly Omissions[]): Omissions {
  const all: Omissions = new Map();
  for (const omitted of lists) for (const [code, o] of omitted) addOmission(all, code, o.count, o.first, o.severity);
  return all;
}

/**
 * Counts `count` more problems of `code` not listed, the first of them (or an earlier one) at `span`.
 * @param severity theirs, when the caller has the problems (the note takes it)
 */
function addOmission(omitted: Omissions, code: DiagnosticCode, count: number, span: Span, severity?: Severity): void {
  const o = omitted.get(code);
  if (!o) omitted.set(code, severity === undefined ? { count, first: span } : { count, first: span, severity });
  else {
    o.count += count;
    if (startsBefore(span, o.first)) o.first = span;
    o.severity ??= severity;
  }
}

function startsBefore(a: Span, b: Span): boolean {
  return a.start < b.start || (a.start === b.start && a.end < b.end);
}

/**
 * `sorted` (problems sorted by position, possibly with notes from an earlier pass) listing at most
 * `MAX_LISTED_PROBLEMS` per code, first to last, with one note per code saying how many were not
 * listed: those past the cap, those of earlier notes, and those in `omitted`. A note sits after
 * the problems that share its span, where a stable sort by position puts a problem added last.
 */
export function limitProblems(sorted: readonly Problem[], omitted: Omissions = new Map()): Problem[] {
  const all: Omissions = new Map();
  for (const [code, o] of omitted) addOmission(all, code, o.count, o.first, o.severity);
  const counts = new Map<DiagnosticCode, number>();
  // A note shows as its code does (a hint's note is a hint): the severity of the listed ones.
  const listedSeverity = new Map<DiagnosticCode, Severity>();
  const listed: Problem[] = [];
  for (const problem of sorted) {
    const note = problem.data?.notListed;
    if (note) {
      addOmission(all, note.code, note.count, problem.span, problem.severity);
      continue;
    }
    const count = counts.get(problem.code) ?? 0;
    if (count >= MAX_LISTED_PROBLEMS) addOmission(all, problem.code, 1, problem.span, problem.severity);
    else {
      if (count === 0) listedSeverity.set(problem.code, problem.severity);
      counts.set(problem.code, count + 1);
      listed.push(problem);
    }
  }
  if (all.size === 0) return listed;
  // Else the one default of the code (types.ts): a rule that only counted (countIfFull) gave none.
  const notes = [...all].map(([code, o]) => notListed(code, o, listedSeverity.get(code) ?? o.severity ?? defaultSeverityOf(code)));
  notes.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || codeIndex(a) - codeIndex(b));
  const out: Problem[] = [];
  let k = 0;
  for (const problem of listed) {
    while (k < notes.length && startsBefore(notes[k]!.span, problem.span)) out.push(notes[k++]!);
    out.push(problem);
  }
  while (k < notes.length) out.push(notes[k++]!);
  return out;
}

/** A code's default severity; `too-many-problems` (never itself counted: it is the note) shows as a warning. */
function defaultSeverityOf(code: DiagnosticCode): Severity {
  return code === 'too-many-problems' ? 'warning' : DEFAULT_SEVERITY[code];
}

function codeIndex(note: Problem): number {
  return DIAGNOSTIC_CODES.indexOf(note.data!.notListed!.code);
}

/** The one problem saying `o.count` problems of `code` were not listed, on the first of them, with their severity. */
function notListed(code: DiagnosticCode, o: Omission, severity: Severity): Problem {
  const more = grouped(o.count);
  const max = grouped(MAX_LISTED_PROBLEMS);
  return {
    code: 'too-many-problems',
    span: o.first,
    message: `Not listed from here on: ${more} more \`${code}\` ${plural(o.count, 'problem')}. RunPod checks list at most ${max} of each kind so the editor stays responsive; fix the ones listed to see the rest.`,
    severity,
    data: { notListed: { code, count: o.count } },
  };
}
