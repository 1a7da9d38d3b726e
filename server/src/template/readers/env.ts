/**
 * Reader for env files as users write them (`runpod-env` and VS Code's `dotenv`): `KEY=value`,
 * optional `export `, `#` comment lines, ` #` inline comments after unquoted values, single quotes
 * (literal), double quotes with `\n` `\r` `\t` `\"` `\\` escapes and multi-line values, CRLF/LF/CR,
 * and a UTF-8 BOM. One pass over the text with a cursor; no regular expressions, no per-line
 * copies. A broken line never stops the lines after it: an unclosed quote reports a syntax error
 * and the value is read as the rest of its own line.
 */
import type { EnvVariable, Problem, Span } from '../types';

export interface ReadResult {
  variables: EnvVariable[];
  /** Syntax problems only (`missing-equals`, `syntax-error`); rules add the rest. */
  problems: Problem[];
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const HASH = 35;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}
function isBreak(c: number): boolean {
  return c === LF || c === CR;
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
 * An EnvVariable whose `valueOffsets` is built on first use: most values are never mapped back
 * (no reference, no credential), and building thousands of offset arrays per keystroke dominated
 * the analysis time in garbage collection. The private field keeps deep equality and JSON output
 * to the plain fields.
 */
class LazyEnvVariable implements EnvVariable {
  #offsets: readonly number[] | undefined;
  #contentStart: number;
  constructor(
    public key: string,
    public keySpan: Span,
    public value: string,
    public valueSpan: Span,
    public span: Span,
    contentStart: number,
    offsets: readonly number[] | undefined,
  ) {
    this.#contentStart = contentStart;
    this.#offsets = offsets;
  }
  get valueOffsets(): readonly number[] {
    return (this.#offsets ??= consecutive(this.#contentStart, this.value.length));
  }
}

function consecutive(start: number, length: number): number[] {
  const offsets = new Array<number>(length + 1);
  for (let k = 0; k <= length; k++) offsets[k] = start + k;
  return offsets;
}

function inlineCode(s: string): string {
  return s.includes('`') ? `"${s}"` : `\`${s}\``;
}

/**
 * Reads an env document.
 * @returns the variables (in document order, duplicates kept) and syntax problems
 */
export function readEnv(text: string): ReadResult {
  const variables: EnvVariable[] = [];
  const problems: Problem[] = [];
  const n = text.length;
  let i = n > 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // Once a quote search failed, no unescaped quote of that kind exists later either: skip the search.
  let noDoubleQuoteAfter = n + 1;
  let noSingleQuoteAfter = n + 1;
  const nextLf = finder(text, '\n');
  const nextCr = finder(text, '\r');
  const lineEnd = (from: number): number => Math.min(nextLf(from), nextCr(from));
  const nextEquals = finder(text, '=');
  const nextHash = finder(text, '#');
  const quoted: QuoteFinders = { dquote: finder(text, '"'), squote: finder(text, "'"), backslash: finder(text, '\\'), cr: nextCr };

  while (i < n) {
    // Leading blanks.
    while (i < n && isBlank(text.charCodeAt(i))) i++;
    if (i >= n) break;
    let c = text.charCodeAt(i);
    if (isBreak(c)) {
      i = afterBreak(text, i);
      continue;
    }
    if (c === HASH) {
      i = afterBreak(text, lineEnd(i));
      continue;
    }
    const statementStart = i;
    const eol = lineEnd(i);
    // `export KEY=...`: only a prefix when followed by blanks and more text.
    if (text.startsWith('export', i) && i + 6 < eol && isBlank(text.charCodeAt(i + 6))) {
      let j = i + 6;
      while (j < eol && isBlank(text.charCodeAt(j))) j++;
      if (j < eol) i = j;
    }
    // Key: up to `=` on this line.
    const keyStart = i;
    const eq = nextEquals(i);
    if (eq >= eol) {
      // No `=`: report the line up to an inline comment, then go on with the next line.
      let end = eol;
      for (let k = nextHash(statementStart + 1); k < eol; k = nextHash(k + 1)) {
        if (isBlank(text.charCodeAt(k - 1))) {
          end = k;
          break;
        }
      }
      while (end > statementStart && isBlank(text.charCodeAt(end - 1))) end--;
      let wordEnd = statementStart;
      while (wordEnd < end && !isBlank(text.charCodeAt(wordEnd))) wordEnd++;
      const word = text.slice(statementStart, Math.min(wordEnd, statementStart + 41));
      const shown = wordEnd - statementStart > 40 ? `${word.slice(0, 40)}…` : word;
      problems.push({
        code: 'missing-equals',
        span: { start: statementStart, end },
        message: `Expected \`KEY=value\`: ${inlineCode(shown)} has no \`=\`.`,
        severity: 'error',
      });
      i = afterBreak(text, eol);
      continue;
    }
    let keyEnd = eq;
    while (keyEnd > keyStart && isBlank(text.charCodeAt(keyEnd - 1))) keyEnd--;
    const keySpan: Span = { start: keyStart, end: keyEnd === keyStart ? eq + 1 : keyEnd };
    const key = text.slice(keyStart, keyEnd);

    // Value.
    let v = eq + 1;
    while (v < eol && isBlank(text.charCodeAt(v))) v++;
    c = v < n ? text.charCodeAt(v) : -1;
    let value: string;
    let valueSpan: Span;
    let offsets: number[] | undefined; // undefined: consecutive from `contentStart`
    let contentStart: number;
    let next: number; // where the next statement search starts

    if ((c === DQUOTE && v + 1 < noDoubleQuoteAfter) || (c === SQUOTE && v + 1 < noSingleQuoteAfter)) {
      const quote = c;
      const r = quote === DQUOTE ? readDoubleQuoted(text, v + 1, quoted) : readSingleQuoted(text, v + 1, quoted);
      if (r) {
        value = r.value;
        offsets = r.offsets;
        contentStart = v + 1;
        valueSpan = { start: v, end: r.close + 1 };
        // After the closing quote: blanks, then an optional comment, then the line end.
        const closeEol = lineEnd(r.close + 1);
        let k = r.close + 1;
        while (k < closeEol && isBlank(text.charCodeAt(k))) k++;
        if (k < closeEol && text.charCodeAt(k) !== HASH) {
          let e = closeEol;
          while (e > k && isBlank(text.charCodeAt(e - 1))) e--;
          problems.push({
            code: 'syntax-error',
            span: { start: k, end: e },
            message: 'Unexpected text after the closing quote; put the whole value inside the quotes.',
            severity: 'error',
          });
        }
        next = afterBreak(text, closeEol);
      } else {
        if (quote === DQUOTE) noDoubleQuoteAfter = v;
        else noSingleQuoteAfter = v;
        problems.push(unclosedQuote(v, quote));
        ({ value, valueSpan } = readRestOfLineAfterQuote(text, v, eol));
        offsets = undefined;
        contentStart = v + 1;
        next = afterBreak(text, eol);
      }
    } else if (c === DQUOTE || c === SQUOTE) {
      problems.push(unclosedQuote(v, c));
      ({ value, valueSpan } = readRestOfLineAfterQuote(text, v, eol));
      offsets = undefined;
      contentStart = v + 1;
      next = afterBreak(text, eol);
    } else {
      // Unquoted: to the line end or a ` #` comment, trailing blanks trimmed.
      let e = nextHash(v);
      while (e < eol && !isBlank(text.charCodeAt(e - 1))) e = nextHash(e + 1);
      if (e > eol) e = eol;
      while (e > v && isBlank(text.charCodeAt(e - 1))) e--;
      value = text.slice(v, e);
      offsets = undefined;
      contentStart = v;
      valueSpan = { start: v, end: e };
      next = afterBreak(text, eol);
    }
    variables.push(
      new LazyEnvVariable(key, keySpan, value, valueSpan, { start: keyStart, end: Math.max(valueSpan.end, keySpan.end) }, contentStart, offsets),
    );
    i = next;
  }
  return { variables, problems };
}

function unclosedQuote(at: number, quote: number): Problem {
  const q = quote === DQUOTE ? '"' : "'";
  return {
    code: 'syntax-error',
    span: { start: at, end: at + 1 },
    message: `The ${q} quote is never closed; the value is read up to the end of this line.`,
    severity: 'error',
  };
}

/** Recovery for an unclosed quote: the value is the rest of the line after the quote. */
function readRestOfLineAfterQuote(text: string, quoteAt: number, eol: number): { value: string; valueSpan: Span } {
  let e = eol;
  while (e > quoteAt + 1 && isBlank(text.charCodeAt(e - 1))) e--;
  return { value: text.slice(quoteAt + 1, e), valueSpan: { start: quoteAt, end: e } };
}

interface Quoted {
  value: string;
  /** `undefined` when the value is the raw text (offsets consecutive). */
  offsets: number[] | undefined;
  /** Index of the closing quote. */
  close: number;
}

interface QuoteFinders {
  dquote: (from: number) => number;
  squote: (from: number) => number;
  backslash: (from: number) => number;
  cr: (from: number) => number;
}

function readSingleQuoted(text: string, start: number, f: QuoteFinders): Quoted | undefined {
  const close = f.squote(start);
  if (close >= text.length) return undefined;
  return decodeLineBreaks(text, start, close);
}

/** Literal text, except that CRLF inside a multi-line value becomes LF (what the Pod would see). */
function decodeLineBreaks(text: string, start: number, close: number): Quoted {
  const raw = text.slice(start, close);
  if (!raw.includes('\r')) return { value: raw, offsets: undefined, close };
  let value = '';
  const offsets: number[] = [];
  for (let k = start; k < close; k++) {
    if (text.charCodeAt(k) === CR && text.charCodeAt(k + 1) === LF) continue;
    value += text[k];
    offsets.push(k);
  }
  offsets.push(close);
  return { value, offsets, close };
}

function readDoubleQuoted(text: string, start: number, f: QuoteFinders): Quoted | undefined {
  const n = text.length;
  // Fast path: no escapes and no CR before the closing quote.
  const q = f.dquote(start);
  let k = Math.min(f.backslash(start), f.cr(start));
  if (q < k) return { value: text.slice(start, q), offsets: undefined, close: q };
  if (k >= n) return undefined;
  const parts: string[] = [text.slice(start, k)];
  const offsets = consecutive(start, k - start);
  offsets.pop();
  while (k < n) {
    const c = text.charCodeAt(k);
    if (c === DQUOTE) {
      offsets.push(k);
      return { value: parts.join(''), offsets, close: k };
    }
    if (c === BACKSLASH && k + 1 < n) {
      const e = text.charCodeAt(k + 1);
      const decoded = e === 110 ? '\n' : e === 114 ? '\r' : e === 116 ? '\t' : e === DQUOTE ? '"' : e === BACKSLASH ? '\\' : undefined;
      if (decoded !== undefined) {
        parts.push(decoded);
        offsets.push(k);
        k += 2;
        continue;
      }
      // Unknown escape: kept as written (backslash included), like a shell would for most.
    } else if (c === CR && text.charCodeAt(k + 1) === LF) {
      k++;
      continue;
    }
    parts.push(text[k]!);
    offsets.push(k);
    k++;
  }
  return undefined;
}
