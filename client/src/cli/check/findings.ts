/**
 * From the core's problems (UTF-16 offsets) to the findings `check` prints: 1-based line and
 * column, columns counted in UTF-16 code units like LSP and SARIF's default `utf16CodeUnits`, the
 * end exclusive. Severity overrides mirror the `runpod.diagnostics.severity` setting. Pure.
 */
import { DIAGNOSTIC_CODES, type DiagnosticCode, type Problem, type SecretCatalog, type Severity } from '../../../../server/src/template/index';
import { effectiveSeverity, parseSeverityOverride, SEVERITY_LEVELS, type SeverityOverrides } from '../../../../server/src/template/severity';
import { textPositions } from '../../../../server/src/lsp/positions';
import { UsageError } from '../errors';
import { oneLine } from '../../../../server/src/template/displayText';

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

/**
 * Parses repeated `--severity code=level` flags (the core's parser, as for the editor setting);
 * later flags win.
 * @throws UsageError for an unknown code or level
 */
export function parseSeverityOverrides(specs: readonly string[]): SeverityOverrides {
  const out: SeverityOverrides = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new UsageError(`--severity expects code=level, e.g. embedded-reference=off`, 'check');
    const code = spec.slice(0, eq).trim();
    const parsed = parseSeverityOverride(code, spec.slice(eq + 1));
    if ('wrong' in parsed) {
      throw new UsageError(
        // JSON.stringify: the user's own argument, with any control character escaped.
        parsed.wrong === 'code'
          ? `unknown diagnostic code ${JSON.stringify(code)} (known: ${DIAGNOSTIC_CODES.join(', ')})`
          : `unknown severity ${JSON.stringify(spec.slice(eq + 1))} for ${code} (use ${SEVERITY_LEVELS.join(', ')})`,
        'check',
      );
    }
    out[parsed.code] = parsed.level;
  }
  return out;
}

/** Findings of one file, in document order, hidden ones left out; messages on one line, controls escaped. */
export function toFindings(file: string, text: string, problems: readonly Problem[], overrides: SeverityOverrides, catalog: SecretCatalog): Finding[] {
  const at = textPositions(text); // the server's offset-to-position rule (0-based): printed 1-based
  const out: Finding[] = [];
  for (const problem of problems) {
    const severity = effectiveSeverity(problem, overrides, catalog);
    if (!severity) continue;
    const start = at(problem.span.start);
    const end = at(Math.max(problem.span.start, problem.span.end));
    out.push({
      file,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
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
