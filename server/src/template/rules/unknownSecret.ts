/**
 * unknown-secret: a well-formed reference to a name the account does not have. Only when the
 * catalog is known: false "unknown secret" warnings from missing knowledge are the worst kind.
 */
import { closestSecretName, validateSecretName } from '../names';
import type { SecretCatalog } from '../types';
import type { RuleContext } from './context';

interface CatalogIndex {
  names: Set<string>;
  list: string[];
  /** Closest known name per unknown name: the same typo repeated costs one search. */
  closest: Map<string, string | undefined>;
}
// The adapter keeps one catalog object until it changes: index it once, not per keystroke.
const indexes = new WeakMap<SecretCatalog, CatalogIndex>();

export function catalogIndex(catalog: SecretCatalog): CatalogIndex {
  let idx = indexes.get(catalog);
  if (!idx) {
    const list = catalog.secrets.map((s) => s.name);
    idx = { names: new Set(list), list, closest: new Map() };
    indexes.set(catalog, idx);
  }
  return idx;
}

/** `closestSecretName` against the catalog, memoised per catalog. */
export function closestKnownName(idx: CatalogIndex, name: string): string | undefined {
  if (idx.closest.has(name)) return idx.closest.get(name);
  const found = closestSecretName(name, idx.list);
  // Bounded so a document full of distinct typos cannot grow the memo without limit.
  if (idx.closest.size > 10_000) idx.closest.clear();
  idx.closest.set(name, found);
  return found;
}

export function unknownSecretRule(ctx: RuleContext): void {
  const { catalog } = ctx;
  if (catalog.state === 'unknown') return;
  const idx = catalogIndex(catalog);
  for (const refs of ctx.references) {
    for (const ref of refs) {
      if (!ref.wellFormed || idx.names.has(ref.name) || validateSecretName(ref.name)) continue;
      const suggestion = closestKnownName(idx, ref.name);
      let message =
        catalog.state === 'stale'
          ? `Secret \`${ref.name}\` was not in your RunPod secret list when it was last fetched${catalog.fetchedAt ? ` (${catalog.fetchedAt})` : ''}; the list may be out of date.`
          : `Secret \`${ref.name}\` is not in your RunPod secret list; the Pod would boot with the placeholder text.`;
      if (suggestion) {
        const caseOnly = suggestion.toLowerCase() === ref.name.toLowerCase();
        message += ` Did you mean \`${suggestion}\`?${caseOnly ? ' Secret names are case-sensitive.' : ''}`;
      }
      ctx.problems.push({
        code: 'unknown-secret',
        span: ref.nameSpan,
        message,
        severity: catalog.state === 'stale' ? 'information' : 'warning',
        data: {
          name: ref.name,
          ...(suggestion
            ? { suggestion, fix: { span: ref.nameSpan, newText: suggestion, title: `Replace with \`${suggestion}\`` } }
            : {}),
        },
      });
    }
  }
}
