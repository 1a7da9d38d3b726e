/** Document symbols: one per variable. Details name referenced secrets, never a plain value. */
import type { Analysis, SymbolCandidate } from './types';

/** One symbol per variable, in document order: the statement as range, the key as selection. */
export function symbols(analysis: Analysis): SymbolCandidate[] {
  const out: SymbolCandidate[] = [];
  let r = 0;
  const refs = analysis.references;
  for (const v of analysis.variables) {
    // References are in document order, as are variables: walk both once.
    const value = v.valueSpan;
    while (r < refs.length && refs[r]!.span.start < value.start) r++;
    const names: string[] = [];
    for (let k = r; k < refs.length && refs[k]!.span.start <= value.end; k++) if (refs[k]!.name) names.push(refs[k]!.name);
    const s: SymbolCandidate = { name: v.key || '(empty key)', span: v.span, selectionSpan: v.keySpan };
    if (names.length > 0) s.detail = `secret ${names.join(', ')}`;
    out.push(s);
  }
  return out;
}
