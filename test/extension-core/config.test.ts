import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_GLOBS } from '../../server/src/template/fileKinds';
import { readFileSync } from 'node:fs';
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, MIN_TIMEOUT_MS } from '../../client/src/runpod/timeout';
import { DEFAULT_BASE_URL } from '../../client/src/runpod/baseUrl';
import {
  classifyChange,
  readSettings,
  type ConfigurationLike,
} from '../../client/src/config';

/** A configuration with per-scope values, as `vscode.WorkspaceConfiguration.inspect` reports them. */
function config(values: { global?: Record<string, unknown>; workspace?: Record<string, unknown> }): ConfigurationLike {
  const merged = { ...values.global, ...values.workspace };
  return {
    get: <T>(key: string) => merged[key] as T | undefined,
    inspect: <T>(key: string) => ({
      defaultValue: undefined as T | undefined,
      globalValue: values.global?.[key] as T | undefined,
      workspaceValue: values.workspace?.[key] as T | undefined,
    }),
  };
}

describe('readSettings', () => {
  it('gives the documented defaults', () => {
    const s = readSettings(config({}));
    expect(s).toEqual({
      apiUrl: { ok: true, url: DEFAULT_BASE_URL, origin: 'https://api.runpod.io' },
      requestTimeoutMs: DEFAULT_TIMEOUT_MS,
      files: [...DEFAULT_FILE_GLOBS],
      fileProblems: [],
      rotationDays: 90,
      environments: [],
      environmentProblems: [],
    });
  });

  it('reads runpod.secrets.rotationDays (a workspace may set it) by the core rule: 0 is off, garbage the default', () => {
    expect(readSettings(config({ workspace: { 'secrets.rotationDays': 30 } })).rotationDays).toBe(30);
    expect(readSettings(config({ global: { 'secrets.rotationDays': 0 } })).rotationDays).toBe(0);
    expect(readSettings(config({ global: { 'secrets.rotationDays': -3 } })).rotationDays).toBe(90);
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
    expect(s.apiUrl).toMatchObject({ ok: true, url: DEFAULT_BASE_URL });
    expect(s.requestTimeoutMs).toBe(DEFAULT_TIMEOUT_MS);
  });

  it('clamps the timeout and falls back on non-numbers', () => {
    expect(readSettings(config({ global: { requestTimeoutMs: 10 } })).requestTimeoutMs).toBe(MIN_TIMEOUT_MS);
    expect(readSettings(config({ global: { requestTimeoutMs: 1e9 } })).requestTimeoutMs).toBe(MAX_TIMEOUT_MS);
    expect(readSettings(config({ global: { requestTimeoutMs: 'soon' } })).requestTimeoutMs).toBe(DEFAULT_TIMEOUT_MS);
  });

  it("the manifest's timeout setting states the bounds and default the client applies (runpod/timeout.ts)", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const setting = pkg.contributes.configuration.properties['runpod.requestTimeoutMs'];
    expect({ default: setting.default, minimum: setting.minimum, maximum: setting.maximum }).toEqual({
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
