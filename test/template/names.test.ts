import { describe, expect, it } from 'vitest';
import {
  closestName,
  sameNameLoosely,
  nameTable,
  formatReference,
  isSecretDescriptionAcceptable,
  referenceNameProblem,
  hasSecretNameCharsOnly,
  SECRET_NAME_CHARS_RULE,
  SECRET_NAME_RULE,
  SECRET_VALUE_MAX_BYTES,
  secretValueProblem,
  utf8ByteLength,
  validateSecretName,
  valueFromFileBytes,
  valueFromText,
  withoutFinalLineBreak,
} from '../../server/src/template/names';
import { letterOfWords } from '../helpers/ruleWords';

describe('validateSecretName (RunPod rule)', () => {
  it.each(['hf-token', 'a', '_x', 'db/password', 'my.key_2-b/c', 'x'.repeat(191)])('accepts %s', (name) => {
    expect(validateSecretName(name)).toBeUndefined();
  });
  it('rejects an empty name', () => expect(validateSecretName('')).toMatch(/empty/));
  it('rejects 192 characters and says the limit', () => expect(validateSecretName('x'.repeat(192))).toMatch(/191/));
  it.each(['RUNPOD_X', 'runpod', 'RunPod-key', 'runpodx'])('rejects the reserved prefix in %s', (name) => {
    expect(validateSecretName(name)).toMatch(/reserved/);
  });
  it.each(['1abc', '.x', '-x', '/x'])('rejects a bad first character in %s', (name) => {
    expect(validateSecretName(name)).toMatch(/start with an ASCII letter/);
  });
  it('names the offending character', () => {
    expect(validateSecretName('hf token')).toMatch(/a space/);
    expect(validateSecretName('hf$token')).toMatch(/`\$`/);
    expect(validateSecretName('hfé')).toMatch(/`é`/);
  });
  it('describes invisible characters by code point instead of printing them', () => {
    expect(validateSecretName('a\u0000b')).toMatch(/U\+0000/);
    expect(validateSecretName('a\ud800')).toMatch(/U\+D800/);
  });
});

describe('SECRET_NAME_RULE: the rule in words, as Create Secret states it before a name is typed', () => {
  // Read back from the words: the characters in quotes, what a name starts with, the prefix, the length.
  const [, quoted] = /letters, digits and "([^"]+)"/.exec(SECRET_NAME_RULE) ?? [];
  const separators = (quoted ?? '').split(' ');
  const [, startWords] = /starting with ([^,]+?) and not with "RUNPOD" \(in any case\)/.exec(SECRET_NAME_RULE) ?? [];
  const [, maxWords] = /at most (\d+) characters/.exec(SECRET_NAME_RULE) ?? [];
  const [charWords] = SECRET_NAME_RULE.split(', starting with');
  const isDigit = (c: string) => /^[0-9]$/.test(c);

  it('says every character validateSecretName takes after the first, and no other (ASCII and beyond; "letters" read as a reader takes them)', () => {
    expect(separators).toEqual(['_', '.', '-', '/']);
    const isLetter = letterOfWords(charWords!);
    for (let code = 1; code < 0x250; code++) {
      const c = String.fromCharCode(code);
      expect([c, validateSecretName(`a${c}`) === undefined]).toEqual([c, isLetter(c) || isDigit(c) || separators.includes(c)]);
    }
    // An existing secret's name is judged by the same characters, said in the same words.
    expect(SECRET_NAME_CHARS_RULE).toContain(charWords);
    for (let code = 1; code < 0x250; code++) {
      const c = String.fromCharCode(code);
      expect([c, hasSecretNameCharsOnly(`a${c}`)]).toEqual([c, isLetter(c) || isDigit(c) || separators.includes(c)]);
    }
  });

  it('says what a name may start with (a digit, ".", "-", "/" not), exactly as validateSecretName decides', () => {
    expect(startWords).toBe('an ASCII letter or "_"');
    const isLetter = letterOfWords(startWords!);
    for (let code = 1; code < 0x250; code++) {
      const c = String.fromCharCode(code);
      expect([c, validateSecretName(`${c}a`) === undefined]).toEqual([c, isLetter(c) || c === '_']);
    }
    // A non-ASCII letter is refused, and the refusal does not claim letters in general.
    expect(validateSecretName('Éa')).toBe('A secret name must start with an ASCII letter or "_", not `É`.');
    expect(validateSecretName('aé')).toBe('A secret name may only contain ASCII letters, digits and "_ . - /"; it contains `é`.');
  });

  it('says the reserved prefix and the length limit validateSecretName refuses', () => {
    for (const name of ['RUNPOD', 'runpod_x', 'RunPodKey']) expect(validateSecretName(name), name).toMatch(/RUNPOD/);
    const max = Number(maxWords);
    expect(validateSecretName('a'.repeat(max))).toBeUndefined();
    expect(validateSecretName('a'.repeat(max + 1))).toMatch(new RegExp(`at most ${max}`));
  });
});

describe('referenceNameProblem (the editor and the Launch preflight)', () => {
  it('a legacy name the account holds is judged by its characters; the same name not held by the new-name rule', () => {
    const held = new Set(['2fa_seed', 'RUNPOD_KEY', 'a:b']);
    expect(referenceNameProblem('2fa_seed', held)).toBeUndefined();
    expect(referenceNameProblem('RUNPOD_KEY', held)).toBeUndefined();
    expect(referenceNameProblem('2fa_seed', new Set())).toBe(validateSecretName('2fa_seed'));
    expect(referenceNameProblem('RUNPOD_KEY', undefined)).toMatch(/reserved/);
    // A listed name with characters no secret name has (a hostile list) is not let through.
    expect(referenceNameProblem('a:b', held)).toMatch(/only contain/);
  });
});

describe('formatReference', () => {
  it('writes the canonical form', () => expect(formatReference('hf-token')).toBe('{{ RUNPOD_SECRET_hf-token }}'));
});

describe('closestName', () => {
  const known = ['hf-token', 'HF_TOKEN_WRITE', 'db/password', 'wandb_key'];
  it('finds a case-only difference', () => expect(closestName('HF-TOKEN', known)).toBe('hf-token'));
  it('finds a separator difference', () => expect(closestName('hf_token', known)).toBe('hf-token'));
  it('finds a typo', () => expect(closestName('hf-tokn', known)).toBe('hf-token'));
  it('finds a transposition', () => expect(closestName('wnadb_key', known)).toBe('wandb_key'));
  it('returns nothing when nothing is close', () => expect(closestName('openai', known)).toBeUndefined());
  it('returns nothing for an empty list or name', () => {
    expect(closestName('x', [])).toBeUndefined();
    expect(closestName('', known)).toBeUndefined();
  });
});

describe('sameNameLoosely (the one name a secret already has, for a name derived from a key)', () => {
  const known = ['hf-token', 'HF_TOKEN_WRITE', 'gh_token', 'wandb_key'];
  it('finds the name itself, a case-only and a separator difference, preferring the closest', () => {
    expect(sameNameLoosely('hf-token', known)).toBe('hf-token');
    expect(sameNameLoosely('hf_token', known)).toBe('hf-token');
    expect(sameNameLoosely('HF_TOKEN', ['hf.token', 'HF_TOKEN'])).toBe('HF_TOKEN');
  });
  // A typo-close name is another credential as often as not (hf_token, gh_token): not the same secret.
  it('never a name only close by edits', () => {
    expect(sameNameLoosely('hf_tokens', known)).toBeUndefined();
    expect(sameNameLoosely('db_token', known)).toBeUndefined();
    expect(closestName('db_token', known)).toBeDefined();
  });
});

describe("sameNameLoosely's except (the secret being renamed: its own respelling makes no second secret)", () => {
  it('skips the excepted name in every tier: renaming hf-token to HF_TOKEN or hf_token finds no other secret', () => {
    expect(sameNameLoosely('hf-token', ['hf-token'], 'hf-token')).toBeUndefined();
    expect(sameNameLoosely('HF-TOKEN', ['hf-token', 'gh_token'], 'hf-token')).toBeUndefined(); // case only
    expect(sameNameLoosely('hf_token', ['hf-token', 'gh_token'], 'hf-token')).toBeUndefined(); // case and separators
  });

  it('answers the next name of the tier when the excepted one came first', () => {
    // Case tier: HF-TOKEN first, skipped; hf-token is the other secret of that spelling.
    expect(sameNameLoosely('Hf-Token', ['HF-TOKEN', 'hf-token'], 'HF-TOKEN')).toBe('hf-token');
    // Separator tier: hf-token first, skipped; HF_TOKEN is another secret the name collides with.
    expect(sameNameLoosely('hf.token', ['hf-token', 'HF_TOKEN'], 'hf-token')).toBe('HF_TOKEN');
  });

  it('an excepted name that is not the match hides nothing; none excepted finds the secret itself', () => {
    const known = ['hf-token', 'gh_token'];
    expect(sameNameLoosely('hf_token', known, 'gh_token')).toBe('hf-token');
    expect(sameNameLoosely('hf_token', known, 'no-such-secret')).toBe('hf-token');
    expect(sameNameLoosely('hf_token', known)).toBe('hf-token');
  });

  it('answers the same from a table read once (nameTable) as from the list', () => {
    const known = ['HF-TOKEN', 'hf-token', 'hf_token2', 'HF_TOKEN'];
    const table = nameTable(known);
    for (const [name, except] of [['hf-token', 'hf-token'], ['Hf-Token', 'HF-TOKEN'], ['hf.token', 'HF-TOKEN'], ['HF_TOKEN', 'HF_TOKEN'], ['hf_token2', undefined]] as const) {
      expect(sameNameLoosely(name, table, except), `${name} except ${except}`).toBe(sameNameLoosely(name, known, except));
    }
  });
});

describe('secret values and descriptions RunPod accepts', () => {
  it('counts UTF-8 bytes like the encoder does', () => {
    for (const s of ['', 'abc', 'é', '€', '🔑', 'a\u{10FFFF}b', '\ud800x', 'x\udc00']) {
      expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length);
    }
  });

  it('a value is at least 1 byte and strictly under 16 MiB of UTF-8 (text or a byte count)', () => {
    expect(SECRET_VALUE_MAX_BYTES).toBe(16_777_216);
    expect(secretValueProblem('')).toBe('empty');
    expect(secretValueProblem(0)).toBe('empty');
    expect(secretValueProblem('x')).toBeUndefined();
    expect(secretValueProblem(SECRET_VALUE_MAX_BYTES - 1)).toBeUndefined();
    expect(secretValueProblem(SECRET_VALUE_MAX_BYTES)).toBe('too-large');
    // 'é' is 2 bytes: 8 Mi characters are exactly 16 MiB, one fewer fits.
    expect(secretValueProblem('é'.repeat(8 * 1024 * 1024))).toBe('too-large');
    expect(secretValueProblem('é'.repeat(8 * 1024 * 1024 - 1))).toBeUndefined();
  });

  it('a description is at most 65,535 bytes of UTF-8; empty clears it', () => {
    expect(isSecretDescriptionAcceptable('')).toBe(true);
    expect(isSecretDescriptionAcceptable('a'.repeat(65_535))).toBe(true);
    expect(isSecretDescriptionAcceptable('a'.repeat(65_536))).toBe(false);
    expect(isSecretDescriptionAcceptable('€'.repeat(21_845))).toBe(true);
    expect(isSecretDescriptionAcceptable('€'.repeat(21_846))).toBe(false);
  });
});

describe('a NUL in a value', () => {
  it('is refused however it arrives; the UTF-16 hint is given for bytes read from a file or pipe, not for a typed value', () => {
    const typed = valueFromText('h\u0000i');
    const read = valueFromFileBytes(new TextEncoder().encode('h\u0000i'));
    expect(typed).toMatchObject({ problem: 'nul', message: expect.stringMatching(/NUL character/) });
    expect(read).toMatchObject({ problem: 'nul', message: expect.stringMatching(/NUL character/) });
    expect('message' in typed && typed.message).not.toMatch(/UTF-16/);
    expect('message' in read && read.message).toMatch(/UTF-16 file without a byte-order mark/);
  });
});

describe('withoutFinalLineBreak (the one rule for a value\'s final line break, piped or typed)', () => {
  it.each([
    ['tok\n', 'tok'],
    ['tok\r\n', 'tok'],
    ['tok\r', 'tok'],
    ['\r', ''],
    ['tok', 'tok'],
    ['tok\n\n', 'tok\n'],
    ['tok\n\r', 'tok\n'],
    ['a\nb', 'a\nb'],
  ])('%j -> %j', (text, expected) => {
    expect(withoutFinalLineBreak(text)).toBe(expected);
  });
});
