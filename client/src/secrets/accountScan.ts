/**
 * Lists the account's env holders (templates, Pods, and endpoints once the API client lists them)
 * for "where used", within RunPod's rate limits: one list call per resource type, never one per
 * secret; cached for a TTL; concurrent askers share one call; a write of our own to a resource type
 * (a template PATCH, a Pod restart) invalidates that type. Pure: the listers and the clock are
 * injected, so the extension (the API client of the current key) and the tests drive the same code.
 */
import type { Pod, RunpodApi, Template } from '../runpod/types';
import { ACCOUNT_RESOURCE_KINDS, type AccountResourceKind, type AccountSnapshot, type Listing } from './accountUsages';
import type { EnvHolder } from './references';

/** One list call per resource type. `endpoint` absent: the API client cannot list endpoints (yet). */
export interface AccountListers {
  template(): Promise<readonly Template[]>;
  pod(): Promise<readonly Pod[]>;
  endpoint?: () => Promise<readonly EnvHolder[]>;
}

/** The current API connection: its listers and an identity that changes with the key or URL. */
export type AccountConnection = { identity: object; listers: AccountListers } | { unavailable: string };

export interface AccountScanDeps {
  connect(): Promise<AccountConnection>;
  /** Clock in ms. */
  now(): number;
  /** One line for a failed listing (already free of values: the API client's messages are). */
  describeError(error: unknown): string;
  /** How long a listing is reused (default 2 minutes): the tree may ask on every change, RunPod sees one call. */
  ttlMs?: number;
  /** How long a failed listing is reused before it is tried again (default 15 s), so an offline tree does not retry in a loop. */
  errorTtlMs?: number;
}

const DEFAULT_ACCOUNT_TTL_MS = 120_000;
const DEFAULT_ERROR_TTL_MS = 15_000;

interface Entry {
  at: number;
  listing: Listing<unknown>;
}

type Lister = () => Promise<readonly unknown[]>;

/** A listing fetched and kept: its kind, its items, and the connection (API client) it was made with. */
export interface ListedEvent {
  kind: AccountResourceKind;
  items: readonly unknown[];
  identity: object;
}

export class AccountScan {
  private identity: object | undefined;
  private readonly entries = new Map<AccountResourceKind, Entry>();
  private readonly inFlight = new Map<AccountResourceKind, Promise<Listing<unknown>>>();
  /** Bumped per kind by invalidate() and by a change of connection: an older fetch's answer is not kept. */
  private readonly generations = new Map<AccountResourceKind, number>();
  private last: AccountSnapshot | undefined;
  private readonly invalidated = new Set<(kind: AccountResourceKind | undefined) => void>();
  private readonly listed = new Set<(event: ListedEvent) => void>();

  constructor(private readonly deps: AccountScanDeps) {}

  /**
   * Tells `listener` when a listing was invalidated (a write of ours), with its kind (undefined:
   * all): the Secrets tree counts again, the Pods view lists again after a Pod write.
   */
  onDidInvalidate(listener: (kind: AccountResourceKind | undefined) => void): { dispose(): void } {
    this.invalidated.add(listener);
    return { dispose: () => this.invalidated.delete(listener) };
  }

  /**
   * Tells `listener` of each listing fetched and kept (not one reused from the cache): the Pods view
   * shows the Pods a usage lookup found, so the two never disagree about the account's Pods.
   */
  onDidList(listener: (event: ListedEvent) => void): { dispose(): void } {
    this.listed.add(listener);
    return { dispose: () => this.listed.delete(listener) };
  }

  /**
   * The account's listings, each at most a TTL old (`fresh`: listed now, for decisions such as
   * "nothing still uses it, delete"). Never rejects: a failed listing is `{ error }`.
   */
  async snapshot(options: { fresh?: boolean } = {}): Promise<AccountSnapshot> {
    const listers = this.adopt(await this.deps.connect());
    if ('unavailable' in listers) return { template: { error: listers.unavailable }, pod: { error: listers.unavailable } };
    const kinds = ACCOUNT_RESOURCE_KINDS.filter((kind) => listers[kind] !== undefined);
    const listings = await Promise.all(kinds.map((kind) => this.listing(kind, listers[kind]!, options.fresh === true)));
    const snapshot = Object.fromEntries(kinds.map((kind, i) => [kind, listings[i]])) as unknown as AccountSnapshot;
    this.last = snapshot;
    return snapshot;
  }

  /**
   * The account's Pods listed now, one call, kept and told like any listing: a decision taken some
   * time after the first look (Rotate's reminder, Retry Restart) is made on the Pods as they are,
   * and the Pods view and the tree's counts show what it found instead of the first look's.
   */
  async freshPods(): Promise<Listing<Pod>> {
    const listers = this.adopt(await this.deps.connect());
    if ('unavailable' in listers) return { error: listers.unavailable };
    return this.listing('pod', listers.pod!, true) as Promise<Listing<Pod>>;
  }

  /** The listers of `connection`, the current one (a new connection forgets what the old one listed), or why there is none. */
  private adopt(connection: AccountConnection): Partial<Record<AccountResourceKind, Lister>> | { unavailable: string } {
    if ('unavailable' in connection) {
      this.reset(undefined);
      return { unavailable: connection.unavailable };
    }
    if (connection.identity !== this.identity) this.reset(connection.identity);
    return { template: connection.listers.template, pod: connection.listers.pod, endpoint: connection.listers.endpoint };
  }

  /** The last snapshot handed out, without any call (the tree's first paint). */
  peek(): AccountSnapshot | undefined {
    return this.last;
  }

  /** Forgets the listing of `kind` (all kinds when absent): after our own write it is out of date. */
  invalidate(kind?: AccountResourceKind): void {
    for (const k of kind ? [kind] : ACCOUNT_RESOURCE_KINDS) {
      this.entries.delete(k);
      this.inFlight.delete(k);
      this.generations.set(k, (this.generations.get(k) ?? 0) + 1);
    }
    for (const listener of [...this.invalidated]) listener(kind);
  }

  private reset(identity: object | undefined): void {
    this.identity = identity;
    this.entries.clear();
    this.inFlight.clear();
    for (const kind of ACCOUNT_RESOURCE_KINDS) this.generations.set(kind, (this.generations.get(kind) ?? 0) + 1);
    this.last = undefined;
  }

  private listing(kind: AccountResourceKind, lister: Lister, fresh: boolean): Promise<Listing<unknown>> {
    const entry = this.entries.get(kind);
    if (!fresh && entry && this.deps.now() - entry.at < this.ttlOf(entry.listing)) return Promise.resolve(entry.listing);
    const running = this.inFlight.get(kind);
    if (running) return running;
    const generation = this.generations.get(kind) ?? 0;
    const identity = this.identity;
    const fetch = lister().then(
      (items): Listing<unknown> => ({ items }),
      (error: unknown): Listing<unknown> => ({ error: this.deps.describeError(error) }),
    );
    const tracked = fetch.then((listing) => {
      if ((this.generations.get(kind) ?? 0) === generation) {
        this.entries.set(kind, { at: this.deps.now(), listing });
        this.inFlight.delete(kind);
        if ('items' in listing && identity) for (const listener of [...this.listed]) listener({ kind, items: listing.items, identity });
      }
      return listing;
    });
    this.inFlight.set(kind, tracked);
    return tracked;
  }

  private ttlOf(listing: Listing<unknown>): number {
    return 'error' in listing ? (this.deps.errorTtlMs ?? DEFAULT_ERROR_TTL_MS) : (this.deps.ttlMs ?? DEFAULT_ACCOUNT_TTL_MS);
  }
}

/**
 * The resource type a request of ours wrote to, if any: any method but GET on templates, Pods or
 * endpoints, answered or not (a write that timed out may still have happened). The extension feeds
 * every API request through this, so Launch Pod, Push Template, the Pods view and Rotate Secret
 * all keep the cache honest without knowing of it.
 */
export function writtenResource(request: { method: string; path: string }): AccountResourceKind | undefined {
  if (request.method.toUpperCase() === 'GET') return undefined;
  const first = request.path.split('?')[0]!.split('/').filter(Boolean)[0];
  if (first === 'templates') return 'template';
  if (first === 'pods') return 'pod';
  if (first === 'serverless') return 'endpoint';
  return undefined;
}

/**
 * The listers of an API client: templates and Pods, and endpoints once the client has
 * `listEndpoints` (engineer `serverless` adds it; nothing here needs to change then).
 */
export function accountListers(api: Pick<RunpodApi, 'listTemplates' | 'listPods'>): AccountListers {
  const listEndpoints = (api as { listEndpoints?: () => Promise<readonly EnvHolder[]> }).listEndpoints;
  const listers: AccountListers = { template: () => api.listTemplates(), pod: () => api.listPods() };
  if (typeof listEndpoints === 'function') listers.endpoint = () => listEndpoints.call(api);
  return listers;
}
