/**
 * unknown-secret: a well-formed reference to a name the account does not have. Only when the
 * catalog is known: false "unknown secret" warnings from missing knowledge are the worst kind.
 */
import { formatInstant } from '../dates';
import { closestName, nameTable, sameNameLoosely, validateSecretName, type NameTable } from '../names';
import { createSecretStep } from '../nextSteps';
import type { SecretCatalog } from '../types';
import { DEFAULT_SEVERITY } from '../types';
import type { RuleContext } from './context';

interface CatalogIndex {
  names: Set<string>;
  list: string[];
  /** Closest known name per unknown name: the same typo repeated costs one search. */
  closest: Map<string, string | undefined>;
  /** The known name per name but for case and separators (sameNameLoosely), memoised as {@link closest}. */
  loose: Map<string, string | undefined>;
  /** `list` lower-cased, built on first use (completion's filter, asked on every keystroke). */
  lowerCased?: readonly string[];
  /** `list` read for the name searches, built on first use: each search then reads no name again. */
  table?: NameTable;
}
// The adapter keeps one catalog object until it changes: index it once, not per keystroke.
const indexes = new WeakMap<SecretCatalog, CatalogIndex>();

/** Names of the catalog as a set and a list, built once per catalog object. */
export function catalogIndex(catalog: SecretCatalog): CatalogIndex {
  let idx = indexes.get(catalog);
  if (!idx) {
    const list = catalog.secrets.map((s) => s.name);
    idx = { names: new Set(list), list, closest: new Map(), loose: new Map() };
    indexes.set(catalog, idx);
  }
  return idx;
}

/** The account's secret names, or undefined while the list is unknown (nothing is judged against it then). */
export function knownNames(catalog: SecretCatalog): ReadonlySet<string> | undefined {
  return catalog.state === 'unknown' ? undefined : catalogIndex(catalog).names;
}

/** The catalog's names lower-cased, in its order: built once per catalog object. */
export function lowerCasedNames(catalog: SecretCatalog): readonly string[] {
  const idx = catalogIndex(catalog);
  return (idx.lowerCased ??= idx.list.map((name) => name.toLowerCase()));
}

/** `closestName` against the catalog, memoised per catalog. */
export function closestKnownName(idx: CatalogIndex, name: string): string | undefined {
  return memoised(idx.closest, name, () => closestName(name, (idx.table ??= nameTable(idx.list))));
}

/** `sameNameLoosely` against the catalog, memoised per catalog: asked per flagged value on every analysis. */
export function looselyKnownName(idx: CatalogIndex, name: string): string | undefined {
  return memoised(idx.loose, name, () => sameNameLoosely(name, (idx.table ??= nameTable(idx.list))));
}

function memoised(memo: Map<string, string | undefined>, name: string, find: () => string | undefined): string | undefined {
  if (memo.has(name)) return memo.get(name);
  const found = find();
  // Bounded so a document full of distinct names cannot grow the memo without limit.
  if (memo.size > 10_000) memo.clear();
  memo.set(name, found);
  return found;
}

/**
 * The rule's question, asked by the rule and by the client's note after F2 (one rule): a name a
 * secret could have (the invalid ones get invalid-secret-name) that a known list lacks. Compared
 * exactly, as RunPod's names are case-sensitive; never with no list loaded.
 */
export function isUnknownSecretName(catalog: SecretCatalog, name: string): boolean {
  return catalog.state !== 'unknown' && !catalogIndex(catalog).names.has(name) && !validateSecretName(name);
}

interface Verdict {
  message: string;
  suggestion: string | undefined;
}
// Per catalog, the unknown-secret verdict per name: a document repeating the same unknown name
// thousands of times builds its message once. `null`: nothing to report (known or invalid).
const verdicts = new WeakMap<SecretCatalog, Map<string, Verdict | null>>();

/** The verdict memo of `catalog`, looked up once per analysis rather than once per reference. */
function verdictMemo(catalog: SecretCatalog): Map<string, Verdict | null> {
  let memo = verdicts.get(catalog);
  if (!memo) verdicts.set(catalog, (memo = new Map()));
  return memo;
}

function verdictFor(catalog: SecretCatalog, idx: CatalogIndex, memo: Map<string, Verdict | null>, name: string): Verdict | null {
  const cached = memo.get(name);
  if (cached !== undefined) return cached;
  let verdict: Verdict | null = null;
  if (isUnknownSecretName(catalog, name)) {
    const suggestion = closestKnownName(idx, name);
    let message =
      catalog.state === 'stale'
        ? `Secret \`${name}\` was not in your RunPod secret list when it was last fetched${catalog.fetchedAt ? ` (${formatInstant(catalog.fetchedAt)})` : ''}; the list may be out of date.`
        : `Secret \`${name}\` is not in your RunPod secret list; the variable would get the placeholder text instead of a value.`;
    if (suggestion) {
      const caseOnly = suggestion.toLowerCase() === name.toLowerCase();
      message += ` Did you mean \`${suggestion}\`?${caseOnly ? ' Secret names are case-sensitive.' : ''}`;
    } else if (catalog.state === 'fresh') {
      // Not for a stale list: the secret may have been created since, and a second would duplicate it.
      message += ` ${createSecretStep(name)}`;
    }
    verdict = { message, suggestion };
  }
  if (memo.size > 10_000) memo.clear();
  memo.set(name, verdict);
  return verdict;
}

/** Reports well-formed references to names missing from a known (fresh or stale) catalog. */
export function unknownSecretRule(ctx: RuleContext): void {
  const { catalog } = ctx;
  if (catalog.state === 'unknown') return;
  const idx = catalogIndex(catalog);
  // The code's default, stale list or not: "at most information while the list is stale" is
  // severity.ts effectiveSeverity's one cap, applied as a problem is shown against the list of that
  // moment (over the user's setting too, and over an analysis made before the list went stale).
  const severity = DEFAULT_SEVERITY['unknown-secret'];
  const memo = verdictMemo(catalog);
  for (let i = 0; i < ctx.references.length; i++) {
    const refs = ctx.references[i]!;
    for (let k = 0; k < refs.length; k++) {
      const ref = refs[k]!;
      if (!ref.wellFormed) continue;
      const verdict = verdictFor(catalog, idx, memo, ref.name);
      if (!verdict || ctx.problems.countIfFull('unknown-secret', ref.nameSpan)) continue;
      const { suggestion } = verdict;
      ctx.problems.push({
        code: 'unknown-secret',
        span: ref.nameSpan,
        message: verdict.message,
        severity,
        data: suggestion
          ? { name: ref.name, suggestion, fix: { span: ref.nameSpan, newText: suggestion, title: `Replace with \`${suggestion}\`` } }
          : { name: ref.name },
      });
    }
  }
}
