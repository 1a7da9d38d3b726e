/** Rules about variable keys: invalid-key, duplicate-key, too-many-variables. */
import type { EnvVariable } from '../types';
import type { RuleContext } from './context';
import { keyLengthOf, keyStartOf } from '../readers/env';
import { describeChar } from '../displayText';
import { isEnvKey, isEnvKeyChar, isEnvKeyStart } from '../names';

/** A Pod accepts at most this many environment variables. */
export const MAX_POD_ENV_VARIABLES = 50;

/**
 * A key as a message or an outline shows it: quoted when it is a valid name, else undefined. An
 * invalid key is not shown because it may be a value: in `postgres://app:pw@db/x?ssl=on` the
 * text before `=` holds a password.
 */
export function quotedKey(key: string): string | undefined {
  if (!isEnvKey(key)) return undefined;
  return `\`${key.length > 60 ? `${key.slice(0, 60)}…` : key}\``;
}

/** Why a non-empty key is invalid, by position and the one offending character, never the key. */
function invalidKeyReason(key: string): string {
  const c0 = key.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) return 'it starts with a digit';
  for (let i = 0, position = 1; i < key.length; position++) {
    const cp = key.codePointAt(i)!;
    if (cp > 0xff || NOT_KEY_CHAR[cp]) return `character ${position} is ${describeChar(String.fromCodePoint(cp))}`;
    i += cp > 0xffff ? 2 : 1;
  }
  return 'it has characters a variable name cannot have';
}

/** The invalid-key diagnostic's words for a key known to break the rule (names.ts isEnvKey). */
function invalidKeyText(key: string): string {
  return key.length === 0 ? 'Missing variable name before `=`.' : `Not a valid variable name: ${invalidKeyReason(key)}. Use letters, digits and "_", not starting with a digit.`;
}

/**
 * Why `key` may not be sent as an env key, in the invalid-key diagnostic's words (never quoting the
 * key: it may be a value), or `undefined` for a key of the rule (names.ts isEnvKey).
 */
export function invalidKeyMessage(key: string): string | undefined {
  return isEnvKey(key) ? undefined : invalidKeyText(key);
}

/** 0 for the characters of a key (names.ts isEnvKeyChar), 1 for every other Latin-1 character. */
const NOT_KEY_CHAR = new Uint8Array(256).fill(1);
for (let c = 0; c < 256; c++) if (isEnvKeyChar(c)) NOT_KEY_CHAR[c] = 0;

let scratchTable = new Int32Array(0);
let scratchHashes = new Int32Array(0);

/**
 * For each variable, the index of the first variable with the same key, or -1 when it is the first.
 * An open-addressing table over our own hash of the key: a `Map` of thousands of fresh key strings
 * cost more than reading the whole file.
 */
function firstDefinitions(vars: readonly EnvVariable[], invalid?: Uint8Array, text?: string): Int32Array {
  const n = vars.length;
  const first = new Int32Array(n).fill(-1);
  let size = 16;
  while (size < n * 2) size <<= 1;
  const mask = size - 1;
  // Scratch tables reused across calls: a fresh 128 KB buffer per keystroke meant fresh pages from
  // the system each time (single-threaded and not re-entrant, so sharing is safe).
  if (scratchTable.length < size) scratchTable = new Int32Array(size);
  if (scratchHashes.length < n) scratchHashes = new Int32Array(Math.max(n, 2 * scratchHashes.length));
  const table = scratchTable;
  const hashes = scratchHashes;
  table.fill(-1, 0, size);
  for (let i = 0; i < n; i++) {
    const v = vars[i]!;
    // Read the characters from the flat document text when the reader can say where the key is:
    // keys of 13+ characters are slices, slower to read character by character.
    const at = text === undefined ? -1 : keyStartOf(v);
    const src = at >= 0 ? text! : v.key;
    const from = at >= 0 ? at : 0;
    const to = from + (at >= 0 ? keyLengthOf(v) : src.length);
    // FNV-1a, and while the characters are at hand, the key rule (names.ts isEnvKeyStart/Char):
    // a table lookup per character keeps the loop free of branches (it is most of this rule's time).
    let h = 0x811c9dc5 | 0;
    let bad = to > from ? 0 : 1;
    for (let k = from; k < to; k++) {
      const c = src.charCodeAt(k);
      h = Math.imul(h ^ c, 0x01000193);
      bad |= NOT_KEY_CHAR[c & 0xff]! | (c >> 8);
    }
    if (to > from && !isEnvKeyStart(src.charCodeAt(from))) bad = 1; // a digit cannot start a key
    if (invalid && bad !== 0) invalid[i] = 1;
    hashes[i] = h;
    let slot = h & mask;
    for (;;) {
      const j = table[slot]!;
      if (j < 0) {
        table[slot] = i;
        break;
      }
      if (hashes[j] === h && vars[j]!.key === v.key) {
        first[i] = j;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return first;
}

/** Reports invalid keys, later duplicates (related info at the first) and the 51st distinct key. */
export function keyRules(ctx: RuleContext): void {
  const vars = ctx.variables;
  const invalid = new Uint8Array(vars.length);
  const first = firstDefinitions(vars, invalid, ctx.text);
  let distinct = 0;
  let overLimit: EnvVariable | undefined;
  for (let i = 0; i < vars.length; i++) {
    const v = vars[i]!;
    if (invalid[i] && !ctx.problems.countIfFull('invalid-key', v.keySpan)) {
      ctx.problems.push({
        code: 'invalid-key',
        span: v.keySpan,
        message: invalidKeyText(v.key),
        severity: 'error',
      });
    }
    const j = first[i]!;
    if (j >= 0) {
      // One per line in a pasted file: the message and related information are built only while listed.
      if (ctx.problems.countIfFull('duplicate-key', v.keySpan)) continue;
      const earlier = vars[j]!;
      ctx.problems.push({
        code: 'duplicate-key',
        span: v.keySpan,
        message: `${quotedKey(v.key) ?? 'This variable name'} is already defined; only one value reaches the Pod.`,
        severity: 'warning',
        related: [{ span: earlier.keySpan, message: `First definition${quotedKey(v.key) ? ` of ${quotedKey(v.key)}` : ''}` }],
      });
      continue;
    }
    if (++distinct === MAX_POD_ENV_VARIABLES + 1) overLimit = v;
  }
  if (overLimit) {
    // Reported once, on the first variable over the limit; the count covers the whole document.
    ctx.problems.push({
      code: 'too-many-variables',
      span: overLimit.keySpan,
      message: `A Pod takes at most ${MAX_POD_ENV_VARIABLES} environment variables; this file defines ${distinct}.`,
      severity: 'warning',
    });
  }
}
