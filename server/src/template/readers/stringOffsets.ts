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

/**
 * An EnvVariable read from a JSON or TOML string: the key and decoded value, and numbers for where
 * they are written. Spans are built when read and offsets on first use: most values are never
 * mapped back (no reference, no problem). Keeping span objects and an offsets array per value was
 * most of what the read of a 256k-key template kept alive (135 MB for an 11 MB file; 4 numbers
 * per value instead of 3 span objects and, for escaped strings, an array).
 */
export class StringEnvVariable implements EnvVariable {
  /**
   * One instance kept for the life of the process, for the reason LazyEnvVariable keeps one: a
   * full GC while no variable is alive drops the class's hidden class and the code built on it.
   * Measured on a 10,000-entry hub.json right after a forced GC: 41-72 ms with it, 46-147 ms
   * without (four alternating runs of each, a busy machine; at 1,000 entries no difference showed).
   */
  static readonly SHAPE_KEEPER: EnvVariable = new StringEnvVariable('', '', '', newPlace());
  #text: string;
  #keyStart: number;
  #keyEnd: number;
  #valueStart: number;
  #valueEnd: number;
  #spanStart: number;
  #spanEnd: number;
  #contentStart: number;
  #contentEnd: number;
  /** How to map the value back when it had escapes (undefined: it is the written text), then the offsets. */
  #offsets: Decoder | readonly number[] | undefined;
  /**
   * @param decode given when the value had escapes: how to rebuild each character's offset
   */
  constructor(
    readonly key: string,
    readonly value: string,
    text: string,
    place: StringPlace,
    decode?: Decoder,
  ) {
    this.#text = text;
    this.#keyStart = place.keyStart;
    this.#keyEnd = place.keyEnd;
    this.#valueStart = place.valueStart;
    this.#valueEnd = place.valueEnd;
    this.#spanStart = place.spanStart;
    this.#spanEnd = place.spanEnd;
    this.#contentStart = place.contentStart;
    this.#contentEnd = place.contentEnd;
    this.#offsets = decode;
  }
  get keySpan(): Span {
    return { start: this.#keyStart, end: this.#keyEnd };
  }
  get valueSpan(): Span {
    return { start: this.#valueStart, end: this.#valueEnd };
  }
  get span(): Span {
    return { start: this.#spanStart, end: this.#spanEnd };
  }
  get valueOffsets(): readonly number[] {
    const known = this.#offsets;
    if (typeof known === 'function') return (this.#offsets = known(this.#text, this.valueSpan, this.#contentStart, this.#contentEnd).offsets);
    if (known !== undefined) return known;
    // The written text: consecutive offsets, built on each (rare) read rather than kept, so
    // {@link consecutiveFrom} can tell the value is raw.
    const n = this.value.length;
    const offsets = new Array<number>(n + 1);
    for (let k = 0; k <= n; k++) offsets[k] = this.#contentStart + k;
    return offsets;
  }
  /**
   * Document offset of decoded index 0 when the value is the written text (offsets consecutive),
   * else undefined: references are then mapped by addition, without an offsets array per value.
   */
  get consecutiveFrom(): number | undefined {
    return this.#offsets === undefined ? this.#contentStart : undefined;
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
