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
const EQUALS = 61;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}
function isBreak(c: number): boolean {
  return c === LF || c === CR;
}

/** Index of the first line break at or after `i`, or `text.length`. */
function lineEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) return i;
    i++;
  }
  return n;
}
/** Index just after the line break at `i` (handles CRLF). */
function afterBreak(text: string, i: number): number {
  if (i >= text.length) return i;
  if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) return i + 2;
  return i + 1;
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
      i = afterBreak(text, lineEnd(text, i));
      continue;
    }
    const statementStart = i;
    const eol = lineEnd(text, i);
    // `export KEY=...`: only a prefix when followed by blanks and more text.
    if (text.startsWith('export', i) && i + 6 < eol && isBlank(text.charCodeAt(i + 6))) {
      let j = i + 6;
      while (j < eol && isBlank(text.charCodeAt(j))) j++;
      if (j < eol) i = j;
    }
    // Key: up to `=` on this line.
    const keyStart = i;
    let eq = i;
    while (eq < eol && text.charCodeAt(eq) !== EQUALS) eq++;
    if (eq >= eol) {
      // No `=`: report the line up to an inline comment, then go on with the next line.
      let end = eol;
      for (let k = statementStart + 1; k < eol; k++) {
        if (text.charCodeAt(k) === HASH && isBlank(text.charCodeAt(k - 1))) {
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
    let offsets: number[];
    let next: number; // where the next statement search starts

    if ((c === DQUOTE && v + 1 < noDoubleQuoteAfter) || (c === SQUOTE && v + 1 < noSingleQuoteAfter)) {
      const quote = c;
      const r = quote === DQUOTE ? readDoubleQuoted(text, v + 1) : readSingleQuoted(text, v + 1);
      if (r) {
        value = r.value;
        offsets = r.offsets;
        valueSpan = { start: v, end: r.close + 1 };
        // After the closing quote: blanks, then an optional comment, then the line end.
        const closeEol = lineEnd(text, r.close + 1);
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
        ({ value, offsets, valueSpan } = readRestOfLineAfterQuote(text, v, eol));
        next = afterBreak(text, eol);
      }
    } else if (c === DQUOTE || c === SQUOTE) {
      problems.push(unclosedQuote(v, c));
      ({ value, offsets, valueSpan } = readRestOfLineAfterQuote(text, v, eol));
      next = afterBreak(text, eol);
    } else {
      // Unquoted: to the line end or a ` #` comment, trailing blanks trimmed.
      let e = v;
      while (e < eol) {
        const ch = text.charCodeAt(e);
        if (ch === HASH && isBlank(text.charCodeAt(e - 1))) break;
        e++;
      }
      while (e > v && isBlank(text.charCodeAt(e - 1))) e--;
      value = text.slice(v, e);
      offsets = consecutive(v, e - v);
      valueSpan = { start: v, end: e };
      next = afterBreak(text, eol);
    }
    variables.push({
      key,
      keySpan,
      value,
      valueSpan,
      valueOffsets: offsets,
      span: { start: keyStart, end: Math.max(valueSpan.end, keySpan.end) },
    });
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
function readRestOfLineAfterQuote(text: string, quoteAt: number, eol: number): { value: string; offsets: number[]; valueSpan: Span } {
  let e = eol;
  while (e > quoteAt + 1 && isBlank(text.charCodeAt(e - 1))) e--;
  return { value: text.slice(quoteAt + 1, e), offsets: consecutive(quoteAt + 1, e - quoteAt - 1), valueSpan: { start: quoteAt, end: e } };
}

interface Quoted {
  value: string;
  offsets: number[];
  /** Index of the closing quote. */
  close: number;
}

function readSingleQuoted(text: string, start: number): Quoted | undefined {
  const close = text.indexOf("'", start);
  if (close < 0) return undefined;
  return decodeLineBreaks(text, start, close);
}

/** Literal text, except that CRLF inside a multi-line value becomes LF (what the Pod would see). */
function decodeLineBreaks(text: string, start: number, close: number): Quoted {
  const raw = text.slice(start, close);
  if (!raw.includes('\r')) return { value: raw, offsets: consecutive(start, raw.length), close };
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

function readDoubleQuoted(text: string, start: number): Quoted | undefined {
  const n = text.length;
  // Fast path: no escapes and no CR before the closing quote.
  let k = start;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (c === DQUOTE) return { value: text.slice(start, k), offsets: consecutive(start, k - start), close: k };
    if (c === BACKSLASH || c === CR) break;
    k++;
  }
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
