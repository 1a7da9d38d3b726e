/** Small helpers for the format tests: spans by text, problems as readable tuples, edits applied. */
import { parseTOML } from 'toml-eslint-parser';
import { parse, type ParseError } from 'jsonc-parser';
import type { Analysis, Span } from '../../server/src/template/types';

/** Span of the `occurrence`-th (0-based) `needle` in `text`, optionally the part `inner` inside it. */
export function spanOf(text: string, needle: string, occurrence = 0, inner?: string): Span {
  let at = -1;
  for (let k = 0; k <= occurrence; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`not found: ${needle}`);
  }
  if (inner === undefined) return { start: at, end: at + needle.length };
  const i = needle.indexOf(inner);
  if (i < 0) throw new Error(`${inner} not in ${needle}`);
  return { start: at + i, end: at + i + inner.length };
}

/** Problems as `[code, covered text]`, in order. */
export function problemTexts(text: string, analysis: Analysis): [string, string][] {
  return analysis.problems.map((p) => [p.code, text.slice(p.span.start, p.span.end)]);
}

/** Applies one replacement. */
export function applySpan(text: string, span: Span, newText: string): string {
  return text.slice(0, span.start) + newText + text.slice(span.end);
}

/** True when `text` is JSON (comments and trailing commas allowed) without any parse error. */
export function parsesAsJson(text: string): boolean {
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: true });
  return errors.length === 0;
}

/** Parses TOML or throws. */
export function parseToml(text: string): unknown {
  return parseTOML(text);
}
