/**
 * Serverless workers, computed rather than stored: an endpoint keeps its releases and when each
 * worker slot started, and the workers follow from the clock, the way pod status does. A slot
 * boots on the release current when it started; on each later release, slot `i` (from 0) cycles
 * `i * workerCycleMs` after the release was made: its worker stops and a new worker (a new id)
 * boots on the new version, INITIALIZING for `podBootMs`, then IDLE. Until it cycles, a worker on
 * an older release reports `isStale: true`. So a rollout to m workers takes about
 * `(m - 1) * workerCycleMs + podBootMs`, and a test moves the fake's clock instead of sleeping.
 */
import { createHash } from 'node:crypto';
import type { Ctx, Handler } from './context';
import { isoSeconds } from './ids';
import { echoOf, logStream, parseLogQuery } from './logs';
import type { Boot } from './logLines';
import { resolveEnv } from './boot';
import { notFound } from './problem';
import type { StoredEndpoint, StoredRelease } from './store';

/** A worker as the fake computes it: one slot running one release. */
export interface ComputedWorker {
  id: string;
  slot: number;
  release: StoredRelease;
  startedAtMs: number;
  readyAtMs: number;
  /** When a newer release replaced it; null while it runs. */
  endedAtMs: number | null;
}

/**
 * Every worker the endpoint's current slots have run up to `now`, oldest first per slot (replaced
 * ones included, for their logs), and the running one of each slot.
 */
export function workersOf(ctx: Ctx, endpoint: StoredEndpoint, now: number): { running: ComputedWorker[]; all: ComputedWorker[] } {
  const running: ComputedWorker[] = [];
  const all: ComputedWorker[] = [];
  endpoint.slots.forEach(({ startedAtMs: slotStart, version }, slot) => {
    const releases = endpoint.releases;
    const first = Math.max(0, releases.findIndex((r) => r.version === version));
    const starts = releases.map((release, r) => (r === first ? slotStart : release.createdAtMs + slot * ctx.workerCycleMs));
    let current: ComputedWorker | undefined;
    for (let r = first; r < releases.length && starts[r]! <= now; r++) {
      const next = starts[r + 1];
      current = {
        id: workerId(endpoint.id, slot, slotStart, releases[r]!.version),
        slot,
        release: releases[r]!,
        startedAtMs: starts[r]!,
        readyAtMs: starts[r]! + ctx.podBootMs,
        endedAtMs: next !== undefined && next <= now ? next : null,
      };
      all.push(current);
    }
    if (current) running.push(current);
  });
  return { running, all };
}

/** A stable id per slot, slot start and version, shaped like RunPod's (lowercase letters and digits). */
function workerId(endpointId: string, slot: number, slotStart: number, version: number): string {
  const digest = createHash('sha256').update(`${endpointId}/${slot}/${slotStart}/${version}`).digest();
  let id = '';
  for (let i = 0; i < 14; i++) id += 'abcdefghijklmnopqrstuvwxyz0123456789'[digest[i]! % 36];
  return id;
}

/** The public shape of a worker. */
export function toWorker(ctx: Ctx, endpoint: StoredEndpoint, worker: ComputedWorker): Record<string, unknown> {
  const current = endpoint.releases[endpoint.releases.length - 1]!.version;
  return {
    id: worker.id,
    status: ctx.now() < worker.readyAtMs ? 'INITIALIZING' : 'IDLE',
    version: worker.release.version,
    isStale: worker.release.version < current,
    startedAt: isoSeconds(worker.startedAtMs),
  };
}

/**
 * Resolves the secret references of every worker that came up since the last look (values in
 * memory only; the names left literal are kept for its log) and forgets workers that are gone.
 * Returns whether the state changed.
 */
export function observeWorkers(ctx: Ctx): boolean {
  const now = ctx.now();
  let changed = false;
  for (const endpoint of ctx.store.state.endpoints) {
    const { running, all } = workersOf(ctx, endpoint, now);
    for (const worker of running) {
      if (now < worker.readyAtMs || Object.hasOwn(endpoint.workerEcho, worker.id)) continue;
      const { env, unresolved } = resolveEnv(ctx, worker.release.env);
      ctx.workerBootEnv.set(worker.id, env);
      endpoint.workerEcho[worker.id] = echoOf(worker.release.env, unresolved);
      changed = true;
    }
    const known = new Set(all.map((w) => w.id));
    for (const id of Object.keys(endpoint.workerEcho)) {
      if (known.has(id)) continue;
      delete endpoint.workerEcho[id];
      ctx.workerBootEnv.delete(id);
      changed = true;
    }
  }
  return changed;
}

/** A worker's log: its one boot, ended when a newer release replaced it. */
function workerBoot(endpoint: StoredEndpoint, worker: ComputedWorker): Boot {
  return {
    kind: 'worker',
    startedAtMs: worker.startedAtMs,
    readyAtMs: worker.readyAtMs,
    endedAtMs: worker.endedAtMs,
    ending: worker.endedAtMs === null ? null : 'replaced',
    image: worker.release.image,
    echo: endpoint.workerEcho[worker.id] ?? null,
  };
}

export function findEndpoint(ctx: Ctx, id: string): StoredEndpoint {
  const endpoint = ctx.store.state.endpoints.find((e) => e.id === id);
  if (!endpoint) throw notFound('endpoint', id);
  return endpoint;
}

export const listWorkers: Handler = (ctx, [id]) => {
  const endpoint = findEndpoint(ctx, id!);
  const { running } = workersOf(ctx, endpoint, ctx.now());
  return { status: 200, body: { workers: running.map((w) => toWorker(ctx, endpoint, w)) } };
};

export const workerLogs: Handler = (ctx, [id, workerIdParam], _body, query, headers) => {
  const endpoint = findEndpoint(ctx, id!);
  if (!workersOf(ctx, endpoint, ctx.now()).all.some((w) => w.id === workerIdParam)) throw notFound('worker', workerIdParam!);
  const parsed = parseLogQuery(query, headers);
  return logStream(ctx, parsed, () => {
    const current = ctx.store.state.endpoints.find((e) => e.id === id);
    const worker = current && workersOf(ctx, current, ctx.now()).all.find((w) => w.id === workerIdParam);
    if (!current || !worker) return undefined;
    return { boots: [workerBoot(current, worker)], final: worker.endedAtMs !== null };
  });
};
