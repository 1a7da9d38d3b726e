/**
 * The fake's message for a value over its size limit is worked out from the limit (limits.ts
 * SECRET_VALUE_MAX_BYTES), so a limit changed in the table cannot leave the message naming the old one.
 */
import { expect, it } from 'vitest';
import { valueTooLarge } from './secrets';

it('names RunPod\'s limit in MiB and in bytes', () => {
  // The literal text a client reads: rebuilding it from the constant would repeat a wrong formula.
  expect(valueTooLarge('value')).toBe('value: must be smaller than 16 MiB (16777216 bytes) of UTF-8');
});

it('follows another limit: no MiB figure of its own', () => {
  expect(valueTooLarge('value', 8 * 1024 * 1024)).toBe('value: must be smaller than 8 MiB (8388608 bytes) of UTF-8');
  // A limit that is no whole MiB is said in bytes alone, never a rounded MiB figure.
  expect(valueTooLarge('value', 1000)).toBe('value: must be smaller than 1000 bytes of UTF-8');
});
