/**
 * How a change of an endpoint's workers is said: the setting in a few words, and old -> new per
 * part that changes. One wording for the editor's Change Workers and `runpod-check endpoints
 * update --workers-min/--workers-max/--idle-timeout`, so the modal and the terminal agree.
 */
import type { Endpoint } from '../runpod/types';
import { workerRangeText } from './endpointBody';

export type Workers = Endpoint['workers'];

/** `0..3 workers, idle timeout 5 s` (the timeout left out while RunPod has not said it). */
export function workersText(w: Workers): string {
  return `${workerRangeText(w)} workers${w.idleTimeout !== undefined ? `, idle timeout ${w.idleTimeout} s` : ''}`;
}

/** An idle timeout as a change shows it: seconds, or RunPod's default when the endpoint names none. */
function idleText(seconds: number | undefined): string {
  return seconds === undefined ? "RunPod's default" : `${seconds} s`;
}

/** Whether `next` changes the range of `now`: the range box is one answer, min and max go together. */
function rangeChanges(now: Workers, next: Workers): boolean {
  return now.min !== next.min || now.max !== next.max;
}

/** Whether `next` sets an idle timeout other than `now`'s (an undefined one keeps what is there). */
function idleChanges(now: Workers, next: Workers): boolean {
  return next.idleTimeout !== undefined && now.idleTimeout !== next.idleTimeout;
}

/** The `old -> new` line of each part of `now` that `next` changes; [] when it changes nothing. */
export function workersChanges(now: Workers, next: Workers): string[] {
  return [
    ...(rangeChanges(now, next) ? [`workers: ${workerRangeText(now)} -> ${workerRangeText(next)}`] : []),
    ...(idleChanges(now, next) ? [`idle timeout: ${idleText(now.idleTimeout)} -> ${idleText(next.idleTimeout)}`] : []),
  ];
}

/**
 * The PATCH's `workers` for `now` -> `next`: the whole range, and the idle timeout when it changes
 * or the endpoint has one, never one nobody set. RunPod's documentation does not say whether a
 * PATCH's `workers` is merged into the endpoint's or replaces it (a PATCH's `env` replaces the whole
 * env), so what is sent keeps every part as it is under either reading: a part left out under
 * "replaces" would go back to RunPod's default, and for the minimum that is a billing change.
 */
export function workersPatch(now: Workers, next: Workers): Workers {
  const idleTimeout = idleChanges(now, next) ? next.idleTimeout : now.idleTimeout;
  return { min: next.min, max: next.max, ...(idleTimeout !== undefined ? { idleTimeout } : {}) };
}

/** What a change of the workers alone does to running ones: no release is made, but a lower maximum stops the workers above it. */
export function runningWorkersNote(now: Workers, next: Workers): string {
  return next.max < now.max
    ? `No new release is made. Lowering the maximum from ${now.max} to ${next.max} stops the running workers above ${next.max}; the others are not restarted.`
    : 'No new release is made: running workers are not restarted.';
}
