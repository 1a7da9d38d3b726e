import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor, redact } from '../../client/src/runpod/redact';

describe('redact', () => {
  it('removes every occurrence of a long secret', () => {
    const key = 'rpa_ABCDEF1234567890';
    expect(redact(`bad key ${key}; you sent ${key}`, [key])).toBe(`bad key ${REDACTED}; you sent ${REDACTED}`);
  });

  it('removes the JSON-escaped and URL-encoded forms of a value', () => {
    const value = 'pa"ss\nw/ord&x=1';
    const json = JSON.stringify(value).slice(1, -1);
    const url = encodeURIComponent(value);
    const out = redact(`raw=${value} json=${json} url=${url}`, [value]);
    expect(out).not.toContain(value);
    expect(out).not.toContain(json);
    expect(out).not.toContain(url);
  });

  it('removes a longer secret whole even when a shorter one is inside it', () => {
    const out = redact('token=supersecretvalue', ['secret', 'supersecretvalue']);
    expect(out).toBe(`token=${REDACTED}`);
  });

  it('redacts a short value where it stands as a token but leaves words that contain it', () => {
    expect(redact('value "ab1" is invalid; tab1e', ['ab1'])).toBe(`value "${REDACTED}" is invalid; tab1e`);
  });

  it('leaves text without secrets untouched and ignores empty strings', () => {
    const r = new Redactor(['', 'longsecret1']);
    r.add('');
    r.add(undefined);
    expect(r.redact('Not Found')).toBe('Not Found');
  });

  it('Redactor remembers values added later', () => {
    const r = new Redactor(['key-0123456789']);
    r.add('value-added-later');
    expect(r.redact('key-0123456789 value-added-later')).toBe(`${REDACTED} ${REDACTED}`);
  });
});
