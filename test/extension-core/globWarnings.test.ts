/**
 * Globs too costly (or too long) to match are left out of `runpod.files` and `runpod.environments`
 * by the editor, the server and the command line alike (template/globCost.ts); the command line
 * refuses them with a message, and the editor says so once: which setting, which position, why,
 * never the glob as written (a repository's settings could make it markup or an escape).
 */
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../client/src/config';
import { SettingWarnings } from '../../client/src/settingWarnings';

const COSTLY = '**/*a*a*a*b.json';
const MARKUP = '[x](command:runpod.secrets.delete)*a*b*c';
const settings = (values: Record<string, unknown>) => readSettings({ get: <T>(key: string) => values[key] as T, inspect: () => ({}) });

describe('the problems of the glob settings', () => {
  it('runpod.files: each glob left out by its position and why, without its text', () => {
    const s = settings({ files: ['**/*.runpod.json', COSTLY, 'x'.repeat(600), MARKUP, 7] });
    expect(s.files).toEqual(['**/*.runpod.json', COSTLY, 'x'.repeat(600), MARKUP]);
    const text = s.fileProblems.join('\n');
    expect(s.fileProblems).toEqual([
      'runpod.files: globs 2, 3 and 4 are not used: it must be a non-blank glob of at most 500 characters with at most 2 separate * in one folder or file name, and at most 64 {a,b} alternatives.',
      'runpod.files: entry 5 is not a glob (a non-blank string); ignored.',
    ]);
    for (const written of [COSTLY, MARKUP, 'command:', 'xxxxxxxxxx']) expect(text).not.toContain(written);
  });

  it('runpod.files: a list past the limit says only the first globs count', () => {
    const s = settings({ files: Array.from({ length: 70 }, (_, i) => `deploy${i}/*.json`) });
    expect(s.fileProblems).toEqual(['runpod.files: only the first 64 globs are used (70 are listed).']);
  });

  it('runpod.files: a value that is no list (a glob written as a string) says the defaults are used, not nothing', () => {
    for (const files of ['*.json', 7, { x: '*.json' }]) expect(settings({ files }).fileProblems).toEqual(['runpod.files must be a list of globs; the defaults are used.']);
    expect(settings({ files: '*.json' }).files).toEqual(settings({}).files);
  });

  it('runpod.files: nothing to say about usable globs or the defaults', () => {
    expect(settings({}).fileProblems).toEqual([]);
    expect(settings({ files: ['**/*.runpod.json', 'deploy/*.{json,toml}', '*.runpod.*.json'] }).fileProblems).toEqual([]);
  });

  it('runpod.environments: a glob left out of an environment that keeps others', () => {
    const s = settings({ environments: { prod: ['deploy/prod/*.env', COSTLY, MARKUP] } });
    expect(s.environments).toEqual([{ name: 'prod', files: ['deploy/prod/*.env'] }]);
    const text = s.environmentProblems.join('\n');
    expect(text).toMatch(/^Environment prod: globs 2 and 3 are not used: .*at most 2 separate \*/);
    for (const written of [COSTLY, MARKUP, 'command:']) expect(text).not.toContain(written);
  });
});

describe('SettingWarnings', () => {
  it('shows a runpod.files that is no list and a rotation policy not taken, once each', () => {
    const shown: string[] = [];
    const warnings = new SettingWarnings((message) => shown.push(message));
    const wrong = settings({ files: '*.json', 'secrets.rotationDays': 'ninety' });
    warnings.check(wrong);
    warnings.check(wrong);
    expect(shown).toEqual(['runpod.files must be a list of globs; the defaults are used.', 'runpod.secrets.rotationDays must be a whole number of days from 0 to 36500; 90 is used.']);
  });

  it("says a folder's own wrong value once, naming the folder (a multi-root window's folder settings are not the window's); the window's own problem is not said again per folder", () => {
    const shown: string[] = [];
    const warnings = new SettingWarnings((message) => shown.push(message));
    warnings.check(settings({ 'secrets.rotationDays': 'ninety' }));
    warnings.check(settings({ 'secrets.rotationDays': 'ninety' }), 'app');
    warnings.check(settings({ files: 'deploy/*.json', 'secrets.rotationDays': 'ninety' }), 'worker');
    warnings.check(settings({ files: 'deploy/*.json' }), 'worker');
    expect(shown).toEqual([
      'runpod.secrets.rotationDays must be a whole number of days from 0 to 36500; 90 is used.',
      'runpod.files must be a list of globs; the defaults are used. (Folder worker.)',
    ]);
  });

  it('runpod.diagnostics.severity that is no object ("off" alone) is said once, with Open Settings on it; wrong codes are counted, a wrong level named by its code, never by a position or its text', () => {
    const shown: Array<[string, string]> = [];
    const warnings = new SettingWarnings((message, setting) => shown.push([message, setting]));
    const off = settings({ 'diagnostics.severity': 'off' });
    warnings.check(off);
    warnings.check(off);
    expect(shown).toEqual([
      ['runpod.diagnostics.severity must be an object of diagnostic codes, each set to error, warning, information, hint or off (such as { "unknown-secret": "off" }); it is not used.', 'runpod.diagnostics.severity'],
    ]);
    const entries = settings({ 'diagnostics.severity': { 'unknown-secret': 'loud', [MARKUP]: 'off', 'embedded-reference': 'Off' } }).severityProblems;
    expect(entries).toEqual([
      'runpod.diagnostics.severity: an entry is no diagnostic code; ignored.',
      'runpod.diagnostics.severity: the level of unknown-secret is not error, warning, information, hint or off; its default is used.',
    ]);
    expect(entries.join('\n')).not.toContain('command:');
    expect(settings({}).severityProblems).toEqual([]);
    expect(settings({ 'diagnostics.severity': {} }).severityProblems).toEqual([]);
  });

  it('names the setting each warning is about, where its Open Settings button goes', () => {
    const shown: Array<[string, string]> = [];
    const warnings = new SettingWarnings((message, setting) => shown.push([message.split(/[ :]/)[0]!, setting]));
    warnings.check(settings({ files: '*.json', environments: [1, 2], 'secrets.rotationDays': 'ninety' }));
    expect(shown).toEqual([
      ['runpod.files', 'runpod.files'],
      ['runpod.environments', 'runpod.environments'],
      ['runpod.secrets.rotationDays', 'runpod.secrets.rotationDays'],
    ]);
  });

  it('shows each problem once, and a new one when the settings change again', () => {
    const shown: string[] = [];
    const warnings = new SettingWarnings((message) => shown.push(message));
    const costly = settings({ files: ['**/*.runpod.json', COSTLY] });
    warnings.check(costly);
    warnings.check(costly);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatch(/^runpod\.files: glob 2 is not used: /);
    warnings.check(settings({ files: ['**/*.runpod.json', COSTLY], environments: { dev: [COSTLY] } }));
    const after = shown.length;
    expect(after).toBeGreaterThan(1);
    for (const message of shown.slice(1)) expect(message).toMatch(/^Environment dev/);
    warnings.check(settings({}));
    expect(shown).toHaveLength(after);
  });
});

describe('the timeout setting out of its bounds', () => {
  it('is said once, with the value used instead; a timeout within them says nothing', () => {
    const shown: string[] = [];
    const settingsOpened: string[] = [];
    const warnings = new SettingWarnings((m, setting) => shown.push(m) && settingsOpened.push(setting));
    const timeout = (requestTimeoutMs: unknown) => readSettings({ get: () => undefined as never, inspect: <T>() => ({ globalValue: requestTimeoutMs as T }) });
    warnings.check(timeout(5));
    warnings.check(timeout(5));
    warnings.check(timeout(2000));
    expect(shown).toEqual(['runpod.requestTimeoutMs must be a whole number of milliseconds from 1000 to 300000; 1000 is used.']);
    expect(settingsOpened).toEqual(['runpod.requestTimeoutMs']);
  });

  it('typed a digit at a time, the values on the way out of the bounds warn once, not once each; a later mistake warns again', () => {
    const shown: string[] = [];
    const warnings = new SettingWarnings((m) => shown.push(m));
    const timeout = (requestTimeoutMs: unknown) => readSettings({ get: () => undefined as never, inspect: <T>() => ({ globalValue: requestTimeoutMs as T }) });
    const used = (ms: number) => `runpod.requestTimeoutMs must be a whole number of milliseconds from 1000 to 300000; ${ms} is used.`;
    // Typing 4000000: 4, 40 and 400 (1000 is used), 4000 and 40000 within, 400000 and 4000000 (300000 is used).
    for (const ms of [4, 40, 400, 4000, 40000, 400000, 4000000]) warnings.check(timeout(ms));
    expect(shown).toEqual([used(1000), used(300000)]);
    // Set right, then wrong again later: said again, though the words were said before in this session.
    for (const ms of [2000, 500000]) warnings.check(timeout(ms));
    expect(shown).toEqual([used(1000), used(300000), used(300000)]);
  });
});
