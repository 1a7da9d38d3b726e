/** Rules about variable keys: invalid-key, duplicate-key, too-many-variables. */
import type { EnvVariable, Span } from '../types';
import { DEFAULT_SEVERITY } from '../types';
import type { RuleContext } from './context';
import { keyLengthOf, keyStartOf } from '../readers/env';
import { clip, describeChar } from '../displayText';
import { doubledSlots, emptySlots, MAX_KEPT_SLOTS } from '../hashSlots';
import { ENV_KEY_RULE, isEnvKey, isEnvKeyChar, isEnvKeyStart } from '../names';

/** A Pod accepts at most this many environment variables. */
export const MAX_POD_ENV_VARIABLES = 50;

/**
 * The limit in words, the one wording of every surface that states it (the too-many-variables
 * diagnostic, its description in SARIF, the Launch Pod, Push Template and Deploy preflight in the
 * editor and on the command line), each adding its own count: "RunPod allows at most 50
 * environment variables for a Pod".
 * @param target what boots with the env (`a Pod`, `the Pod`, `the workers`)
 */
export function variableLimitText(target = 'a Pod'): string {
  return `RunPod allows at most ${MAX_POD_ENV_VARIABLES} environment variables for ${target}`;
}

/**
 * A key as a message or an outline shows it: quoted when it is a valid name, else undefined. An
 * invalid key is not shown because it may be a value: in `postgres://app:pw@db/x?ssl=on` the
 * text before `=` holds a password.
 */
export function quotedKey(key: string): string | undefined {
  if (!isEnvKey(key)) return undefined;
  return `\`${clip(key, MAX_QUOTED_KEY_CHARS)}\``;
}

/**
 * A key as a name in a list (the outline, the command line's JSON and preflight): itself when it
 * is a valid name, else named by its shape only, for the reason {@link quotedKey} gives.
 */
export function keyLabel(key: string): string {
  if (key === '') return EMPTY_KEY_LABEL;
  return isEnvKey(key) ? key : INVALID_KEY_LABEL;
}
const EMPTY_KEY_LABEL = '(empty key)';
const INVALID_KEY_LABEL = '(invalid name)';

/** A quoted key is at most this long (the ellipsis counted): a name of thousands of characters is named, not printed whole. */
const MAX_QUOTED_KEY_CHARS = 60;

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
  return key.length === 0 ? 'Missing variable name before `=`.' : `Not a valid variable name: ${invalidKeyReason(key)}. Use ${ENV_KEY_RULE}.`;
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

/**
 * The table of distinct keys (hashSlots.ts), reused across calls up to MAX_KEPT_SLOTS: a fresh
 * 128 KB buffer per keystroke meant fresh pages from the system each time (single-threaded and not
 * re-entrant, so sharing is safe).
 */
let scratchSlots = new Int32Array(0);

/**
 * The keys the key rules judge, by index, in document order. A reading gives them as variables
 * ({@link variableKeys}); the incremental analysis gives them from its statements, so judging every
 * key of a large file builds no object per key (a variable per line was most of its peak).
 */
export interface KeyList {
  readonly length: number;
  /** Where key `i` is written verbatim in the context's text, or -1 when unknown (then read {@link key}). */
  at(i: number): number;
  keyLength(i: number): number;
  key(i: number): string;
  keySpan(i: number): Span;
}

/** The keys of `vars`. */
function variableKeys(vars: readonly EnvVariable[]): KeyList {
  return {
    length: vars.length,
    at: (i) => keyStartOf(vars[i]!),
    keyLength: (i) => keyLengthOf(vars[i]!),
    key: (i) => vars[i]!.key,
    keySpan: (i) => vars[i]!.keySpan,
  };
}

/** Keys hashed ahead of their lookup (FirstDefinitions.hashAhead). */
const AHEAD = 32;

/**
 * The first definition of each key, found in document order: an open-addressing table over our own
 * hash of the key (a `Map` of thousands of fresh key strings cost more than reading the whole file)
 * that holds the distinct keys only, with their hashes, and grows with them. Nothing is kept per
 * key: a file of 390,000 lines of `A=1` has two distinct keys, and its tables per key (the first
 * definition, the hash and the verdict of every key, and a table sized for every key) took 9 MB at
 * the peak of its first analysis.
 */
class FirstDefinitions {
  /** Per slot: the index of a distinct key or -1, and its hash (hashSlots.ts). */
  private slots: Int32Array<ArrayBuffer>;
  private mask: number;
  private distinct = 0;
  /** Whether the key last looked up breaks the key rule (names.ts isEnvKey). */
  invalid = false;
  /** Keys {@link aheadFrom} to {@link aheadTo} (excluded), hashed ahead: their hashes, and 1 where a key breaks the key rule. */
  private readonly aheadHashes = new Int32Array(AHEAD);
  private readonly aheadBad = new Uint8Array(AHEAD);
  private aheadFrom = 0;
  private aheadTo = 0;
  /** What {@link hashAhead} read. */
  touched = 0;

  constructor(
    private readonly keys: KeyList,
    private readonly text: string | undefined,
  ) {
    // Room for every key of a file of up to 131,072 keys (the largest table kept), but no larger
    // than the table at hand or 4,096 slots: the table grows as distinct keys come, and a file of
    // many lines of few keys (a pasted file of `A=1`) needs no more.
    let size = 16;
    while (size < 2 * Math.min(keys.length, MAX_KEPT_SLOTS / 2)) size <<= 1;
    size = Math.min(size, Math.max(scratchSlots.length / 2, 1 << 12));
    if (scratchSlots.length < size * 2) scratchSlots = emptySlots(size);
    this.slots = scratchSlots;
    this.mask = size - 1;
    this.slots.fill(-1, 0, size * 2);
  }

  /** The index of the first key equal to key `i` (keys looked up in order), or -1 when it is the first; sets {@link invalid}. */
  lookUp(i: number): number {
    if (i < this.aheadFrom || i >= this.aheadTo) this.hashAhead(i);
    const h = this.aheadHashes[i - this.aheadFrom]!;
    this.invalid = this.aheadBad[i - this.aheadFrom] !== 0;
    const keys = this.keys;
    const text = this.text;
    let slot = h & this.mask;
    for (;;) {
      const j = this.slots[2 * slot]!;
      if (j < 0) break;
      if (this.slots[2 * slot + 1] === h && sameKey(keys, text, j, i)) return j;
      slot = (slot + 1) & this.mask;
    }
    this.slots[2 * slot] = i;
    this.slots[2 * slot + 1] = h;
    if (++this.distinct * 2 > this.mask + 1) this.grow();
    return -1;
  }

  /**
   * Hashes keys `i` to `i + AHEAD - 1` (and judges them by the key rule), then reads the slot each
   * hash starts at. Why ahead: in a table larger than the CPU's caches (100,000 keys: 2 MB) each
   * lookup waited for its slot to come from memory, one after the other; these reads do not depend
   * on each other, so the CPU fetches them together, and the lookups then find them at hand.
   */
  private hashAhead(i: number): void {
    const to = Math.min(i + AHEAD, this.keys.length);
    for (let k = i; k < to; k++) this.aheadHashes[k - i] = this.keyHash(k, k - i);
    const slots = this.slots;
    const mask = this.mask;
    let touched = 0;
    for (let k = 0; k < to - i; k++) touched ^= slots[2 * (this.aheadHashes[k]! & mask)]!;
    this.touched = touched; // kept, so the compiler keeps the reads
    this.aheadFrom = i;
    this.aheadTo = to;
  }

  /** Our hash of key `k`; whether it breaks the key rule goes to {@link aheadBad} at `into`. */
  private keyHash(k: number, into: number): number {
    const keys = this.keys;
    const text = this.text;
    // Read the characters from the flat document text when the reader can say where the key is:
    // keys of 13+ characters are slices, slower to read character by character.
    const at = text === undefined ? -1 : keys.at(k);
    const src = at >= 0 ? text! : keys.key(k);
    const from = at >= 0 ? at : 0;
    const to = from + (at >= 0 ? keys.keyLength(k) : src.length);
    // FNV-1a, and while the characters are at hand, the key rule (names.ts isEnvKeyStart/Char):
    // a table lookup per character keeps the loop free of branches (it is most of this rule's time).
    let h = 0x811c9dc5 | 0;
    let bad = to > from ? 0 : 1;
    for (let c = from; c < to; c++) {
      const code = src.charCodeAt(c);
      h = Math.imul(h ^ code, 0x01000193);
      bad |= NOT_KEY_CHAR[code & 0xff]! | (code >> 8);
    }
    if (to > from && !isEnvKeyStart(src.charCodeAt(from))) bad = 1; // a digit cannot start a key
    this.aheadBad[into] = bad !== 0 ? 1 : 0;
    return h;
  }

  /** Doubles the table, keeping it at most half full. */
  private grow(): void {
    const size = (this.mask + 1) * 2;
    this.slots = doubledSlots(this.slots.subarray(0, 2 * (this.mask + 1)));
    this.mask = size - 1;
    // A larger table is one file's: not kept for the life of the process.
    if (size <= MAX_KEPT_SLOTS) scratchSlots = this.slots;
  }
}

/** Whether keys `i` and `j` are the same text: compared where they are written when both are known (no string built). */
function sameKey(keys: KeyList, text: string | undefined, i: number, j: number): boolean {
  const length = keys.keyLength(i);
  if (keys.keyLength(j) !== length) return false;
  const a = text === undefined ? -1 : keys.at(i);
  const b = text === undefined ? -1 : keys.at(j);
  if (a < 0 || b < 0) return keys.key(i) === keys.key(j);
  for (let k = 0; k < length; k++) if (text!.charCodeAt(a + k) !== text!.charCodeAt(b + k)) return false;
  return true;
}

/**
 * Reports invalid keys, later duplicates (related info at the first) and the 51st distinct key,
 * over `ctx.keys` when given, else the variables' keys.
 */
export function keyRules(ctx: RuleContext): void {
  const keys = ctx.keys ?? variableKeys(ctx.variables);
  const definitions = new FirstDefinitions(keys, ctx.text);
  let distinct = 0;
  let overLimit = -1;
  for (let i = 0; i < keys.length; i++) {
    const j = definitions.lookUp(i);
    if (definitions.invalid && !ctx.problems.countIfFull('invalid-key', keys.keySpan(i))) {
      const key = keys.key(i);
      ctx.problems.push({
        code: 'invalid-key',
        span: keys.keySpan(i),
        message: invalidKeyText(key),
        severity: DEFAULT_SEVERITY['invalid-key'],
      });
    }
    if (j >= 0) {
      // One per line in a pasted file: the message and related information are built only while listed.
      if (ctx.problems.countIfFull('duplicate-key', keys.keySpan(i))) continue;
      const quoted = quotedKey(keys.key(i));
      ctx.problems.push({
        code: 'duplicate-key',
        span: keys.keySpan(i),
        message: `${quoted ?? 'This variable name'} is already defined; only one value reaches the Pod.`,
        severity: DEFAULT_SEVERITY['duplicate-key'],
        related: [{ span: keys.keySpan(j), message: `First definition${quoted ? ` of ${quoted}` : ''}` }],
      });
      continue;
    }
    if (++distinct === MAX_POD_ENV_VARIABLES + 1) overLimit = i;
  }
  if (overLimit >= 0) {
    // Reported once, on the first variable over the limit; the count covers the whole document.
    ctx.problems.push({
      code: 'too-many-variables',
      span: keys.keySpan(overLimit),
      message: `${variableLimitText()}; this file defines ${distinct}.`,
      severity: DEFAULT_SEVERITY['too-many-variables'],
    });
  }
}
