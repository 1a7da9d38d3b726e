/**
 * The language features over the workspace index, as LSP answers: Find All References and
 * highlights on a secret reference, workspace symbols (env keys and secret names), and the
 * `runpod/secretUsages` request behind the Secrets tree's usage counts and "where used" lists.
 */
import { DocumentHighlightKind, SymbolKind, type DocumentHighlight, type Location, type SymbolInformation } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { IndexGap, SecretUsageLocation, SecretUsagesResult } from '../protocol';
import { NO_OTHER_ACCOUNT, type OtherAccountOf } from './accountScope';
import { rangeOf, type IndexEntry, type IndexStore } from '../index/store';
import type { Analysis } from '../template/types';
import { isUsage, usageAt } from '../template/workspace/facts';
import { spanToRange } from './positions';

/** Every reference to the secret at `offset` in the workspace, or null when `offset` is on none. */
export function referencesAt(store: IndexStore, analysis: Pick<Analysis, 'references'>, offset: number): Location[] | null {
  const at = usageAt(analysis, offset);
  if (!at) return null;
  const out: Location[] = [];
  for (const { entry, references } of store.usesOf(at.name)) for (const r of references) out.push({ uri: entry.uri, range: rangeOf(r) });
  return out;
}

/** The references in `doc` to the secret at `offset`, or null when `offset` is on none. */
export function highlightsAt(doc: TextDocument, analysis: Pick<Analysis, 'references'>, offset: number): DocumentHighlight[] | null {
  const at = usageAt(analysis, offset);
  if (!at) return null;
  return analysis.references.filter((r) => r.name === at.name && isUsage(r)).map((r) => ({ range: spanToRange(doc, r.nameSpan), kind: DocumentHighlightKind.Read }));
}

/** The most symbols one query answers: the editor lists them, nobody scrolls past a few hundred. */
const MAX_WORKSPACE_SYMBOLS = 500;

/**
 * `workspace/symbol`: env keys (variables) and secret names (once per file) matching `query`. A
 * secret's container says it is one ("secret"); neither names the file: editors show the location's
 * path beside each symbol (VS Code's Ctrl+T: folder and path), so a container with the path said it twice.
 */
export function workspaceSymbols(store: IndexStore, query: string): SymbolInformation[] {
  return store.symbols(query, MAX_WORKSPACE_SYMBOLS).map((s) => ({
    name: s.name,
    kind: s.kind === 'key' ? SymbolKind.Variable : SymbolKind.Key,
    location: { uri: s.entry.uri, range: rangeOf(s.at) },
    ...(s.kind === 'key' ? {} : { containerName: 'secret' }),
  }));
}

/** What the index says of its own gap (Indexer.gap, Indexer.deepFolder): one answer's `gap` and `deepFolder`. */
export interface IndexGapState {
  readonly gap: IndexGap | undefined;
  readonly deepFolder?: string | undefined;
}

/** The most names and locations one `runpod/secretUsages` answer carries (the client reads no more). */
export const MAX_USAGE_NAMES = 10_000;
const MAX_USAGE_LOCATIONS = 10_000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `runpod/secretUsages`. Params cross a process boundary: `names` is taken only as an array of
 * strings (at most {@link MAX_USAGE_NAMES}), anything else means "every referenced name".
 * The counts and locations are the active account's files: another account's files reference its
 * own secrets (same names, other credentials).
 * @param index why the index may lack files (Indexer.gap, undefined when it covers the whole workspace),
 *   and the first folder too deep for it, said with the gap `limit` only (another gap outranks it)
 * @param otherAccount which files are another account's
 */
export function secretUsages(store: IndexStore, params: unknown, index: IndexGapState, otherAccount: OtherAccountOf = NO_OTHER_ACCOUNT): SecretUsagesResult {
  const { gap, deepFolder } = index;
  const raw = isObject(params) ? params : {};
  const names = Array.isArray(raw['names']) ? new Set(raw['names'].filter((n): n is string => typeof n === 'string').slice(0, MAX_USAGE_NAMES)) : undefined;
  const withLocations = raw['withLocations'] === true;
  // No prototype: `__proto__` is a valid secret name, and on a plain object its count set the
  // answer's prototype instead of a member (the name then looked unused).
  const usages: SecretUsagesResult['usages'] = Object.create(null) as SecretUsagesResult['usages'];
  let whole = gap === undefined;
  let kept = 0;
  // Only a file of a valid other account is that account's: one whose environment names no valid
  // account may run under this one, so it still counts as a use (Delete and Rename's last step ask
  // whether anything still uses a secret: there, failing closed means counting it).
  const isOther = otherAccount === NO_OTHER_ACCOUNT ? undefined : (entry: IndexEntry) => otherAccount(entry)?.account !== undefined;
  for (const [name, count] of store.counts(names, isOther)) {
    if (kept++ >= MAX_USAGE_NAMES) {
      whole = false;
      break;
    }
    usages[name] = { ...count };
  }
  if (withLocations) {
    let total = 0;
    for (const name of Object.keys(usages)) {
      const locations: SecretUsageLocation[] = [];
      for (const { entry, references } of store.usesOf(name)) {
        if (isOther?.(entry)) continue;
        for (const r of references) {
          if (total >= MAX_USAGE_LOCATIONS) {
            whole = false;
            break;
          }
          total++;
          const location: SecretUsageLocation = { uri: entry.uri, range: rangeOf(r), substituted: r.substituted };
          if (r.key !== '') location.key = r.key;
          locations.push(location);
        }
      }
      usages[name]!.locations = locations;
    }
  }
  // A file read in part may hold uses of any name past where it was read: no count is known whole.
  let readInPart = false;
  for (const entry of store.all()) {
    if (entry.readInPart && !isOther?.(entry)) {
      readInPart = true;
      whole = false;
      break;
    }
  }
  return {
    usages,
    complete: whole,
    ...(gap ? { gap } : {}),
    ...(gap === 'limit' && deepFolder !== undefined ? { deepFolder } : {}),
    ...(readInPart ? { readInPart: true as const } : {}),
  };
}

