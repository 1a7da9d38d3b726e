/**
 * Severity overrides are parsed once (server/src/template/severity.ts): the editor setting and the
 * CLI's `--severity code=level` accept the same choices, and the severity a problem is shown with
 * follows one rule in the language server and the CLI.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSeverityOverrides } from '../../client/src/cli/check/findings';
import { normalizeSettings } from '../../server/src/lsp/settings';
import { effectiveSeverity, parseSeverityOverride, SEVERITY_LEVELS, severitySetting } from '../../server/src/template/severity';
import { DIAGNOSTIC_CODES, type Problem } from '../../server/src/template/types';

const problem = (code: Problem['code'], severity: Problem['severity']) => ({ code, severity });

describe('parseSeverityOverride', () => {
  it('takes known codes with a level in any case', () => {
    expect(parseSeverityOverride('unknown-secret', 'Error')).toEqual({ code: 'unknown-secret', level: 'error' });
    expect(parseSeverityOverride('embedded-reference', ' off ')).toEqual({ code: 'embedded-reference', level: 'off' });
  });

  it('says which half is wrong', () => {
    expect(parseSeverityOverride('Unknown-Secret', 'error')).toEqual({ wrong: 'code' });
    expect(parseSeverityOverride('unknown-secret', 'fatal')).toEqual({ wrong: 'level' });
    expect(parseSeverityOverride('unknown-secret', 3)).toEqual({ wrong: 'level' });
  });

  it('the setting drops bad entries one by one', () => {
    expect(severitySetting({ 'unknown-secret': 'hint', nope: 'off', 'invalid-key': 'loud', 'duplicate-key': 'OFF' }).overrides).toEqual({
      'unknown-secret': 'hint',
      'duplicate-key': 'off',
    });
    expect(severitySetting(['unknown-secret']).overrides).toEqual({});
  });

  it('one decision of what the setting is gives both the overrides and their problems', () => {
    for (const raw of [undefined, null]) expect(severitySetting(raw)).toEqual({ overrides: {}, problems: [] });
    for (const raw of ['off', ['unknown-secret'], 3]) {
      const { overrides, problems } = severitySetting(raw);
      expect(overrides).toEqual({});
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('must be an object');
    }
  });

  it('names a wrong entry by its code when known, never by a position (integer-like keys come first in an object) nor by what was written', () => {
    const { overrides, problems } = severitySetting({ 'unknown-secret': 'loud', '7': 'off', '<b>x</b>': 'off', 'embedded-reference': 'Off' });
    expect(overrides).toEqual({ 'embedded-reference': 'off' });
    expect(problems).toEqual([
      'runpod.diagnostics.severity: 2 entries are no diagnostic code; ignored.',
      'runpod.diagnostics.severity: the level of unknown-secret is not error, warning, information, hint or off; its default is used.',
    ]);
    expect(problems.join('\n')).not.toMatch(/entry \d|<b>|\b7\b/);
    expect(severitySetting({ nope: 'off' }).problems).toEqual(['runpod.diagnostics.severity: an entry is no diagnostic code; ignored.']);
  });
});

describe('the editor setting and the CLI flag agree', () => {
  const code = fc.oneof(fc.constantFrom(...DIAGNOSTIC_CODES), fc.constantFrom('nope', 'Unknown-Secret', 'unknown_secret', ''));
  const level = fc.oneof(fc.constantFrom(...SEVERITY_LEVELS), fc.constantFrom('Error', 'WARNING', ' hint', 'fatal', 'none', ''));

  it('a choice the server keeps is one the CLI accepts, with the same meaning, and the other way round', () => {
    fc.assert(
      fc.property(code, level, (c, l) => {
        const server = normalizeSettings({ diagnostics: { severity: { [c]: l } } }).severity;
        let cli: Record<string, string> | undefined;
        try {
          cli = parseSeverityOverrides([`${c}=${l}`]);
        } catch {
          cli = undefined;
        }
        expect(cli ?? {}).toEqual(server);
        expect(cli !== undefined).toBe(Object.keys(server).length === 1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('effectiveSeverity', () => {
  it("the user's choice wins; off hides", () => {
    expect(effectiveSeverity(problem('embedded-reference', 'hint'), { 'embedded-reference': 'error' }, { state: 'fresh' })).toBe('error');
    expect(effectiveSeverity(problem('embedded-reference', 'hint'), { 'embedded-reference': 'off' }, { state: 'fresh' })).toBeUndefined();
    expect(effectiveSeverity(problem('invalid-key', 'error'), {}, { state: 'fresh' })).toBe('error');
  });

  it('an unknown secret: never without a list, at most information with a stale one', () => {
    const unknown = problem('unknown-secret', 'warning');
    expect(effectiveSeverity(unknown, { 'unknown-secret': 'error' }, { state: 'unknown' })).toBeUndefined();
    expect(effectiveSeverity(unknown, { 'unknown-secret': 'error' }, { state: 'stale' })).toBe('information');
    expect(effectiveSeverity(unknown, { 'unknown-secret': 'hint' }, { state: 'stale' })).toBe('hint');
    expect(effectiveSeverity(unknown, {}, { state: 'fresh' })).toBe('warning');
  });
  it("a note saying how many of a code were not listed shows as its code does (or as too-many-problems is set), and hides with it or with too-many-problems off", () => {
    const note = (code: Problem['code'], severity: Problem['severity']) => ({ code: 'too-many-problems' as const, severity, data: { notListed: { code, count: 5 } } });
    expect(effectiveSeverity(note('embedded-reference', 'hint'), {}, { state: 'fresh' })).toBe('hint');
    expect(effectiveSeverity(note('embedded-reference', 'hint'), { 'embedded-reference': 'error' }, { state: 'fresh' })).toBe('error');
    // A severity chosen for too-many-problems is honoured (the schema and --severity accept it), while its code shows.
    expect(effectiveSeverity(note('embedded-reference', 'hint'), { 'too-many-problems': 'error' }, { state: 'fresh' })).toBe('error');
    expect(effectiveSeverity(note('embedded-reference', 'hint'), { 'too-many-problems': 'error', 'embedded-reference': 'off' }, { state: 'fresh' })).toBeUndefined();
    expect(effectiveSeverity(note('embedded-reference', 'hint'), { 'embedded-reference': 'off' }, { state: 'fresh' })).toBeUndefined();
    expect(effectiveSeverity(note('embedded-reference', 'hint'), { 'too-many-problems': 'off' }, { state: 'fresh' })).toBeUndefined();
    // file-too-large is the analysis limit's cut only: it has no say over the notes.
    expect(effectiveSeverity(note('embedded-reference', 'hint'), { 'file-too-large': 'off' }, { state: 'fresh' })).toBe('hint');
    expect(effectiveSeverity(note('unknown-secret', 'warning'), { 'unknown-secret': 'error' }, { state: 'stale' })).toBe('information');
    expect(effectiveSeverity(note('unknown-secret', 'warning'), {}, { state: 'unknown' })).toBeUndefined();
    expect(effectiveSeverity(note('duplicate-key', 'warning'), {}, { state: 'fresh' })).toBe('warning');
  });
});
