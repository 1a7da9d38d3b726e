/**
 * Per-user rate limits in RunPod's header format (draft IETF RateLimit fields):
 * `RateLimit: "minute";r=<remaining>;t=<seconds to reset>, "hour";..., "day";...` and
 * `RateLimit-Policy: "minute";q=<quota>;w=60, ...`. Fixed windows; a 429 carries `Retry-After`.
 */
import { RATE_LIMIT_DAY_FACTOR, RATE_LIMIT_HOUR_FACTOR } from './limits';

interface Window {
  name: string;
  seconds: number;
  quota: number;
  startMs: number;
  used: number;
}

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
  /** Seconds until the exhausted window resets (when not allowed). */
  retryAfter: number;
}

export class RateLimiter {
  private readonly windows: Window[];

  constructor(perMinute: number) {
    // Scaled from the minute's so the minute quota is what tests hit (limits.ts).
    this.windows = [
      { name: 'minute', seconds: 60, quota: perMinute, startMs: 0, used: 0 },
      { name: 'hour', seconds: 3600, quota: perMinute * RATE_LIMIT_HOUR_FACTOR, startMs: 0, used: 0 },
      { name: 'day', seconds: 86_400, quota: perMinute * RATE_LIMIT_DAY_FACTOR, startMs: 0, used: 0 },
    ];
  }

  /** Counts one request at `now` unless a window is exhausted. */
  hit(now: number): RateDecision {
    for (const w of this.windows) {
      if (now - w.startMs >= w.seconds * 1000) {
        w.startMs = now;
        w.used = 0;
      }
    }
    const exhausted = this.windows.find((w) => w.used >= w.quota);
    if (!exhausted) for (const w of this.windows) w.used++;
    const resetIn = (w: Window) => Math.max(1, Math.ceil((w.startMs + w.seconds * 1000 - now) / 1000));
    return {
      allowed: !exhausted,
      retryAfter: exhausted ? resetIn(exhausted) : 0,
      headers: {
        RateLimit: this.windows.map((w) => `"${w.name}";r=${Math.max(0, w.quota - w.used)};t=${resetIn(w)}`).join(', '),
        'RateLimit-Policy': this.windows.map((w) => `"${w.name}";q=${w.quota};w=${w.seconds}`).join(', '),
      },
    };
  }
}
