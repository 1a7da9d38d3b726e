/**
 * Reader for legacy `runpod.toml` projects: string values of the `[project.env_vars]` table
 * (also written as dotted keys `project.env_vars.NAME = "..."` or an inline table). Parsed with
 * toml-eslint-parser, which yields ranges; values are decoded again here to keep an offset per
 * decoded character (basic, literal and multi-line strings, all TOML escapes). When the document
 * does not parse, a line-based scan of the `[project.env_vars]` table still finds the values that
 * can be read, and the parser's error becomes one `syntax-error` problem.
 */
import { parseTOML } from 'toml-eslint-parser';
import type { EnvVariable, Problem, Span } from '../types';
import type { ReadResult } from './env';
import { readHex, StringEnvVariable } from './stringOffsets';

const TABLE = ['project', 'env_vars'];

/** Minimal view of the toml-eslint-parser AST nodes we read. */
interface TomlNode {
  type: string;
  range: [number, number];
}
interface TomlKeyNode extends TomlNode {
  keys: (TomlNode & { name?: string; value?: string })[];
}
interface TomlKeyValue extends TomlNode {
  key: TomlKeyNode;
  value: TomlNode & { kind?: string; style?: string; multiline?: boolean; value?: unknown; body?: TomlKeyValue[] };
}
interface TomlTable extends TomlNode {
  kind: string;
  resolvedKey: (string | number)[];
  body: TomlKeyValue[];
}

function keyName(k: TomlNode & { name?: string; value?: string }): string {
  return k.type === 'TOMLBare' ? (k.name ?? '') : String(k.value ?? '');
}

/** The span of a key as the user reads it: a quoted key without its quotes. */
function keySpanOf(k: TomlNode): Span {
  const [start, end] = k.range;
  return k.type === 'TOMLQuoted' && end - start >= 2 ? { start: start + 1, end: end - 1 } : { start, end };
}

function isLineBreakAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 10) return 1;
  if (c === 13 && text.charCodeAt(i + 1) === 10) return 2;
  return 0;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Decodes a TOML string written at `text[start, end)` (quotes included; `end` may stop short of
 * the closing quote when it is missing). Each decoded character maps to the offset where it (or
 * its escape sequence) starts; a `\U` escape beyond the BMP gives two UTF-16 units at the same offset.
 */
export function decodeTomlString(text: string, start: number, end: number): { value: string; offsets: number[]; contentStart: number } {
  const quote = text.charCodeAt(start);
  const literal = quote === 39;
  const multiline = text.startsWith(literal ? "'''" : '"""', start);
  let k = start + (multiline ? 3 : 1);
  let close = end;
  const q = multiline ? 3 : 1;
  if (end - q >= k && text.charCodeAt(end - 1) === quote && (!multiline || text.startsWith(literal ? "'''" : '"""', end - 3))) {
    // Closed: but a lone `"` at the end of an unclosed single-line basic string can be escaped.
    if (literal || multiline || !escapedAt(text, k, end - 1)) close = end - q;
  }
  // A newline right after the opening delimiter of a multi-line string is trimmed.
  if (multiline) k += isLineBreakAt(text, k);
  const contentStart = k;
  let value = '';
  const offsets: number[] = [];
  while (k < close) {
    const c = text.charCodeAt(k);
    if (literal || c !== 92) {
      value += text[k];
      offsets.push(k);
      k++;
      continue;
    }
    const e = text.charCodeAt(k + 1);
    const simple =
      e === 98 ? '\b' : e === 116 ? '\t' : e === 110 ? '\n' : e === 102 ? '\f' : e === 114 ? '\r' : e === 34 ? '"' : e === 92 ? '\\' : e === 101 ? '\x1b' : undefined;
    if (simple !== undefined) {
      value += simple;
      offsets.push(k);
      k += 2;
      continue;
    }
    const digits = e === 117 ? 4 : e === 85 ? 8 : e === 120 ? 2 : 0;
    const code = digits ? readHex(text, k + 2, close, digits) : -1;
    if (code >= 0 && code <= 0x10ffff) {
      const s = String.fromCodePoint(code);
      value += s;
      for (let u = 0; u < s.length; u++) offsets.push(k);
      k += 2 + digits;
      continue;
    }
    if (multiline) {
      // Line-ending backslash: the break and all blanks and breaks after it are trimmed.
      let j = k + 1;
      while (j < close && isBlank(text.charCodeAt(j))) j++;
      if (isLineBreakAt(text, j)) {
        while (j < close && (isBlank(text.charCodeAt(j)) || isLineBreakAt(text, j))) j += isLineBreakAt(text, j) || 1;
        k = j;
        continue;
      }
    }
    // Invalid escape (the parser reports it): keep the backslash as written.
    value += '\\';
    offsets.push(k);
    k++;
  }
  offsets.push(close);
  return { value, offsets, contentStart };
}

/** True when the character at `i` is preceded by an odd number of backslashes (from `from` on). */
function escapedAt(text: string, from: number, i: number): boolean {
  let n = 0;
  for (let j = i - 1; j >= from && text.charCodeAt(j) === 92; j--) n++;
  return n % 2 === 1;
}

function variableOf(text: string, keyNode: TomlNode & { name?: string; value?: string }, valueRange: [number, number], statementStart: number): EnvVariable {
  const d = decodeTomlString(text, valueRange[0], valueRange[1]);
  return new StringEnvVariable(keyName(keyNode), keySpanOf(keyNode), d.value, { start: valueRange[0], end: valueRange[1] }, d.contentStart, { start: statementStart, end: valueRange[1] }, d.offsets);
}

function sameKey(path: readonly (string | number)[]): boolean {
  return path.length === 2 && path[0] === TABLE[0] && path[1] === TABLE[1];
}

/** Variables of `body` whose full key is `project.env_vars.NAME`, with `prefix` the table's key. */
function collect(text: string, prefix: readonly (string | number)[], body: readonly TomlKeyValue[], out: EnvVariable[]): void {
  for (const kv of body) {
    const keys = kv.key.keys;
    const full = [...prefix, ...keys.map(keyName)];
    if (full.length === 3 && sameKey(full.slice(0, 2)) && kv.value.type === 'TOMLValue' && kv.value.kind === 'string') {
      out.push(variableOf(text, keys[keys.length - 1]!, kv.value.range, kv.range[0]));
    } else if (kv.value.type === 'TOMLInlineTable' && kv.value.body && full.length < 3 && full.every((k, i) => k === TABLE[i])) {
      // `env_vars = { ... }` under [project], or `project = { env_vars = { ... } }` at the root.
      collect(text, full, kv.value.body, out);
    }
  }
}

/**
 * Reads a `runpod.toml`.
 * @returns the `[project.env_vars]` string values and at most one `syntax-error`
 */
export function readRunpodToml(whole: string, end = whole.length): ReadResult {
  const text = end < whole.length ? whole.slice(0, end) : whole;
  // toml-eslint-parser rejects a BOM; a space keeps every offset in place.
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  let ast: { body: { body: (TomlKeyValue | TomlTable)[] }[] };
  try {
    ast = parseTOML(source) as unknown as typeof ast;
  } catch (error) {
    return { variables: scanEnvVarsTable(text), problems: [syntaxError(text, error)] };
  }
  const variables: EnvVariable[] = [];
  for (const top of ast.body) {
    const root: TomlKeyValue[] = [];
    for (const node of top.body) {
      if (node.type === 'TOMLTable') {
        const table = node as TomlTable;
        if (table.kind === 'standard' && table.resolvedKey.length <= 2) collect(text, table.resolvedKey, table.body, variables);
      } else root.push(node as TomlKeyValue);
    }
    collect(text, [], root, variables);
  }
  variables.sort((a, b) => a.valueSpan.start - b.valueSpan.start);
  return { variables, problems: [] };
}

function syntaxError(text: string, error: unknown): Problem {
  const e = error as { index?: unknown; message?: unknown };
  const at = typeof e.index === 'number' && e.index >= 0 ? Math.min(e.index, text.length) : 0;
  let end = at;
  while (end < text.length && end < at + 1 && isLineBreakAt(text, end) === 0 && text.charCodeAt(end) !== 13) end++;
  // At a line end (an unclosed string), mark the last character of the line instead of nothing.
  const start = end === at && at > 0 ? at - 1 : at;
  const reason = typeof e.message === 'string' && e.message.length < 200 ? e.message : 'Invalid TOML';
  return {
    code: 'syntax-error',
    span: { start, end: Math.max(end, at) },
    message: `${reason.replace(/\.$/, '')}. References in the \`[project.env_vars]\` values that can be read are still checked.`,
    severity: 'error',
  };
}

/**
 * Recovery for a document that does not parse: inside `[project.env_vars]` (a header line), every
 * `KEY = "..."` or `KEY = '...'` line whose value starts a string is read; an unclosed single-line
 * string runs to the end of its line, an unclosed multi-line one to the end of the document.
 */
export function scanEnvVarsTable(text: string): EnvVariable[] {
  const out: EnvVariable[] = [];
  let inTable = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    let eol = text.indexOf('\n', i);
    if (eol < 0) eol = n;
    let s = i;
    while (s < eol && isBlank(text.charCodeAt(s))) s++;
    const c = text.charCodeAt(s);
    let next = eol + 1;
    if (c === 91 /* [ */) {
      const close = text.indexOf(']', s);
      const header = close > s && close < eol ? text.slice(s + 1, close).replace(/[\s"']/g, '') : '';
      inTable = header === 'project.env_vars';
    } else if (inTable && c !== 35 /* # */ && s < eol) {
      const eq = text.indexOf('=', s);
      if (eq > s && eq < eol) {
        let keyEnd = eq;
        while (keyEnd > s && isBlank(text.charCodeAt(keyEnd - 1))) keyEnd--;
        let v = eq + 1;
        while (v < eol && isBlank(text.charCodeAt(v))) v++;
        const q = text.charCodeAt(v);
        if (keyEnd > s && (q === 34 || q === 39)) {
          const end = stringEnd(text, v, eol);
          const quotedKey = (text.charCodeAt(s) === 34 || text.charCodeAt(s) === 39) && keyEnd - s >= 2;
          const keyNode = quotedKey
            ? { type: 'TOMLQuoted', range: [s, keyEnd] as [number, number], value: text.slice(s + 1, keyEnd - 1) }
            : { type: 'TOMLBare', range: [s, keyEnd] as [number, number], name: text.slice(s, keyEnd) };
          out.push(variableOf(text, keyNode, [v, end], s));
          if (end > eol) {
            const after = text.indexOf('\n', end);
            next = after < 0 ? n : after + 1;
          }
        }
      }
    }
    i = next;
  }
  return out;
}

/** End (after the closing delimiter) of the TOML string starting at `at`, or where it must stop. */
function stringEnd(text: string, at: number, eol: number): number {
  const quote = text[at]!;
  const triple = quote.repeat(3);
  if (text.startsWith(triple, at)) {
    const close = text.indexOf(triple, at + 3);
    return close < 0 ? text.length : close + 3;
  }
  for (let k = at + 1; k < eol; k++) {
    const c = text.charCodeAt(k);
    if (quote === '"' && c === 92) k++;
    else if (text[k] === quote) return k + 1;
  }
  let e = eol;
  if (text.charCodeAt(e - 1) === 13) e--;
  return e;
}
