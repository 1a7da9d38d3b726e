import { describe, expect, it } from 'vitest';
import { MIN_SENSITIVE_LENGTH, REDACTED, Redactor } from '../../client/src/log/redactor';

describe('Redactor', () => {
  it('redacts the API key wherever it appears, every time', () => {
    const r = new Redactor();
    r.add('rpa_ABCDEF1234567890');
    expect(r.redact('Bearer rpa_ABCDEF1234567890 and again rpa_ABCDEF1234567890.')).toBe(
      `Bearer ${REDACTED} and again ${REDACTED}.`,
    );
  });

  it('redacts several registered values', () => {
    const r = new Redactor();
    r.add('first-secret-value');
    r.add('second-secret-value');
    expect(r.redact('a=first-secret-value b=second-secret-value')).toBe(`a=${REDACTED} b=${REDACTED}`);
  });

  it('redacts the JSON-escaped form of a value with quotes, backslashes and newlines', () => {
    const value = 'line1\n"quoted" \\ path';
    const r = new Redactor();
    r.add(value);
    const body = JSON.stringify({ value });
    expect(body).not.toContain(value); // the raw form is not in the body: only the escaped one
    expect(r.redact(`422 body: ${body}`)).toBe(`422 body: {"value":"${REDACTED}"}`);
  });

  it('redacts a JSON string escaped twice (a body nested in an error detail)', () => {
    const value = 'pa"ss\\word';
    const r = new Redactor();
    r.add(value);
    const nested = JSON.stringify({ detail: JSON.stringify({ value }) });
    expect(r.redact(nested)).not.toContain('pa\\\\\\"ss');
    expect(r.redact(nested)).toContain(REDACTED);
  });

  it('redacts URL-encoded forms (component and form encoding)', () => {
    const value = 'p@ss word/with?chars';
    const r = new Redactor();
    r.add(value);
    expect(r.redact(`GET /x?v=${encodeURIComponent(value)}`)).toBe(`GET /x?v=${REDACTED}`);
    expect(r.redact(`body v=${encodeURIComponent(value).replace(/%20/g, '+')}`)).toBe(`body v=${REDACTED}`);
  });

  it('overlapping values in the text leave no tail of either', () => {
    const r = new Redactor();
    r.add('abcdef-111');
    r.add('111-ghijkl');
    const out = r.redact('x abcdef-111-ghijkl y');
    expect(out).toBe(`x ${REDACTED} y`);
    expect(out).not.toMatch(/ghijkl|abcdef/);
  });

  it('a value containing another registered value is removed whole', () => {
    const r = new Redactor();
    r.add('token');
    r.add('my-token-long');
    expect(r.redact('v=my-token-long')).toBe(`v=${REDACTED}`);
  });

  it('ignores empty and short strings, so ordinary text is not shredded', () => {
    const r = new Redactor();
    r.add('');
    r.add('ab');
    r.add('x'.repeat(MIN_SENSITIVE_LENGTH - 1));
    r.add(undefined);
    expect(r.size).toBe(0);
    expect(r.redact('about abc')).toBe('about abc');
  });

  it('leaves text without registered values unchanged, including empty text', () => {
    const r = new Redactor();
    r.add('sensitive-thing');
    expect(r.redact('')).toBe('');
    expect(r.redact('GET /v2/account/secrets -> 200')).toBe('GET /v2/account/secrets -> 200');
  });

  it('handles values with regex metacharacters and non-ASCII text', () => {
    const r = new Redactor();
    r.add('a.*b+(c)[d]$é');
    expect(r.redact('start a.*b+(c)[d]$é end aXXb')).toBe(`start ${REDACTED} end aXXb`);
    expect(r.redact(`u=${encodeURIComponent('a.*b+(c)[d]$é')}`)).toBe(`u=${REDACTED}`);
  });
});
