/**
 * Rotate Secret, the decisions: after the new value is stored, which of the account's uses still
 * run on the old value (Pods that booted before: a restart gives them the new one) and which pick
 * the new one up by themselves at their next boot (templates, endpoints, stopped Pods). Pure; the
 * editor's command and `runpod-check secrets rotate` word the same facts.
 */
import { count } from '../../../server/src/template/counts';
import { describeUse, type AccountUse } from './accountUsages';

/** The uses of a secret after its value changed, by what happens to them. */
export interface RotationImpact {
  /** Running Pods RunPod lets us restart now: they keep the old value until then. */
  restart: AccountUse[];
  /** Pods booting right now: they may have read the old value; restart them once they run. */
  booting: AccountUse[];
  /** Templates, endpoints and stopped Pods: the new value at their next boot, nothing to do. */
  nextBoot: AccountUse[];
}

export function rotationImpact(uses: readonly AccountUse[]): RotationImpact {
  const impact: RotationImpact = { restart: [], booting: [], nextBoot: [] };
  for (const use of uses) {
    // A reference RunPod does not substitute gets no value, old or new: restarting changes nothing.
    if (use.notSubstituted.length === use.keys.length) continue;
    if (use.kind !== 'pod' || use.boot !== 'active') impact.nextBoot.push(use);
    else if (use.restartable) impact.restart.push(use);
    else impact.booting.push(use);
  }
  return impact;
}

/** Lines saying who gets the new value when, for the dialog's detail and the CLI (names as given: callers make them safe). */
export function impactLines(impact: RotationImpact): string[] {
  const lines: string[] = [];
  if (impact.restart.length) lines.push(`Still on the old value until they restart: ${impact.restart.map(describeUse).join(', ')}.`);
  if (impact.booting.length) lines.push(`Booting now (may have read the old value; restart once running): ${impact.booting.map(describeUse).join(', ')}.`);
  if (impact.nextBoot.length) lines.push(`Pick up the new value at their next boot: ${impact.nextBoot.map(describeUse).join(', ')}.`);
  if (lines.length === 0) lines.push('Nothing on the account references it: nothing else to do.');
  return lines;
}

/** One Pod's restart result. */
export interface RestartResult {
  id: string;
  name: string;
  ok: boolean;
  /** Why the restart was refused or failed (the API's message). */
  error?: string;
}

/** `Restarted 2 of 3 Pods.` and one line per failure. */
export function restartSummary(results: readonly RestartResult[]): { message: string; failures: string[]; allOk: boolean } {
  const ok = results.filter((r) => r.ok).length;
  const failures = results.filter((r) => !r.ok).map((r) => `Pod "${r.name}" (${r.id}): ${r.error ?? 'not restarted'}`);
  return { message: `Restarted ${ok} of ${count(results.length, 'Pod')}.`, failures, allOk: failures.length === 0 };
}

/**
 * The Pods a restart left on the old value of `secret`, for the report (undefined when none): a
 * failed restart leaves a Pod running, and its count in the tree alone does not say which value it has.
 */
export function stillOnOldValue(results: readonly RestartResult[], secret: string): string | undefined {
  const failed = results.filter((r) => !r.ok);
  return failed.length ? `Still on the old value of ${secret} until restarted: ${failed.map((r) => `Pod "${r.name}"`).join(', ')}.` : undefined;
}
