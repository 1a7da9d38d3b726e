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
  /** The same for serverless workers, by worker id. Memory only. */
  workerBootEnv: Map<string, Record<string, string>>;
  /** A running container prints a line this often (ms, at least 100). */
  logIntervalMs: number;
  /** The n-th worker of an endpoint (from 0) starts cycling onto a new release n times this after it (ms). */
  workerCycleMs: number;
}

export interface Reply {
  status: number;
  body?: unknown;
  /** A Server-Sent Events answer instead of a JSON body (logs). */
  stream?: EventSource;
}

/** One SSE event: `id` and `data` lines. */
export interface StreamEvent {
  id: string;
  data: string;
}

/** What an event-stream answer serves; polled by the server until `ended`. */
export interface EventSource {
  poll(): { events: StreamEvent[]; ended: boolean };
}

export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

export type Handler = (ctx: Ctx, params: string[], body: unknown, query: URLSearchParams, headers: RequestHeaders) => Reply;
