/**
 * Fault injection for tests: queue a fault for the next N requests that match a method and a path
 * (string prefix, with or without the `/v2` prefix, or a RegExp on the full path).
 */

/** What happens to a matched request. Fields combine: e.g. `latencyMs` then `status`. */
export interface Fault {
  /** Delay before handling (or before answering, with `afterHandling`). */
  latencyMs?: number;
  /** Answer with this status: a problem+json document unless `body` is given. */
  status?: number;
  /** Seconds for the `Retry-After` header (use with status 429 or 503). */
  retryAfter?: number;
  /** Raw response body (any text, e.g. to echo a key back and check the client never leaks it). */
  body?: string;
  /** Extra response headers for `status`/`body` faults. */
  headers?: Record<string, string>;
  /**
   * Answer nothing until the client goes away (its timeout, a Cancel): a server that never answers,
   * with no timer a slow machine could outlast. With `afterHandling`, the request took effect first.
   */
  hang?: boolean;
  /** Destroy the connection (TCP reset) instead of answering. */
  reset?: boolean;
  /** Answer 200 with a body that is not valid JSON; with `afterHandling`, the request's own 2xx status with an HTML body. */
  malformedBody?: boolean;
  /**
   * Apply `latencyMs`/`hang`/`reset`/`malformedBody` after the request took effect (and was persisted): a lost or late
   * response to a create that did happen. Without it the request is not handled at all.
   */
  afterHandling?: boolean;
  /**
   * For a log stream (SSE): cut the connection after this many events, as a network drop or an
   * impatient proxy would. The client resumes with `Last-Event-ID`.
   */
  dropAfterEvents?: number;
  /** With `dropAfterEvents`: end the response cleanly instead of destroying the connection. */
  dropCleanly?: boolean;
}

export interface FaultMatch {
  /** HTTP method, any case; default any. */
  method?: string;
  /** Path prefix (`/v2/account/secrets` or `/account/secrets`) or a RegExp on the full path; default any. */
  path?: string | RegExp;
  /** How many matching requests get the fault; default 1. */
  times?: number;
}

/** The fault queue a fake exposes as `fake.faults`. */
export interface FaultInjector {
  /** Queues `fault` for the next `match.times` requests matching `match`. */
  inject(fault: Fault, match?: FaultMatch): void;
  /** Drops every queued fault. */
  clear(): void;
  /** Faults still queued (sum of remaining times). */
  readonly pending: number;
}

interface Entry {
  fault: Fault;
  method: string | undefined;
  path: string | RegExp | undefined;
  remaining: number;
}

export class FaultQueue implements FaultInjector {
  private entries: Entry[] = [];

  inject(fault: Fault, match: FaultMatch = {}): void {
    const times = match.times ?? 1;
    if (!(times >= 1)) throw new Error('fault times must be at least 1');
    this.entries.push({ fault: { ...fault }, method: match.method?.toUpperCase(), path: match.path, remaining: times });
  }

  clear(): void {
    this.entries = [];
  }

  get pending(): number {
    return this.entries.reduce((sum, e) => sum + e.remaining, 0);
  }

  /** The fault for this request, consuming one use of the first matching entry. */
  take(method: string, path: string): Fault | undefined {
    const index = this.entries.findIndex((e) => matches(e, method, path));
    if (index < 0) return undefined;
    const entry = this.entries[index]!;
    if (--entry.remaining <= 0) this.entries.splice(index, 1);
    return entry.fault;
  }
}

function matches(entry: Entry, method: string, path: string): boolean {
  if (entry.method && entry.method !== method.toUpperCase()) return false;
  if (entry.path === undefined) return true;
  if (entry.path instanceof RegExp) return entry.path.test(path);
  const short = path.startsWith('/v2/') ? path.slice(3) : path;
  return path.startsWith(entry.path) || short.startsWith(entry.path);
}
