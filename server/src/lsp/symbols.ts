/** Core symbol candidates (one per variable) to LSP document symbols. */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SymbolCandidate } from '../template/types';
import { spanToRange } from './positions';

/** Converts symbols as they come; the selection range is kept inside the full range, as LSP requires. */
export function toDocumentSymbols(doc: TextDocument, candidates: Iterable<SymbolCandidate>): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const candidate of candidates) {
    const start = Math.min(candidate.span.start, candidate.span.end);
    const end = Math.max(candidate.span.start, candidate.span.end);
    const selStart = Math.min(Math.max(candidate.selectionSpan.start, start), end);
    const selEnd = Math.min(Math.max(candidate.selectionSpan.end, selStart), end);
    const symbol: DocumentSymbol = {
      // LSP clients reject empty names; a broken line may have an empty key.
      name: candidate.name.length > 0 ? candidate.name : '(unnamed)',
      kind: SymbolKind.Variable,
      range: spanToRange(doc, { start, end }),
      selectionRange: spanToRange(doc, { start: selStart, end: selEnd }),
    };
    if (candidate.detail !== undefined) symbol.detail = candidate.detail;
    out.push(symbol);
  }
  return out;
}
