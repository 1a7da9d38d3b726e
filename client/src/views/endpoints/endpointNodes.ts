/**
 * What the Endpoints view shows, as plain data: an endpoint (name; type, workers running / idle /
 * min..max, GPU pools, the current release) and, expanded, its workers (status, release, and
 * whether each is stale: still on an older release). Pure; endpointsView.ts makes TreeItems of
 * these, the tests and the manifest test read them directly. Text from the API is escaped in the
 * Markdown tooltips and kept to one line in labels.
 */
import { count } from '../../../../server/src/template/counts';
import { formatDate } from '../../../../server/src/template/dates';
import { escapeMarkdown } from '../../../../server/src/template/markdown';
import { tooltipName, tooltipText } from '../markdown';
import { nameLabel } from '../../ui/plainName';
import { rolloutProgress } from '../../serverless/rollout';
import { hasFailed, isReady, workerPhase, type WorkerPhase } from '../../runpod/workerStatus';
import { scalingText } from '../../serverless/deploySummary';
import { workerRangeText } from '../../serverless/endpointBody';
import type { Endpoint, Worker } from '../../runpod/types';
import { endpointTypeText } from '../../runpod/endpointTypes';

/** Stable `contextValue`s used by `when` clauses in package.json. */
export const EndpointContextValues = {
  endpoint: 'runpod.endpoint',
  worker: 'runpod.worker',
  staleWorker: 'runpod.worker.stale',
  error: 'runpod.endpoints.error',
} as const;

/** Context key for the view's welcome content: how many endpoints the last listing found (unset when unknown). */
export const COUNT_CONTEXT = 'runpod.endpoints.count';

export interface EndpointNodeDescriptor {
  kind: 'endpoint';
  id: string;
  endpointId: string;
  label: string;
  description: string;
  tooltip: string;
  icon: { id: string; color?: string };
  contextValue: string;
}

export interface WorkerNodeDescriptor {
  kind: 'worker';
  id: string;
  endpointId: string;
  workerId: string;
  label: string;
  description: string;
  tooltip: string;
  icon: { id: string; color?: string };
  contextValue: string;
}

/** `2 running, 1 idle, 1 starting` of the workers listed, or undefined before they were. */
export function workerCounts(workers: readonly Worker[] | undefined): string | undefined {
  if (!workers) return undefined;
  const n = (phase: WorkerPhase) => workers.filter((w) => workerPhase(w.status) === phase).length;
  const starting = n('starting');
  const failed = n('failed');
  return [`${n('running')} running`, `${n('idle')} idle`, ...(starting ? [`${starting} starting`] : []), ...(failed ? [`${failed} failed`] : [])].join(', ');
}

/**
 * One endpoint. `workers` is its worker list when known (the counts and a rollout in progress
 * show), undefined before it was read.
 */
export function describeEndpoint(endpoint: Endpoint, workers?: readonly Worker[]): EndpointNodeDescriptor {
  const counts = workerCounts(workers);
  const range = workerRangeText(endpoint.workers);
  const pools = endpoint.gpu ? endpoint.gpu.pools.join(', ') || 'no GPU pool' : 'CPU';
  const release = endpoint.version === undefined ? undefined : `release ${endpoint.version}`;
  const stale = workers?.filter((w) => w.isStale).length ?? 0;
  const rolling = stale > 0 || (workers?.some((w) => !isReady(w) && !hasFailed(w)) ?? false);
  // Each part from the API (type, pools) by the label rule, as the Pods view's description: one
  // line, invisible characters shown, at most 200 characters; the rest is ours.
  const description = [nameLabel(endpointTypeText(endpoint.type)), counts ? `${counts} (${range})` : `workers ${range}`, nameLabel(pools), release, stale ? `${stale} stale` : undefined]
    .filter(Boolean)
    .join(' · ');
  const lines = [
    `**${tooltipName(endpoint.name || endpoint.id)}** (${tooltipName(endpoint.id)})`,
    '',
    `Type: ${tooltipText(endpointTypeText(endpoint.type))}`,
    `Workers: ${counts ? `${escapeMarkdown(counts)}; ` : ''}min ${endpoint.workers.min}, max ${endpoint.workers.max}${endpoint.workers.idleTimeout !== undefined ? `, idle timeout ${endpoint.workers.idleTimeout} s` : ''}`,
    `GPU pools: ${tooltipText(pools)}`,
    `Image: ${tooltipText(endpoint.image || '(from the template)')}`,
  ];
  if (endpoint.scaling && typeof endpoint.scaling.type === 'string') lines.push(`Scaling: ${escapeMarkdown(scalingText(endpoint.scaling))}`);
  if (release) lines.push(`Current release: ${endpoint.version}${workers && workers.length > 0 ? ` (${escapeMarkdown(rolloutProgress(endpoint.version, workers).text)})` : ''}`);
  lines.push(`Env: ${count(Object.keys(endpoint.env).length, 'variable')} (values not shown)`);
  return {
    kind: 'endpoint',
    id: `endpoint:${endpoint.id}`,
    endpointId: endpoint.id,
    // The API's text by the label rule (one line, escapes visible, bounded), as the Pods view's.
    label: nameLabel(endpoint.name || endpoint.id),
    description,
    tooltip: lines.join('  \n'),
    icon: rolling ? { id: 'sync~spin' } : workers?.some(hasFailed) ? { id: 'warning', color: 'problemsWarningIcon.foreground' } : { id: 'server-process' },
    contextValue: EndpointContextValues.endpoint,
  };
}

/** One worker of `endpoint`. */
export function describeWorker(endpoint: Pick<Endpoint, 'id' | 'version'>, worker: Worker): WorkerNodeDescriptor {
  const release = worker.version === null ? 'release unknown' : `release ${worker.version}`;
  // The API's status by the label rule (one line, invisible characters shown, bounded), in the
  // description and the tooltip alike: one status cannot read two ways.
  const status = nameLabel(worker.status);
  const icon = hasFailed(worker)
    ? { id: 'error', color: 'errorForeground' }
    : !isReady(worker)
      ? { id: 'loading~spin' }
      : worker.isStale
        ? { id: 'history', color: 'problemsWarningIcon.foreground' }
        : { id: 'vm-running', color: 'testing.iconPassed' };
  const lines = [
    `**Worker ${tooltipName(worker.id)}**`,
    '',
    `Status: ${tooltipName(worker.status)}`,
    `Release: ${worker.version ?? 'unknown'}${endpoint.version !== undefined ? ` (the endpoint is on release ${endpoint.version})` : ''}`,
    worker.isStale ? 'Stale: still on an older release; it moves to the current one when it cycles.' : 'On the current release.',
  ];
  if (worker.startedAt) lines.push(`Started: ${formatDate(worker.startedAt)}`); // the date rule: UTC, to the minute, never the API's text
  return {
    kind: 'worker',
    id: `worker:${endpoint.id}/${worker.id}`,
    endpointId: endpoint.id,
    workerId: worker.id,
    // The API's id by the label rule, as the status.
    label: nameLabel(worker.id),
    description: [status, release, worker.isStale ? 'stale' : undefined].filter(Boolean).join(' · '),
    tooltip: lines.join('  \n'),
    icon,
    contextValue: worker.isStale ? EndpointContextValues.staleWorker : EndpointContextValues.worker,
  };
}

/** Endpoints by name (then id, so the order is stable). */
export function sortEndpoints(endpoints: readonly Endpoint[]): Endpoint[] {
  return [...endpoints].sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
