/**
 * How long the client believes a server that tells it to wait, and how such a wait is worded: the
 * one rule for `RateLimit` reset times (rateLimit.ts) and `Retry-After` (errors.ts). A server at the
 * API URL may be broken or hostile: `t=999999999999` taken at its word would refuse every request
 * for 31,700 years with nothing to recover it but a reload. RunPod's documented windows are a
 * minute, an hour and a day (shared runpod-api.md, "Transport"); no wait is believed beyond its
 * window, and none beyond the longest of them. The quotas themselves still come from the headers.
 */

/** The longest documented RunPod window: no wait a server states is believed beyond it. */
const LONGEST_WAIT_SECONDS = 86_400;

/** The length of each window RunPod documents by name, for answers without a RateLimit-Policy. */
const NAMED_WINDOW_SECONDS = new Map([
  ['minute', 60],
  ['hour', 3_600],
  ['day', LONGEST_WAIT_SECONDS],
]);

/**
 * The longest a window's reset may be away: its length from the policy (`w`) when stated, else
 * the length its name documents, else a day; never more than a day.
 */
export function windowBoundSeconds(name: string, policySeconds?: number): number {
  return Math.min(policySeconds ?? NAMED_WINDOW_SECONDS.get(name) ?? LONGEST_WAIT_SECONDS, LONGEST_WAIT_SECONDS);
}

/** A wait a server stated, as far as the client believes it (at most `boundSeconds`, at most a day). */
export function believedWaitSeconds(seconds: number, boundSeconds: number = LONGEST_WAIT_SECONDS): number {
  return Math.min(seconds, boundSeconds, LONGEST_WAIT_SECONDS);
}

/**
 * A wait in words, after "Try again": `now` (none left), `in 12 s`, `in about 10 minutes`, `in about 3 hours`, and
 * beyond what the client believes, `later (the server asked for more than a day)`.
 */
export function describeWait(seconds: number): string {
  if (seconds > LONGEST_WAIT_SECONDS) return 'later (the server asked for more than a day)';
  // Retry-After 0, or a date gone by: no wait left ("in 0 s" read as a glitch).
  if (seconds <= 0) return 'now';
  if (seconds < 120) return `in ${Math.ceil(seconds)} s`;
  if (seconds < 7_200) return `in about ${Math.round(seconds / 60)} minutes`;
  return `in about ${Math.round(seconds / 3_600)} hours`;
}
