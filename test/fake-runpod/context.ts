/** What every route handler receives: the durable store plus the fake's settings and clock. */
import type { GpuType } from '../../client/src/runpod/types';
import type { Store } from './store';

/** A catalog entry with per-cloud availability (`None` means no capacity). */
export interface CatalogGpu extends GpuType {
  availability: { secure: Availability; community: Availability };
}
export type Availability = 'High' | 'Medium' | 'Low' | 'None';

export interface Ctx {
  store: Store;
  now(): number;
  podBootMs: number;
  /** Account balance in USD; pod create needs at least one hour of its cost (else 402). */
  balance: number;
  catalog: CatalogGpu[];
  /** Pod id -> env with secret references substituted. Memory only: never written to disk. */
  bootEnv: Map<string, Record<string, string>>;
}

export interface Reply {
  status: number;
  body?: unknown;
}

export type Handler = (ctx: Ctx, params: string[], body: unknown, query: URLSearchParams) => Reply;
