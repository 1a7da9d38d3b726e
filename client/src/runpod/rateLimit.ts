/**
 * RunPod's per-user rate limit as its answers state it (shared runpod-api.md, "Transport"):
 *
 *   RateLimit:        "minute";r=0;t=12, "hour";r=2800;t=1812, "day";r=49500;t=45012
 *   RateLimit-Policy: "minute";q=60;w=60, "hour";q=3000;w=3600, ...
 *
 * Both are RFC 9651 structured-field lists: each member names a window (a string or a token) and
 * carries parameters; r = requests remaining, t = seconds until the window resets, q = quota,
 * w = window length in seconds. The real quotas are undocumented, so nothing here assumes any:
 * the client reads them from each answer. Pure functions, so the rules are tested without a server.
 *
 * Tolerant by design: a header that is absent or unreadable must never fail a call that RunPod
 * answered. Unknown parameters are skipped, a malformed member is dropped on its own (the other
 * windows still count), and a field that is not a non-negative integer is treated as missing.
 * Never trusting: a reset time is believed only within its window's length (serverWait.ts), so one
 * absurd answer cannot hold requests back longer than the window it names.
 */
import type { RateLimitState, RateLimitWindow } from './types';
import { believedWaitSeconds, windowBoundSeconds } from './serverWait';

type Headers = Record<string, string | string[] | undefined>;

/** One list member: the window's name and its numeric parameters (others are dropped). */
interface Member {
  name: string;
  params: Map<string, number>;
}

/** RFC 9651 token characters after the first (which is ALPHA or `*`). */
const TOKEN_CHAR = /[A-Za-z0-9!#$%&'*+\-.^_`|~:/]/;
/** Parameter key characters: lcalpha, digits, `_ - . *` (upper case accepted too, and lowered). */
const KEY_CHAR = /[A-Za-z0-9_.*-]/;
/** Longest integer RFC 9651 allows (15 digits). */
const MAX_INTEGER_DIGITS = 15;
/** Headers longer than this are not RunPod's and are not parsed (bounds the work per answer). */
const MAX_HEADER_LENGTH = 4096;

/**
 * Splits a list at the commas that separate members: commas inside quoted strings or inner lists
 * belong to the member. Several header lines of one field are joined with commas first (RFC 9110).
 */
function splitMembers(text: string): string[] {
  const members: string[] = [];
  let start = 0;
  let inString = false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      members.push(text.slice(start, i));
      start = i + 1;
    }
  }
  members.push(text.slice(start));
  return members;
}

/** A small cursor over one member's text. */
class Cursor {
  pos = 0;
  constructor(readonly text: string) {}
  get done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string | undefined {
    return this.text[this.pos];
  }
  skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }
  /** Reads a run of characters matching `re`. */
  run(re: RegExp): string {
    const from = this.pos;
    while (!this.done && re.test(this.text[this.pos]!)) this.pos++;
    return this.text.slice(from, this.pos);
  }
}

/** A quoted string (with `\"` and `\\` escapes); undefined when unterminated. */
function readString(cur: Cursor): string | undefined {
  cur.pos++; // opening quote
  let out = '';
  while (!cur.done) {
    const c = cur.text[cur.pos++]!;
    if (c === '"') return out;
    if (c === '\\') {
      const next = cur.text[cur.pos++];
      if (next === undefined) return undefined;
      out += next;
    } else out += c;
  }
  return undefined;
}

/** A window name: a string or a token. */
function readName(cur: Cursor): string | undefined {
  const c = cur.peek();
  if (c === '"') return readString(cur);
  if (c !== undefined && /[A-Za-z*]/.test(c)) return cur.run(TOKEN_CHAR);
  return undefined;
}

/**
 * A parameter's value. Integers come back as numbers; every other bare item (decimal, string,
 * token, boolean, byte sequence, date) is consumed and returned as `null` (read, then ignored).
 * `undefined` means the text is not a bare item at all.
 */
function readValue(cur: Cursor): number | null | undefined {
  const c = cur.peek();
  if (c === undefined) return undefined;
  if (c === '-' || /[0-9]/.test(c)) {
    const text = cur.run(/[-0-9.]/);
    if (/^\d+$/.test(text) && text.length <= MAX_INTEGER_DIGITS) return Number(text);
    return /^-?\d+(\.\d+)?$/.test(text) ? null : undefined;
  }
  if (c === '"') return readString(cur) === undefined ? undefined : null;
  if (c === '?') {
    cur.pos++;
    return cur.run(/[01]/).length === 1 ? null : undefined;
  }
  if (c === ':') {
    cur.pos++;
    cur.run(/[A-Za-z0-9+/=]/);
    if (cur.peek() !== ':') return undefined;
    cur.pos++;
    return null;
  }
  if (c === '@') {
    cur.pos++;
    return cur.run(/[-0-9]/).length > 0 ? null : undefined;
  }
  if (/[A-Za-z*]/.test(c)) {
    cur.run(TOKEN_CHAR);
    return null;
  }
  return undefined;
}

/** One member, or undefined when it is not a named item with well-formed parameters. */
function parseMember(text: string): Member | undefined {
  const cur = new Cursor(text.trim());
  const name = readName(cur);
  if (name === undefined || name === '') return undefined;
  const params = new Map<string, number>();
  for (;;) {
    cur.skipSpaces();
    if (cur.done) return { name, params };
    if (cur.peek() !== ';') return undefined;
    cur.pos++;
    cur.skipSpaces();
    const key = cur.run(KEY_CHAR).toLowerCase();
    if (key === '') return undefined;
    if (cur.peek() !== '=') {
      params.delete(key); // a bare key is boolean true: not a count
      continue;
    }
    cur.pos++;
    const value = readValue(cur);
    if (value === undefined) return undefined;
    // RFC 9651: a repeated key's last value wins.
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
}

/** The members of a structured-field list header; malformed members are left out. */
function parseList(value: string | string[] | undefined): Member[] {
  const text = Array.isArray(value) ? value.join(', ') : value;
  if (typeof text !== 'string' || text.length > MAX_HEADER_LENGTH) return [];
  return splitMembers(text)
    .map(parseMember)
    .filter((m): m is Member => m !== undefined);
}

/**
 * The windows described by a `RateLimit` and a `RateLimit-Policy` header value, joined by window
 * name, in the order RunPod lists them. A window appears when either header gives it a number;
 * fields neither header states are left out; a reset time is bounded by its window. Never throws.
 */
export function parseRateLimit(rateLimit: string | string[] | undefined, policy: string | string[] | undefined): RateLimitWindow[] {
  const windows = new Map<string, RateLimitWindow>();
  const windowNamed = (name: string): RateLimitWindow => {
    let window = windows.get(name);
    if (!window) {
      window = { name };
      windows.set(name, window);
    }
    return window;
  };
  for (const { name, params } of parseList(rateLimit)) {
    const remaining = params.get('r');
    const reset = params.get('t');
    if (remaining === undefined && reset === undefined) continue;
    const window = windowNamed(name);
    // The first member of a name wins: a repeated window is not merged into an earlier one.
    if (window.remaining !== undefined || window.resetSeconds !== undefined) continue;
    if (remaining !== undefined) window.remaining = remaining;
    if (reset !== undefined) window.resetSeconds = reset;
  }
  for (const { name, params } of parseList(policy)) {
    const quota = params.get('q');
    const length = params.get('w');
    if (quota === undefined && length === undefined) continue;
    const window = windowNamed(name);
    if (window.quota !== undefined || window.windowSeconds !== undefined) continue;
    if (quota !== undefined) window.quota = quota;
    if (length !== undefined) window.windowSeconds = length;
  }
  for (const window of windows.values()) {
    if (window.resetSeconds !== undefined) {
      window.resetSeconds = believedWaitSeconds(window.resetSeconds, windowBoundSeconds(window.name, window.windowSeconds));
    }
  }
  return [...windows.values()];
}

function header(headers: Headers, name: string): string | string[] | undefined {
  return headers[name] ?? headers[name.toLowerCase()];
}

/**
 * The rate-limit state an answer's headers describe, stamped with the client clock (`receivedAt`),
 * or undefined when the answer states none (then the previous state stays the best knowledge).
 */
export function rateLimitFromHeaders(headers: Headers, receivedAt: number): RateLimitState | undefined {
  const windows = parseRateLimit(header(headers, 'ratelimit'), header(headers, 'ratelimit-policy'));
  if (windows.length === 0) return undefined;
  return { windows, receivedAt };
}

/** How long the next request has to wait, and which window makes it wait. */
export interface RateLimitWait {
  waitMs: number;
  /** The exhausted window that resets last (the one the wait is for). */
  window: string;
}

/**
 * The wait before the next request so it does not run into an exhausted window: for each window
 * with no request remaining (r=0), the time until its reset, counted from when the answer arrived;
 * the longest of them. Undefined when no window is exhausted or every exhausted one has reset. A
 * window with r=0 but no `t` gives no wait: the 429 and its Retry-After will say how long.
 */
export function rateLimitWait(state: RateLimitState | undefined, now: number): RateLimitWait | undefined {
  if (!state) return undefined;
  const elapsed = Math.max(0, now - state.receivedAt);
  let longest: RateLimitWait | undefined;
  for (const window of state.windows) {
    if (window.remaining !== 0 || window.resetSeconds === undefined) continue;
    const waitMs = window.resetSeconds * 1000 - elapsed;
    if (waitMs > 0 && (!longest || waitMs > longest.waitMs)) longest = { waitMs, window: window.name };
  }
  return longest;
}

/** The share of a window's remaining requests a background poll may use (the rest is the user's). */
const POLL_SHARE = 4;

/**
 * How many requests background work (the Endpoints view reading each endpoint's workers) may send
 * now: 1/POLL_SHARE of what the tightest window has left; Infinity when no window is known.
 */
export function pollBudget(state: RateLimitState | undefined, now: number): number {
  if (!state) return Infinity;
  const elapsed = Math.max(0, now - state.receivedAt);
  let budget = Infinity;
  for (const window of state.windows) {
    if (window.remaining === undefined) continue;
    if (window.resetSeconds !== undefined && window.resetSeconds * 1000 <= elapsed) continue; // reset since
    budget = Math.min(budget, Math.floor(window.remaining / POLL_SHARE));
  }
  return budget;
}

/**
 * How long a background poll (the Endpoints view following a rollout) waits before its next
 * request: at least `delayMs`, and long enough that it uses at most 1/POLL_SHARE of what each
 * window has left, spread over the time until that window resets. With RunPod's 60 a minute and
 * 40 left, a poll waits at least 6 s; with nothing known it waits `delayMs`.
 */
export function pacedPollDelay(delayMs: number, state: RateLimitState | undefined, now: number): number {
  if (!state) return delayMs;
  const elapsed = Math.max(0, now - state.receivedAt);
  let delay = delayMs;
  for (const window of state.windows) {
    if (window.remaining === undefined || window.resetSeconds === undefined) continue;
    const resetMs = window.resetSeconds * 1000 - elapsed;
    if (resetMs <= 0) continue;
    const allowed = Math.floor(window.remaining / POLL_SHARE);
    delay = Math.max(delay, allowed < 1 ? resetMs : Math.ceil(resetMs / allowed));
  }
  return delay;
}
