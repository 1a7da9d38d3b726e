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
 * An EnvVariable whose offsets are built on first use: most values are never mapped back (no
 * reference, no problem), and a hub.json with thousands of entries should not allocate an array
 * per value. When `decoded` is given (the value had escapes), its offsets are used as they are.
 */
export class StringEnvVariable implements EnvVariable {
  /**
   * One instance kept for the life of the process. V8 holds a class instance's final hidden class
   * only weakly, so a full GC between two analyses of a JSON or TOML file (no variable alive) freed
   * it and threw away the optimised code of the JSON walk, this constructor, `valueOffsets` and the
   * rules (`--trace-deopt`: "reason: weak objects"); the next hub.json analysis ran several times
   * slower while being recompiled. A static field, not a module-level constant: in an esbuild
   * bundle a top-level constant that no function reads is not kept alive (measured: the bundled
   * keeper did not prevent the deopt, this one does).
   */
  static readonly SHAPE_KEEPER: EnvVariable = new StringEnvVariable('', { start: 0, end: 0 }, '', { start: 0, end: 0 }, 0, { start: 0, end: 0 });
  #offsets: readonly number[] | undefined;
  constructor(
    public key: string,
    public keySpan: Span,
    public value: string,
    /** The string as written, quotes included. */
    public valueSpan: Span,
    /** Document offset of the first content character (after the opening quote(s)). */
    contentStart: number,
    public span: Span,
    decodedOffsets?: readonly number[],
  ) {
    this.#offsets = decodedOffsets;
    this.#contentStart = contentStart;
  }
  #contentStart: number;
  get valueOffsets(): readonly number[] {
    if (this.#offsets) return this.#offsets;
    const n = this.value.length;
    const offsets = new Array<number>(n + 1);
    for (let k = 0; k <= n; k++) offsets[k] = this.#contentStart + k;
    return (this.#offsets = offsets);
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
