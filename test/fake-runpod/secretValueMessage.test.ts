/**
 * The fake's message for a value over its size limit is worked out from the limit (limits.ts
 * SECRET_VALUE_MAX_BYTES), so a limit changed in the table cannot leave the message naming the old one.
 */
import { expect, it } from 'vitest';
import { SECRET_VALUE_MAX_BYTES } from './limits';
import { valueTooLarge } from './secrets';

it('names the limit in MiB and in bytes, as the constant says', () => {
  expect(valueTooLarge('value')).toBe(`value: must be smaller than ${SECRET_VALUE_MAX_BYTES / 1024 / 1024} MiB (${SECRET_VALUE_MAX_BYTES} bytes) of UTF-8`);
});

it('follows another limit: no MiB figure of its own', () => {
  expect(valueTooLarge('value', 8 * 1024 * 1024)).toBe('value: must be smaller than 8 MiB (8388608 bytes) of UTF-8');
  // A limit that is no whole MiB is said in bytes alone, never a rounded MiB figure.
  expect(valueTooLarge('value', 1000)).toBe('value: must be smaller than 1000 bytes of UTF-8');
});
