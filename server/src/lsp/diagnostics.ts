/**
 * Core problems to LSP diagnostics: ranges through `positions.ts`, severity from the user's
 * `runpod.diagnostics.severity`, `source: "runpod"`, the stable code, related information and the
 * `data` a code action needs later.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Problem, ProblemData, SecretCatalog, Severity } from '../template/types';
import { effectiveSeverity as coreSeverity } from '../template/severity';
import { spanToRange } from './positions';
import type { ServerSettings } from './settings';

const DIAGNOSTIC_SOURCE = 'runpod';

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
    // Which code a too-many-problems note counts, and how many, without reading its words.
    if (source.notListed !== undefined) data.notListed = { code: source.notListed.code, count: source.notListed.count };
    diagnostic.data = data;
  }
  return diagnostic;
}

/**
 * All diagnostics of a document's problems, honouring settings and catalog state, in document order.
 * No cap of its own: the core already lists at most MAX_LISTED_PROBLEMS of each code with a note for
 * the rest (template/problemLimit.ts), and the editor shows exactly that, as `check` prints it.
 */
export function toDiagnostics(doc: TextDocument, problems: readonly Problem[], settings: ServerSettings, catalog: SecretCatalog): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const problem of problems) {
    const severity = effectiveSeverity(problem, settings, catalog);
    if (severity !== undefined) out.push(problemToDiagnostic(doc, problem, severity));
  }
  return out;
}
