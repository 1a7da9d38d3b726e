/**
 * The Pods this editor booted again in this session and RunPod accepted it (its 200 to a restart or
 * a start): Rotate Secret's restarts and the Pods view's Restart / Start Pod. Rotate's later restart
 * (the reminder's button, Retry Restart) asks which of them were booted since the value changed
 * (rotatePlan.ts recheckRestart): RunPod dates a Pod's start and a value's change to the second, and
 * in the second of the change only this record tells a boot on the new value from one on the old.
 * In memory only, Pod ids only, for the window's life.
 */

/** A point in the session's record: what was noted after it is "since". */
export type RestartMark = number;

/** Records kept at most (the oldest goes first): a session restarts far fewer Pods. */
const MAX_RECORDS = 1000;

let sequence = 0;
/** Pod id -> the sequence number of its last accepted boot. */
const booted = new Map<string, number>();

/** Now, as a mark: take it once the value has changed. */
export function restartMark(): RestartMark {
  return sequence;
}

/**
 * Before sending a restart (or start): the request's place in the record. A boot is placed by when
 * it was asked for, not when RunPod's answer came: a restart sent before the value changed may
 * answer after it, and still have booted the Pod on the old value.
 */
export function bootRequested(): RestartMark {
  return ++sequence;
}

/** RunPod accepted a restart (or start) of Pod `id` sent by this editor at `sent` ({@link bootRequested}). */
export function notePodBooted(id: string, sent: RestartMark): void {
  const last = Math.max(sent, booted.get(id) ?? 0);
  booted.delete(id);
  booted.set(id, last);
  if (booted.size > MAX_RECORDS) booted.delete(booted.keys().next().value!);
}

/** The Pods booted by this editor on a request sent after `mark`. */
export function podsBootedSince(mark: RestartMark): Set<string> {
  return new Set([...booted].filter(([, at]) => at > mark).map(([id]) => id));
}
