/**
 * From the core's problems (UTF-16 offsets) to the findings `check` prints: 1-based line and
 * column, columns counted in UTF-16 code units like LSP and SARIF's default `utf16CodeUnits`, the
 * end exclusive. Severity overrides mirror the `runpod.diagnostics.severity` setting. Pure.
 */
import { DIAGNOSTIC_CODES, type DiagnosticCode, type Problem, type SecretCatalog, type Severity } from '../../../../server/src/template/index';
import { UsageError } from '../errors';
import { oneLine } from '../../../../server/src/template/displayText';

export type SeverityLevel = Severity | 'off';
export type SeverityOverrides = Partial<Record<DiagnosticCode, SeverityLevel>>;

export interface Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
}

const LEVELS: readonly SeverityLevel[] = ['error', 'warning', 'information', 'hint', 'off'];

/**
 * Parses repeated `--severity code=level` flags; later flags win.
 * @throws UsageError for an unknown code or level
 */
export function parseSeverityOverrides(specs: readonly string[]): SeverityOverrides {
  const out: SeverityOverrides = {};
  for (const spec of specs) {
    const m = /^([a-z-]+)=([a-z]+)$/.exec(spec.trim());
    if (!m) throw new UsageError(`--severity expects code=level, e.g. embedded-reference=off`, 'check');
    const [, code, level] = m as unknown as [string, string, string];
    if (!(DIAGNOSTIC_CODES as readonly string[]).includes(code)) {
      throw new UsageError(`unknown diagnostic code "${code}" (known: ${DIAGNOSTIC_CODES.join(', ')})`, 'check');
    }
    if (!(LEVELS as readonly string[]).includes(level)) throw new UsageError(`unknown severity "${level}" (use ${LEVELS.join(', ')})`, 'check');
    out[code as DiagnosticCode] = level as SeverityLevel;
  }
  return out;
}

/**
 * The severity a problem is reported with, or undefined when hidden. Without a secret list an
 * unknown-secret is never reported: a false "unknown secret" is worse than none.
 */
export function effectiveSeverity(problem: Problem, overrides: SeverityOverrides, catalog: SecretCatalog): Severity | undefined {
  if (problem.code === 'unknown-secret' && catalog.state === 'unknown') return undefined;
  const level = overrides[problem.code] ?? problem.severity;
  return level === 'off' ? undefined : level;
}

/** Start offset of every line; a line ends at `\r\n`, `\n` or `\r` (as in LSP). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

/** 1-based line and UTF-16 column of an offset (clamped to the text). */
export function positionAt(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: Math.max(0, offset - starts[lo]!) + 1 };
}

/** Findings of one file, in document order, hidden ones left out; messages on one line, controls escaped. */
export function toFindings(file: string, text: string, problems: readonly Problem[], overrides: SeverityOverrides, catalog: SecretCatalog): Finding[] {
  const starts = lineStarts(text);
  const clamp = (n: number): number => Math.min(Math.max(0, n), text.length);
  const out: Finding[] = [];
  for (const problem of problems) {
    const severity = effectiveSeverity(problem, overrides, catalog);
    if (!severity) continue;
    const start = positionAt(starts, clamp(problem.span.start));
    const end = positionAt(starts, clamp(Math.max(problem.span.start, problem.span.end)));
    out.push({
      file,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      severity,
      code: problem.code,
      // One line, controls as visible escapes, in every format: a SARIF or JSON viewer shows the
      // message as text, and a reference name may hold an escape sequence or a bidi override.
      message: oneLine(problem.message).replace(/ {2,}/g, ' '),
    });
  }
  return out;
}

/** Counts per severity, for the summary and the exit code. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Exit 1 when errors (or, strict, warnings) were found. */
export function checkExitCode(findings: readonly Finding[], strict: boolean): 0 | 1 {
  const counts = countBySeverity(findings);
  return counts.error > 0 || (strict && counts.warning > 0) ? 1 : 0;
}
