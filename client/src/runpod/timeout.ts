/**
 * How long one RunPod API request may take: the client's default and the bounds every way of
 * setting it accepts (the `runpod.requestTimeoutMs` setting, whose manifest states the same numbers,
 * and `RUNPOD_TIMEOUT_MS` on the command line). Below a second a slow network fails every call;
 * above five minutes a dead connection holds the user for longer than anyone waits.
 */
export const DEFAULT_TIMEOUT_MS = 30_000;
export const MIN_TIMEOUT_MS = 1_000;
export const MAX_TIMEOUT_MS = 300_000;

/** Whether a timeout lies within the bounds (a whole number of milliseconds). */
export function isTimeoutInRange(ms: number): boolean {
  return Number.isInteger(ms) && ms >= MIN_TIMEOUT_MS && ms <= MAX_TIMEOUT_MS;
}

/** A timeout brought into the bounds (a setting's typo must neither hang nor break every call). */
export function clampTimeoutMs(ms: number): number {
  return Math.min(MAX_TIMEOUT_MS, Math.max(MIN_TIMEOUT_MS, Math.round(ms)));
}
