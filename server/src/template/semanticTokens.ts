/**
 * Semantic highlighting of secret references: a reference to a secret the account has, one to a
 * name it lacks, and a malformed one look different, so a typo shows before the diagnostics list
 * is read. Pure: spans and a token kind; the adapter encodes them for LSP.
 */
import type { Analysis, SecretCatalog, Span } from './types';
import { knownNames } from './rules/unknownSecret';

/**
 * - `known`: the name is in the account's secret list.
 * - `unknown`: the list is known (fresh or stale) and lacks the name, or the name can never exist.
 * - `unchecked`: well-formed, but the list is not loaded, so known and unknown look the same.
 * - `malformed`: the reference itself is broken (prefix, braces, empty name).
 */
export type ReferenceTokenKind = 'known' | 'unknown' | 'unchecked' | 'malformed';

export interface ReferenceToken {
  /** The secret name for well-formed references; the whole `{{ ... }}` for malformed ones. */
  span: Span;
  kind: ReferenceTokenKind;
}

/** One token per reference of `analysis`, in document order. */
export function referenceTokens(analysis: Analysis, catalog: SecretCatalog): ReferenceToken[] {
  const known = knownNames(catalog);
  const out: ReferenceToken[] = [];
  for (const ref of analysis.references) {
    if (!ref.wellFormed || ref.name.length === 0) {
      out.push({ span: ref.span, kind: 'malformed' });
      continue;
    }
    if (ref.nameSpan.end <= ref.nameSpan.start) continue;
    const kind: ReferenceTokenKind = known === undefined ? 'unchecked' : known.has(ref.name) ? 'known' : 'unknown';
    out.push({ span: ref.nameSpan, kind });
  }
  return out;
}
