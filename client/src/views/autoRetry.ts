/**
 * The tries a view makes on its own after its listing failed (the Pods and Endpoints views). The
 * client already retried the request a few times within seconds; a listing that still failed is
 * tried again by the same rule (retry.ts nextRetryDelay: only what a read may retry, Retry-After
 * respected, backoff with jitter) at the scale of a view: a few tries over a few minutes.
 */
import { isRunpodApiError } from '../runpod/errors';
import { nextRetryDelay, type RetryPolicy } from '../runpod/retry';

/** A view's tries: after the client's, further apart, and fewer than a minute's worth of requests. */
export const VIEW_RETRY_POLICY: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 10_000,
  maxDelayMs: 60_000,
  maxTotalMs: 5 * 60_000,
  maxRetryAfterMs: 5 * 60_000,
};

/**
 * Schedules the next try of a failed listing of `K` (a client), one at a time. A series of tries
 * counts from the first failure; a failure after the view was hidden when a try was due, or after
 * the user's own Refresh, starts a new series (else a view hidden for longer than the series lasts
 * would never be tried again on its own).
 */
export class ListingRetries<K> {
  private state: { key: K; tries: number; since: number; due?: number; timer?: ReturnType<typeof setTimeout> } | undefined;
  /** The next failure starts a new series (see restart). */
  private startOver = false;
  /** Disposed: a listing that lands later schedules nothing (the view asks RunPod nothing more). */
  private disposed = false;

  /** `tryAgain`: lists again (no progress bar) and says whether it did (false: hidden, or another account by now). */
  constructor(
    private readonly tryAgain: (key: K) => boolean,
    private readonly policy: RetryPolicy = VIEW_RETRY_POLICY,
  ) {}

  /** A listing of `key` ended: `error` schedules the next try by the rule, none (listed) ends the tries. */
  after(key: K, error: unknown): void {
    clearTimeout(this.state?.timer);
    if (this.disposed || error === undefined || !isRunpodApiError(error)) {
      this.state = undefined;
      return;
    }
    const now = Date.now();
    const state = this.state?.key === key && !this.startOver ? this.state : { key, tries: 0, since: now };
    this.startOver = false;
    delete state.due;
    delete state.timer;
    this.state = state;
    const delay = nextRetryDelay({ requestClass: 'read', error, retriesSoFar: state.tries, elapsedMs: now - state.since, policy: this.policy });
    if (delay === undefined) return;
    state.due = now + delay;
    state.timer = setTimeout(() => {
      delete state.due;
      // A try not made (hidden) is not counted: the listing when shown starts a new series.
      if (this.tryAgain(key)) state.tries++;
      else this.startOver = true;
    }, delay);
  }

  /** The user listed again (Refresh): a failure of that listing starts a new series. */
  restart(): void {
    this.startOver = true;
  }

  /** When the next try of `key`'s listing is due; undefined when none is scheduled. */
  dueFor(key: K | undefined): number | undefined {
    return this.state && this.state.key === key ? this.state.due : undefined;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.state?.timer);
    this.state = undefined;
  }
}
