import { describe, expect, it } from 'vitest';
import { RunpodApiError } from '../../client/src/runpod/errors';
import { DEFAULT_RETRY_POLICY, attemptsWithinBudget, backoffDelay, isRetryable, nextRetryDelay, type RequestClass } from '../../client/src/runpod/retry';
import type { RunpodErrorKind } from '../../client/src/runpod/types';

const err = (kind: RunpodErrorKind, init: ConstructorParameters<typeof RunpodApiError>[2] = {}) => new RunpodApiError(kind, kind, init);

describe('retry policy', () => {
  const table: [RequestClass, RunpodApiError, boolean][] = [
    ['read', err('server', { status: 503 }), true],
    ['create', err('server', { status: 503, mayHaveSucceeded: true }), false],
    ['write', err('server', { status: 500, mayHaveSucceeded: true }), false],
    ['read', err('rate-limited', { status: 429 }), true],
    ['create', err('rate-limited', { status: 429, mayHaveSucceeded: false }), true],
    ['write', err('rate-limited', { status: 429, mayHaveSucceeded: false }), true],
    ['read', err('timeout', { code: 'UND_ERR_HEADERS_TIMEOUT' }), true],
    ['create', err('timeout', { code: 'UND_ERR_HEADERS_TIMEOUT', mayHaveSucceeded: true }), false],
    ['write', err('timeout', { code: 'UND_ERR_HEADERS_TIMEOUT', mayHaveSucceeded: true }), false],
    ['create', err('network', { code: 'ECONNREFUSED', mayHaveSucceeded: false }), true],
    ['create', err('network', { code: 'ECONNRESET', mayHaveSucceeded: true }), false],
    ['read', err('network', { code: 'ECONNRESET' }), true],
    ['read', err('network', { code: 'CERT_HAS_EXPIRED' }), false],
    ['create', err('validation', { status: 422 }), false],
    ['read', err('validation', { status: 422 }), false],
    ['create', err('insufficient-balance', { status: 402 }), false],
    ['read', err('unauthorized', { status: 401 }), false],
    ['read', err('bad-response'), false],
  ];
  it.each(table)('%s + %o retryable=%s', (requestClass, error, expected) => {
    expect(isRetryable(requestClass, error)).toBe(expected);
  });

  it('waits exactly Retry-After on 429', () => {
    const delay = nextRetryDelay({
      requestClass: 'read',
      error: err('rate-limited', { status: 429, retryAfterSeconds: 7 }),
      retriesSoFar: 0,
      elapsedMs: 0,
      policy: DEFAULT_RETRY_POLICY,
    });
    expect(delay).toBe(7000);
  });

  it('gives up when Retry-After exceeds the cap, leaving the wait to the caller', () => {
    const delay = nextRetryDelay({
      requestClass: 'read',
      error: err('rate-limited', { status: 429, retryAfterSeconds: 3600 }),
      retriesSoFar: 0,
      elapsedMs: 0,
      policy: DEFAULT_RETRY_POLICY,
    });
    expect(delay).toBeUndefined();
  });

  it('stops after maxRetries and when the total time budget would be exceeded', () => {
    const base = { requestClass: 'read' as const, error: err('server', { status: 502 }), policy: DEFAULT_RETRY_POLICY, random: () => 0 };
    expect(nextRetryDelay({ ...base, retriesSoFar: 2, elapsedMs: 0 })).toBeGreaterThan(0);
    expect(nextRetryDelay({ ...base, retriesSoFar: 3, elapsedMs: 0 })).toBeUndefined();
    expect(nextRetryDelay({ ...base, retriesSoFar: 0, elapsedMs: DEFAULT_RETRY_POLICY.maxTotalMs })).toBeUndefined();
  });

  it('backs off exponentially with jitter between half and the full step, capped', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(1, policy, () => 0)).toBe(50);
    expect(backoffDelay(1, policy, () => 0.999999)).toBe(100);
    expect(backoffDelay(3, policy, () => 0)).toBe(200);
    expect(backoffDelay(3, policy, () => 0.999999)).toBe(400);
    expect(backoffDelay(10, policy, () => 0.999999)).toBe(1000);
  });

  it('promises no more attempts than the growing backoff leaves within the overall limit', () => {
    // Pauses of at most 1000, 2000, 4000 ms: the fourth attempt would start at 7000 ms, past 5000.
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1000, maxDelayMs: 8000, maxRetries: 3, maxTotalMs: 5000 };
    const error = err('network', { code: 'ECONNREFUSED' });
    const promised = attemptsWithinBudget({ attempts: 1, elapsedMs: 0, pausedMs: 0 }, 1000, policy);
    // What happens when each attempt fails at once and every pause is its longest (random 1).
    let attempts = 1;
    for (let elapsed = 0, delay: number | undefined; (delay = nextRetryDelay({ requestClass: 'read', error, retriesSoFar: attempts - 1, elapsedMs: elapsed, policy, random: () => 1 })) !== undefined; elapsed += delay) attempts++;
    expect(attempts).toBe(3);
    expect(promised).toBe(3);
  });

  it("counts a 429's Retry-After as the pause before each attempt to come, so 'attempt n of N' is not more than happen", () => {
    // Retry-After: 25 each time: attempts at 0, 25 s and 50 s; a fourth would start at 75 s, past the minute.
    // The count assumed the backoff's pauses (1, 2 s) after the first wait and promised 4.
    const policy = DEFAULT_RETRY_POLICY;
    const error = err('rate-limited', { status: 429, retryAfterSeconds: 25 });
    let attempts = 1;
    for (let elapsed = 0, delay: number | undefined; (delay = nextRetryDelay({ requestClass: 'read', error, retriesSoFar: attempts - 1, elapsedMs: elapsed, policy })) !== undefined; elapsed += delay) {
      expect(delay).toBe(25_000); // the wait honours Retry-After
      attempts++;
    }
    expect(attempts).toBe(3);
    expect(attemptsWithinBudget({ attempts: 1, elapsedMs: 0, pausedMs: 0 }, 25_000, policy, error)).toBe(3);
    // A failure without Retry-After keeps the backoff's count.
    expect(attemptsWithinBudget({ attempts: 1, elapsedMs: 0, pausedMs: 0 }, 1000, policy, err('network', { code: 'ECONNREFUSED' }))).toBe(4);
  });

  it('does not count the pauses already waited as time each attempt to come will take', () => {
    // Retry-After: 18, each attempt 2 s: attempts start at 0, 20 and 40 s; the next pause ends at 60 s,
    // within the minute, so a fourth is made. Taking the 18 s pause as part of each attempt promised 3.
    const policy = DEFAULT_RETRY_POLICY;
    const error = err('rate-limited', { status: 429, retryAfterSeconds: 18 });
    let attempts = 1;
    let paused = 0;
    let elapsed = 2_000;
    const promised: number[] = [];
    for (let delay: number | undefined; (delay = nextRetryDelay({ requestClass: 'read', error, retriesSoFar: attempts - 1, elapsedMs: elapsed, policy })) !== undefined; ) {
      promised.push(attemptsWithinBudget({ attempts, elapsedMs: elapsed, pausedMs: paused }, delay, policy, error));
      paused += delay;
      elapsed += delay + 2_000;
      attempts++;
    }
    expect(attempts).toBe(4);
    expect(promised).toEqual([4, 4, 4]);
  });
});
