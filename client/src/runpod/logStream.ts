/**
 * Reads a log stream (Server-Sent Events of `{"source", "line", "ts"}`) with reconnection: after a
 * drop it opens the stream again with `Last-Event-ID`, waits between attempts with the client's
 * backoff (retry.ts, or the server's `retry:` as the first step), and gives up with a clear error
 * after `maxReconnects` attempts in a row that brought no line. At most LOG_RECONNECTS_PER_MINUTE
 * reconnections a minute, said once when it slows down. It stops at once when the caller's
 * signal aborts, including during a wait.
 *
 * No line twice, none lost across a resume: RunPod's event id is the line's ts, and a server may
 * resend the line at the resume point, or have several lines in one ts. After a resume, lines
 * older than the last id, and lines at that id already delivered, are skipped, until the first
 * newer line; from then on everything is delivered in the order the server sends it. What was
 * delivered is remembered by eventIds.ts, bounded.
 */

export { compareEventIds } from './eventIds';
import { isClientClosed, isRunpodApiError, isTlsCode, RunpodApiError } from './errors';
import { messages, type Operation } from './messages';
import { ShapeError } from './parse';
import { parseLogData } from './parseServerless';
import { attemptsWithinBudget, backoffDelay, isRetryable, nextRetryDelay, retryAfterDelay, type RetryPolicy } from './retry';
import { SseParser, type SseLimits, DEFAULT_SSE_LIMITS } from './sse';
import { compareEventIds, DeliveredLines } from './eventIds';
import type { LogStreamItem } from './types';
import { sleepUnlessCancelled } from '../waitRace';

/** RunPod's backfill range for `tail` is 0 to this (shared runpod-api.md, Pod "Logs"). */
export const MAX_LOG_TAIL = 5000;
/**
 * Lines of history a log opens with when no tail is asked for: a log view (the issue: the last
 * 100) and `logs` on the command line without --tail. RunPod's own default is the same.
 */
export const LOG_BACKFILL = 100;
/** Failed reconnections in a row after which a followed log gives up (the CLI's help says it). */
export const LOG_MAX_RECONNECTS = 5;
/** Longer than the keep-alive interval a server sends on a quiet stream (the fake: 15 s). */
export const DEFAULT_LOG_IDLE_TIMEOUT_MS = 45_000;
/** Bounds on the server's `retry:` hint, so it can neither spin nor stall the reconnection. */
const MIN_RETRY_MS = 100;
/**
 * Reconnections in any minute, whatever the server does: each costs a request of the API key's
 * quota (RunPod's is per minute), so a server that closes after every line would otherwise spend it
 * at two to ten requests a second (a line resets the failure count, and its backoff with it).
 */
export const LOG_RECONNECTS_PER_MINUTE = 6;
const MINUTE_MS = 60_000;

/** What opening the stream gave: events to read, or the server saying there is nothing more (204). */
export type StreamOpen = { kind: 'events'; chunks: AsyncIterable<Uint8Array>; close(): void } | { kind: 'ended' };

/** Opens the stream, after `lastEventId` when given. Fails only with a RunpodApiError. */
export type StreamOpener = (lastEventId: string | undefined) => Promise<StreamOpen>;

export interface ReadLogStreamOptions {
  /** What is being read, for messages ("read the logs of pod `x`"). */
  op: Operation;
  /** The stream was asked to follow: a clean end is then a drop to recover from, not the end. */
  follow: boolean;
  signal?: AbortSignal;
  maxReconnects?: number;
  /** The client's: its backoff between reconnections, and the whole of it for the first connection (a read like any other). */
  policy: RetryPolicy;
  /** The tests' clock (waits recorded, not waited for); undefined: real timers. */
  sleep?: (ms: number) => Promise<void>;
  /** The clock the reconnection budget runs on (the client's). */
  now?: () => number;
  random?: () => number;
  limits?: Partial<SseLimits>;
  /** Applied to each line before it is yielded (the client removes its API key and the values it sent). */
  redact?: (text: string) => string;
}

/**
 * An id is sent back as the Last-Event-ID header: only visible ASCII, and not long (RunPod's are
 * timestamps). Any other id is not a resume point: the line is delivered, the last good id kept.
 */
const RESUMABLE_ID = /^[\x20-\x7e]{1,256}$/;
const OVERSIZED_KEY = '\u0000oversized';

export async function* readLogStream(open: StreamOpener, options: ReadLogStreamOptions): AsyncGenerator<LogStreamItem> {
  const { signal } = options;
  const maxReconnects = options.maxReconnects ?? LOG_MAX_RECONNECTS;
  const limits = { ...DEFAULT_SSE_LIMITS, ...options.limits };
  const delivered = new DeliveredLines();
  let failures = 0;
  let opened = false;
  /** When the first connection was first tried: until one is made, the attempts are one read's. */
  let firstTried: number | undefined;
  /** The pauses waited between those attempts: time no attempt took (attemptsWithinBudget). */
  let firstPaused = 0;
  /** The attempts the first connection gets in all, as the notices said it (lowered, never raised). */
  let firstAttempts = Infinity;
  let serverRetryMs: number | undefined;
  const now = options.now ?? Date.now;
  /** When each reconnection of the last minute was made (LOG_RECONNECTS_PER_MINUTE). */
  const reconnects: number[] = [];
  let slowed = false;

  /** The wait before attempt `failures`, or undefined when the failure is final. */
  const delayFor = (error: RunpodApiError): number | undefined => {
    const asked = retryAfterDelay(error, options.policy);
    if (asked !== undefined) return asked === Infinity ? undefined : asked;
    const base = serverRetryMs === undefined ? options.policy.baseDelayMs : Math.min(Math.max(serverRetryMs, MIN_RETRY_MS), options.policy.maxDelayMs);
    return backoffDelay(failures, { ...options.policy, baseDelayMs: base, maxRetries: maxReconnects, maxTotalMs: Infinity }, options.random);
  };

  while (true) {
    if (signal?.aborted) {
      yield { kind: 'end', reason: 'aborted' };
      return;
    }
    let failure: RunpodApiError | undefined;
    let stream: StreamOpen | undefined;
    firstTried ??= now();
    try {
      stream = await open(delivered.lastId);
    } catch (error) {
      if (signal?.aborted) {
        yield { kind: 'end', reason: 'aborted' };
        return;
      }
      if (!isRunpodApiError(error)) throw error;
      // Found before, gone now: the Pod was terminated or the worker removed while we watched.
      if (error.kind === 'not-found' && opened) {
        yield { kind: 'end', reason: 'gone' };
        return;
      }
      if (!isReconnectable(error)) throw error;
      failure = error;
    }

    if (stream?.kind === 'ended') {
      yield { kind: 'end', reason: 'complete' };
      return;
    }
    let gotLine = false;
    if (stream) {
      // The failures before the first connection were one read's retries, not lost connections:
      // the reconnection count starts afresh (a drop before any line still counts after that).
      if (!opened) failures = 0;
      opened = true;
      const parser = new SseParser(limits);
      const resumedAt = delivered.lastId;
      let beforeResumePoint = resumedAt !== undefined;
      try {
        for await (const chunk of stream.chunks) {
          for (const event of parser.push(chunk)) {
            const key = event.oversized ? OVERSIZED_KEY : event.data;
            const id = RESUMABLE_ID.test(event.id) ? event.id : '';
            if (beforeResumePoint && id !== '') {
              if (delivered.isRepeat(id, key)) continue; // delivered before the drop
              if (compareEventIds(id, resumedAt!) > 0) beforeResumePoint = false;
            }
            delivered.delivered(id, key);
            if (event.oversized) {
              yield { kind: 'notice', text: messages.logLineTooLong(limits.maxEventBytes) };
              continue;
            }
            try {
              const line = parseLogData(id, event.data);
              gotLine = true;
              yield { kind: 'line', ...line, line: options.redact ? options.redact(line.line) : line.line };
            } catch (error) {
              if (!(error instanceof ShapeError)) throw error;
              yield { kind: 'notice', text: messages.logEventUnreadable() };
            }
          }
          if (signal?.aborted) break;
        }
      } catch (error) {
        if (!signal?.aborted) {
          if (!isRunpodApiError(error) || !isReconnectableDrop(error)) throw error;
          failure = error;
        }
      } finally {
        stream.close();
      }
      serverRetryMs = parser.retryMs ?? serverRetryMs;
      if (signal?.aborted) {
        yield { kind: 'end', reason: 'aborted' };
        return;
      }
      // A clean end of a stream that was not asked to follow is the end of the backfill.
      if (!failure && !options.follow) {
        yield { kind: 'end', reason: 'complete' };
        return;
      }
    }

    if (gotLine) failures = 0;
    failures++;
    const cause = failure ?? new RunpodApiError('network', 'the server closed the stream', { code: 'CLOSED' });
    if (!opened) {
      // Never connected, so nothing was interrupted: retried as any other command's read is (retry.ts),
      // then that read's own error ("did not answer", "could not reach"), not a lost connection.
      // The notice names the attempt about to be made: `failures` have failed, the next is one more.
      const elapsedMs = now() - firstTried;
      const delay = nextRetryDelay({ requestClass: 'read', error: cause, retriesSoFar: failures - 1, elapsedMs, policy: options.policy, ...(options.random ? { random: options.random } : {}) });
      // The attempts the count and the overall limit leave (one rule, retry.ts); never more than a notice said before.
      if (delay !== undefined) firstAttempts = Math.min(firstAttempts, attemptsWithinBudget({ attempts: failures, elapsedMs, pausedMs: firstPaused }, delay, options.policy, cause));
      if (delay === undefined || failures >= firstAttempts) throw cause;
      yield { kind: 'notice', text: messages.logStreamNotConnected(cause.code ?? `${cause.status ?? cause.kind}`, failures + 1, firstAttempts, delay) };
      firstPaused += delay;
      await sleepUnlessCancelled(delay, signal, options.sleep);
      continue;
    }
    const delay = failures > maxReconnects ? undefined : delayFor(cause);
    if (delay === undefined) {
      throw new RunpodApiError(cause.kind, messages.logStreamGaveUp(options.op, failures - 1, cause.code ?? `${cause.status ?? cause.kind}`), {
        ...(cause.code !== undefined ? { code: cause.code } : {}),
        ...(cause.status !== undefined ? { status: cause.status } : {}),
      });
    }
    // A server that closed cleanly while we follow is reconnected quietly; a failure is worth a word.
    if (failure) yield { kind: 'notice', text: messages.logStreamReconnecting(failure.code ?? `${failure.status ?? failure.kind}`, failures, maxReconnects, delay) };
    // The budget: a minute's reconnections spent, the next waits until the oldest is a minute old.
    while (reconnects.length > 0 && reconnects[0]! <= now() - MINUTE_MS) reconnects.shift();
    const budgetWait = reconnects.length >= LOG_RECONNECTS_PER_MINUTE ? reconnects[0]! + MINUTE_MS - now() : 0;
    if (budgetWait > delay && !slowed) yield { kind: 'notice', text: messages.logStreamSlowed(LOG_RECONNECTS_PER_MINUTE, budgetWait) };
    slowed = budgetWait > delay;
    // An abort during the wait ends it at once, and the loop's first check ends the stream.
    await sleepUnlessCancelled(Math.max(delay, budgetWait), signal, options.sleep);
    reconnects.push(now());
  }
}

/**
 * A failed (re)connection is tried again when a read would be retried (retry.ts): a closed client
 * or a TLS problem ends the stream at once with its own message, however long it was open.
 */
function isReconnectable(error: RunpodApiError): boolean {
  return isRetryable('read', error);
}

/**
 * A drop of a stream that was open: also a TLS error, which there is a broken record or a proxy's
 * alert, not a refused certificate (the handshake is over). The reconnection's own handshake
 * reports a TLS problem that stays, and {@link isReconnectable} ends the stream on it.
 */
function isReconnectableDrop(error: RunpodApiError): boolean {
  return isReconnectable(error) || (!isClientClosed(error) && error.code !== undefined && isTlsCode(error.code));
}
