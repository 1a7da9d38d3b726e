import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_GLOBS } from '../../server/src/template/fileKinds';
import { readFileSync } from 'node:fs';
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, MIN_TIMEOUT_MS, TIMEOUT_SETTING, timeoutProblem } from '../../client/src/runpod/timeout';
import { TIMEOUT_ENV } from '../../client/src/runpod/environmentVariables';
import { readApiConfig } from '../../client/src/cli/client';
import {
  classifyChange,
  readSettings,
  type ConfigurationLike,
} from '../../client/src/config';

/** A configuration with per-scope values, as `vscode.WorkspaceConfiguration.inspect` reports them. */
function config(values: { global?: Record<string, unknown>; workspace?: Record<string, unknown>; defaults?: Record<string, unknown> }): ConfigurationLike {
  const merged = { ...values.defaults, ...values.global, ...values.workspace };
  return {
    get: <T>(key: string) => merged[key] as T | undefined,
    inspect: <T>(key: string) => ({
      defaultValue: values.defaults?.[key] as T | undefined,
      globalValue: values.global?.[key] as T | undefined,
      workspaceValue: values.workspace?.[key] as T | undefined,
    }),
  };
}

/** The defaults package.json declares, keyed as `getConfiguration('runpod')` reads them: what VS Code answers for unset settings. */
function manifestDefaults(): Record<string, unknown> {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const properties = pkg.contributes.configuration.properties as Record<string, { default?: unknown }>;
  return Object.fromEntries(Object.entries(properties).map(([key, p]) => [key.replace(/^runpod\./, ''), p.default]));
}

describe('readSettings', () => {
  // RunPod's REST v2 base URL (shared/runpod-api.md), written out: not the client's own constant.
  const REST_V2 = { ok: true, url: 'https://api.runpod.io/v2', origin: 'https://api.runpod.io' };

  it('gives the documented defaults', () => {
    const s = readSettings(config({}));
    expect(s).toEqual({
      apiUrl: REST_V2,
      requestTimeoutMs: DEFAULT_TIMEOUT_MS,
      timeoutProblems: [],
      files: [...DEFAULT_FILE_GLOBS],
      fileProblems: [],
      rotationDays: 90,
      rotationProblems: [],
      environments: [],
      environmentProblems: [],
      severityProblems: [],
    });
  });

  // VS Code answers an unset setting with the manifest's default, so that default is what users get.
  it('a fresh install (every setting at its manifest default) reads as the documented defaults', () => {
    expect(readSettings(config({ defaults: manifestDefaults() }))).toEqual(readSettings(config({})));
    expect(readSettings(config({ defaults: manifestDefaults() })).apiUrl).toEqual(REST_V2);
  });

  it('reads runpod.secrets.rotationDays (a workspace may set it) by the core rule: 0 is off, garbage the default', () => {
    expect(readSettings(config({ workspace: { 'secrets.rotationDays': 30 } })).rotationDays).toBe(30);
    expect(readSettings(config({ global: { 'secrets.rotationDays': 0 } })).rotationDays).toBe(0);
    expect(readSettings(config({ global: { 'secrets.rotationDays': -3 } })).rotationDays).toBe(90);
  });

  it('says when runpod.secrets.rotationDays is not taken (a typo would otherwise change the policy unsaid), and nothing for a policy or no setting', () => {
    const said = ['runpod.secrets.rotationDays must be a whole number of days from 0 to 36500; 90 is used.'];
    for (const bad of ['ninety', -3, 1.5, 40_000, null]) expect(readSettings(config({ global: { 'secrets.rotationDays': bad } })).rotationProblems).toEqual(said);
    for (const good of [0, 30, 36_500, undefined]) expect(readSettings(config({ workspace: { 'secrets.rotationDays': good } })).rotationProblems).toEqual([]);
  });

  it('takes the API URL from user settings, trimmed and without a trailing slash, with its origin', () => {
    expect(readSettings(config({ global: { apiUrl: ' http://127.0.0.1:8787/v2/ ' } })).apiUrl).toEqual({
      ok: true,
      url: 'http://127.0.0.1:8787/v2',
      origin: 'http://127.0.0.1:8787',
    });
  });

  it('refuses an API URL with credentials, a query or plain http off this machine, without echoing it', () => {
    const cases = {
      'https://user:tok_secret_1@gateway.example/v2': /must not contain a user name or password/,
      'https://gateway.example/v2?token=tok_secret_2': /must not contain a query or fragment/,
      'http://gateway.example/v2#tok_secret_3': /must not contain a query or fragment/,
      'http://gateway.example/v2': /uses http:\/\//,
      'not a url tok_secret_4': /not a valid URL/,
    };
    for (const [typed, problem] of Object.entries(cases)) {
      const setting = readSettings(config({ global: { apiUrl: typed } })).apiUrl;
      expect(setting.ok, typed).toBe(false);
      if (setting.ok) continue;
      expect(setting.problem, typed).toMatch(problem);
      expect(setting.problem, typed).not.toMatch(/tok_secret|user:/);
    }
  });

  it('ignores a workspace value of the API URL and timeout: a workspace cannot redirect the key', () => {
    const s = readSettings(config({ workspace: { apiUrl: 'https://evil.example/v2', requestTimeoutMs: 5000 } }));
    expect(s.apiUrl).toEqual(REST_V2);
    expect(s.requestTimeoutMs).toBe(DEFAULT_TIMEOUT_MS);
  });

  it('clamps the timeout and falls back on non-numbers, saying so in the command line\'s words for RUNPOD_TIMEOUT_MS', () => {
    const read = (requestTimeoutMs: unknown) => {
      const s = readSettings(config({ global: { requestTimeoutMs } }));
      return [s.requestTimeoutMs, s.timeoutProblems];
    };
    const said = (used: number) => [`${timeoutProblem('runpod.requestTimeoutMs')}; ${used} is used.`];
    expect(read(10)).toEqual([MIN_TIMEOUT_MS, said(MIN_TIMEOUT_MS)]);
    expect(read(1e9)).toEqual([MAX_TIMEOUT_MS, said(MAX_TIMEOUT_MS)]);
    expect(read(1500.4)).toEqual([1500, said(1500)]);
    // A fraction is said to be one: not "must be 1000 to 300000 milliseconds" of a value that is.
    expect(read(1500.5)[1]).toEqual(['runpod.requestTimeoutMs must be a whole number of milliseconds from 1000 to 300000; 1501 is used.']);
    expect(read('soon')).toEqual([DEFAULT_TIMEOUT_MS, said(DEFAULT_TIMEOUT_MS)]);
    expect(read(Number.NaN)).toEqual([DEFAULT_TIMEOUT_MS, said(DEFAULT_TIMEOUT_MS)]);
    for (const ms of [MIN_TIMEOUT_MS, 2000, MAX_TIMEOUT_MS]) expect(read(ms)).toEqual([ms, []]);
    // One range, one wording: what the setting takes silently is what RUNPOD_TIMEOUT_MS takes; the rest both refuse in the same words.
    for (const ms of [0, 999, 1000, 1500.4, 300_000, 300_001, 1e9]) {
      const [, problems] = read(ms) as [number, string[]];
      let cli: string | undefined;
      try {
        readApiConfig({ [TIMEOUT_ENV]: String(ms) });
      } catch (error) {
        cli = (error as Error).message;
      }
      expect([ms, cli]).toEqual([ms, problems.length === 0 ? undefined : timeoutProblem(TIMEOUT_ENV)]);
    }
  });

  it("the manifest's timeout setting states the bounds and default the client applies (runpod/timeout.ts)", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const setting = pkg.contributes.configuration.properties[TIMEOUT_SETTING];
    // "integer": the Settings UI refuses 1500.5 itself, as the client would round it.
    expect({ type: setting.type, default: setting.default, minimum: setting.minimum, maximum: setting.maximum }).toEqual({
      type: 'integer',
      default: DEFAULT_TIMEOUT_MS,
      minimum: MIN_TIMEOUT_MS,
      maximum: MAX_TIMEOUT_MS,
    });
    expect(setting.markdownDescription).toContain(`(${MIN_TIMEOUT_MS.toLocaleString('en-US')} to ${MAX_TIMEOUT_MS.toLocaleString('en-US')})`);
  });

  it('keeps only string globs, as the server does (one normaliser), and an empty list stays empty', () => {
    expect(readSettings(config({ workspace: { files: ['**/x.json', 3, ''] } })).files).toEqual(['**/x.json']);
    expect(readSettings(config({ workspace: { files: [] } })).files).toEqual([]);
    expect(readSettings(config({ workspace: { files: 'x' } })).files).toEqual([...DEFAULT_FILE_GLOBS]);
  });
});

describe('classifyChange', () => {
  const affects = (...changed: string[]) => (section: string) =>
    changed.some((c) => c === section || c.startsWith(`${section}.`) || section.startsWith(`${c}.`));

  it('API URL or timeout: recreate the client (and refresh), nothing for the server', () => {
    expect(classifyChange(affects('runpod.apiUrl'))).toEqual({ recreateClient: true, selectorMayChange: false });
    expect(classifyChange(affects('runpod.requestTimeoutMs')).recreateClient).toBe(true);
  });

  it('diagnostics severity: nothing for the extension (the server pulls it through workspace/configuration)', () => {
    expect(classifyChange(affects('runpod.diagnostics.severity'))).toEqual({ recreateClient: false, selectorMayChange: false });
  });

  it('files or environments: the document selector may change (a restart only if it does: selectorChanged)', () => {
    expect(classifyChange(affects('runpod.files'))).toEqual({ recreateClient: false, selectorMayChange: true });
    expect(classifyChange(affects('runpod.environments'))).toEqual({ recreateClient: false, selectorMayChange: true });
  });

  it('unrelated settings change nothing', () => {
    expect(classifyChange(affects('editor.fontSize'))).toEqual({ recreateClient: false, selectorMayChange: false });
  });
});
