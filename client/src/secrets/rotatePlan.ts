/**
 * Rotate Secret, the decisions: after the new value is stored, which of the account's uses still
 * run on the old value (Pods that booted before: a restart gives them the new one) and which pick
 * the new one up by themselves at their next boot (templates, endpoints, stopped Pods). Pure; the
 * editor's command and `runpod-check secrets rotate` word the same facts.
 */
import { count } from '../../../server/src/template/counts';
import { instantOrder } from '../../../server/src/template/dates';
import type { Pod } from '../runpod/types';
import type { HistoryPod } from './history';
import { isPodBooting } from '../runpod/podStatus';
import { podActionOutcome } from '../runpod/actionOutcome';
import type { Wording } from '../runpod/wording';
import { ACCOUNT_RESOURCE_KINDS, accountUsesOf, describeUse, describeUsesOfKind, podBootState, substitutesNothing, type AccountResourceKind, type AccountUse } from './accountUsages';

/** The uses of a secret after its value changed, by what happens to them. */
export interface RotationImpact {
  /** Running Pods RunPod lets us restart now: they keep the old value until then. */
  restart: AccountUse[];
  /**
   * Pods that may have read the old value but RunPod does not let us restart now (booting, or a
   * status RunPod added later): restart them once they run.
   */
  booting: AccountUse[];
  /** Templates, endpoints and stopped Pods: the new value at their next boot, nothing to do. */
  nextBoot: AccountUse[];
}

export function rotationImpact(uses: readonly AccountUse[]): RotationImpact {
  const impact: RotationImpact = { restart: [], booting: [], nextBoot: [] };
  for (const use of uses) {
    // A reference RunPod does not substitute gets no value, old or new: restarting changes nothing.
    if (substitutesNothing(use)) continue;
    if (use.kind !== 'pod' || use.boot !== 'active') impact.nextBoot.push(use);
    // The restart offer goes by the Pod's `actions` (podStatus.ts podAllows), whatever its status says.
    else if (use.restartable) impact.restart.push(use);
    else impact.booting.push(use);
  }
  return impact;
}

/**
 * What a changed value means, where the uses are not listed (`secrets update`, Edit Secret Value once another account is active):
 * the value is read at boot (runpod-api.md), so what runs now keeps the old one. Rotate Secret
 * lists which, by {@link impactLines}, and offers the restart.
 */
export const VALUE_CHANGE_MEANING = 'Running Pods and workers keep the old value until they restart; the others pick up the new one when they next boot.';

/** How a template, a stopped Pod or an endpoint takes the new value up, said of one and of several. */
const NEXT_BOOT: Record<AccountResourceKind, [string, string]> = {
  template: ['picks up the new value when its Pods next boot', 'pick up the new value when their Pods next boot'],
  pod: ['picks up the new value when it next boots', 'pick up the new value when they next boot'],
  endpoint: ['picks up the new value when its workers next boot', 'pick up the new value when their workers next boot'],
};

/**
 * Lines saying who gets the new value when, for the dialog's detail and the CLI (names as given:
 * callers make them safe). `partial`: some kinds of resource could not be listed (the caller names
 * them), so finding no use there does not mean nothing uses it.
 */
export function impactLines(impact: RotationImpact, partial = false): string[] {
  const lines: string[] = [];
  if (impact.restart.length) lines.push(`Still on the old value until they restart: ${impact.restart.map(describeUse).join(', ')}.`);
  if (impact.booting.length) lines.push(`Not restartable now (may have read the old value; restart once running): ${impact.booting.map(describeUse).join(', ')}.`);
  for (const kind of ACCOUNT_RESOURCE_KINDS) {
    const uses = impact.nextBoot.filter((use) => use.kind === kind);
    if (uses.length) lines.push(`${describeUsesOfKind(kind, uses)} ${NEXT_BOOT[kind][uses.length === 1 ? 0 : 1]}.`);
  }
  if (lines.length === 0) lines.push(partial ? 'Nothing that could be listed references it; what could not be listed may.' : 'Nothing on the account references it: nothing else to do.');
  return lines;
}

/** One Pod's restart result. */
export interface RestartResult {
  id: string;
  name: string;
  ok: boolean;
  /** Why the restart was refused or failed (the API's message, in its parts). */
  error?: Wording;
  /**
   * A failure whose request RunPod may have acted on (a 5xx, a lost answer): the Pod may have
   * restarted after all, so the report must not say it is still on the old value.
   */
  mayHaveRestarted?: boolean;
}

/**
 * How one Pod's restart went, in the words of the editor's report and of `secrets rotate
 * --restart`'s line per Pod alike: a failure RunPod may have acted on ({@link RestartResult}
 * `mayHaveRestarted`) is not said to be one that did nothing.
 */
export function restartOutcome(r: RestartResult): string {
  return podActionOutcome('restart', { ok: r.ok, mayHaveSucceeded: r.mayHaveRestarted });
}

/**
 * `Restarted 2 of 3 Pods.` and one line per failure, the Pod named once: the line names it, so the
 * cause leaves out the operation it names (the API's message, made for a line of its own). `retryOffered`: the report
 * has a Retry Restart button, which lists the Pods again itself, so a cause's "refresh the Pods" is left out.
 */
export function restartSummary(results: readonly RestartResult[], { retryOffered = false } = {}): { message: string; failures: string[]; allOk: boolean } {
  const ok = results.filter((r) => r.ok).length;
  const failures = results
    .filter((r) => !r.ok)
    .map((r) => `Pod ${r.name} (${r.id}) ${restartOutcome(r)}: ${r.error === undefined ? 'no cause given' : r.error.text({ operation: true, listAgain: retryOffered })}`);
  return { message: `Restarted ${ok} of ${count(results.length, 'Pod')}.`, failures, allOk: failures.length === 0 };
}

/**
 * The secret history's record of one round of restarts, as Rotate Secret and `runpod-check secrets
 * rotate --restart` both write it (one rule, so Show Secret History shows either alike): ONE
 * `pods-restarted` entry after the value change, a result per Pod whose restart was answered. A
 * restart sent and not answered (an interruption) is not in `results`, so it is not claimed either
 * way. Undefined when none was answered: nothing to record.
 */
export function restartRecord(results: readonly RestartResult[]): { action: 'pods-restarted'; pods: HistoryPod[] } | undefined {
  return results.length ? { action: 'pods-restarted', pods: results.map(({ id, name, ok }) => ({ id, name, ok })) } : undefined;
}

/**
 * Where a failed restart leaves its Pod, the one rule of every report: on the old value, or, when
 * RunPod may have acted on the restart (`mayHaveRestarted`), perhaps on it.
 */
function oldValueLead(mayHaveRestarted: boolean | undefined): string {
  return mayHaveRestarted ? 'Perhaps still on the old value' : 'Still on the old value';
}

/**
 * The Pods a restart left on the old value of `secret`, for the report (undefined when none): a
 * failed restart leaves a Pod running, and its count in the tree alone does not say which value it has.
 */
export function stillOnOldValue(results: readonly RestartResult[], secret: string): string | undefined {
  const pods = (rs: readonly RestartResult[]) => rs.map((r) => `Pod "${r.name}"`).join(', ');
  const failed = results.filter((r) => !r.ok && !r.mayHaveRestarted);
  const unknown = results.filter((r) => !r.ok && r.mayHaveRestarted);
  const lines = [
    ...(failed.length ? [`${oldValueLead(false)} of ${secret} until restarted: ${pods(failed)}.`] : []),
    ...(unknown.length ? [`${oldValueLead(true)} of ${secret} (${unknown.length === 1 ? 'its restart' : 'their restarts'} may have gone through): ${pods(unknown)}.`] : []),
  ];
  return lines.length ? lines.join('\n') : undefined;
}

/**
 * Where the restarts stood when a switch of account stopped them, by Pod: which run the new value,
 * which (perhaps) still the old, and which were never sent. `failures`: restartSummary's, in the
 * order of the failed results.
 */
export function restartsStoppedDetail(results: readonly RestartResult[], failures: readonly string[], planned: readonly { id: string; name: string }[]): string {
  const restarted = results.filter((r) => r.ok).map((r) => r.name);
  const failed = results.filter((r) => !r.ok);
  const notSent = planned.filter((p) => !results.some((r) => r.id === p.id)).map((p) => p.name);
  return [
    `Restarted with the new value: ${restarted.length ? restarted.join(', ') : 'none'}.`,
    ...failures.map((failure, i) => `${oldValueLead(failed[i]?.mayHaveRestarted)}: ${failure}`),
    ...(notSent.length ? [`${oldValueLead(false)}, not restarted: ${notSent.join(', ')}.`] : []),
  ].join('\n');
}

/**
 * The restart a dismissed offer left for later (the reminder's button) or that failed (Retry
 * Restart), judged again on `pods`, the account's Pods listed when the button is clicked: the
 * planned Pods still running on `secret` are restarted; the others are named, not failed (a stopped
 * Pod reads the new value at its next start, one restarted since already has it, a gone Pod or one
 * no longer referencing it needs nothing).
 * @param valueChangedAt when RunPod changed the value (the secret's `valueLastUpdatedAt`, RunPod's
 *   clock as the Pod's `startedAt` is): a running Pod started later than that booted on the new
 *   value, as after a restart that failed for us (a timeout) yet went through; restarting it again
 *   would only interrupt it. A date that names no instant proves nothing: the Pod is restarted.
 * @param restartedByEditor the Pods this editor restarted (or started) after the value changed, RunPod
 *   accepting it (podRestarts.ts): RunPod gives both dates to the second, so a Pod started in the
 *   second of the change may have booted just before it (old value) or from that restart (new value);
 *   only such a record says which. Without one it is restarted (a Pod left on the old value is the worse mistake).
 */
export function recheckRestart(planned: readonly AccountUse[], pods: readonly Pod[], secret: string, valueChangedAt?: string | null, restartedByEditor: ReadonlySet<string> = new Set()): { restart: AccountUse[]; lines: string[] } {
  const { uses } = accountUsesOf({ template: { items: [] }, pod: { items: pods } }, secret);
  const now = rotationImpact(uses);
  const plannedIds = new Set(planned.map((p) => p.id));
  // Later to the precision both dates are given (dates.ts instantOrder); in the same second, only by the editor's own restart.
  const startedSinceChange = (id: string): boolean => {
    const started = pods.find((p) => p.id === id)?.startedAt;
    if (typeof started !== 'string' || typeof valueChangedAt !== 'string') return false;
    const order = instantOrder(started, valueChangedAt);
    return order === 'after' || (order === 'same' && restartedByEditor.has(id));
  };
  const restart = now.restart.filter((use) => plannedIds.has(use.id) && !startedSinceChange(use.id));
  const stopped: AccountUse[] = [];
  const restartedSince: AccountUse[] = [];
  const notRestartable: AccountUse[] = [];
  const gone: AccountUse[] = [];
  const unreferenced: AccountUse[] = [];
  for (const was of planned) {
    if (restart.some((use) => use.id === was.id)) continue;
    const use = uses.find((u) => u.id === was.id);
    const pod = pods.find((p) => p.id === was.id);
    if (!pod || podBootState(pod.status) === 'gone') gone.push({ ...was, status: undefined });
    else if (!use || substitutesNothing(use)) unreferenced.push({ ...was, status: undefined });
    else if (use.boot === 'stopped') stopped.push(use);
    // Booting again since the rotation, or started after the value changed (startedSinceChange): on the new value.
    else if (isPodBooting(use.status ?? '') || startedSinceChange(use.id)) restartedSince.push(use);
    // Not restartable now in a status that is not booting (one RunPod added later): it may still hold the old value.
    else notRestartable.push(use);
  }
  const lines: string[] = [];
  const say = (label: string, group: readonly AccountUse[]) => group.length && lines.push(`${label}: ${group.map(describeUse).join(', ')}.`);
  say('Stopped since; they get the new value at their next start', stopped);
  say('Restarted since; they boot with the new value', restartedSince);
  say('Not restartable now (may still have the old value; restart once running)', notRestartable);
  say('No longer on the account', gone);
  say(`No longer reference ${secret}`, unreferenced);
  return { restart, lines };
}
