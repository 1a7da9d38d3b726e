/**
 * The names and metadata of the last good fetch, kept in extension storage (`globalState`) so that
 * after a restart without network the language server gets `stale` knowledge instead of `unknown`.
 * Never a value: only the fields of `Secret`, copied one by one, are written or read.
 */
import type { Secret } from '../runpod/types';

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

export const CACHE_KEY = 'runpod.secretsCache.v1';

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
      description: optionalString(description),
      valueLastUpdatedAt: optionalString(valueLastUpdatedAt),
    });
  }
  return out;
}

/**
 * Persistence over a memento. The cache remembers which API URL it came from: a list fetched from
 * the fake API must not show up as the real account's after switching `runpod.apiUrl`.
 */
export function mementoPersistence(memento: MementoLike, apiUrl: () => string): CatalogPersistence {
  return {
    load() {
      const raw = memento.get<unknown>(CACHE_KEY);
      if (!raw || typeof raw !== 'object') return undefined;
      const { fetchedAt, apiUrl: cachedUrl, secrets } = raw as Record<string, unknown>;
      if (typeof fetchedAt !== 'string' || Number.isNaN(Date.parse(fetchedAt))) return undefined;
      if (cachedUrl !== apiUrl()) return undefined;
      return { fetchedAt, secrets: sanitizeSecrets(secrets) };
    },
    save(catalog) {
      if (!catalog) return memento.update(CACHE_KEY, undefined);
      return memento.update(CACHE_KEY, {
        apiUrl: apiUrl(),
        fetchedAt: catalog.fetchedAt,
        secrets: sanitizeSecrets(catalog.secrets),
      });
    },
  };
}
