/** The RateLimit / RateLimit-Policy parser and the wait it implies, without a server. */
import { describe, expect, it } from 'vitest';
import { parseRateLimit, rateLimitFromHeaders, rateLimitWait } from '../../client/src/runpod/rateLimit';
import { RateLimiter } from '../fake-runpod/rateLimit';

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

describe('a reset time is believed only within its window', () => {
  it('bounds t by the policy\'s w for that window name', () => {
    expect(parseRateLimit('"minute";r=0;t=999999999999, "burst";r=0;t=500', '"minute";q=60;w=60, "burst";q=5;w=10')).toEqual([
      { name: 'minute', remaining: 0, resetSeconds: 60, quota: 60, windowSeconds: 60 },
      { name: 'burst', remaining: 0, resetSeconds: 10, quota: 5, windowSeconds: 10 },
    ]);
  });

  it('without a policy, bounds t by the named window\'s own length, and an unknown one by a day', () => {
    expect(parseRateLimit('"minute";r=0;t=999999999999, "hour";r=0;t=99999, "day";r=0;t=999999, "weird";r=0;t=999999999', undefined)).toEqual([
      { name: 'minute', remaining: 0, resetSeconds: 60 },
      { name: 'hour', remaining: 0, resetSeconds: 3_600 },
      { name: 'day', remaining: 0, resetSeconds: 86_400 },
      { name: 'weird', remaining: 0, resetSeconds: 86_400 },
    ]);
  });

  it('a policy cannot stretch a window beyond a day', () => {
    expect(parseRateLimit('"minute";r=0;t=999999999', '"minute";q=1;w=999999999')).toEqual([
      { name: 'minute', remaining: 0, resetSeconds: 86_400, quota: 1, windowSeconds: 999_999_999 },
    ]);
  });

  it('one absurd header makes the client wait at most the window, and a negative count is not "none left"', () => {
    const state = { windows: parseRateLimit('"minute";r=0;t=999999999999, "hour";r=-5;t=3000', undefined), receivedAt: 0 };
    expect(rateLimitWait(state, 0)).toEqual({ waitMs: 60_000, window: 'minute' });
    expect(rateLimitWait(state, 60_000)).toBeUndefined();
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

describe('the fake and the client agree on honest limits (differential, generated request times)', () => {
  /** A small deterministic generator, so a failure replays. */
  function lcg(seed: number): () => number {
    let x = seed;
    return () => {
      x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
      return x / 2 ** 31;
    };
  }

  it.each([1, 2, 3, 4, 5])('seed %i: the bound never changes what the fake states, and its refusals match the client wait', (seed) => {
    const random = lcg(seed);
    const limiter = new RateLimiter(1 + Math.floor(random() * 5));
    let now = 1_700_000_000_000;
    let last: ReturnType<typeof rateLimitFromHeaders>;
    let refusals = 0;
    for (let i = 0; i < 400; i++) {
      // Bursts and pauses, from a few milliseconds to more than a day.
      now += Math.floor(random() < 0.9 ? random() * 20_000 : random() * 2 * 86_400_000);
      const decision = limiter.hit(now);
      if (!decision.allowed) {
        refusals++;
        const wait = rateLimitWait(last, now);
        expect(wait, `refused at step ${i}`).toBeDefined();
        // Both round reset times up to whole seconds: the client waits at least as long as the fake, at most a second more.
        expect(Math.ceil(wait!.waitMs / 1000)).toBeGreaterThanOrEqual(decision.retryAfter);
        expect(Math.ceil(wait!.waitMs / 1000)).toBeLessThanOrEqual(decision.retryAfter + 1);
      }
      const state = rateLimitFromHeaders({ ratelimit: decision.headers.RateLimit, 'ratelimit-policy': decision.headers['RateLimit-Policy'] }, now);
      const stated = [...decision.headers.RateLimit!.matchAll(/"(\w+)";r=(\d+);t=(\d+)/g)].map(([, name, r, t]) => ({ name, r: Number(r), t: Number(t) }));
      expect(state!.windows.map((w) => ({ name: w.name, r: w.remaining, t: w.resetSeconds }))).toEqual(stated);
      last = state;
    }
    expect(refusals).toBeGreaterThan(0);
  });
});
