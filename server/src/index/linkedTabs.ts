/**
 * The one rule for "an open document the index leaves out for being reached through a link stands
 * for index entry X" (links.ts indexedPathsOf), for Add KEY (lsp/templateFiles.ts: its edit goes to
 * the tab) and rename (lsp/indexFeatures.ts LinkedOpen: the tab is edited for its file). A tab stands
 * for EVERY entry of the file it reaches: a folder opened twice (once through a link) holds its files
 * under both paths, and an edit aimed at either must go to the tab, never to the disk under it.
 */
import { indexedPathsOf } from './links';
import type { IndexEntry } from './store';
import { fsPathOf } from './uris';

/** One open document left out for a link, and one entry it stands for (undefined: the index holds its file under no path). */
export interface LinkedTab {
  tabUri: string;
  entry: IndexEntry | undefined;
}

/**
 * The pairs, in the order of `openUris` then of `folders`: a tab reaching an indexed file once per
 * entry, one reaching none (outside every folder, dangling) once with none; a tab the index holds,
 * or reached through no link, not at all. A realpath per tab left out: at an action or a rename only.
 * @param get the index's entry of a path
 * @param folders the workspace folders' paths (links.ts)
 */
export function linkedTabs(openUris: Iterable<string>, get: (path: string) => IndexEntry | undefined, folders: readonly string[]): LinkedTab[] {
  const out: LinkedTab[] = [];
  for (const tabUri of openUris) {
    const path = fsPathOf(tabUri);
    if (path === undefined || get(path)) continue;
    const paths = indexedPathsOf(path, folders);
    if (!paths) continue;
    const entries = [...new Set(paths.map(get).filter((e): e is IndexEntry => e !== undefined))];
    if (entries.length === 0) out.push({ tabUri, entry: undefined });
    for (const entry of entries) out.push({ tabUri, entry });
  }
  return out;
}
