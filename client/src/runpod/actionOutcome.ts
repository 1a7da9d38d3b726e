/**
 * How one Pod's start, stop or restart went, in words: the one rule for `pods start|stop|restart`'s
 * line per Pod, Rotate's report and `secrets rotate --restart`. A failure RunPod may have acted on
 * all the same (a 5xx, a lost answer: RunpodApiError `mayHaveSucceeded`) is never worded as one
 * that did nothing: RunPod's own answer is "may or may not have taken effect".
 */
import type { PodAction } from './types';

export type PodActionVerb = Exclude<PodAction, 'terminate'>;

const PAST: Record<PodActionVerb, string> = { start: 'started', stop: 'stopped', restart: 'restarted' };

/**
 * `active` ("did not restart") reads after a Pod's name; `passive` ("not restarted") after "Pod ID:".
 */
export function podActionOutcome(action: PodActionVerb, r: { ok: boolean; mayHaveSucceeded?: boolean | undefined }, form: 'active' | 'passive' = 'active'): string {
  const past = PAST[action];
  if (r.ok) return past;
  if (r.mayHaveSucceeded) return form === 'active' ? `may not have ${past}` : `may not have been ${past}`;
  return form === 'active' ? `did not ${action}` : `not ${past}`;
}
