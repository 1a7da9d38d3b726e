/**
 * `/v2/serverless`: endpoints (list, create 201, get, patch, delete 204) and their releases. A
 * template is applied once at create (env merged per key, the body winning) and must be a
 * serverless template (else 422). A PATCH that changes `env` or `image` makes a release, which
 * workers cycle onto (workers.ts); `env` in a PATCH replaces the whole env, as for Pods.
 *
 * Release diffs never echo env values: RunPod's docs show a diff field `template.env` without
 * saying what old/new hold, and an env value may be a hard-coded credential. The fake lists one
 * entry per changed key (`template.env.KEY`) and shows a value only when it consists of secret
 * references alone (a reference names a secret, it is not its value); any other value is
 * `"[hidden]"`, and a key that was added or removed has `null` on the missing side.
 */
import type { EndpointCreateInput } from '../../client/src/runpod/types';
import type { Ctx, Handler } from './context';
import { isoSeconds, randomId } from './ids';
import { substituteReferences } from './substitution';
import { notFound, validationError } from './problem';
import type { StoredEndpoint, StoredRelease, StoredReleaseDiff } from './store';
import { anyObject, arrayOf, envObject, integer, nullable, object, oneOf, parseBody, port, string, type Schema } from './validate';
import { findEndpoint, workersOf } from './workers';
import { ARGS_MAX_CHARS, CUDA_VERSIONS_MAX, DATA_CENTERS_MAX, DISK_MAX_GB, ENDPOINT_MAX_ENV, ENDPOINT_TIMEOUT_MAX_S, GPU_POOLS_MAX, IMAGE_MAX_CHARS, NETWORK_VOLUMES_MAX, PORTS_MAX, REQUEST_COUNT_MAX, RESOURCE_NAME_MAX_CHARS, SECONDS_SETTING_MAX, WORKERS_MAX } from './limits';

const HIDDEN = '[hidden]';
const DEFAULT_WORKERS = { min: 0, max: 3, idleTimeout: 5 };

type Workers = StoredEndpoint['workers'];

/** A create body as the fake accepts it (checked by the schemas below). */
export type EndpointInput = EndpointCreateInput;

/** The container and scaling fields a PATCH may change (not `type` or `templateId`). */
const patchSchema: Schema = {
  name: { check: string({ min: 1, max: RESOURCE_NAME_MAX_CHARS }) },
  image: { check: string({ min: 1, max: IMAGE_MAX_CHARS }) },
  args: { check: string({ max: ARGS_MAX_CHARS }) },
  disk: { check: integer(1, DISK_MAX_GB) },
  ports: { check: arrayOf(port, PORTS_MAX) },
  env: { check: envObject(ENDPOINT_MAX_ENV) },
  registry: { check: nullable(string({ min: 1 })) },
  gpu: {
    check: object({
      pools: { required: true, check: arrayOf(string({ min: 1 }), GPU_POOLS_MAX) },
      allowedCudaVersions: { check: arrayOf(string({ pattern: /^\d+\.\d+$/, patternHint: 'must look like "12.8"' }), CUDA_VERSIONS_MAX) },
    }),
  },
  cpu: { check: anyObject },
  workers: { check: object({ min: { check: integer(0, WORKERS_MAX) }, max: { check: integer(0, WORKERS_MAX) }, idleTimeout: { check: integer(1, SECONDS_SETTING_MAX) } }) },
  scaling: {
    check: object({
      type: { required: true, check: oneOf(['QUEUE_DELAY', 'REQUEST_COUNT']) },
      queueDelay: { check: integer(1, SECONDS_SETTING_MAX) },
      requestCount: { check: integer(1, REQUEST_COUNT_MAX) },
    }),
  },
  dataCenterIds: { check: arrayOf(string({ min: 1 }), DATA_CENTERS_MAX) },
  networkVolumes: { check: arrayOf(string({ min: 1 }), NETWORK_VOLUMES_MAX) },
  timeout: { check: integer(1, ENDPOINT_TIMEOUT_MAX_S) },
  flashboot: { check: oneOf(['OFF', 'FLASHBOOT', 'PRIORITY_FLASHBOOT']) },
};

const createSchema: Schema = {
  ...patchSchema,
  name: { required: true, check: string({ min: 1, max: RESOURCE_NAME_MAX_CHARS }) },
  type: { check: oneOf(['QUEUE', 'LOAD_BALANCER']) },
  templateId: { check: string({ min: 1 }) },
};

/** The public shape; `version` is the current release. */
export function toEndpoint(stored: StoredEndpoint): Record<string, unknown> {
  const { releases, slots: _slots, workerEcho: _echo, createdAtMs, ...fields } = stored;
  return {
    ...structuredClone(fields),
    version: releases[releases.length - 1]!.version,
    createdAt: isoSeconds(createdAtMs),
  };
}

/** How many workers run: `min`, but at least one while `max` allows any (the fake has no queue to scale on). */
function workerCount(workers: Workers): number {
  return Math.min(workers.max, Math.max(workers.min, 1));
}

/** Checks shared by create and patch: GPU pools exist, one of gpu or cpu, min <= max, env size. */
function checkEndpoint(ctx: Ctx, e: Pick<StoredEndpoint, 'gpu' | 'cpu' | 'workers' | 'env'>, errors: string[]): void {
  if ((e.gpu === null) === (e.cpu === null)) errors.push('gpu: give exactly one of gpu or cpu');
  const pools = new Set(ctx.catalog.map((g) => g.pool));
  if (e.gpu && e.gpu.pools.length === 0) errors.push('gpu.pools: must have at least 1 item');
  for (const [i, pool] of (e.gpu?.pools ?? []).entries()) {
    if (!pools.has(pool)) errors.push(`gpu.pools[${i}]: unknown GPU pool; one of ${[...pools].join(', ')}`);
  }
  if (e.workers.min > e.workers.max) errors.push('workers.min: must not exceed workers.max');
  if (Object.keys(e.env).length > ENDPOINT_MAX_ENV) errors.push(`env: at most ${ENDPOINT_MAX_ENV} environment variables are allowed (template and endpoint env merged)`);
}

export const listEndpoints: Handler = (ctx) => ({ status: 200, body: { endpoints: ctx.store.state.endpoints.map(toEndpoint) } });

export const getEndpoint: Handler = (ctx, [id]) => ({ status: 200, body: toEndpoint(findEndpoint(ctx, id!)) });

export const createEndpoint: Handler = (ctx, _params, body) => {
  const stored = addEndpoint(ctx, parseBody<EndpointInput>(body, createSchema));
  ctx.store.commit();
  return { status: 201, body: toEndpoint(stored) };
};

/** Creates an endpoint from a checked body (also used by seeding); throws 404/422 as RunPod would. */
export function addEndpoint(ctx: Ctx, input: EndpointInput): StoredEndpoint {
  const template = input.templateId === undefined ? undefined : ctx.store.state.templates.find((t) => t.id === input.templateId);
  if (input.templateId !== undefined && (!template || (template.owner !== 'self' && !template.public))) throw notFound('template', input.templateId);
  if (template && !template.serverless) throw validationError([`templateId: template ${template.id} is not a serverless template`]);

  const errors: string[] = [];
  const image = input.image ?? template?.image;
  if (!image) errors.push('image: is required unless templateId is given');
  const now = ctx.now();
  const stored: StoredEndpoint = {
    id: randomId(14),
    name: input.name,
    type: input.type ?? 'QUEUE',
    templateId: template?.id ?? null,
    image: image ?? '',
    env: { ...(template?.env ?? {}), ...(input.env ?? {}) },
    args: input.args ?? template?.args ?? '',
    disk: input.disk ?? template?.disk ?? null,
    ports: input.ports ?? template?.ports ?? [],
    registry: input.registry !== undefined ? input.registry : (template?.registry ?? null),
    gpu: input.gpu ? { ...input.gpu } : null,
    cpu: input.cpu ?? null,
    workers: { ...DEFAULT_WORKERS, ...input.workers },
    scaling: input.scaling ?? { type: 'QUEUE_DELAY', queueDelay: 4 },
    dataCenterIds: input.dataCenterIds ?? null,
    networkVolumes: input.networkVolumes ?? [],
    timeout: input.timeout ?? 600,
    flashboot: input.flashboot ?? 'FLASHBOOT',
    createdAtMs: now,
    releases: [],
    slots: [],
    workerEcho: {},
  };
  checkEndpoint(ctx, stored, errors);
  if (errors.length > 0) throw validationError(errors);
  stored.releases.push({ version: 1, createdAtMs: now, image: stored.image, env: { ...stored.env }, diff: [], source: 'MANUAL' });
  stored.slots = Array.from({ length: workerCount(stored.workers) }, () => ({ startedAtMs: now, version: 1 }));
  ctx.store.state.endpoints.push(stored);
  return stored;
}

export const updateEndpoint: Handler = (ctx, [id], body) => {
  const endpoint = findEndpoint(ctx, id!);
  const patch = parseBody<Partial<EndpointInput>>(body, patchSchema);
  if (Object.keys(patch).length === 0) throw validationError(['body: give at least one field to update']);
  const next: StoredEndpoint = { ...structuredClone(endpoint), ...structuredClone(patch) } as StoredEndpoint;
  next.workers = { ...endpoint.workers, ...patch.workers };
  // gpu and cpu exclude each other: giving one drops the other.
  if (patch.gpu) next.cpu = null;
  if (patch.cpu) next.gpu = null;
  const errors: string[] = [];
  checkEndpoint(ctx, next, errors);
  if (errors.length > 0) throw validationError(errors);

  const now = ctx.now();
  const diff = releaseDiff(endpoint, next);
  if (diff.length > 0) {
    const version = endpoint.releases[endpoint.releases.length - 1]!.version + 1;
    next.releases.push({ version, createdAtMs: now, image: next.image, env: { ...next.env }, diff, source: 'MANUAL' });
  }
  const count = workerCount(next.workers);
  next.slots = next.slots.slice(0, count);
  const current = next.releases[next.releases.length - 1]!.version;
  while (next.slots.length < count) next.slots.push({ startedAtMs: now, version: current });
  Object.assign(endpoint, next);
  ctx.store.commit();
  return { status: 200, body: toEndpoint(endpoint) };
};

export const deleteEndpoint: Handler = (ctx, [id]) => {
  const endpoint = findEndpoint(ctx, id!);
  ctx.store.state.endpoints = ctx.store.state.endpoints.filter((e) => e !== endpoint);
  for (const workerId of Object.keys(endpoint.workerEcho)) ctx.workerBootEnv.delete(workerId);
  ctx.store.commit();
  return { status: 204 };
};

export const listReleases: Handler = (ctx, [id]) => {
  const endpoint = findEndpoint(ctx, id!);
  const { running } = workersOf(ctx, endpoint, ctx.now());
  const releases = [...endpoint.releases].reverse().map((r: StoredRelease) => ({
    version: r.version,
    createdAt: isoSeconds(r.createdAtMs),
    source: r.source,
    workerCount: running.filter((w) => w.release.version === r.version).length,
    diff: r.diff.map((d) => ({ ...d })),
  }));
  return { status: 200, body: { releases } };
};

/** What a PATCH changes that makes a release: the image, and env per key (see the file comment). */
function releaseDiff(before: Pick<StoredEndpoint, 'image' | 'env'>, after: Pick<StoredEndpoint, 'image' | 'env'>): StoredReleaseDiff[] {
  const diff: StoredReleaseDiff[] = [];
  if (before.image !== after.image) diff.push({ field: 'template.image', old: before.image, new: after.image });
  const keys = [...new Set([...Object.keys(before.env), ...Object.keys(after.env)])];
  for (const key of keys) {
    const old = Object.hasOwn(before.env, key) ? before.env[key]! : undefined;
    const value = Object.hasOwn(after.env, key) ? after.env[key]! : undefined;
    if (old !== value) diff.push({ field: `template.env.${key}`, old: shown(old), new: shown(value) });
  }
  return diff;
}

/** An env value as a diff may show it: references alone as written, anything else hidden. */
function shown(value: string | undefined): string | null {
  if (value === undefined) return null;
  const onlyReferences = value.trim() !== '' && substituteReferences(value, () => '').value.trim() === '';
  return onlyReferences ? value : HIDDEN;
}

/** Endpoints built from a template (delete of that template is refused while any exists). */
export function endpointsUsing(ctx: Ctx, templateId: string): StoredEndpoint[] {
  return ctx.store.state.endpoints.filter((e) => e.templateId === templateId);
}
