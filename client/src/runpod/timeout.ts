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

/**
 * Why a timeout set by `source` (`RUNPOD_TIMEOUT_MS`, `runpod.requestTimeoutMs`) is not taken: the
 * one wording of the bounds, for the command line's refusal and the setting's warning alike.
 */
export function timeoutProblem(source: string): string {
  return `${source} must be ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS} milliseconds`;
}

/**
 * The timeout a setting gives, and what happens outside the bounds: a value out of them (or not a
 * whole number) is brought into them, a value that is no number gives the default, and either is
 * said (`problem`), naming the setting and the bounds. A setting's typo must neither hang nor
 * break every call, nor go unsaid. (The command line refuses such a value instead, in the same
 * words: cli/client.ts.)
 * @param raw the setting's value; undefined when it is not set (the default, nothing to say)
 */
export function timeoutFromSetting(raw: unknown, source: string): { ms: number; problem?: string } {
  if (raw === undefined) return { ms: DEFAULT_TIMEOUT_MS };
  if (typeof raw === 'number' && isTimeoutInRange(raw)) return { ms: raw };
  const ms = typeof raw === 'number' && Number.isFinite(raw) ? Math.min(MAX_TIMEOUT_MS, Math.max(MIN_TIMEOUT_MS, Math.round(raw))) : DEFAULT_TIMEOUT_MS;
  return { ms, problem: `${timeoutProblem(source)}; ${ms} is used.` };
}
