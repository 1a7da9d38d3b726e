/**
 * What a Pod's status means, stated once (shared runpod-api.md, Pods: `PROVISIONING`, `STARTING`,
 * `RUNNING`, `EXITED`, `ERROR`, `TERMINATED`; provisioning is asynchronous). The Pods view (cost,
 * order, refresh while booting), Launch Pod's follow loop and where-used on the account (which Pods
 * have read a secret's value) all ask here. A status RunPod adds later has no phase: each question
 * below gives it its own cautious answer, the one whose mistake costs the user least (not billed,
 * not failed, not booting, but may have read its env).
 */
import type { Pod, PodAction, PodStatus } from './types';
import { podActions } from './parse';

/** Where a Pod stands: on its way up, up, stopped by an error, stopped, or gone for good. */
export type PodPhase = 'booting' | 'running' | 'failed' | 'stopped' | 'gone';

const PHASES: Readonly<Record<PodStatus, PodPhase>> = {
  PROVISIONING: 'booting',
  STARTING: 'booting',
  RUNNING: 'running',
  ERROR: 'failed',
  EXITED: 'stopped',
  TERMINATED: 'gone',
};

/** Every status RunPod documents. */
export const POD_STATUSES = Object.keys(PHASES) as readonly PodStatus[];

/** The phase of `status`; undefined for a status RunPod adds later (or any other text). */
export function podPhase(status: string): PodPhase | undefined {
  return Object.hasOwn(PHASES, status) ? PHASES[status as PodStatus] : undefined;
}

/** On its way to RUNNING: views refresh while one is shown, the follow loop keeps waiting. */
export function isPodBooting(status: string): boolean {
  return podPhase(status) === 'booting';
}

/**
 * Up or coming up: billed by the hour. An unknown status is not: the Pods view then shows the
 * price without claiming a running cost it does not know is being charged.
 */
export function isPodBilled(status: string): boolean {
  const phase = podPhase(status);
  return phase === 'booting' || phase === 'running';
}

/**
 * Has read (or is reading) its env's secret values, so it may hold an old value until it restarts.
 * An unknown status may have: calling it stopped would tell the user the Pod picks up a rotated
 * value by itself while it may run on the old one (Rotate offers the restart by {@link podAllows}).
 */
export function mayHaveReadEnv(status: string): boolean {
  const phase = podPhase(status);
  return phase === undefined || phase === 'booting' || phase === 'running';
}

/** Will not reach RUNNING by itself: the follow loop stops and says it failed. */
export function isPodDown(status: string): boolean {
  const phase = podPhase(status);
  return phase === 'failed' || phase === 'stopped' || phase === 'gone';
}

/** Lists show running Pods first, then booting, failed, stopped, gone; an unknown status sits with failed (worth a look). */
const PHASE_ORDER: readonly (PodPhase | undefined)[] = ['running', 'booting', 'failed', 'stopped', 'gone'];

/** Where a Pod of `status` sorts in lists ({@link PHASE_ORDER}). */
export function podStatusRank(status: string): number {
  const phase = podPhase(status);
  return phase === undefined ? PHASE_ORDER.indexOf('failed') : PHASE_ORDER.indexOf(phase);
}

/**
 * Whether RunPod lets `action` be done on the Pod now: its `actions`, never its status. The one rule
 * for every action offered or sent (the Pods view's menus and Retry, the palette's pickers, the
 * launch notification's buttons, Rotate's restart offer). RunPod documents it so (runpod-api.md:
 * `pod.actions` lists the allowed ones, anything else answers 409), and the status cannot say it:
 * a status RunPod adds later has no phase here, and a RUNNING Pod may allow no restart for a moment.
 */
export function podAllows(pod: Pick<Pod, 'actions'>, action: PodAction): boolean {
  return podActions(pod.actions).includes(action);
}
