/** The account name rule: short, plain, compared ignoring case; never repeats what it refuses. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_NAME_RULE, accountKeyVariable, findAccount, isAccountName, proposeAccountName, validateAccountName } from '../../client/src/auth/accountNames';
import { letterOfWords } from '../helpers/ruleWords';

describe('account names', () => {
  it('takes 1 to 24 ASCII letters, digits, - and _, starting with a letter or digit', () => {
    for (const ok of ['default', 'prod', 'my-team', 'team_2', '2024', 'A', 'x'.repeat(24)]) expect(isAccountName(ok), ok).toBe(true);
    for (const bad of ['', '-prod', '_x', 'x'.repeat(25), 'my team', 'prod.eu', 'é', 'a/b', 'https://api.runpod.io', 'a\u001b[31m']) {
      expect(isAccountName(bad), bad).toBe(false);
    }
  });

  it('says the rule in words that decide as isAccountName does, "letters" read as a reader takes them (every character to U+024F)', () => {
    const [, count, charWords, startWords] = /^1 to (\d+) (.+), starting with (.+)$/.exec(ACCOUNT_NAME_RULE) ?? [];
    expect([count, charWords, startWords]).toEqual(['24', "ASCII letters, digits, '-' or '_'", 'an ASCII letter or a digit']);
    const isLetter = letterOfWords(charWords!);
    const startsWell = letterOfWords(startWords!);
    const isDigit = (c: string) => /^[0-9]$/.test(c);
    for (let code = 1; code < 0x250; code++) {
      const c = String.fromCharCode(code);
      expect([c, isAccountName(`a${c}`)]).toEqual([c, isLetter(c) || isDigit(c) || c === '-' || c === '_']);
      expect([c, isAccountName(`${c}a`)]).toEqual([c, startsWell(c) || isDigit(c)]);
    }
  });

  it('refuses what can only be a key or a URL pasted in the wrong box, without repeating it', () => {
    const key = 'rpa_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCD';
    const oldKey = 'A1B2C3D4E5F6G7H8I9J0K1L2M3N4O5P6';
    for (const text of [key, oldKey, 'https://api.runpod.io/v2']) {
      const message = validateAccountName(text);
      expect(message).toMatch(/^An account name is 1 to 24 ASCII letters/);
      expect(message).not.toContain(text.slice(0, 8));
    }
  });

  it('refuses a name shaped like a known credential, though it fits the characters and the length', () => {
    // An AWS access key id and a short RunPod-shaped token: both 24 characters or fewer of letters, digits and _.
    for (const text of ['AKIA4Q7ZK2M9XB3TRW8P', 'rpa_K7Q2X9M4B1Z8T3W6R5Y0']) {
      expect(isAccountName(text), text).toBe(false);
      const message = validateAccountName(text);
      expect(message).toMatch(/^An account name is 1 to 24 ASCII letters/);
      expect(message).not.toContain(text.slice(0, 8));
      // A config table named so is not proposed as a name either.
      expect(isAccountName(proposeAccountName(text)), text).toBe(true);
    }
    expect(isAccountName('AKIA-team')).toBe(true); // a word that merely starts like one is a name
  });

  it('a name that differs only in case is taken', () => {
    expect(validateAccountName('Prod', ['team', 'prod'])).toBe('An account named prod exists already. Choose another name, or switch to it.');
    expect(validateAccountName('prod2', ['prod'])).toBeUndefined();
    expect(findAccount(['Team'], 'team')).toBe('Team');
    expect(findAccount(['Team'], 'teams')).toBeUndefined();
  });

  it("a name that differs only in - and _ is taken: both read one command-line variable", () => {
    // my_team and my-team would both run with RUNPOD_API_KEY_MY_TEAM: --account my_team must not take my-team's key.
    expect(accountKeyVariable('my_team')).toBe(accountKeyVariable('my-team'));
    expect(validateAccountName('my_team', ['my-team'])).toBe('An account named my-team exists already. Choose another name, or switch to it.');
    expect(findAccount(['My-Team'], 'my_team')).toBe('My-Team');
    expect(proposeAccountName('my_team', ['my-team'])).toBe('my_team-2');
    expect(findAccount(['myteam'], 'my-team')).toBeUndefined();
  });

  it('proposes a valid free name from a config table name', () => {
    expect(proposeAccountName('default')).toBe('default');
    expect(proposeAccountName('default', ['default'])).toBe('default-2');
    expect(proposeAccountName('default', ['default', 'DEFAULT-2'])).toBe('default-3');
    expect(proposeAccountName('-my team.eu_')).toBe('my-team-eu');
    expect(proposeAccountName('___')).toBe('account');
    expect(proposeAccountName('x'.repeat(40), ['x'.repeat(24)])).toBe(`${'x'.repeat(22)}-2`);
    for (const text of ['', 'é', 'a'.repeat(100), '9lives', 'a--b']) expect(isAccountName(proposeAccountName(text, [text]))).toBe(true);
  });

  it("the command line's variable: upper case, - as _", () => {
    expect(accountKeyVariable('my-team')).toBe('RUNPOD_API_KEY_MY_TEAM');
    expect(accountKeyVariable('Prod')).toBe('RUNPOD_API_KEY_PROD');
  });
});

describe('the runpod.account setting schema', () => {
  it("its pattern (the Settings editor's check) agrees with the name rule", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const setting = pkg.contributes.configuration.properties['runpod.account'];
    expect(setting.scope).toBe('window');
    const pattern = new RegExp(setting.pattern);
    const samples = ['', 'a', 'prod', 'my-team', 'team_2', '9', '-x', '_x', 'x'.repeat(24), 'x'.repeat(25), 'a b', 'a.b', 'é', 'https://x', 'rpa_0123456789012345678901234', 'A-'];
    for (const text of samples) expect(pattern.test(text), text).toBe(text === '' || isAccountName(text));
  });
});
