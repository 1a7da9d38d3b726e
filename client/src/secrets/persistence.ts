/**
 * The names and metadata of the last good fetch, kept in extension storage (`globalState`) so that
 * after a restart without network the language server gets `stale` knowledge instead of `unknown`.
 * Never a value: only the fields of `Secret`, copied one by one, are written or read. One list per
 * account and API URL: a switch of either never shows one account's names under another.
 */
import { parseInstant } from '../../../server/src/template/dates';
import type { Secret } from '../runpod/types';
import { sameAccountName } from '../../../server/src/template/accountNames';
import { heldDescription } from '../../../server/src/template/names';

/** What is stored: the list and when it was fetched. */
export interface CachedCatalog {
  fetchedAt: string;
  secrets: Secret[];
}

/** How the store reads and writes the cache; `undefined` clears it. */
export interface CatalogPersistence {
  load(): CachedCatalog | undefined;
  save(catalog: CachedCatalog | undefined): Thenable<void>;
}

/** The part of `vscode.Memento` used here. */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/** Whose list: the active account and the checked API URL (never the text as typed). */
export interface CacheScope {
  account: string;
  apiUrl: string;
}

export const CACHE_KEY = 'runpod.secretsCache.v2';
/** One list, of the one account, before accounts had names; read as account `default`'s. */
const LEGACY_CACHE_KEY = 'runpod.secretsCache.v1';
const LEGACY_ACCOUNT = 'default';
/** Lists kept at most (accounts times URLs); the one saved longest ago goes first. */
export const MAX_CACHED_LISTS = 20;

interface StoredList extends CacheScope, CachedCatalog {}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Keeps only well-formed secret metadata; anything else in storage (old versions, edits) is dropped. */
function sanitizeSecrets(list: unknown): Secret[] {
  if (!Array.isArray(list)) return [];
  const out: Secret[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const { id, name, createdAt, description, valueLastUpdatedAt } = item as Record<string, unknown>;
    if (typeof id !== 'string' || typeof name !== 'string' || name === '') continue;
    out.push({
      id,
      name,
      createdAt: typeof createdAt === 'string' ? createdAt : '',
      description: typeof description === 'string' ? heldDescription(description) : null,
      valueLastUpdatedAt: optionalString(valueLastUpdatedAt),
    });
  }
  return out;
}

/** One stored list, or undefined when malformed. */
function readList(raw: unknown, account: unknown): StoredList | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const { fetchedAt, apiUrl, secrets } = raw as Record<string, unknown>;
  if (typeof account !== 'string' || typeof apiUrl !== 'string') return undefined;
  if (typeof fetchedAt !== 'string' || !parseInstant(fetchedAt)) return undefined;
  return { account, apiUrl, fetchedAt, secrets: sanitizeSecrets(secrets) };
}

function readLists(memento: MementoLike): StoredList[] {
  const raw = memento.get<unknown>(CACHE_KEY);
  const lists = raw && typeof raw === 'object' ? (raw as { lists?: unknown }).lists : undefined;
  if (!Array.isArray(lists)) return [];
  return lists.map((item) => readList(item, (item as { account?: unknown } | null)?.account)).filter((l): l is StoredList => l !== undefined);
}

/** One account by the account-name rule (accountNames.ts: case ignored, `-` as `_`), so no spelling leaves a list behind; one URL exactly. */
const sameScope = (a: CacheScope, b: CacheScope) => sameAccountName(a.account, b.account) && a.apiUrl === b.apiUrl;

/**
 * Persistence over a memento, for the scope in effect when called (`scope()`; undefined while the
 * API URL is unusable: nothing is read or kept then). `forgetAccount` drops every list of an
 * account (Remove Account).
 */
export function mementoPersistence(
  memento: MementoLike,
  scope: () => CacheScope | undefined,
): CatalogPersistence & { forgetAccount(account: string): Thenable<void> } {
  const write = (lists: StoredList[]) =>
    memento.update(CACHE_KEY, { lists: lists.map(({ account, apiUrl, fetchedAt, secrets }) => ({ account, apiUrl, fetchedAt, secrets: sanitizeSecrets(secrets) })) });
  return {
    load() {
      const now = scope();
      if (!now) return undefined;
      const found = readLists(memento).find((l) => sameScope(l, now)) ?? (sameAccountName(now.account, LEGACY_ACCOUNT) ? readList(memento.get(LEGACY_CACHE_KEY), LEGACY_ACCOUNT) : undefined);
      return found && found.apiUrl === now.apiUrl ? { fetchedAt: found.fetchedAt, secrets: found.secrets } : undefined;
    },
    async save(catalog) {
      const now = scope();
      if (!now) return;
      const lists = readLists(memento).filter((l) => !sameScope(l, now));
      if (catalog) lists.push({ ...now, fetchedAt: catalog.fetchedAt, secrets: catalog.secrets });
      await write(lists.slice(-MAX_CACHED_LISTS));
      // The single list of older versions is now in the new form (or outdated): drop it.
      if (memento.get(LEGACY_CACHE_KEY) !== undefined) await memento.update(LEGACY_CACHE_KEY, undefined);
    },
    async forgetAccount(account) {
      const lists = readLists(memento);
      const kept = lists.filter((l) => !sameAccountName(l.account, account));
      if (kept.length !== lists.length) await write(kept);
    },
  };
}
