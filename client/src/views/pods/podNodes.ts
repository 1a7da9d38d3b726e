/**
 * What the Pods view shows for each Pod, as plain data: label, description (GPU, count, cost per
 * hour while it bills), a status icon, a Markdown tooltip, and a contextValue that carries the status and the
 * actions RunPod allows now, so menus offer only what will work (`runpod.pod.RUNNING;stop;restart;terminate`).
 */
import { formatPrice } from '../../launch/gpuChoices';
import type { Pod } from '../../runpod/types';
import { isPodBilled, podPhase, podStatusRank, type PodPhase } from '../../runpod/podStatus';
import { cloudText } from '../../runpod/clouds';
import { podActions, podCloud, podGpu, podSsh } from '../../runpod/parse';
import { nameLabel } from '../../ui/plainName';
import { formatDate } from '../../../../server/src/template/dates';
import { oneLine } from '../../../../server/src/template/displayText';
// Text from the API (names, images) is escaped so a tooltip never renders links or HTML.
import { inlineCode } from '../../../../server/src/template/markdown';
import { tooltipName, tooltipText } from '../markdown';

export interface PodNodeDescriptor {
  kind: 'pod';
  id: string;
  podId: string;
  label: string;
  description: string;
  tooltip: string;
  icon: { id: string; color?: string };
  contextValue: string;
}

/**
 * The icon of each phase (runpod/podStatus.ts podPhase, the one rule for a Pod's state), not of each
 * status: a second table by status drew a status RunPod adds later as failed, which the phase rule
 * says it is not.
 */
const ICONS: Readonly<Record<PodPhase, { id: string; color?: string }>> = {
  booting: { id: 'loading~spin' },
  running: { id: 'vm-running', color: 'testing.iconPassed' },
  failed: { id: 'error', color: 'errorForeground' },
  stopped: { id: 'debug-stop', color: 'disabledForeground' },
  gone: { id: 'trash', color: 'disabledForeground' },
};
/** A status with no phase: unknown, said as such (its text is the description's). */
const UNKNOWN_ICON = { id: 'question' };

/**
 * The GPU part of the description: `2 × NVIDIA GeForce RTX 4090`, or `CPU`; what RunPod sent that
 * does not read as a GPU (runpod/parse.ts podGpu) is said unknown, never `undefined × undefined`.
 */
export function computeText(pod: Pick<Pod, 'gpu'>): string {
  const gpu = podGpu(pod.gpu);
  if (!gpu) return 'CPU';
  if (gpu.id === undefined) return 'unknown GPU';
  return gpu.count === undefined ? `${gpu.id} (count unknown)` : `${gpu.count} × ${gpu.id}`;
}

/** One node per Pod. */
export function describePod(pod: Pod): PodNodeDescriptor {
  const phase = podPhase(pod.status);
  const price = typeof pod.cost === 'number' ? formatPrice(pod.cost) : undefined;
  // Billed by the hour only while up (runpod/podStatus.ts): a stopped or terminated Pod shows no running cost.
  const cost = isPodBilled(pod.status) ? price : undefined;
  // The menus' `when` clauses read these: the actions RunPod allows now, as podStatus.ts podAllows decides for the commands.
  const actions = podActions(pod.actions).filter((a) => /^[a-z]+$/.test(a));
  // "not running now" only for a status known not to be up: one RunPod adds later says nothing either way.
  const notNow = phase === undefined ? '' : ' (not running now)';
  const cloud = cloudText(podCloud(pod.cloud));
  const ssh = podSsh(pod.ssh)?.command;
  const lines = [
    `**${tooltipName(pod.name)}** (${tooltipName(pod.id)})`,
    '',
    `Status: ${tooltipText(pod.status)}`,
    `Compute: ${tooltipText(computeText(pod))}`,
    ...(cloud === undefined ? [] : [`Cloud: ${tooltipText(cloud)}`]),
    `Cost: ${cost ?? (price ? `${price} while running${notNow}` : 'n/a')}`,
    `Image: ${tooltipText(pod.image)}`,
  ];
  if (pod.startedAt) lines.push(`Started: ${formatDate(pod.startedAt)}`); // the date rule: UTC, to the minute, never the API's text
  // What Copy SSH Command copies (parse.ts keeps only a command that shows as it is, which oneLine
  // leaves alone), in a code span that holds backticks too: dropping them showed a command the
  // shell would run otherwise.
  if (ssh) lines.push(`SSH: ${inlineCode(oneLine(ssh))}`);
  return {
    kind: 'pod',
    id: `pod:${pod.id}`,
    podId: pod.id,
    // The API's text, by the label rule (one line, escapes visible, bounded): tree labels show it raw.
    label: nameLabel(pod.name || pod.id),
    description: [nameLabel(pod.status), nameLabel(computeText(pod)), cost].filter(Boolean).join(' · '),
    tooltip: lines.join('  \n'),
    icon: phase === undefined ? UNKNOWN_ICON : ICONS[phase],
    // `ssh` when the Pod has an SSH command to copy (the menu's Copy SSH Command).
    contextValue: [`runpod.pod.${pod.status}`, ...actions, ...(ssh ? ['ssh'] : [])].join(';'),
  };
}

/** Pods in a useful order: running and booting first, then stopped, terminated last (runpod/podStatus.ts podStatusRank); by name within. */
export function sortPods(pods: readonly Pod[]): Pod[] {
  return [...pods].sort((a, b) => podStatusRank(a.status) - podStatusRank(b.status) || a.name.localeCompare(b.name));
}
