/**
 * Keys kept as offsets into their text (two numbers a key) while a document is read, instead of a
 * string and a span object each: what V8's young collections would copy over and over while the
 * reading goes on (roundsAnalysis.ts).
 */
import { keyLengthOf, keyStartOf } from './readers/env';
import type { KeyList } from './rules/keys';
import type { EnvVariable, Span } from './types';

/**
 * The keys of a document, kept as spans: each key the key rules judge, without its variable. A key
 * written verbatim at its span (every env key, and JSON or TOML keys without escapes or quotes) is
 * read from the text when judged; only the others keep their string.
 */
export class KeyOffsets {
  length = 0;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  /** The keys not written verbatim at their span, by index. */
  private readonly strings = new Map<number, string>();

  /** Key `key` at `span`; `verbatim`: `text` holds exactly `key` from `span.start`, and `span` is that. */
  private push(start: number, end: number, key: string | undefined): void {
    if (this.length === this.starts.length) {
      this.starts = grown(this.starts);
      this.ends = grown(this.ends);
    }
    if (key !== undefined) this.strings.set(this.length, key);
    this.starts[this.length] = start;
    this.ends[this.length++] = end;
  }

  /** The key of `variable`, as the key rules read it from the variable (rules/keys.ts). */
  pushKeyOf(variable: EnvVariable, text: string): void {
    const at = keyStartOf(variable);
    if (at >= 0) return this.push(at, at + keyLengthOf(variable), undefined);
    const span = variable.keySpan;
    this.pushKey(variable.key, span.start, span.end, text);
  }

  /** `key`, written at `start`-`end` of `text` (verbatim, or escaped: then its string is kept). */
  pushKey(key: string, start: number, end: number, text: string): void {
    const verbatim = key.length > 0 && end - start === key.length && text.startsWith(key, start);
    this.push(start, end, verbatim ? undefined : key);
  }

  /** The keys as the key rules take them, read from `text`. */
  list(text: string): KeyList {
    const { starts, ends, strings } = this;
    const keySpan = (i: number): Span => ({ start: starts[i]!, end: ends[i]! });
    // Every key verbatim (the usual file): no lookup per key.
    if (strings.size === 0) {
      return { length: this.length, at: (i) => starts[i]!, keyLength: (i) => ends[i]! - starts[i]!, key: (i) => text.slice(starts[i]!, ends[i]!), keySpan };
    }
    return {
      length: this.length,
      at: (i) => (strings.has(i) ? -1 : starts[i]!),
      keyLength: (i) => strings.get(i)?.length ?? ends[i]! - starts[i]!,
      key: (i) => strings.get(i) ?? text.slice(starts[i]!, ends[i]!),
      keySpan,
    };
  }
}

function grown(column: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(column.length * 2);
  bigger.set(column);
  return bigger;
}

