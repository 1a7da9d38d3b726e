/**
 * What an endpoint worker's status means, stated once, as runpod/podStatus.ts states a Pod's. The
 * workers list gives each worker a `status` (shared runpod-api.md, Serverless endpoints); the words
 * are **inferred**: `IDLE` waits for a job, `RUNNING` works on one, and `UNHEALTHY`, `ERROR`,
 * `FAILED`, `EXITED`, `TERMINATED` will not become ready by themselves. Any other status
 * (`INITIALIZING`, `THROTTLED`, one RunPod adds later) counts as starting: neither counted ready
 * nor given up on. The Endpoints view (counts, icons, a rollout spinning) and the rollout follow
 * (serverless/rollout.ts: the first ready worker, "n of m on release r") all ask here.
 */
import type { Worker } from './types';

/** Where a worker stands: taking jobs (idle or running one), on its way, or stopped for good. */
export type WorkerPhase = 'idle' | 'running' | 'starting' | 'failed';

const PHASES: Readonly<Record<string, WorkerPhase>> = {
  IDLE: 'idle',
  RUNNING: 'running',
  UNHEALTHY: 'failed',
  ERROR: 'failed',
  FAILED: 'failed',
  EXITED: 'failed',
  TERMINATED: 'failed',
};

/** Every status stated here; any other is starting. */
export const WORKER_STATUSES = Object.keys(PHASES) as readonly string[];

/** The phase of `status`: starting for one not stated here (a Map-like lookup: `toString` is no status). */
export function workerPhase(status: string): WorkerPhase {
  return Object.hasOwn(PHASES, status) ? PHASES[status]! : 'starting';
}

/** Takes jobs: idle or running one. */
export function isReady(worker: Pick<Worker, 'status'>): boolean {
  const phase = workerPhase(worker.status);
  return phase === 'idle' || phase === 'running';
}

/** Will not become ready by itself. */
export function hasFailed(worker: Pick<Worker, 'status'>): boolean {
  return workerPhase(worker.status) === 'failed';
}
