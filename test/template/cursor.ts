/**
 * Cursor-marker fixtures: write `{{ RUNPOD_SECRET_| }}` and get the text and offset of `|`; write
 * `KEY=⟦value⟧` and get the text and the marked spans.
 */
import type { Analysis, CatalogSecrets, Span } from './types';

export function cursor(src: string): { text: string; offset: number } {
  const offset = src.indexOf('|');
  if (offset < 0 || src.indexOf('|', offset + 1) >= 0) throw new Error(`fixture needs exactly one | marker: ${src}`);
  return { text: src.slice(0, offset) + src.slice(offset + 1), offset };
}

/** Removes `⟦` `⟧` markers and returns the spans they enclosed, in order of their opening marker. */
export function marked(src: string): { text: string; spans: Span[] } {
  let text = '';
  const spans: Span[] = [];
  const open: number[] = [];
  for (const ch of src) {
    if (ch === '⟦') {
      open.push(spans.length);
      spans.push({ start: text.length, end: -1 });
    } else if (ch === '⟧') {
      const k = open.pop();
      if (k === undefined) throw new Error('unbalanced ⟧');
      spans[k]!.end = text.length;
    } else text += ch;
  }
  if (open.length) throw new Error('unbalanced ⟦');
  return { text, spans };
}

/** Applies one replacement. */
export function applyEdit(text: string, span: Span, newText: string): string {
  return text.slice(0, span.start) + newText + text.slice(span.end);
}

/** Problems of one code as `[text under span, message]`, handy for exact-span assertions. */
export function spansOf(analysis: Analysis, text: string, code: string): string[] {
  return analysis.problems.filter((p) => p.code === code).map((p) => text.slice(p.span.start, p.span.end));
}

export type { CatalogSecrets };
