/**
 * The variables that configure the RunPod client are named in one place (client/src/runpod/
 * environmentVariables.ts): the code that reads them and every message, note and help text that
 * names one takes the constant, so a renamed variable cannot leave a message naming the old one.
 * The scan reads the string literals of the sources (comments aside), as commandTitleQuotes does,
 * and their identifiers and property names: `env.RUNPOD_API_URL` reads the variable as surely as
 * `env['RUNPOD_API_URL']` does.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_ENV, API_KEY_ENV, API_URL_ENV, CONFIG_FILE_ENV, TIMEOUT_ENV } from '../../client/src/runpod/environmentVariables';
import { configFileLocation } from '../../client/src/auth/runpodConfigFile';
import { readApiConfig } from '../../client/src/cli/client';
import { helpFor } from '../../client/src/cli/help';
import { HISTORY_ENV } from '../../client/src/cli/history';
import { accountKeyVariable } from '../../client/src/auth/accountNames';
import { ROOT, sourceFiles, wordsIn, wordsOf } from '../helpers/sourceWords';

const HOME = path.join(ROOT, 'client/src/runpod/environmentVariables.ts');

describe('the names of RUNPOD_API_KEY, RUNPOD_API_URL, RUNPOD_TIMEOUT_MS, RUNPOD_ACCOUNT and RUNPOD_CONFIG_FILE', () => {
  const names = [API_KEY_ENV, API_URL_ENV, TIMEOUT_ENV, ACCOUNT_ENV, CONFIG_FILE_ENV];
  const whole = new RegExp(`(?<![A-Z0-9_])(${names.join('|')})(?![A-Z0-9_])`);

  it('are written in the sources only where they are named (a longer name such as RUNPOD_API_KEY_<NAME> aside)', () => {
    // The scan reads the file that names them: it would see a literal.
    expect(wordsOf(HOME).filter((t) => whole.test(t))).toEqual(names);
    expect(wordsIn(sourceFiles().filter((f) => f !== HOME), (t) => whole.test(t))).toEqual([]);
  });

  it('the scan sees a name read as a property, written as a key or destructured, and not in a comment', () => {
    const code = [
      '// RUNPOD_API_KEY in a comment is prose',
      'const url = process.env.RUNPOD_API_URL;',
      "const key = process.env['RUNPOD_API_KEY'];",
      'const { RUNPOD_TIMEOUT_MS } = process.env;',
      'const vars = { RUNPOD_API_URL: url, RUNPOD_API_KEY_PROD: key };',
    ].join('\n');
    expect(wordsOf('probe.ts', code).filter((t) => whole.test(t))).toEqual([API_URL_ENV, API_KEY_ENV, TIMEOUT_ENV, API_URL_ENV]);
  });

  it('are the variables the command line reads and its help names', () => {
    const config = readApiConfig({ [API_KEY_ENV]: 'rp_names_test_key_123456', [API_URL_ENV]: 'http://127.0.0.1:9/v2', [TIMEOUT_ENV]: '2000' });
    expect(config).toMatchObject({ apiKey: 'rp_names_test_key_123456', baseUrl: 'http://127.0.0.1:9/v2', timeoutMs: 2000, keySource: API_KEY_ENV });
    expect(readApiConfig({ [ACCOUNT_ENV]: 'prod', RUNPOD_API_KEY_PROD: 'rp_names_test_key_prod_1234' })).toMatchObject({ apiKey: 'rp_names_test_key_prod_1234', account: 'prod' });
    expect(configFileLocation({ HOME: '/home/u', [CONFIG_FILE_ENV]: '/etc/runpod.toml' }).path).toBe('/etc/runpod.toml');
    for (const name of names) expect(helpFor('pods'), name).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
  });

  it("an account's key variable is API_KEY_ENV and the name (accountKeyVariable), as the help says; the history's switch is HISTORY_ENV in code and help", () => {
    expect(accountKeyVariable('my-team')).toBe(`${API_KEY_ENV}_MY_TEAM`);
    expect(readApiConfig({ [ACCOUNT_ENV]: 'my-team', [`${API_KEY_ENV}_MY_TEAM`]: 'rp_names_test_key_team_1234' })).toMatchObject({ apiKey: 'rp_names_test_key_team_1234' });
    expect(helpFor('pods')).toContain(`${API_KEY_ENV}_<NAME> (upper-cased, - as _)`);
    expect(helpFor('secrets')).toContain(`${HISTORY_ENV}=off turns that off`);
  });
});
