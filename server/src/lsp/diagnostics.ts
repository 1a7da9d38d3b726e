/**
 * Core problems to LSP diagnostics: ranges through `positions.ts`, severity from the user's
 * `runpod.diagnostics.severity`, `source: "runpod"`, the stable code, related information and the
 * `data` a code action needs later.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiagnosticCode, Problem, ProblemData, SecretCatalog, Severity } from '../template/types';
import { effectiveSeverity as coreSeverity } from '../template/severity';
import { MAX_LISTED_PROBLEMS, addOmission, limitProblems, type Omissions } from '../template/problemLimit';
import { spanToRange } from './positions';
import type { ServerSettings } from './settings';

export const DIAGNOSTIC_SOURCE = 'runpod';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * What a diagnostic carries in `data`: the names a client may show or match on. Kept small on
 * purpose (every full report sends every diagnostic), and free of the document version: code
 * actions come from the server's own analysis of the current version, not from `data`, and a
 * version in `data` would make every report differ from the last one, defeating `unchanged`
 * answers (lsp/resultIds.ts).
 */
export type RunpodDiagnosticData = Pick<ProblemData, 'name' | 'suggestion' | 'suggestedName' | 'notListed'>;

/**
 * The LSP severity a problem gets, or `undefined` when hidden: the core's rule
 * (template/severity.ts, shared with the CLI) under the user's `runpod.diagnostics.severity`.
 */
export function effectiveSeverity(problem: Problem, settings: ServerSettings, catalog: SecretCatalog): DiagnosticSeverity | undefined {
  const severity = coreSeverity(problem, settings.severity, catalog);
  return severity === undefined ? undefined : LSP_SEVERITY[severity];
}

/** Converts one problem at a given severity. */
export function problemToDiagnostic(doc: TextDocument, problem: Problem, severity: DiagnosticSeverity): Diagnostic {
  const diagnostic: Diagnostic = {
    range: spanToRange(doc, problem.span),
    severity,
    source: DIAGNOSTIC_SOURCE,
    code: problem.code,
    message: problem.message,
  };
  if (problem.related && problem.related.length > 0) {
    diagnostic.relatedInformation = problem.related.map((related) => ({
      location: { uri: doc.uri, range: spanToRange(doc, related.span) },
      message: related.message,
    }));
  }
  const source = problem.data;
  if (source !== undefined) {
    const data: RunpodDiagnosticData = {};
    if (source.name !== undefined) data.name = source.name;
    if (source.suggestion !== undefined) data.suggestion = source.suggestion;
    if (source.suggestedName !== undefined) data.suggestedName = source.suggestedName;
    // Tells a note saying how many were not listed from the file-too-large cut without reading its words.
    if (source.notListed !== undefined) data.notListed = { code: source.notListed.code, count: source.notListed.count };
    diagnostic.data = data;
  }
  return diagnostic;
}

/**
 * At most this many diagnostics per document: the core's number per code (template/problemLimit.ts).
 * The core lists that many of each code; editors slow to a crawl rendering thousands and nobody
 * reads past the first screens, so the most severe ones are kept, and the notes saying how many
 * were not listed count the ones dropped here too.
 */
export const MAX_DIAGNOSTICS_PER_DOCUMENT = MAX_LISTED_PROBLEMS;

/** All diagnostics of a document's problems, honouring settings and catalog state, in document order. */
export function toDiagnostics(doc: TextDocument, problems: readonly Problem[], settings: ServerSettings, catalog: SecretCatalog): Diagnostic[] {
  let kept: { problem: Problem; severity: DiagnosticSeverity }[] = [];
  for (const problem of problems) {
    const severity = effectiveSeverity(problem, settings, catalog);
    if (severity !== undefined) kept.push({ problem, severity });
  }
  if (kept.length > MAX_DIAGNOSTICS_PER_DOCUMENT) {
    // Errors before hints, ties by position; then back to the core's order. The one diagnostic
    // saying where checking stopped (file-too-large, last in the file) is always kept.
    const rank = (i: number): number => (kept[i]!.problem.code === 'file-too-large' ? 0 : kept[i]!.severity);
    const indices = kept.map((_, i) => i);
    indices.sort((a, b) => rank(a) - rank(b) || a - b);
    // The notes saying how many were not listed (the core's, ranked first and so among the listed)
    // now count the dropped ones too, and a code dropped here gets its note. Each code with a note
    // takes a place, and listing one fewer may drop one more code: drop until listed and notes fit.
    const coreNoted = new Set<DiagnosticCode>();
    let coreNotes = 0;
    for (const { problem } of kept) {
      if (problem.data?.notListed) {
        coreNotes++;
        coreNoted.add(problem.data.notListed.code);
      }
    }
    const dropped: Omissions = new Map();
    const drop = (i: number): void => addOmission(dropped, kept[i]!.problem.code, 1, kept[i]!.problem.span, kept[i]!.problem.severity);
    let take = MAX_DIAGNOSTICS_PER_DOCUMENT;
    for (let k = take; k < indices.length; k++) drop(indices[k]!);
    const notes = (): number => coreNoted.size + [...dropped.keys()].filter((code) => !coreNoted.has(code)).length;
    while (take - coreNotes + notes() > MAX_DIAGNOSTICS_PER_DOCUMENT) drop(indices[--take]!);
    const listed = indices.slice(0, take).sort((a, b) => a - b).map((i) => kept[i]!.problem);
    kept = [];
    for (const problem of limitProblems(listed, dropped, Infinity)) {
      const severity = effectiveSeverity(problem, settings, catalog);
      if (severity !== undefined) kept.push({ problem, severity });
    }
  }
  return kept.map(({ problem, severity }) => problemToDiagnostic(doc, problem, severity));
}
