/**
 * Reader for env files as users write them (`runpod-env` and VS Code's `dotenv`): `KEY=value`,
 * optional `export `, `#` comment lines, ` #` inline comments after unquoted values, single quotes
 * (literal), double quotes with `\n` `\r` `\t` `\"` `\\` escapes and multi-line values, CRLF/LF/CR,
 * and a UTF-8 BOM. One pass over the text with a cursor; no regular expressions, no per-line
 * copies. A broken line never stops the lines after it: an unclosed quote reports a syntax error
 * and the value is read as the rest of its own line.
 */
import type { EnvVariable, InputKey, Problem, Span } from '../types';
import { DEFAULT_SEVERITY } from '../types';
import { BACKSLASH, CR, DQUOTE, HASH, isBlank, isBreak, LF, SQUOTE } from './chars';
import { StringEnvVariable } from './stringOffsets';

export interface ReadResult {
  variables: EnvVariable[];
  /** Keys defined with no value to read (Analysis.inputKeys); only the Hub reader gives them. */
  inputKeys?: InputKey[];
  /** Syntax problems only (`missing-equals`, `syntax-error`); rules add the rest. */
  problems: Problem[];
  /**
   * Where reading stopped, when asked to stop before the end and a statement read whole ran past
   * the stop, or where the first entry past `maxEntries` starts (then `countReached`).
   */
  stoppedAt?: number;
  /** Reading stopped at `stoppedAt` because `maxEntries` entries were read (analyze.ts MAX_ANALYZED_ENTRIES). */
  countReached?: true;
}

/**
 * Where a reader that walks a document puts its variables, in document order: an array (all kept),
 * or a list that judges them a round at a time (roundsAnalysis.ts). The reader may shorten it: a
 * repeated `env` drops the variables of the earlier one (lastProperty.ts).
 */
export interface VariableList {
  push(variable: EnvVariable): unknown;
  length: number;
}

/** {@link ReadResult} but the variables, which went into a {@link VariableList}. */
export type ReadInto = Omit<ReadResult, 'variables'>;

/** A reader that hands its variables to `variables` as it reads them (see readers/index.ts Reader). */
export type ReaderInto = (text: string, variables: VariableList, end?: number, maxEntries?: number) => ReadInto;

/** The reader that keeps every variable read by `read`: what the index, hover and the CLI call. */
export function keepingAll(read: ReaderInto): (text: string, end?: number, maxEntries?: number) => ReadResult {
  return (text, end, maxEntries) => {
    const variables: EnvVariable[] = [];
    return { variables, ...read(text, variables, end, maxEntries) };
  };
}


/**
 * Next index of `ch` at or after `from` (or `text.length`), remembering the last answer: the reader
 * only moves forward, so each character is looked at once by the native `indexOf` overall, even
 * when a character is missing from the rest of a 5 MB text.
 */
function finder(text: string, ch: string): (from: number) => number {
  let pos = -1;
  return (from) => {
    if (pos < from) {
      pos = text.indexOf(ch, from);
      if (pos < 0) pos = text.length;
    }
    return pos;
  };
}

/** Index just after the line break at `i` (handles CRLF). */
function afterBreak(text: string, i: number): number {
  if (i >= text.length) return i;
  if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) return i + 2;
  return i + 1;
}

/**
 * `valueOffsets` once built, per variable. Few variables ever need theirs (a reported credential,
 * a quoted value with a reference, hover), so a side table instead of a field on every instance.
 */
const offsetsCache = new WeakMap<EnvVariable, readonly number[]>();

// LazyEnvVariable flags (declared before the class: its static SHAPE_KEEPER is built at load time).
const FLAG_BRACES = 4;
const FLAG_OPEN_QUOTE = 8;
const FLAG_CLOSE_QUOTE = 16;

/**
 * An EnvVariable that keeps only positions into the document: `key`, `value` (when it is the raw
 * text), the spans and `valueOffsets` are computed when read. Most variables are never looked at
 * beyond a rule's glance, and the variables are the live result while the rules run: a 10,000-line
 * document retained 1.7 MB of them as plain objects with strings, which garbage collection on a
 * busy machine made the dominant cost. Spans are fresh objects on each read; copy fields
 * explicitly rather than spreading the object (`JSON.stringify` works through `toJSON`).
 */
class LazyEnvVariable implements EnvVariable {
  // No private getters or methods: they would add a hidden "brand" field to every instance, and
  // these objects live as long as the analysis (their bytes are what the GC copies).
  #text: string;
  #keyStart: number;
  #keyEnd: number;
  /** The value without its quotes, as written. */
  #contentStart: number;
  #contentEnd: number;
  /** Encoding in bits 0-1, `{{` seen in bit 2, opening quote in bit 3, closing quote in bit 4. */
  #flags: number;
  /** The decoded value when it differs from the written text (escapes, CRLF). */
  #decoded: string | undefined;
  /**
   * One instance kept for the life of the process. V8 holds the hidden class (map) of a fully
   * built instance only weakly: a full garbage collection while no variable is alive (between two
   * analyses) frees it, every optimised function that embedded it (readEnv, referencesOf, the
   * rules) is thrown away, and the next analysis runs unoptimised, 5 to 15 times slower
   * (`--trace-deopt`: "reason: weak objects"). A static field, because a bundler drops a
   * module-level constant nobody reads. Still pays with incremental analysis (whole reads happen
   * on open, on a new secret list, and in the CLI): a 10,000-line read right after a forced GC took
   * 7-11 ms with it and 12-21 ms without, in three alternating runs of each (December 2026).
   */
  static readonly SHAPE_KEEPER: EnvVariable = new LazyEnvVariable('', 0, 0, 0, 0, 0, undefined);
  constructor(
    text: string,
    keyStart: number,
    keyEnd: number,
    valueStart: number,
    valueEnd: number,
    flags: number,
    decoded: string | undefined,
  ) {
    this.#text = text;
    this.#keyStart = keyStart;
    this.#keyEnd = keyEnd;
    this.#contentStart = valueStart + (flags & FLAG_OPEN_QUOTE ? 1 : 0);
    this.#contentEnd = valueEnd - (flags & FLAG_CLOSE_QUOTE ? 1 : 0);
    this.#flags = flags;
    this.#decoded = decoded;
  }
  get key(): string {
    return this.#text.slice(this.#keyStart, this.#keyEnd);
  }
  get value(): string {
    return this.#decoded ?? this.#text.slice(this.#contentStart, this.#contentEnd);
  }
  get keySpan(): Span {
    return { start: this.#keyStart, end: keySpanEnd(this.#keyStart, this.#keyEnd) };
  }
  get valueSpan(): Span {
    return { start: this.#contentStart - (this.#flags & FLAG_OPEN_QUOTE ? 1 : 0), end: this.#contentEnd + (this.#flags & FLAG_CLOSE_QUOTE ? 1 : 0) };
  }
  get span(): Span {
    const valueEnd = this.#contentEnd + (this.#flags & FLAG_CLOSE_QUOTE ? 1 : 0);
    return { start: this.#keyStart, end: Math.max(valueEnd, keySpanEnd(this.#keyStart, this.#keyEnd)) };
  }
  get valueOffsets(): readonly number[] {
    let offsets = offsetsCache.get(this);
    if (offsets === undefined) {
      const encoding: Encoding = this.#flags & 3;
      offsets =
        encoding === Encoding.Raw
          ? consecutive(this.#contentStart, this.#contentEnd - this.#contentStart)
          : decodedOffsets(this.#text, encoding, this.#contentStart, this.#contentEnd);
      offsetsCache.set(this, offsets);
    }
    return offsets;
  }
  /** Document offset of decoded index 0 when the value is raw text (offsets consecutive), else undefined. */
  get consecutiveFrom(): number | undefined {
    return (this.#flags & 3) === Encoding.Raw ? this.#contentStart : undefined;
  }
  get hasBraces(): boolean {
    return (this.#flags & FLAG_BRACES) !== 0;
  }
  /** Where the key is written, or -1 for an empty key. */
  get keyAt(): number {
    return this.#keyEnd > this.#keyStart ? this.#keyStart : -1;
  }
  get keyLength(): number {
    return this.#keyEnd - this.#keyStart;
  }
  /** Length of `value` without building it. */
  get valueLength(): number {
    return this.#decoded !== undefined ? this.#decoded.length : this.#contentEnd - this.#contentStart;
  }
  /** A plain-object copy (for serialising). */
  toJSON(): EnvVariable {
    return { key: this.key, keySpan: this.keySpan, value: this.value, valueSpan: this.valueSpan, valueOffsets: this.valueOffsets, span: this.span };
  }
}
/** Where a key's span ends: an empty key is reported on the `=` right after it. */
export function keySpanEnd(keyStart: number, keyEnd: number): number {
  return keyEnd === keyStart ? keyStart + 1 : keyEnd;
}

/**
 * Document offset where `v.key` is written verbatim, or -1 when unknown (other readers, or a key
 * whose span is not its text, such as an empty key). Avoids building span objects.
 */
export function keyStartOf(v: EnvVariable): number {
  return v instanceof LazyEnvVariable || v instanceof StringEnvVariable ? v.keyAt : -1;
}

/** Length of `v.key` without building the string. */
export function keyLengthOf(v: EnvVariable): number {
  return v instanceof LazyEnvVariable || v instanceof StringEnvVariable ? v.keyLength : v.key.length;
}

/**
 * Length of `v.value` without building the string, so a rule can skip short values without
 * slicing each one.
 */
export function valueLengthOf(v: EnvVariable): number {
  return v instanceof LazyEnvVariable || v instanceof StringEnvVariable ? v.valueLength : v.value.length;
}

/** False when `v`'s value certainly holds no `{{` (so no reference). */
export function mayHaveReferences(v: EnvVariable): boolean {
  return v instanceof LazyEnvVariable || v instanceof StringEnvVariable ? v.hasBraces : v.value.includes('{{');
}

/**
 * When `v`'s decoded value is the raw document text from some offset on, that offset: callers can
 * map positions by addition instead of building the offsets array.
 */
export function consecutiveStart(v: EnvVariable): number | undefined {
  return v instanceof LazyEnvVariable || v instanceof StringEnvVariable ? v.consecutiveFrom : undefined;
}

function consecutive(start: number, length: number): number[] {
  const offsets = new Array<number>(length + 1);
  for (let k = 0; k <= length; k++) offsets[k] = start + k;
  return offsets;
}

/**
 * Reads an env document, the statements that start before `end` (a statement that starts before
 * it is read whole), at most `maxEntries` of those that are entries (see {@link isEntry}).
 * @returns the variables (in document order, duplicates kept) and syntax problems
 */
export function readEnv(text: string, end = text.length, maxEntries = Infinity): ReadResult {
  const variables: EnvVariable[] = [];
  const problems: Problem[] = [];
  const reader = new EnvStatementReader(text);
  let entries = 0;
  let i = 0;
  while (i < end) {
    const v = variables.length;
    const p = problems.length;
    const next = reader.read(i, variables, problems);
    if (isEntry(variables.length - v, problems.length - p) && ++entries > maxEntries) {
      variables.length = v;
      problems.length = p;
      return { variables, problems, stoppedAt: i, countReached: true };
    }
    i = next;
  }
  return i > end ? { variables, problems, stoppedAt: i } : { variables, problems };
}

/**
 * Whether an env statement that gave `variables` variables and `problems` syntax problems is an
 * entry, counted against the analysis's count limit: blank and comment lines cost nothing kept, a
 * variable or a reported line does (an unclosed quote is always reported). The incremental
 * analysis keeps a statement exactly for these, so both count alike.
 */
export function isEntry(variables: number, problems: number): boolean {
  return variables > 0 || problems > 0;
}

/**
 * Reads an env document one statement at a time. A statement starts at a line start and is a
 * blank line, a comment line, a line without `=`, or a `KEY=value` (several lines when a quoted
 * value spans lines). Reading a statement never looks back, so a reader can start at any
 * statement's start: the incremental analysis re-reads only the statements an edit touches.
 */
export class EnvStatementReader {
  /**
   * Set by `read`: the quote (`"` or `'`) the statement opens and never closes, or 0. How such a
   * statement reads depends on all the text after it (a quote typed anywhere later would close it).
   */
  unclosedQuote = 0;
  /**
   * One reader kept for the life of the process, for the reason LazyEnvVariable keeps a variable:
   * without it a full GC between two reads dropped this class's hidden class and `read` ran
   * unoptimised afterwards (a 10,000-line read right after a forced GC: 8-16 ms without, 2-3.5 ms
   * with, three alternating runs of each; the reader was a function with local state before).
   */
  static readonly SHAPE_KEEPER = new EnvStatementReader('');
  // Once a quote search failed, no unescaped quote of that kind exists later either: skip the search.
  private noDoubleQuoteAfter: number;
  private noSingleQuoteAfter: number;
  private readonly nextLf: (from: number) => number;
  private readonly nextCr: (from: number) => number;
  private readonly nextEquals: (from: number) => number;
  private readonly nextHash: (from: number) => number;
  // Escapes never make or break `{{`, so the raw text tells whether a value may hold a reference.
  private readonly nextBraces: (from: number) => number;
  // Each finder serves one consumer that only moves forward; a failed quote scan runs far ahead,
  // so quote scanning must not share a finder with line splitting.
  private readonly quoted: QuoteFinders;

  /**
   * @param startsDocument `text` is a whole document, whose BOM (if any) is skipped; false for a
   *   copy of a part of one, where a U+FEFF at the start is an ordinary character
   */
  constructor(
    private readonly text: string,
    private readonly startsDocument = true,
  ) {
    this.noDoubleQuoteAfter = text.length + 1;
    this.noSingleQuoteAfter = text.length + 1;
    this.nextLf = finder(text, '\n');
    this.nextCr = finder(text, '\r');
    this.nextEquals = finder(text, '=');
    this.nextHash = finder(text, '#');
    this.nextBraces = finder(text, '{{');
    this.quoted = {
      dquote: finder(text, '"'),
      squote: finder(text, "'"),
      backslash: finder(text, '\\'),
      cr: finder(text, '\r'),
      singleCr: finder(text, '\r'),
    };
  }

  private lineEnd(from: number): number {
    return Math.min(this.nextLf(from), this.nextCr(from));
  }

  /**
   * Reads the statement starting at `i` (a line start; a BOM at offset 0 is skipped), pushing its
   * variable or syntax problems. Calls must move forward through the text.
   * @returns where the next statement starts (after this statement's last line break)
   */
  read(i: number, variables: EnvVariable[], problems: Problem[]): number {
    const text = this.text;
    const n = text.length;
    this.unclosedQuote = 0;
    if (i === 0 && this.startsDocument && n > 0 && text.charCodeAt(0) === 0xfeff) i = 1;
    // Leading blanks.
    while (i < n && isBlank(text.charCodeAt(i))) i++;
    if (i >= n) return n;
    let c = text.charCodeAt(i);
    if (isBreak(c)) return afterBreak(text, i);
    if (c === HASH) return afterBreak(text, this.lineEnd(i));
    const statementStart = i;
    const eol = this.lineEnd(i);
    // `export KEY=...`: only a prefix when followed by blanks and more text.
    // The first character first: a builtin call per line for the rare `export` cost 1% of the analysis.
    if (c === 101 /* e */ && text.startsWith('export', i) && i + 6 < eol && isBlank(text.charCodeAt(i + 6))) {
      let j = i + 6;
      while (j < eol && isBlank(text.charCodeAt(j))) j++;
      if (j < eol) i = j;
    }
    // Key: up to `=` on this line.
    const keyStart = i;
    const eq = this.nextEquals(i);
    if (eq >= eol) {
      // No `=`: report the line up to an inline comment, then go on with the next line. The
      // message never quotes the line: without `=` it has no key, and its text may be a value
      // (a token pasted alone, a credentials file read by mistake).
      let end = eol;
      for (let k = this.nextHash(statementStart + 1); k < eol; k = this.nextHash(k + 1)) {
        if (isBlank(text.charCodeAt(k - 1))) {
          end = k;
          break;
        }
      }
      while (end > statementStart && isBlank(text.charCodeAt(end - 1))) end--;
      problems.push({
        code: 'missing-equals',
        span: { start: statementStart, end },
        message: 'Expected `KEY=value`: this line has no `=`, so it defines no variable.',
        severity: DEFAULT_SEVERITY['missing-equals'],
      });
      return afterBreak(text, eol);
    }
    let keyEnd = eq;
    while (keyEnd > keyStart && isBlank(text.charCodeAt(keyEnd - 1))) keyEnd--;

    // Value.
    let v = eq + 1;
    while (v < eol && isBlank(text.charCodeAt(v))) v++;
    c = v < n ? text.charCodeAt(v) : -1;
    let decoded: string | undefined; // only when it differs from the written text
    let valueStart: number;
    let valueEnd: number;
    let flags: number; // see LazyEnvVariable
    let next: number; // where the next statement starts

    if ((c === DQUOTE && v + 1 < this.noDoubleQuoteAfter) || (c === SQUOTE && v + 1 < this.noSingleQuoteAfter)) {
      const quote = c;
      const r = quote === DQUOTE ? readDoubleQuoted(text, v + 1, this.quoted) : readSingleQuoted(text, v + 1, this.quoted);
      if (r) {
        decoded = r.decoded;
        flags = r.encoding | FLAG_OPEN_QUOTE | FLAG_CLOSE_QUOTE;
        valueStart = v;
        valueEnd = r.close + 1;
        // After the closing quote: blanks, then an optional comment, then the line end.
        const closeEol = this.lineEnd(r.close + 1);
        let k = r.close + 1;
        while (k < closeEol && isBlank(text.charCodeAt(k))) k++;
        if (k < closeEol && text.charCodeAt(k) !== HASH) {
          let e = closeEol;
          while (e > k && isBlank(text.charCodeAt(e - 1))) e--;
          problems.push({
            code: 'syntax-error',
            span: { start: k, end: e },
            message: 'Unexpected text after the closing quote; put the whole value inside the quotes.',
            severity: DEFAULT_SEVERITY['syntax-error'],
          });
        }
        next = afterBreak(text, closeEol);
      } else {
        if (quote === DQUOTE) this.noDoubleQuoteAfter = v;
        else this.noSingleQuoteAfter = v;
        this.unclosedQuote = quote;
        problems.push(unclosedQuote(v, quote));
        valueEnd = restOfLineAfterQuote(text, v, eol);
        valueStart = v;
        flags = Encoding.Raw | FLAG_OPEN_QUOTE;
        next = afterBreak(text, eol);
      }
    } else if (c === DQUOTE || c === SQUOTE) {
      this.unclosedQuote = c;
      problems.push(unclosedQuote(v, c));
      valueEnd = restOfLineAfterQuote(text, v, eol);
      valueStart = v;
      flags = Encoding.Raw | FLAG_OPEN_QUOTE;
      next = afterBreak(text, eol);
    } else {
      // Unquoted: to the line end or a ` #` comment, trailing blanks trimmed.
      let e = this.nextHash(v);
      while (e < eol && !isBlank(text.charCodeAt(e - 1))) e = this.nextHash(e + 1);
      if (e > eol) e = eol;
      while (e > v && isBlank(text.charCodeAt(e - 1))) e--;
      flags = Encoding.Raw;
      valueStart = v;
      valueEnd = e;
      next = afterBreak(text, eol);
    }
    // Escapes never make or break `{{`, so the written text tells whether a reference may be there.
    if (this.nextBraces(valueStart) + 2 <= valueEnd) flags |= FLAG_BRACES;
    variables.push(new LazyEnvVariable(text, keyStart, keyEnd, valueStart, valueEnd, flags, decoded));
    return next;
  }
}

function unclosedQuote(at: number, quote: number): Problem {
  const q = quote === DQUOTE ? '"' : "'";
  return {
    code: 'syntax-error',
    span: { start: at, end: at + 1 },
    message: `The ${q} quote is never closed; the value is read up to the end of this line.`,
    severity: DEFAULT_SEVERITY['syntax-error'],
  };
}

/** Recovery for an unclosed quote: the value is the rest of the line after the quote (its end). */
function restOfLineAfterQuote(text: string, quoteAt: number, eol: number): number {
  let e = eol;
  while (e > quoteAt + 1 && isBlank(text.charCodeAt(e - 1))) e--;
  return e;
}

/** How a value was written, so its offsets can be rebuilt on demand. */
const enum Encoding {
  /** The value is the raw text from its content start: offsets are consecutive. */
  Raw,
  /** Double-quoted: escapes and CRLF decoded. */
  Double,
  /** Single-quoted with CRLF inside: CRLF decoded to LF. */
  SingleCrlf,
}

interface Quoted {
  /** The decoded value, or `undefined` when it is the written text. */
  decoded: string | undefined;
  encoding: Encoding;
  /** Index of the closing quote. */
  close: number;
}

interface QuoteFinders {
  dquote: (from: number) => number;
  squote: (from: number) => number;
  backslash: (from: number) => number;
  /** For double-quoted values. */
  cr: (from: number) => number;
  /** For single-quoted values. */
  singleCr: (from: number) => number;
}

function readSingleQuoted(text: string, start: number, f: QuoteFinders): Quoted | undefined {
  const close = f.squote(start);
  if (close >= text.length) return undefined;
  // Literal text, except that CRLF inside a multi-line value becomes LF (what the Pod would see).
  if (f.singleCr(start) > close) return { decoded: undefined, encoding: Encoding.Raw, close };
  return { decoded: text.slice(start, close).replace(/\r\n/g, '\n'), encoding: Encoding.SingleCrlf, close };
}

function decodeEscape(e: number): string | undefined {
  return e === 110 ? '\n' : e === 114 ? '\r' : e === 116 ? '\t' : e === DQUOTE ? '"' : e === BACKSLASH ? '\\' : undefined;
}

/**
 * Double-quoted value from `start` (after the quote) to the closing quote: `\n` `\r` `\t` `\"`
 * `\\` decoded, other backslashes kept, CRLF read as LF. Copies runs between special characters
 * found by the shared finders, so plain stretches cost one native search.
 */
function readDoubleQuoted(text: string, start: number, f: QuoteFinders): Quoted | undefined {
  const n = text.length;
  let k = start;
  let value = '';
  let encoding = Encoding.Raw;
  for (;;) {
    const q = f.dquote(k);
    const special = Math.min(q, f.backslash(k), f.cr(k));
    if (special >= n) return undefined;
    if (special === q) {
      if (encoding === Encoding.Raw) return { decoded: undefined, encoding, close: q };
      return { decoded: value + text.slice(k, q), encoding, close: q };
    }
    encoding = Encoding.Double;
    value += text.slice(k, special);
    if (text.charCodeAt(special) === BACKSLASH) {
      const decoded = special + 1 < n ? decodeEscape(text.charCodeAt(special + 1)) : undefined;
      if (decoded !== undefined) {
        value += decoded;
        k = special + 2;
      } else {
        value += '\\'; // unknown escape: kept as written, like a shell would for most
        k = special + 1;
      }
    } else {
      // CR: dropped before LF (the LF is copied with the next run), kept when alone.
      if (text.charCodeAt(special + 1) !== LF) value += '\r';
      k = special + 1;
    }
  }
}

/** Offsets of each decoded character of a value read by `readDoubleQuoted`/`readSingleQuoted`. */
function decodedOffsets(text: string, encoding: Encoding, start: number, close: number): number[] {
  const offsets: number[] = [];
  let k = start;
  while (k < close) {
    const c = text.charCodeAt(k);
    if (c === CR && text.charCodeAt(k + 1) === LF) {
      k++;
      continue;
    }
    offsets.push(k);
    k += encoding === Encoding.Double && c === BACKSLASH && k + 1 < close && decodeEscape(text.charCodeAt(k + 1)) !== undefined ? 2 : 1;
  }
  offsets.push(close);
  return offsets;
}
