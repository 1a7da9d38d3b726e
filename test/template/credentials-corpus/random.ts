/**
 * Random parts for the credential corpus, from the operating system's CSPRNG (`crypto.randomInt`),
 * so every run draws fresh tokens the way providers mint them. Not seeded on purpose: a floor that
 * only holds for one lucky draw is no floor. A failing line is printed by the test instead.
 */
import { randomInt } from 'node:crypto';

export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const DIGITS = '0123456789';
export const LETTERS = UPPER + LOWER;
export const ALNUM = UPPER + LOWER + DIGITS;
export const UPPER_ALNUM = UPPER + DIGITS;
export const LOWER_ALNUM = LOWER + DIGITS;
export const HEX = '0123456789abcdef';
/** RFC 4648 base64 and its URL-safe variant, and base32 (AWS key ids). */
export const BASE64 = `${ALNUM}+/`;
export const BASE64URL = `${ALNUM}-_`;
export const BASE32 = `${UPPER}234567`;
/** What a password manager adds to letters and digits. */
export const SYMBOLS = '!#$%&*+-=?@^_~';

/** `n` characters drawn uniformly from `alphabet`. */
export function chars(alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

/** An integer in [min, max]. */
export function between(min: number, max: number): number {
  return randomInt(min, max + 1);
}

export function pick<T>(list: readonly T[]): T {
  return list[randomInt(list.length)]!;
}

/** `n` random bytes as standard base64 (with padding), as `openssl rand -base64 n` prints them. */
export function base64Bytes(n: number): string {
  const bytes = Buffer.alloc(n);
  for (let i = 0; i < n; i++) bytes[i] = randomInt(256);
  return bytes.toString('base64');
}

/** `n` random bytes as hex, as `openssl rand -hex n` prints them. */
export function hexBytes(n: number): string {
  return chars(HEX, 2 * n);
}

/** base64url of a JSON object, as a JWT header or payload. */
export function b64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function uuid(): string {
  const h = hexBytes(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${pick(['8', '9', 'a', 'b'])}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
