/** Document symbols: one per variable. Details name referenced secrets, never a plain value. */
import { eachVariableWithReferences } from './eachVariable';
import { keyLabel } from './rules/keys';
import type { Analysis, DocumentKind, SymbolCandidate } from './types';

/**
 * Whether the Outline (and breadcrumbs) of this document should list our symbols. Only where no
 * other language already gives the document an outline: an editor merges every provider's symbols,
 * so in JSON files VS Code's own JSON symbols and ours showed as two groups and the breadcrumb read
 * `file › RunPod Templates & Secrets › KEY`.
 * - `runpod-env`: our own language, nobody else outlines it.
 * - `dotenv`: another language's file; the README promises reference features only there.
 * - JSON kinds (`*.runpod.json`, `.runpod/hub.json`, `.runpod/tests.json`): the JSON language's
 *   outline already shows every key, `env` included.
 * - `runpod-toml`: VS Code ships no TOML language, so a runpod.toml opens as Plain Text and our
 *   variables are its only outline; when a TOML extension is installed (language id `toml`, e.g.
 *   Even Better TOML, which has its own outline) we step aside as for JSON.
 */
export function offersSymbols(kind: DocumentKind, languageId: string): boolean {
  if (kind === 'runpod-env') return true;
  if (kind === 'runpod-toml') return languageId !== 'toml';
  return false;
}

/**
 * The outline lists at most this many variables, the first in the document. Each symbol costs the
 * server about a kilobyte at its peak (the objects, then the JSON of the answer), so a generated
 * file of 300,000 variables made a 65 MB answer and half a gigabyte of memory; a Pod takes 50.
 */
export const MAX_SYMBOLS = 10_000;

/** One symbol per variable, in document order: the statement as range, the key as selection. */
export function symbols(analysis: Pick<Analysis, 'variables' | 'references' | 'eachVariable'>, limit = MAX_SYMBOLS): SymbolCandidate[] {
  return [...eachSymbol(analysis, limit)];
}

/**
 * The symbols of {@link symbols} one at a time, as the caller takes them: the outline converts each
 * to its LSP form as it comes, so 10,000 candidates are never held beside their 10,000 LSP symbols
 * and the JSON of the answer (1.5 MB of a 390,000-line file's outline at its peak).
 */
export function* eachSymbol(analysis: Pick<Analysis, 'variables' | 'references' | 'eachVariable'>, limit = MAX_SYMBOLS): Iterable<SymbolCandidate> {
  if (limit <= 0) return;
  let count = 0;
  for (const { variable: v, references } of eachVariableWithReferences(analysis)) {
    const names: string[] = [];
    for (const ref of references) if (ref.name) names.push(ref.name);
    // An invalid key may be a value (a URL with a password before a `=`): named by its shape only.
    const name = keyLabel(v.key);
    const s: SymbolCandidate = { name, span: v.span, selectionSpan: v.keySpan };
    if (names.length > 0) s.detail = `secret ${names.join(', ')}`;
    yield s;
    if (++count >= limit) return;
  }
}
