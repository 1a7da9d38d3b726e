/**
 * When to try a request again, as a pure function of the request's class and the failure, so the
 * rules are tested without a server or a clock. RunPod's guidance: never retry 422 or 402, back off
 * on 429 using Retry-After, retry 5xx; a create is not idempotent and is never retried blindly.
 */
import { isClientClosed, isTlsCode, proxyRefusalStatus, type RunpodApiError } from './errors';

/**
 * - `read`: GET; safe to repeat.
 * - `write`: PATCH/DELETE of one id or a pod action; repeated only when RunPod certainly did not
 *   process it (429, or the connection was never made).
 * - `create`: POST of a new object; same as `write`; after an ambiguous failure the client looks
 *   the object up instead of retrying.
 */
export type RequestClass = 'read' | 'write' | 'create';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff step; doubles each retry, with jitter. */
  baseDelayMs: number;
  /** Cap on one backoff step. */
  maxDelayMs: number;
  /** No retry is started when it would end after this much time since the first attempt. */
  maxTotalMs: number;
  /**
   * A Retry-After longer than this is not waited for: the error goes to the caller with the wait.
   * The same cap applies to waiting for an exhausted `RateLimit` window before sending.
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxTotalMs: 60_000,
  maxRetryAfterMs: 30_000,
};

/** Whether this failure may be retried for this class of request (ignoring attempt and time budgets). */
export function isRetryable(requestClass: RequestClass, error: RunpodApiError): boolean {
  switch (error.kind) {
    case 'rate-limited':
      // A 429 means the request was not processed: repeating it is safe for every class.
      return true;
    case 'server':
      return requestClass === 'read';
    case 'timeout':
    case 'network':
      // A closed client refuses every attempt alike; a TLS problem needs the user; so does a proxy's
      // 4xx (407: its credentials, 403: its policy), its verdict on this request each time.
      if (isClientClosed(error) || (error.code !== undefined && (isTlsCode(error.code) || isProxyVerdict(error.code)))) return false;
      // Writes only when the connection was never made (mayHaveSucceeded === false).
      return requestClass === 'read' || error.mayHaveSucceeded === false;
    default:
      return false;
  }
}

/** Exponential backoff with "equal jitter": half fixed, half random, so clients do not retry in step. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

export interface RetryInput {
  requestClass: RequestClass;
  error: RunpodApiError;
  /** Retries already made (0 after the first attempt failed). */
  retriesSoFar: number;
  /** Time since the first attempt started. */
  elapsedMs: number;
  policy: RetryPolicy;
  random?: () => number;
}

/**
 * The wait a 429's Retry-After asks for: undefined when the error names none (the caller backs
 * off), Infinity when it is longer than the policy waits for (the error goes to the caller).
 */
export function retryAfterDelay(error: RunpodApiError, policy: RetryPolicy): number | undefined {
  if (error.kind !== 'rate-limited' || error.retryAfterSeconds === undefined) return undefined;
  const wait = error.retryAfterSeconds * 1000;
  return wait > policy.maxRetryAfterMs ? Infinity : wait;
}

/** Milliseconds to wait before the next attempt, or undefined to give up and throw `error`. */
export function nextRetryDelay(input: RetryInput): number | undefined {
  const { error, policy } = input;
  if (!isRetryable(input.requestClass, error)) return undefined;
  if (input.retriesSoFar >= policy.maxRetries) return undefined;
  const delay = retryAfterDelay(error, policy) ?? backoffDelay(input.retriesSoFar + 1, policy, input.random);
  if (delay === Infinity || input.elapsedMs + delay > policy.maxTotalMs) return undefined;
  return delay;
}

/** A read's attempts so far: how many, the time since the first started, and how much of it was pauses between them. */
export interface AttemptsSoFar {
  attempts: number;
  elapsedMs: number;
  /** The pauses already waited: not time an attempt takes, so not counted in each one to come. */
  pausedMs: number;
}

/**
 * How many attempts in all a read gets whose attempts so far took `elapsedMs` (of which `pausedMs`
 * were pauses), if those to come take as long each as these did without their pauses, wait
 * `nextDelayMs` before the next and then the longest pause the backoff gives (backoffDelay with its
 * jitter at the top, as nextRetryDelay draws it): the count (maxRetries) and the overall limit
 * (maxTotalMs) together, by nextRetryDelay's rule (a retry starts only when its pause ends within
 * maxTotalMs). The longest pauses make the count one that is never more than happens. For a caller
 * that says "attempt n of N" before making it: attempts that hang to the read limit fill the overall
 * limit long before the count is spent.
 * @param error the failure just met: a 429's Retry-After (retryAfterDelay) is taken as asked again
 *   before each attempt to come, when longer than the backoff's pause (a server that rations asks
 *   the same wait); by the backoff alone the count promised attempts the minute had no room for
 */
export function attemptsWithinBudget(soFar: AttemptsSoFar, nextDelayMs: number, policy: RetryPolicy, error?: RunpodApiError): number {
  const each = soFar.attempts > 0 ? Math.max(0, soFar.elapsedMs - soFar.pausedMs) / soFar.attempts : 0;
  const asked = (error && retryAfterDelay(error, policy)) ?? 0;
  let attempts = soFar.attempts;
  let at = soFar.elapsedMs;
  // The pause before attempt n + 1 is backoff step n (nextRetryDelay: retriesSoFar + 1).
  for (let pause = nextDelayMs; attempts < policy.maxRetries + 1 && at + pause <= policy.maxTotalMs; pause = Math.max(asked, backoffDelay(attempts, policy, () => 1))) {
    at += pause + each;
    attempts++;
  }
  return attempts;
}

/** A proxy's refusal of the tunnel with a 4xx; a 5xx (it could not reach RunPod) may pass. */
function isProxyVerdict(code: string): boolean {
  const status = proxyRefusalStatus(code);
  return status !== undefined && status >= 400 && status < 500;
}
