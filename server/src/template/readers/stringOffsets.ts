/**
 * Variables read from JSON and TOML strings: the decoded value plus a map from each decoded
 * character back to the document offset where it is written (the start of its escape sequence),
 * so references, diagnostics and completion edits land exactly inside the quotes.
 */
import type { EnvVariable, Span } from '../types';

/** A decoded string and its offsets (`offsets.length === value.length + 1`, the last is the content end). */
export interface DecodedString {
  value: string;
  offsets: number[];
}

/**
 * Where a string value and its key are written (document offsets), as numbers: readers fill one
 * and reuse it for every value (a 256k-key template made a million short-lived objects otherwise).
 */
export interface StringPlace {
  keyStart: number;
  keyEnd: number;
  /** The string as written, quotes included. */
  valueStart: number;
  valueEnd: number;
  /** The whole entry, for symbols. */
  spanStart: number;
  spanEnd: number;
  /** The content: after the opening quote(s), up to the closing one(s). */
  contentStart: number;
  contentEnd: number;
}

/** A place to fill. */
export function newPlace(): StringPlace {
  return { keyStart: 0, keyEnd: 0, valueStart: 0, valueEnd: 0, spanStart: 0, spanEnd: 0, contentStart: 0, contentEnd: 0 };
}

/** Decodes a string written at `token` (quotes included; content from `contentStart` to `contentEnd`) with the offset of each decoded character. */
export type Decoder = (text: string, token: Span, contentStart: number, contentEnd: number) => DecodedString;

/** The numbers a variable keeps (the {@link StringPlace} fields, in that order). */
const WIDTH = 8;
/** Variables in a reading's first block, doubled per block up to the last size: a small file keeps a small block. */
const FIRST_BLOCK = 16;
const LARGEST_BLOCK = 1024;

/**
 * Where a run of one reading's variables are written: {@link WIDTH} numbers a variable in a typed
 * array, which the garbage collector neither scans nor copies, and what every one of them shares
 * (the text, how its escaped values map back) once instead of per variable.
 */
interface PlaceBlock {
  readonly text: string;
  readonly decode: Decoder;
  /** `at[slot + 7]` is the content end, or its complement (`~end`, negative) when the value had escapes. */
  readonly at: Int32Array;
  /** The offsets of escaped values asked for, by slot (few are: those with references or completions). */
  decoded?: Map<number, readonly number[]>;
  /** The reading's search for `{{`, shared by its blocks. */
  readonly braces: BracesFinder;
}

/**
 * Where the first `{{` at or after `from` is in the text (its length when none), remembered: values
 * are asked in document order, so each part of the text is searched once, not once per value.
 */
interface BracesFinder {
  from: number;
  at: number;
}

function firstBraces(text: string, finder: BracesFinder, from: number): number {
  if (from < finder.from || from > finder.at) {
    const at = text.indexOf('{{', from);
    finder.from = from;
    finder.at = at < 0 ? text.length : at;
  }
  return finder.at;
}

/**
 * Makes the variables of one reading of `text` (a reader holds one per read): the numbers of each
 * variable go to a block shared with its neighbours. An object per variable with ten fields of its
 * own (the text, eight numbers, the offsets) was half of what a 256k-key template's analysis kept
 * alive (30.5 MB of 61 MB for a 10.4 MB file, every byte copied by the young generation's
 * collections before it was promoted); a variable is now its key, its value and where its numbers are.
 */
export class StringVariables {
  #block: PlaceBlock | undefined;
  #next = 0;
  #size = FIRST_BLOCK;
  readonly #braces: BracesFinder = { from: 0, at: -1 };
  constructor(
    /** The text read. */
    readonly text: string,
    /** How to rebuild each character's offset of a value that had escapes. */
    private readonly decode: Decoder,
  ) {}

  /** The variable `key` = `value` written at `place`; `escaped`: the value is not the written text (its offsets come from the decoder). */
  variable(key: string, value: string, place: StringPlace, escaped: boolean): StringEnvVariable {
    let block = this.#block;
    if (block === undefined || this.#next === block.at.length) {
      if (block !== undefined) this.#size = Math.min(this.#size * 2, LARGEST_BLOCK);
      block = this.#block = { text: this.text, decode: this.decode, at: new Int32Array(this.#size * WIDTH), braces: this.#braces };
      this.#next = 0;
    }
    const at = block.at;
    const s = this.#next;
    at[s] = place.keyStart;
    at[s + 1] = place.keyEnd;
    at[s + 2] = place.valueStart;
    at[s + 3] = place.valueEnd;
    at[s + 4] = place.spanStart;
    at[s + 5] = place.spanEnd;
    at[s + 6] = place.contentStart;
    at[s + 7] = escaped ? ~place.contentEnd : place.contentEnd;
    this.#next = s + WIDTH;
    // The key and value as written (nearly every one) are read from the text when asked for, not
    // kept: see StringEnvVariable.
    const text = this.text;
    const keptKey = key.length === place.keyEnd - place.keyStart && key.length > 0 && text.startsWith(key, place.keyStart) ? undefined : key;
    const keptValue = !escaped && value.length === place.contentEnd - place.contentStart && text.startsWith(value, place.contentStart) ? undefined : value;
    return new StringEnvVariable(keptKey, keptValue, block, s);
  }
}

/**
 * An EnvVariable read from a JSON or TOML string: where in its block ({@link StringVariables}) the
 * numbers of where its key and value are written are kept, and the key and decoded value only when
 * they are not the text written there (escapes). Spans are built when read and offsets on first
 * use: most values are never mapped back (no reference, no problem). A key or value as written is
 * sliced from the text on each read (as LazyEnvVariable's), not kept: kept, they were over a
 * quarter of what a 256k-key template's analysis kept alive (12 of 44 MB), every byte of it copied
 * by the young generation's collections and promoted before the first diagnostics. The server's
 * peak with that file went from 82-86 to 73-76 MiB, with the 100,000-entry hub.json from 71-80
 * to 51-61 MiB (`bench --only=server`, five alternating runs of each, December 2026).
 */
export class StringEnvVariable implements EnvVariable {
  /**
   * One instance kept for the life of the process, for the reason LazyEnvVariable keeps one: a
   * full GC while no variable is alive drops the class's hidden class and the code built on it.
   * Measured on a 10,000-entry hub.json right after a forced GC, when the variable still had its
   * own ten fields: 41-72 ms with it, 46-147 ms without (four alternating runs of each, a busy
   * machine; at 1,000 entries no difference showed). Measured again once the numbers moved to
   * blocks, on a machine at load 4-5 on 2 cores: medians of eight runs 61-187 ms with it, 95-167 ms
   * without (four alternating processes of each), no clear answer; kept until a quiet run gives one.
   */
  static readonly SHAPE_KEEPER: EnvVariable = new StringEnvVariable('', '', { text: '', decode: () => ({ value: '', offsets: [0] }), at: new Int32Array(WIDTH), braces: { from: 0, at: -1 } }, 0);
  readonly #block: PlaceBlock;
  /** Index of this variable's first number in `#block.at`. */
  readonly #slot: number;
  /** The key when it is not the text at its place (escaped, or empty), else undefined. */
  readonly #key: string | undefined;
  /** The decoded value when it is not the text at its place, else undefined. */
  readonly #value: string | undefined;
  /** Made by {@link StringVariables.variable} only. */
  constructor(key: string | undefined, value: string | undefined, block: PlaceBlock, slot: number) {
    this.#key = key;
    this.#value = value;
    this.#block = block;
    this.#slot = slot;
  }
  get key(): string {
    const at = this.#block.at;
    return this.#key ?? this.#block.text.slice(at[this.#slot]!, at[this.#slot + 1]!);
  }
  get value(): string {
    const at = this.#block.at;
    return this.#value ?? this.#block.text.slice(at[this.#slot + 6]!, at[this.#slot + 7]!);
  }
  /** Where the key is written verbatim, or -1 when it is not (escaped, or empty). */
  get keyAt(): number {
    return this.#key === undefined ? this.#block.at[this.#slot]! : -1;
  }
  get keyLength(): number {
    if (this.#key !== undefined) return this.#key.length;
    const at = this.#block.at;
    return at[this.#slot + 1]! - at[this.#slot]!;
  }
  /** Length of `value` without building it. */
  get valueLength(): number {
    if (this.#value !== undefined) return this.#value.length;
    const at = this.#block.at;
    return at[this.#slot + 7]! - at[this.#slot + 6]!;
  }
  /** Whether `value` holds `{{`, without building it (reading every value for it was 13 MB of a 256k-key template's garbage). */
  get hasBraces(): boolean {
    if (this.#value !== undefined) return this.#value.includes('{{');
    const block = this.#block;
    const end = block.at[this.#slot + 7]!;
    return firstBraces(block.text, block.braces, block.at[this.#slot + 6]!) + 2 <= end;
  }
  get keySpan(): Span {
    const at = this.#block.at;
    return { start: at[this.#slot]!, end: at[this.#slot + 1]! };
  }
  get valueSpan(): Span {
    const at = this.#block.at;
    return { start: at[this.#slot + 2]!, end: at[this.#slot + 3]! };
  }
  get span(): Span {
    const at = this.#block.at;
    return { start: at[this.#slot + 4]!, end: at[this.#slot + 5]! };
  }
  get valueOffsets(): readonly number[] {
    const block = this.#block;
    const s = this.#slot;
    const contentStart = block.at[s + 6]!;
    const end = block.at[s + 7]!;
    if (end < 0) {
      const decoded = (block.decoded ??= new Map());
      let offsets = decoded.get(s);
      if (offsets === undefined) decoded.set(s, (offsets = block.decode(block.text, this.valueSpan, contentStart, ~end).offsets));
      return offsets;
    }
    // The written text: consecutive offsets, built on each (rare) read rather than kept, so
    // {@link consecutiveFrom} can tell the value is raw.
    const n = this.value.length;
    const offsets = new Array<number>(n + 1);
    for (let k = 0; k <= n; k++) offsets[k] = contentStart + k;
    return offsets;
  }
  /**
   * Document offset of decoded index 0 when the value is the written text (offsets consecutive),
   * else undefined: references are then mapped by addition, without an offsets array per value.
   */
  get consecutiveFrom(): number | undefined {
    const at = this.#block.at;
    return at[this.#slot + 7]! < 0 ? undefined : at[this.#slot + 6];
  }
  /** A plain-object copy (for serialising). */
  toJSON(): EnvVariable {
    return { key: this.key, keySpan: this.keySpan, value: this.value, valueSpan: this.valueSpan, valueOffsets: this.valueOffsets, span: this.span };
  }
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** Value of `count` hex digits at `at`, or -1 when they are not all hex digits. */
export function readHex(text: string, at: number, end: number, count: number): number {
  if (at + count > end) return -1;
  let v = 0;
  for (let k = 0; k < count; k++) {
    const h = hexValue(text.charCodeAt(at + k));
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

/**
 * Decodes the content of a JSON string, `text[start, end)` (between the quotes), the way
 * jsonc-parser does: `\" \\ \/ \b \f \n \r \t \uXXXX` decoded (each `\u` escape is one UTF-16 unit,
 * so a surrogate pair written as two escapes maps each half to its own escape); an invalid escape
 * is dropped. Each decoded character maps to the offset where its escape sequence starts.
 */
export function decodeJsonString(text: string, start: number, end: number): DecodedString {
  let value = '';
  const offsets: number[] = [];
  let k = start;
  while (k < end) {
    const c = text.charCodeAt(k);
    if (c !== 92) {
      value += text[k];
      offsets.push(k);
      k++;
      continue;
    }
    const e = k + 1 < end ? text.charCodeAt(k + 1) : -1;
    const simple = e === 34 ? '"' : e === 92 ? '\\' : e === 47 ? '/' : e === 98 ? '\b' : e === 102 ? '\f' : e === 110 ? '\n' : e === 114 ? '\r' : e === 116 ? '\t' : undefined;
    if (simple !== undefined) {
      value += simple;
      offsets.push(k);
      k += 2;
    } else if (e === 117) {
      const code = readHex(text, k + 2, end, 4);
      if (code >= 0) {
        value += String.fromCharCode(code);
        offsets.push(k);
        k += 6;
      } else {
        // Like jsonc-parser: the broken escape and the hex digits it did read are dropped.
        k += 2;
        for (let d = 0; d < 4 && k < end && hexValue(text.charCodeAt(k)) >= 0; d++) k++;
      }
    } else {
      k += e < 0 ? 1 : 2; // invalid escape: dropped (jsonc-parser reports it)
    }
  }
  offsets.push(end);
  return { value, offsets };
}
