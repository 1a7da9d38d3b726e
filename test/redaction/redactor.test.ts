/**
 * The one redactor (client/src/redaction), used by the API client, the extension log and the CLI:
 * every form a value can come back in, overlapping values, multi-line values, short values.
 */
import { describe, expect, it } from 'vitest';
import { FORM_MAX, LINE_MIN, PREFIX_MIN, REDACTED, Redactor, SHORT_VALUE, redact } from '../../client/src/redaction/redactor';

const R = REDACTED;

function redactor(...values: string[]): Redactor {
  const r = new Redactor();
  for (const value of values) r.add(value);
  return r;
}

describe('every occurrence, every value', () => {
  it('removes the API key wherever it appears, every time', () => {
    const key = 'rpa_ABCDEF1234567890';
    expect(redactor(key).redact(`Bearer ${key} and again ${key}.`)).toBe(`Bearer ${R} and again ${R}.`);
  });

  it('removes several registered values, and values added later', () => {
    const r = new Redactor(['first-secret-value']);
    r.add('second-secret-value');
    expect(r.redact('a=first-secret-value b=second-secret-value')).toBe(`a=${R} b=${R}`);
  });

  it('handles regex metacharacters and non-ASCII text', () => {
    const r = redactor('a.*b+(c)[d]$é');
    expect(r.redact('start a.*b+(c)[d]$é end aXXb')).toBe(`start ${R} end aXXb`);
    expect(r.redact(`u=${encodeURIComponent('a.*b+(c)[d]$é')}`)).toBe(`u=${R}`);
  });

  it('leaves text without registered values unchanged, including empty text; ignores empty and missing values', () => {
    const r = new Redactor(['', undefined, null, 'sensitive-thing']);
    r.add('');
    r.add(undefined);
    expect(r.redact('')).toBe('');
    expect(r.redact('GET /v2/account/secrets -> 200')).toBe('GET /v2/account/secrets -> 200');
    expect(new Redactor().redact('anything at all')).toBe('anything at all');
  });

  it('redact(text, values) for one-off messages (the CLI)', () => {
    expect(redact('bad key rpa_KEY_0123456789', ['rpa_KEY_0123456789'])).toBe(`bad key ${R}`);
    expect(redact('nothing to hide', [])).toBe('nothing to hide');
  });
});

describe('overlapping values leave no tail', () => {
  it('two values sharing characters in the text (the reported case)', () => {
    const out = redactor('abcdef-111', '111-ghijkl').redact('x abcdef-111-ghijkl y');
    expect(out).toBe(`x ${R} y`);
  });

  it('registered in either order', () => {
    expect(redactor('111-ghijkl', 'abcdef-111').redact('x abcdef-111-ghijkl y')).toBe(`x ${R} y`);
  });

  it('a chain of three', () => {
    const r = redactor('AAAAAA-111', '111-BBBBBB-222', '222-CCCCCC');
    expect(r.redact('x AAAAAA-111-BBBBBB-222-CCCCCC y')).toBe(`x ${R} y`);
  });

  it('one value inside another, whichever is registered first', () => {
    expect(redactor('secret', 'supersecretvalue').redact('token=supersecretvalue')).toBe(`token=${R}`);
    expect(redactor('supersecretvalue', 'secret').redact('token=supersecretvalue; secret')).toBe(`token=${R}; ${R}`);
  });

  it('values that touch become one span; values one character apart stay two', () => {
    const r = redactor('AAAAAAAA', 'BBBBBBBB');
    expect(r.redact('xAAAAAAAABBBBBBBBy')).toBe(`x${R}y`);
    expect(r.redact('xAAAAAAAA-BBBBBBBBy')).toBe(`x${R}-${R}y`);
  });
});

describe('the forms a value comes back in', () => {
  const value = 'pa"ss w/ord&x=1<é>\\';

  it.each([
    ['JSON-escaped', JSON.stringify(value).slice(1, -1)],
    ['JSON-escaped twice (a body nested in an error detail)', JSON.stringify(JSON.stringify(value).slice(1, -1)).slice(1, -1)],
    ['JSON with non-ASCII escaped', JSON.stringify(value).slice(1, -1).replace('é', '\\u00e9')],
    ['URL-encoded', encodeURIComponent(value)],
    ['URL-encoded with lower-case hex', encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())],
    ['form-encoded', encodeURIComponent(value).replace(/%20/g, '+')],
    ['encodeURI', encodeURI(value)],
    ['HTML-escaped', 'pa&quot;ss w/ord&amp;x=1&lt;é&gt;\\'],
    ['base64', Buffer.from(value).toString('base64')],
  ])('%s', (_label, form) => {
    expect(form).not.toBe(value);
    const out = redactor(value).redact(`before ${form} after`);
    expect(out).toMatch(new RegExp(`^before \\[redacted\\]=* after$`));
  });

  it('a JSON body with a multi-line value: only the escaped form is in the body', () => {
    const v = 'line1\n"quoted" \\ path';
    const body = JSON.stringify({ value: v });
    expect(body).not.toContain(v);
    expect(redactor(v).redact(`422 body: ${body}`)).toBe(`422 body: {"value":"${R}"}`);
  });

  it('a value with surrounding whitespace, echoed trimmed', () => {
    expect(redactor('  padded-secret-value \n').redact('got "padded-secret-value"')).toBe(`got "${R}"`);
  });
});

describe('multi-line values', () => {
  const value = ['-----BEGIN KEY-----', 'MIIEvQIBADANBgkqhkiG9w0', 'short', '}', 'second-long-line-xyz', '-----END KEY-----'].join('\n');

  it('each line of at least LINE_MIN characters is redacted where it appears alone', () => {
    const r = redactor(value);
    expect(r.redact('error at line 2: MIIEvQIBADANBgkqhkiG9w0 is invalid')).toBe(`error at line 2: ${R} is invalid`);
    expect(r.redact('then second-long-line-xyz.')).toBe(`then ${R}.`);
    expect(r.redact(`whole: ${value}`)).toBe(`whole: ${R}`);
  });

  it('lines shorter than LINE_MIN are structure, not redacted on their own', () => {
    expect('short'.length).toBeLessThan(LINE_MIN);
    expect(redactor(value).redact('a short note {x}')).toBe('a short note {x}');
  });

  it('CRLF and CR line breaks, and lines with surrounding blanks', () => {
    const r = redactor('  first-line-secret  \r\nsecond-line-secret\rthird-line-secret');
    expect(r.redact('a first-line-secret, b second-line-secret, c third-line-secret')).toBe(`a ${R}, b ${R}, c ${R}`);
  });
});

describe('short values are redacted only as whole tokens', () => {
  it(`below ${SHORT_VALUE} characters: where the value stands alone, not inside words`, () => {
    expect('ab1'.length).toBeLessThan(SHORT_VALUE);
    expect(redactor('ab1').redact('value "ab1" is invalid; tab1e ab1_x ab1')).toBe(`value "${R}" is invalid; tab1e ab1_x ${R}`);
    expect(redactor('p@ss').redact('p@ss,p@ssword')).toBe(`${R},p@ssword`);
  });

  it(`from ${SHORT_VALUE} characters: anywhere, inside words too`, () => {
    expect(redactor('abc123').redact('xabc123y abc123')).toBe(`x${R}y ${R}`);
  });
});

describe('an echo cut short', () => {
  const key = 'rpa_ABCDEF1234567890XYZ';

  it(`a prefix of ${PREFIX_MIN} characters or more is redacted`, () => {
    expect(redactor(key).redact(`invalid key "${key.slice(0, PREFIX_MIN)}…"`)).toBe(`invalid key "${R}…"`);
    expect(redactor(key).redact(`invalid key "${key.slice(0, 18)}…"`)).toBe(`invalid key "${R}…"`);
    // JSON-escaped forms are cut short the same way.
    const v = 'quote"d-value-0123456789';
    expect(redactor(v).redact(`"quote\\"d-value-01…"`)).toBe(`"${R}…"`);
  });

  it('a shorter prefix stays: it collides with ordinary text', () => {
    const text = `see ${key.slice(0, PREFIX_MIN - 1)} and https://api.runpod.io`;
    expect(redactor(key, 'https://api.runpod.io.example/secret-path-0001').redact(text)).toBe(`see ${key.slice(0, PREFIX_MIN - 1)} and ${R}`);
  });

  it('never leaves half of a surrogate pair beside the marker', () => {
    const out = redactor('abcdefghijk\u{1F600}').redact('abcdefghijk\u{1F601}!');
    expect(out).toBe(`${R}!`);
  });
});

describe('values up to RunPod\'s 16 MiB limit', () => {
  // 16 MiB of 64-character lines, each different (a certificate bundle, a data file kept as a secret).
  const lines = Array.from({ length: (16 * 1024 * 1024) / 65 }, (_, i) => `${i.toString(16).padStart(8, '0')}${'Qx7'.repeat(18)}+/=`.slice(0, 64));
  const huge = lines.join('\n');

  it('register without holding every form of the value, and still redact its beginning and its early lines', () => {
    const r = redactor(huge);
    expect(r.redact(`value "${huge.slice(0, 200)}…" rejected`)).toBe(`value "${R}…" rejected`);
    expect(r.redact(`quoted ${JSON.stringify(huge).slice(1, 300)}…`)).toBe(`quoted ${R}…`);
    expect(r.redact(`bad line: ${lines[700]}!`)).toBe(`bad line: ${R}!`);
  });

  it('a single-line value longer than FORM_MAX: any quote of its beginning is redacted', () => {
    const long = 'k'.repeat(10) + Array.from({ length: FORM_MAX }, (_, i) => (i * 7919).toString(36)).join('');
    const r = redactor(long);
    expect(r.redact(`got ${long.slice(0, 40)}…`)).toBe(`got ${R}…`);
    const out = r.redact(`got ${long}`);
    expect(out.startsWith(`got ${R}`)).toBe(true);
    expect(out).not.toContain(long.slice(0, PREFIX_MIN));
  });
});
