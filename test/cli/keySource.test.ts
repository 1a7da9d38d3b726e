/** Which key the command line chooses (pure: the config file is injected) and the global options. */
import { describe, expect, it } from 'vitest';
import type { ConfigRead } from '../../client/src/auth/runpodConfigFile';
import { parseRunpodConfig } from '../../client/src/auth/runpodConfigToml';
import { UsageError } from '../../client/src/cli/errors';
import { takeGlobalOptions } from '../../client/src/cli/globalOptions';
import { chooseApiKey, unknownAccountProblem } from '../../client/src/cli/keySource';

const A = 'rp_key_a_0123456789';
const B = 'rp_key_b_0123456789';
const C = 'rp_key_c_0123456789';
const location = { path: '/h/.runpod/config.toml', display: '~/.runpod/config.toml' };

/** A config reader over `text` that counts its calls (undefined: no file). */
function config(text?: string) {
  const reader = (): ConfigRead => {
    reader.calls++;
    return text === undefined ? { kind: 'missing', location } : { kind: 'ok', config: parseRunpodConfig(text), location };
  };
  reader.calls = 0;
  return reader;
}

describe('chooseApiKey', () => {
  it('RUNPOD_API_KEY without reading the config; else [default], then the top-level apikey', () => {
    const file = config(`apikey = "${C}"\n[default]\napi_key = "${B}"\n`);
    expect(chooseApiKey({ RUNPOD_API_KEY: A }, {}, file)).toEqual({ kind: 'key', key: A, source: 'RUNPOD_API_KEY' });
    expect(file.calls).toBe(0);
    expect(chooseApiKey({}, {}, file)).toEqual({ kind: 'key', key: B, source: '~/.runpod/config.toml [default]' });
    expect(chooseApiKey({}, {}, config(`apikey = "${C}"\n[other]\napi_key = "${B}"\n`))).toEqual({
      kind: 'key',
      key: C,
      source: '~/.runpod/config.toml (top-level apikey)',
    });
  });

  it("names the key's account only by a name the user gave: --account, RUNPOD_ACCOUNT, --profile; none for a key taken by default", () => {
    const long = `t${'x'.repeat(29)}`;
    const text = `apikey = "${A}"\n[runpodctl]\napi_key = "${B}"\n[Prod]\napi_key = "${A}"\n[prod]\napi_key = "${B}"\n[_x]\napi_key = "${C}"\n[${long}]\napi_key = "${C}"\n[nokey]\nname = "n"\n`;
    const account = (env: Record<string, string>, options: { account?: string; profile?: string }) => {
      const choice = chooseApiKey(env, options, config(text));
      return choice.kind === 'key' ? choice.account : choice.message;
    };
    // The CLI cannot see the editor's accounts: a guess at the name its import would give (default-2,
    // runpodctl) could name another account of the editor's, so a key taken by default has no name.
    expect(account({}, {})).toBeUndefined();
    expect(account({ RUNPOD_API_KEY: C }, {})).toBeUndefined();
    expect(account({}, { profile: 'runpodctl' })).toBe('runpodctl');
    expect(account({}, { profile: 'Prod' })).toBe('Prod');
    expect(account({}, { profile: '_x' })).toBeUndefined();
    // A table name that is no account name (too long, a leading _) names nothing.
    expect(account({}, { profile: long })).toBeUndefined();
    // --account: the name asked by, whether its key is a variable's or a table's (found ignoring case).
    expect(account({ RUNPOD_API_KEY_PROD: C }, { account: 'prod' })).toBe('prod');
    expect(account({}, { account: 'Prod' })).toBe('Prod');
    expect(account({ RUNPOD_ACCOUNT: 'x-team', RUNPOD_API_KEY_X_TEAM: C }, {})).toBe('x-team');
    // Never the key, whatever the table is called.
    for (const opts of [{}, { profile: 'runpodctl' }, { account: 'prod' }]) expect([A, B, C]).not.toContain(account({}, opts));
  });

  it('nothing anywhere is "none" (check goes on without); asking for what is not there is an error', () => {
    expect(chooseApiKey({}, {}, config())).toMatchObject({ kind: 'none', message: expect.stringMatching(/^RUNPOD_API_KEY is not set/) });
    expect(chooseApiKey({}, { profile: 'x' }, config())).toMatchObject({ kind: 'error' });
    expect(chooseApiKey({}, { account: 'x' }, config())).toMatchObject({ kind: 'error', message: expect.stringContaining('RUNPOD_API_KEY_X') });
  });

  it('--profile names any table the config reader takes, and nothing else', () => {
    // The reader takes a table of any length of letters, digits, - and _; --profile used to refuse past 128.
    const long = `team-${'x'.repeat(200)}`;
    expect(chooseApiKey({}, { profile: long }, config(`[${long}]\napi_key = "${B}"\n`))).toMatchObject({ kind: 'key', key: B });
    for (const bad of ['a.b', 'a b', '"a"', 'é']) {
      const file = config(`[default]\napi_key = "${B}"\n`);
      expect(chooseApiKey({}, { profile: bad }, file)).toMatchObject({ kind: 'error', message: expect.stringContaining('--profile takes the name of a table') });
      expect(file.calls).toBe(0);
    }
  });

  it('--account beats RUNPOD_ACCOUNT; the account table is found ignoring case; RUNPOD_API_KEY is never its fallback', () => {
    const file = config(`[Prod]\napi_key = "${B}"\n`);
    expect(chooseApiKey({ RUNPOD_ACCOUNT: 'dev', RUNPOD_API_KEY_DEV: A, RUNPOD_API_KEY_PROD: C }, { account: 'prod' }, file)).toMatchObject({ key: C });
    expect(chooseApiKey({ RUNPOD_API_KEY: A }, { account: 'prod' }, file)).toMatchObject({ key: B, source: '~/.runpod/config.toml [Prod]' });
    expect(chooseApiKey({ RUNPOD_API_KEY: A, RUNPOD_ACCOUNT: 'dev' }, {}, file)).toMatchObject({ kind: 'error' });
  });

  it('--account: a table named exactly as asked wins over one the name rule matches; several rule matches alone are refused as ambiguous, named', () => {
    const file = config(`[my_team]\napi_key = "${A}"\n[my-team]\napi_key = "${B}"\n`);
    expect(chooseApiKey({}, { account: 'my-team' }, file)).toMatchObject({ key: B, source: '~/.runpod/config.toml [my-team]' });
    expect(chooseApiKey({}, { account: 'my_team' }, file)).toMatchObject({ key: A, source: '~/.runpod/config.toml [my_team]' });
    const ambiguous = chooseApiKey({}, { account: 'My-Team' }, file);
    expect(ambiguous).toMatchObject({ kind: 'error', message: expect.stringContaining('[my_team], [my-team]') });
    expect(JSON.stringify(ambiguous)).not.toMatch(/rp_key_/);
  });

  it('refuses --account with --profile, a non-name account, and a malformed account variable, never echoing them', () => {
    expect(chooseApiKey({}, { account: 'a', profile: 'b' }, config())).toMatchObject({ kind: 'error', message: expect.stringContaining('give one') });
    const pasted = chooseApiKey({ RUNPOD_ACCOUNT: `${A}${A}` }, {}, config());
    expect(pasted).toMatchObject({ kind: 'error', message: expect.stringMatching(/^RUNPOD_ACCOUNT takes an account name/) });
    expect(JSON.stringify(pasted)).not.toContain(A);
    const bad = chooseApiKey({ RUNPOD_API_KEY_PROD: `${A} x` }, { account: 'prod' }, config());
    expect(bad).toEqual({ kind: 'error', message: 'RUNPOD_API_KEY_PROD holds spaces or characters an API key never has.' });
  });

  it('RUNPOD_API_KEY is held to the key rule RUNPOD_API_KEY_<NAME> is (keyRules.ts), never echoed, and no other key is used instead', () => {
    for (const value of [`${A} ${B}`, `${A}\u0007`, `${A}é`]) {
      const choice = chooseApiKey({ RUNPOD_API_KEY: value }, {}, config(`[default]\napi_key = "${C}"\n`));
      expect(choice, JSON.stringify(value)).toEqual({ kind: 'error', message: 'RUNPOD_API_KEY holds spaces or characters an API key never has.' });
      expect(JSON.stringify(choice)).not.toContain(A);
    }
    expect(chooseApiKey({ RUNPOD_API_KEY: `  ${A}\n` }, {}, config())).toEqual({ kind: 'key', key: A, source: 'RUNPOD_API_KEY' });
  });

  it('an unusable key in the file is an error that names the line, not a silent fallback to another key', () => {
    const file = config(`apikey = "${C}"\n[default]\napi_key = "${A}"\napi_key = "${B}"\n`);
    expect(chooseApiKey({}, {}, file)).toEqual({ kind: 'error', message: '~/.runpod/config.toml [default]: api_key is set twice.' });
  });

  it('an unreadable file is an error wherever it is needed', () => {
    const refused = (): ConfigRead => ({ kind: 'refused', location, reason: 'a folder, not a file' });
    expect(chooseApiKey({}, {}, refused)).toEqual({ kind: 'error', message: '~/.runpod/config.toml cannot be read (a folder, not a file).' });
    expect(chooseApiKey({ RUNPOD_API_KEY: A }, {}, refused)).toMatchObject({ kind: 'key', key: A });
  });
});

describe('takeGlobalOptions', () => {
  it('takes --account, --profile and --verbose anywhere, in both spellings, and leaves the rest in order', () => {
    expect(takeGlobalOptions(['--account', 'prod', 'secrets', 'list', '--verbose', '--json', '--profile=x'])).toEqual({
      options: { account: 'prod', profile: 'x', verbose: true, resolvedKeys: [] },
      rest: ['secrets', 'list', '--json'],
    });
    expect(takeGlobalOptions(['check', '--', '--account', 'x']).rest).toEqual(['check', '--', '--account', 'x']);
  });

  it('a missing value or a repeated option is a usage error that does not repeat the value', () => {
    for (const argv of [['--account'], ['--account', '--json'], ['--profile='], ['--account=a', '--account', A]]) {
      let error: unknown;
      try {
        takeGlobalOptions(argv);
      } catch (e) {
        error = e;
      }
      expect(error, argv.join(' ')).toBeInstanceOf(UsageError);
      expect((error as Error).message).not.toContain(A);
    }
  });
});

describe('unknownAccountProblem (envs compare: --account names only the account)', () => {
  const file = config('[personal]\napi_key = "k"\n[Team]\n');
  it('an account the config, a key variable or a declared environment knows passes; without a config file nothing tells a typo', () => {
    expect(unknownAccountProblem({}, { account: 'team' }, [], file)).toBeUndefined();
    expect(unknownAccountProblem({ RUNPOD_API_KEY_CI: 'x' }, { account: 'ci' }, [], file)).toBeUndefined();
    expect(unknownAccountProblem({}, { account: 'staging' }, ['Staging'], file)).toBeUndefined();
    expect(unknownAccountProblem({}, { account: 'tema' }, [], config())).toBeUndefined();
    expect(unknownAccountProblem({}, {}, [], file)).toBeUndefined();
  });
  it('a typo is said with the accounts known, once each', () => {
    expect(unknownAccountProblem({}, { account: 'tema' }, ['team', 'staging'], file)).toBe(
      '--account tema is no account known here: RUNPOD_API_KEY_TEMA is not set, ~/.runpod/config.toml has no [tema] table and no --environment-account names it. Accounts known: personal, Team, staging.',
    );
  });
});
