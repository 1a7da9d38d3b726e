/**
 * Everything reported before a Pod is created or a template pushed: the plan's reference preflight
 * against a fresh secret list (blocking), more than 50 variables (blocking: RunPod would reject
 * it), and credentials written in plain text (a warning the user may launch past). Each finding
 * that comes from a file carries the offset to open it at, found with the core's analyzer.
 */
import { analyze, MAX_POD_ENV_VARIABLES, type DocumentKind } from '../../../server/src/template/index';
import { preflight, type Env, type PreflightProblem } from './plan';

/** A file the env came from, so findings can point into it. Later sources win per key. */
export interface EnvSource {
  /** Opaque id the adapter maps back to a document (a URI string). */
  id: string;
  /** Short name for messages. */
  label: string;
  text: string;
  kind: Extract<DocumentKind, 'runpod-env' | 'runpod-json' | 'dotenv'>;
}

export interface Location {
  sourceId: string;
  offset: number;
}

export interface BlockingFinding extends PreflightProblem {
  location?: Location;
}

export interface CredentialFinding {
  key: string;
  message: string;
  location?: Location;
}

export interface CheckReport {
  /** Unknown/malformed references: the launch must not go ahead. */
  blocking: BlockingFinding[];
  /** Set when the env has more variables than a Pod accepts. */
  tooMany?: { count: number; max: number };
  /** Values that look like credentials in plain text. */
  credentials: CredentialFinding[];
}

/** True when nothing stops the launch (credential warnings still need the user's consent). */
export function isClear(report: CheckReport): boolean {
  return report.blocking.length === 0 && report.tooMany === undefined;
}

const NO_CATALOG = { state: 'unknown', secrets: [] } as const;

/**
 * Runs every check on the final env.
 * @param env the env the Pod boots with (or the template will hold)
 * @param secretNames names from a fresh listing
 * @param sources files the env came from, lowest precedence first
 */
export function checkEnv(env: Readonly<Env>, secretNames: Iterable<string>, sources: readonly EnvSource[] = []): CheckReport {
  const analyses = sources.map((source) => ({ source, analysis: analyze(source.text, source.kind, NO_CATALOG) }));
  /** The source that decides a key: the last one that defines it. */
  const ownerOf = (key: string) => {
    for (let i = analyses.length - 1; i >= 0; i--) {
      if (analyses[i]!.analysis.variables.some((v) => v.key === key)) return analyses[i];
    }
    return undefined;
  };

  const blocking: BlockingFinding[] = preflight(env, secretNames).map((problem) => {
    const owner = ownerOf(problem.key);
    if (!owner) return { ...problem };
    const ref = owner.analysis.references.find((r) => r.variableKey === problem.key && r.name === problem.name);
    const variable = owner.analysis.variables.find((v) => v.key === problem.key);
    const offset = ref?.span.start ?? variable?.valueSpan.start;
    return offset === undefined ? { ...problem } : { ...problem, location: { sourceId: owner.source.id, offset } };
  });

  const count = Object.keys(env).length;
  const report: CheckReport = { blocking, credentials: [] };
  if (count > MAX_POD_ENV_VARIABLES) report.tooMany = { count, max: MAX_POD_ENV_VARIABLES };

  // The final env as a v2 body, so the credential rule sees exactly what will be sent, whatever
  // its origin (account template, file, or both).
  const merged = analyze(JSON.stringify({ env }), 'runpod-json', NO_CATALOG);
  const seen = new Set<string>();
  for (const problem of merged.problems) {
    if (problem.code !== 'hardcoded-credential') continue;
    const variable = merged.variables.find((v) => v.valueSpan.start <= problem.span.start && problem.span.end <= v.valueSpan.end);
    if (!variable || seen.has(variable.key)) continue;
    seen.add(variable.key);
    const owner = ownerOf(variable.key);
    const located = owner?.analysis.variables.find((v) => v.key === variable.key);
    const finding: CredentialFinding = { key: variable.key, message: problem.message };
    if (owner && located) finding.location = { sourceId: owner.source.id, offset: located.valueSpan.start };
    report.credentials.push(finding);
  }
  return report;
}

/** One line per finding for a notification or modal detail; names and keys only, never values. */
export function describeReport(report: CheckReport, labelOf: (sourceId: string) => string = (id) => id): string[] {
  const lines: string[] = [];
  for (const b of report.blocking) {
    const where = b.location ? ` (${labelOf(b.location.sourceId)})` : '';
    const what = b.reason === 'unknown' ? `unknown secret "${b.name}"` : b.reason === 'malformed' ? 'malformed reference' : b.reason === 'noncanonical' ? `non-canonical reference to "${b.name}"` : `invalid secret name "${b.name}"`;
    lines.push(`${b.key}: ${what}${where}. ${b.message}`);
  }
  if (report.tooMany) lines.push(`${report.tooMany.count} environment variables; a Pod takes at most ${report.tooMany.max}.`);
  for (const c of report.credentials) lines.push(`${c.key}: looks like a credential in plain text${c.location ? ` (${labelOf(c.location.sourceId)})` : ''}. Move it into a RunPod secret.`);
  return lines;
}

/** Distinct names of unknown secrets, in first-seen order: one "Create secret x" action each. */
export function missingSecretNames(report: CheckReport): string[] {
  return [...new Set(report.blocking.filter((b) => b.reason === 'unknown').map((b) => b.name))];
}
