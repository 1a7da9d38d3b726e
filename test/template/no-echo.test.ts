/**
 * Messages say what is wrong by position and shape, never by quoting text that could be a value:
 * a line without `=` has no key (it may be a credential pasted alone, or a whole credentials file
 * read by mistake), and an invalid key may be a URL with a password in it. A key is quoted only
 * when it is a valid name. The same holds for related information, `data` and symbol names.
 */
import { describe, expect, it } from 'vitest';
import { analyze, symbols, validateSecretName } from '../../server/src/template';
import { describeChar, escapeUnsafe, oneLine, pathText } from '../../server/src/template/displayText';
import { findLeak } from '../hostile/leaks';
import { fresh } from './types';
import { codePointName, INVISIBLE_CHARS, namesWith, VISIBLE_CHARS, VISIBLE_NAMES } from '../helpers/invisibleChars';

const TOKEN = 'ghp_Zq81mXv4Lr0cTe9WbN3yKd6uHs2pAj5fGo7i';
const PASSWORD = 'Pw9xQz7Lm2Kv';
const URL_LINE = `postgres://app:${PASSWORD}@db.internal:5432/prod?sslmode=require`;

/**
 * Every string of every problem (message, related messages, data) and every symbol name, with the
 * problem codes: a row must report its problem, or the leak check below would search nothing.
 */
function shown(text: string): { codes: string[]; out: string } {
  const analysis = analyze(text, 'runpod-env', fresh);
  const out = JSON.stringify([analysis.problems.map((p) => [p.message, p.related, p.data]), symbols(analysis).map((s) => [s.name, s.detail])]);
  return { codes: analysis.problems.map((p) => p.code), out };
}

describe('no message quotes text that could be a value', () => {
  it.each([
    ['a token alone on a line', `${TOKEN}\n`, ['missing-equals']],
    ['a token after a word', `token ${TOKEN}\n`, ['missing-equals']],
    ['a .git-credentials line', `https://alice:${TOKEN}@github.com\n`, ['missing-equals']],
    ['a URL with a password as the key', `${URL_LINE}\n`, ['invalid-key']],
    ['the same URL twice (duplicate of an invalid key)', `${URL_LINE}\n${URL_LINE}\n`, ['invalid-key', 'invalid-key', 'duplicate-key']],
    ['a credential under an invalid key', `my url:${PASSWORD}=${TOKEN}\n`, ['invalid-key', 'hardcoded-credential']],
    ['a line of a private key without =', `-----BEGIN KEY-----\n${TOKEN}\n-----END KEY-----\n`, ['missing-equals', 'missing-equals', 'missing-equals']],
  ])('%s', (_name, text, expected) => {
    const { codes, out } = shown(text);
    expect(codes).toEqual(expected);
    expect(findLeak(out, [TOKEN, PASSWORD])).toBeUndefined();
  });

  it('missing-equals says what is wrong without the line', () => {
    const [p] = analyze(`${TOKEN}\n`, 'runpod-env', fresh).problems;
    expect(p).toMatchObject({ code: 'missing-equals', span: { start: 0, end: TOKEN.length } });
    expect(p!.message).toMatch(/no `=`/);
  });

  it('invalid-key says where and what the first bad character is', () => {
    const [p] = analyze(`${URL_LINE}\n`, 'runpod-env', fresh).problems;
    expect(p!.code).toBe('invalid-key');
    expect(p!.message).toBe('Not a valid variable name: character 9 is `:`. Use ASCII letters, digits and "_", not starting with a digit.');
    expect(analyze('1KEY=x', 'runpod-env', fresh).problems[0]!.message).toMatch(/starts with a digit/);
    expect(analyze('K\u202eY=x', 'runpod-env', fresh).problems[0]!.message).toMatch(/character 2 is the character U\+202E/);
    expect(analyze('😀K-Y=x', 'runpod-env', fresh).problems[0]!.message).toMatch(/character 1 is `😀`/);
    expect(analyze('KÉ-Y=x', 'runpod-env', fresh).problems[0]!.message).toMatch(/character 2 is `É`/);
  });

  it('a valid key is still quoted where it helps', () => {
    const dup = analyze('HF_TOKEN=a\nHF_TOKEN=b\n', 'runpod-env', fresh).problems[0]!;
    expect(dup.message).toBe('`HF_TOKEN` is already defined; only one value reaches the Pod.');
    expect(dup.related![0]!.message).toBe('First definition of `HF_TOKEN`');
    const cred = analyze(`GH_TOKEN=${TOKEN}\n`, 'runpod-env', fresh).problems[0]!;
    expect(cred.message).toMatch(/^`GH_TOKEN` holds what looks like/);
    expect(cred.data).toMatchObject({ suggestedName: 'gh_token' });
    expect(symbols(analyze('GH_TOKEN=1\n', 'runpod-env', fresh))[0]!.name).toBe('GH_TOKEN');
  });

  it('a credential under an invalid key gets the generic secret name', () => {
    const cred = analyze(`my url:${PASSWORD}=${TOKEN}\n`, 'runpod-env', fresh).problems.find((p) => p.code === 'hardcoded-credential')!;
    expect(cred.message).toMatch(/^This variable holds what looks like/);
    expect(cred.data).toMatchObject({ suggestedName: 'secret' });
  });
});

describe('the display rule', () => {
  it('escapes terminal controls, C1, bidi overrides and separators visibly; keeps line feeds only when asked', () => {
    expect(escapeUnsafe('a\u001b[2Kb')).toBe('a\\u001b[2Kb');
    expect(escapeUnsafe('\u001b]52;c;SGVsbG8=\u0007')).toBe('\\u001b]52;c;SGVsbG8=\\u0007');
    expect(escapeUnsafe('x\u009b31m\u202eyz\u2066\u2028\r')).toBe('x\\u009b31m\\u202eyz\\u2066\\u2028\\u000d');
    expect(escapeUnsafe('a\nb\tc', true)).toBe('a\nb\\u0009c');
    expect(escapeUnsafe('plain é 😀 text')).toBe('plain é 😀 text');
  });
  it('inside a JSON string the escape reads back as the same character', () => {
    const json = JSON.stringify({ s: 'a\u009bb\u202e' });
    expect(JSON.parse(escapeUnsafe(json, true))).toEqual({ s: 'a\u009bb\u202e' });
  });
  it('oneLine makes breaks spaces and escapes the rest', () => {
    expect(oneLine('line1\r\nline2\u2028x\u001b')).toBe('line1 line2 x\\u001b');
  });
  it('names characters that would otherwise be invisible or reorder text', () => {
    expect(describeChar('\u202e')).toBe('the character U+202E');
    expect(describeChar('\u0085')).toBe('the character U+0085');
    expect(describeChar(':')).toBe('`:`');
    expect(validateSecretName('a\u202eb')).toMatch(/U\+202E/);
  });
  it('names by code point every character escapeUnsafe would not print raw (U+0000..U+FFFF)', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const ch = String.fromCharCode(code);
      if (escapeUnsafe(ch) !== ch) expect(describeChar(ch), code.toString(16)).toMatch(/^the character U\+/);
    }
  });
  it('names every character that shows nothing on its own by code point: format characters, marks, blank spaces, fillers', () => {
    for (const ch of INVISIBLE_CHARS) expect(describeChar(ch), codePointName(ch)).toBe(`the character ${codePointName(ch)}`);
    for (const ch of VISIBLE_CHARS) expect(describeChar(ch)).toBe(`\`${ch}\``);
  });
  it('a path shows every invisible character as its escape, so `pr\\u200bod` cannot pass for `prod`; marks on a visible character stay', () => {
    for (const ch of INVISIBLE_CHARS) for (const [name, shown] of namesWith(ch)) expect(pathText(name), codePointName(ch)).toBe(shown);
    for (const name of VISIBLE_NAMES) expect(pathText(name)).toBe(name);
    // A mark with no visible character before it: at the start, after a space, after an invisible one.
    expect(pathText('\u0301x y\u0301 \u200b\u0301')).toBe('\\u0301x y\u0301 \\u200b\\u0301');
    expect(pathText('a\ufe0f')).toBe('a\\ufe0f');
  });
  it('a secret name or a key with an invisible character says which one', () => {
    const message = (text: string) => analyze(text, 'runpod-env', fresh).problems[0]?.message ?? '';
    expect(message('A={{ RUNPOD_SECRET_a\u200db }}')).toMatch(/^`a\\u200db` can never name a RunPod secret: .* it contains the character U\+200D\.$/);
    expect(message('A={{ RUNPOD_SECRET_e\u0301 }}')).toMatch(/it contains the character U\+0301\.$/);
    expect(message('A\u00a0B=1')).toMatch(/^Not a valid variable name: character 2 is the character U\+00A0\./);
    expect(message('\u3164=1')).toMatch(/^Not a valid variable name: character 1 is the character U\+3164\./);
  });
});
