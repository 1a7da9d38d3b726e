/**
 * The user's severity per diagnostic code (`runpod.diagnostics.severity` in an editor, `--severity
 * code=level` on the command line): one parser and one rule for the severity a problem is shown
 * with, for the language server and the CLI alike.
 */
import { DIAGNOSTIC_CODES, type DiagnosticCode, type Problem, type SecretCatalog, type Severity } from './types';

/** A user's choice for one code: a severity, or `off` to hide it. */
export type SeverityOverride = Severity | 'off';
export type SeverityOverrides = Partial<Record<DiagnosticCode, SeverityOverride>>;

/** The levels a user may choose, in the order the settings schema offers them (package.json, kept equal by a test). */
export const SEVERITY_LEVELS: readonly SeverityOverride[] = Object.freeze(['error', 'warning', 'information', 'hint', 'off']);

const CODES: ReadonlySet<string> = new Set(DIAGNOSTIC_CODES);

/**
 * Reads one `code: level` choice. Levels are case-insensitive (`"Error"` from a hand-edited
 * settings file means error); codes are exact, as the schema lists them.
 * @returns the parsed pair, or which half is wrong
 */
export function parseSeverityOverride(code: string, level: unknown): { code: DiagnosticCode; level: SeverityOverride } | { wrong: 'code' | 'level' } {
  if (!CODES.has(code)) return { wrong: 'code' };
  const lower = typeof level === 'string' ? level.trim().toLowerCase() : undefined;
  if (!lower || !(SEVERITY_LEVELS as readonly string[]).includes(lower)) return { wrong: 'level' };
  return { code: code as DiagnosticCode, level: lower as SeverityOverride };
}

/** The setting as users write it, for its problems. */
const SETTING = 'runpod.diagnostics.severity';
const LEVELS_TEXT = `${SEVERITY_LEVELS.slice(0, -1).join(', ')} or ${SEVERITY_LEVELS.at(-1)}`;

/**
 * The setting's object (`{ "embedded-reference": "off" }`) as overrides, and what of it is not used,
 * decided once for the server (which applies the overrides) and the editor's warning: a value that
 * is no object (`"off"` alone), entries that are no code (counted), a code whose level is none (by
 * the code's name). Bad entries are dropped one by one, so one typo does not discard the rest. No
 * entry is named by its position (an object lists integer-like keys first, so a position would
 * point at the wrong line) nor by what was written (it could be markup).
 */
export function severitySetting(raw: unknown): { overrides: SeverityOverrides; problems: string[] } {
  const overrides: SeverityOverrides = {};
  if (raw === undefined || raw === null) return { overrides, problems: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { overrides, problems: [`${SETTING} must be an object of diagnostic codes, each set to ${LEVELS_TEXT} (such as { "unknown-secret": "off" }); it is not used.`] };
  }
  let noCode = 0;
  const noLevel: string[] = [];
  for (const [code, level] of Object.entries(raw)) {
    const parsed = parseSeverityOverride(code, level);
    if ('code' in parsed) overrides[parsed.code] = parsed.level;
    else if (parsed.wrong === 'code') noCode++;
    else noLevel.push(code);
  }
  const problems = noCode === 0 ? [] : [`${SETTING}: ${noCode === 1 ? 'an entry is' : `${noCode} entries are`} no diagnostic code; ignored.`];
  for (const code of noLevel) problems.push(`${SETTING}: the level of ${code} is not ${LEVELS_TEXT}; its default is used.`);
  return { overrides, problems };
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * The severity a problem is shown with, or `undefined` when hidden: the user's choice for its code,
 * else the core's default; a note saying how many of a code were not listed, its code's. Without a
 * secret list an unknown-secret is never shown (a false "unknown secret" is worse than none); with
 * a stale list it is at most information, whatever the settings say, because the name may have
 * been created since the last good fetch. That cap is here only (the unknown-secret rule reports its
 * code's default): it is judged against the list of the moment, over any setting and any analysis.
 */
export function effectiveSeverity(problem: Pick<Problem, 'code' | 'severity' | 'data'>, overrides: SeverityOverrides, catalog: Pick<SecretCatalog, 'state'>): Severity | undefined {
  // "N more problems of a code not listed" shows as problems of that code show (a hint's note is
  // no warning for --strict), or as too-many-problems is set when the user chose a severity for it;
  // never with that code hidden or too-many-problems off. file-too-large is the analysis limit's
  // cut and has no say here.
  const notListed = problem.data?.notListed;
  if (notListed) {
    const chosen = overrides['too-many-problems'];
    if (chosen === 'off') return undefined;
    const ofCode = effectiveSeverity({ code: notListed.code, severity: problem.severity }, overrides, catalog);
    return ofCode === undefined ? undefined : (chosen ?? ofCode);
  }
  if (problem.code === 'unknown-secret' && catalog.state === 'unknown') return undefined;
  const chosen = overrides[problem.code] ?? problem.severity;
  if (chosen === 'off') return undefined;
  if (problem.code === 'unknown-secret' && catalog.state === 'stale' && RANK[chosen] < RANK.information) return 'information';
  return chosen;
}
