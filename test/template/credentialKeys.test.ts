/**
 * credentialKeys.ts reads a key's words in place, into one array reused by every key: a key of
 * many thousands of words must be read whole, and the keys after it as if it never came.
 */
import { describe, expect, it } from 'vitest';
import { credentialKeyKind, isPublicKeyName } from '../../server/src/template/rules/credentialKeys';

describe('credential key words', () => {
  it('reads a key of 100,000 words whole, and the keys after it as before', () => {
    const many = 'a1'.repeat(50_000); // a word at every letter-digit change
    expect(credentialKeyKind(`${many}_PASSWORD`)).toBe('password');
    expect(credentialKeyKind(`PASSWORD_${many}_LENGTH`)).toBeUndefined();
    expect(isPublicKeyName(`${many}_PUBLIC_KEY`)).toBe(true);
    expect(credentialKeyKind('HF_TOKEN')).toBe('token');
    expect(credentialKeyKind('dbPassword')).toBe('password');
    expect(credentialKeyKind('NEXT_PUBLIC_API_KEY')).toBeUndefined();
    expect(credentialKeyKind('PASSWORD_MIN_LENGTH')).toBeUndefined();
  });
});
