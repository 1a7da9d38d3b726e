/** The RateLimit / RateLimit-Policy parser and the wait it implies, without a server. */
import { describe, expect, it } from 'vitest';
import { parseRateLimit, rateLimitFromHeaders, rateLimitWait } from '../../client/src/runpod/rateLimit';

const RUNPOD_LIMIT = '"minute";r=0;t=12, "hour";r=2800;t=1812, "day";r=49500;t=45012';
const RUNPOD_POLICY = '"minute";q=60;w=60, "hour";q=3000;w=3600, "day";q=50000;w=86400';

describe('parseRateLimit', () => {
  it('reads the documented RunPod headers into windows joined by name', () => {
    expect(parseRateLimit(RUNPOD_LIMIT, RUNPOD_POLICY)).toEqual([
      { name: 'minute', remaining: 0, resetSeconds: 12, quota: 60, windowSeconds: 60 },
      { name: 'hour', remaining: 2800, resetSeconds: 1812, quota: 3000, windowSeconds: 3600 },
      { name: 'day', remaining: 49500, resetSeconds: 45012, quota: 50000, windowSeconds: 86400 },
    ]);
  });

  it('accepts tokens as names, no spaces or extra spaces, and parameters in any order', () => {
    expect(parseRateLimit('minute;t=5;r=3,hour ;r=9;t=100 ,   "day";  r=1', undefined)).toEqual([
      { name: 'minute', remaining: 3, resetSeconds: 5 },
      { name: 'hour', remaining: 9, resetSeconds: 100 },
      { name: 'day', remaining: 1 },
    ]);
  });

  it('skips unknown parameters of every structured-field type, including a quoted comma', () => {
    const header = '"minute";pk=:cHJldmlvdXM=:;r=4;note="a, b";flag;beta=?1;ratio=0.5;at=@1700000000;kind=fixed;t=30';
    expect(parseRateLimit(header, '"minute";q=60;partition="user";w=60')).toEqual([
      { name: 'minute', remaining: 4, resetSeconds: 30, quota: 60, windowSeconds: 60 },
    ]);
  });

  it('keeps the windows it can read when others are garbage', () => {
    expect(parseRateLimit('minute r=0, "hour";r=5;t=9, ;r=1, "day";r=, 42;r=1, "unterminated;r=0', undefined)).toEqual([
      { name: 'hour', remaining: 5, resetSeconds: 9 },
    ]);
  });

  it('treats counts that are not non-negative integers as missing', () => {
    expect(parseRateLimit('"minute";r=-1;t=1.5, "hour";r=2;t=999999999999999999', undefined)).toEqual([
      { name: 'hour', remaining: 2 },
    ]);
  });

  it('gives no windows for absent, empty, oversized or non-list headers', () => {
    expect(parseRateLimit(undefined, undefined)).toEqual([]);
    expect(parseRateLimit('', '')).toEqual([]);
    expect(parseRateLimit('limit=100, remaining=4', undefined)).toEqual([]);
    expect(parseRateLimit(`"minute";r=1;t=1, ${'"x";y=1, '.repeat(1000)}`, undefined)).toEqual([]);
  });

  it('joins repeated header lines and lets the last value of a repeated parameter win', () => {
    expect(parseRateLimit(['"minute";r=1;r=7;t=3', '"hour";r=2;t=4'], undefined)).toEqual([
      { name: 'minute', remaining: 7, resetSeconds: 3 },
      { name: 'hour', remaining: 2, resetSeconds: 4 },
    ]);
  });

  it('lists a window only the policy names, with its quota', () => {
    expect(parseRateLimit('"minute";r=5;t=5', '"minute";q=60;w=60, "burst";q=10;w=1')).toEqual([
      { name: 'minute', remaining: 5, resetSeconds: 5, quota: 60, windowSeconds: 60 },
      { name: 'burst', quota: 10, windowSeconds: 1 },
    ]);
  });
});

describe('rateLimitFromHeaders', () => {
  it('reads the lower-case header names undici delivers and stamps the arrival time', () => {
    expect(rateLimitFromHeaders({ ratelimit: '"minute";r=2;t=10', 'ratelimit-policy': '"minute";q=3;w=60' }, 5000)).toEqual({
      windows: [{ name: 'minute', remaining: 2, resetSeconds: 10, quota: 3, windowSeconds: 60 }],
      receivedAt: 5000,
    });
  });

  it('is undefined for an answer without rate-limit headers', () => {
    expect(rateLimitFromHeaders({ 'content-type': 'application/json' }, 1)).toBeUndefined();
    expect(rateLimitFromHeaders({ ratelimit: 'garbage' }, 1)).toBeUndefined();
  });
});

describe('rateLimitWait', () => {
  const state = (limit: string, receivedAt = 10_000) => ({ windows: parseRateLimit(limit, undefined), receivedAt });

  it('waits for an exhausted window to reset, counting the time since the answer arrived', () => {
    expect(rateLimitWait(state(RUNPOD_LIMIT), 10_000)).toEqual({ waitMs: 12_000, window: 'minute' });
    expect(rateLimitWait(state(RUNPOD_LIMIT), 14_500)).toEqual({ waitMs: 7_500, window: 'minute' });
  });

  it('does not wait once the window has reset, or while requests remain', () => {
    expect(rateLimitWait(state(RUNPOD_LIMIT), 22_000)).toBeUndefined();
    expect(rateLimitWait(state('"minute";r=1;t=12'), 10_000)).toBeUndefined();
    expect(rateLimitWait(undefined, 10_000)).toBeUndefined();
  });

  it('waits for the exhausted window that resets last', () => {
    expect(rateLimitWait(state('"minute";r=0;t=12, "hour";r=0;t=1812'), 10_000)).toEqual({ waitMs: 1_812_000, window: 'hour' });
  });

  it('does not guess a wait when an exhausted window gives no reset time', () => {
    expect(rateLimitWait(state('"minute";r=0'), 10_000)).toBeUndefined();
  });
});
