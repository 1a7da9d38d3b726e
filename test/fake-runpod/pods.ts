/**
 * `/v2/pods`: create (template merge, GPU catalog and capacity checks, balance), a lifecycle
 * computed from timestamps (PROVISIONING -> STARTING -> RUNNING over `podBootMs`, no timers),
 * actions with 409 when not allowed (terminate: 204 and the pod is gone, as RunPod does), and secret resolution at boot the way RunPod does it:
 * `{{ RUNPOD_SECRET_name }}` becomes the value; a missing secret stays literal and is recorded.
 */
import type { Pod, PodAction, PodCreateInput, PodStatus } from '../../client/src/runpod/types';
import type { Ctx, Handler } from './context';
import { isoSeconds, randomId } from './ids';
import { notFound, ProblemError, validationError } from './problem';
import type { StoredPod } from './store';
import { substituteReferences } from './substitution';
import { anyObject, arrayOf, boolean, envObject, integer, object, oneOf, parseBody, port, string, type Schema } from './validate';
import { DATA_CENTERS_MAX, DISK_MAX_GB, IMAGE_MAX_CHARS, POD_CREATE_BALANCE_HOURS, POD_MAX_ENV, PORTS_MAX, RESOURCE_NAME_MAX_CHARS } from './limits';

/** Share of the boot spent in PROVISIONING before STARTING. */
const PROVISIONING_SHARE = 0.4;
const CPU_PRICE_PER_VCPU = 0.03;

const createSchema: Schema = {
  name: { required: true, check: string({ min: 1, max: RESOURCE_NAME_MAX_CHARS }) },
  image: { check: string({ min: 1, max: IMAGE_MAX_CHARS }) },
  templateId: { check: string({ min: 1 }) },
  // No fixed maximum count: the catalog's maxCount for the type decides (createPod; runpod-api.md "GPU catalog").
  gpu: { check: object({ id: { required: true, check: string({ min: 1 }) }, count: { check: integer(1) } }) },
  cpu: { check: anyObject },
  cloud: { check: oneOf(['SECURE', 'COMMUNITY']) },
  disk: { check: integer(1, DISK_MAX_GB) },
  env: { check: envObject(POD_MAX_ENV) },
  ports: { check: arrayOf(port, PORTS_MAX) },
  mounts: {
    check: object({
      persistent: { check: object({ size: { required: true, check: integer(1, DISK_MAX_GB) }, path: { required: true, check: string({ min: 1 }) } }) },
    }),
  },
  dataCenterIds: { check: arrayOf(string({ min: 1 }), DATA_CENTERS_MAX) },
  startSsh: { check: boolean },
  startJupyter: { check: boolean },
};

const ACTIONS: Record<PodStatus, PodAction[]> = {
  PROVISIONING: ['stop', 'terminate'],
  STARTING: ['stop', 'terminate'],
  RUNNING: ['stop', 'restart', 'terminate'],
  EXITED: ['start', 'terminate'],
  ERROR: ['start', 'terminate'],
  TERMINATED: [],
};

/** The visible status, derived from the phase and how long the current boot has run. */
export function podStatus(pod: StoredPod, now: number, bootMs: number): PodStatus {
  if (pod.phase === 'exited') return 'EXITED';
  const elapsed = now - pod.bootStartedAtMs;
  if (elapsed >= bootMs) return 'RUNNING';
  return elapsed >= bootMs * PROVISIONING_SHARE ? 'STARTING' : 'PROVISIONING';
}

/** Public shape. The env keeps the placeholder text: RunPod never echoes secret values. */
export function toPod(ctx: Ctx, stored: StoredPod): Pod {
  const status = podStatus(stored, ctx.now(), ctx.podBootMs);
  const running = status === 'RUNNING';
  return {
    id: stored.id,
    name: stored.name,
    image: stored.image,
    status,
    actions: [...ACTIONS[status]],
    gpu: stored.gpu ? { ...stored.gpu } : null,
    cpu: stored.cpu,
    cloud: stored.cloud,
    env: { ...stored.env },
    ports: [...stored.ports],
    cost: stored.costPerHour,
    createdAt: isoSeconds(stored.createdAtMs),
    startedAt: running ? isoSeconds(stored.bootStartedAtMs + ctx.podBootMs) : null,
    ssh:
      running && stored.startSsh
        ? { host: '127.0.0.1', port: stored.sshPort, command: `ssh root@127.0.0.1 -p ${stored.sshPort} -i ~/.ssh/id_ed25519` }
        : null,
    templateId: stored.templateId,
  };
}

/**
 * Completes every boot that has reached RUNNING: substitutes secret references (values stay in
 * memory) and records the names that did not resolve. Returns whether the state changed.
 */
export function advancePods(ctx: Ctx): boolean {
  let changed = false;
  const now = ctx.now();
  for (const pod of ctx.store.state.pods) {
    if (pod.phase !== 'booting' || pod.bootedAtMs !== null || podStatus(pod, now, ctx.podBootMs) !== 'RUNNING') continue;
    const values = new Map<string, string>();
    for (const secret of ctx.store.state.secrets) values.set(secret.name, ctx.store.vault.open(secret.value, secret.id));
    const unresolved = new Set<string>();
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(pod.env)) {
      const booted = substituteReferences(value, (name) => values.get(name));
      env[key] = booted.value;
      for (const name of booted.unresolved) unresolved.add(name);
    }
    ctx.bootEnv.set(pod.id, env);
    pod.bootedAtMs = pod.bootStartedAtMs + ctx.podBootMs;
    pod.unresolvedSecrets = [...unresolved].sort();
    changed = true;
  }
  return changed;
}

function find(ctx: Ctx, id: string): StoredPod {
  const pod = ctx.store.state.pods.find((p) => p.id === id);
  if (!pod) throw notFound('pod', id);
  return pod;
}

export const listPods: Handler = (ctx) => ({ status: 200, body: { pods: ctx.store.state.pods.map((p) => toPod(ctx, p)) } });

export const getPod: Handler = (ctx, [id]) => ({ status: 200, body: toPod(ctx, find(ctx, id!)) });

export const createPod: Handler = (ctx, _params, body) => {
  const input = parseBody<PodCreateInput>(body, createSchema);
  const template = input.templateId === undefined ? undefined : ctx.store.state.templates.find((t) => t.id === input.templateId);
  if (input.templateId !== undefined && (!template || (template.owner !== 'self' && !template.public))) {
    throw notFound('template', input.templateId);
  }
  if (template?.serverless) throw validationError([`templateId: template ${template.id} is a serverless template and cannot start a pod`]);

  const errors: string[] = [];
  const image = input.image ?? template?.image;
  if (!image) errors.push('image: is required unless templateId is given');
  if ((input.gpu === undefined) === (input.cpu === undefined)) errors.push('gpu: give exactly one of gpu or cpu');
  const env = { ...(template?.env ?? {}), ...(input.env ?? {}) };
  if (Object.keys(env).length > POD_MAX_ENV) errors.push(`env: at most ${POD_MAX_ENV} environment variables are allowed (template and pod env merged)`);
  const gpuType = input.gpu ? ctx.catalog.find((g) => g.id === input.gpu!.id) : undefined;
  const gpuCount = input.gpu?.count ?? 1;
  if (input.gpu && !gpuType) errors.push(`gpu.id: unknown GPU type ${JSON.stringify(input.gpu.id)}; see GET /v2/catalog/gpus`);
  if (gpuType && gpuCount > gpuType.maxCount) errors.push(`gpu.count: at most ${gpuType.maxCount} for ${gpuType.id}`);
  if (errors.length > 0) throw validationError(errors);

  const cloud = input.cloud ?? 'SECURE';
  let costPerHour: number;
  if (gpuType) {
    const offered = cloud === 'SECURE' ? gpuType.secure : gpuType.community;
    const availability = cloud === 'SECURE' ? gpuType.availability.secure : gpuType.availability.community;
    const price = cloud === 'SECURE' ? gpuType.price.secure : gpuType.price.community;
    // RunPod's wording for capacity failures; it has no machine-readable code.
    if (!offered || availability === 'None' || price === null) {
      throw new ProblemError(400, 'There are no longer any instances available with the requested specifications. Please refresh and try again.');
    }
    costPerHour = round(price * gpuCount);
  } else {
    const vcpus = typeof input.cpu?.['vcpuCount'] === 'number' ? (input.cpu['vcpuCount'] as number) : 2;
    costPerHour = round(CPU_PRICE_PER_VCPU * vcpus);
  }
  if (ctx.balance < costPerHour * POD_CREATE_BALANCE_HOURS) {
    throw new ProblemError(402, `insufficient balance: this pod costs $${costPerHour.toFixed(2)}/hr and the account balance is $${ctx.balance.toFixed(2)}; add funds to continue`);
  }

  const now = ctx.now();
  const state = ctx.store.state;
  const pod: StoredPod = {
    id: randomId(14),
    name: input.name,
    image: image!,
    templateId: template?.id ?? null,
    gpu: input.gpu ? { id: input.gpu.id, count: gpuCount } : null,
    cpu: input.cpu ?? null,
    cloud,
    env,
    ports: input.ports ?? template?.ports ?? [],
    disk: input.disk ?? template?.disk ?? null,
    mounts: input.mounts ?? template?.mounts ?? null,
    dataCenterIds: input.dataCenterIds ?? null,
    startSsh: input.startSsh ?? template?.startSsh ?? true,
    startJupyter: input.startJupyter ?? template?.startJupyter ?? false,
    costPerHour,
    sshPort: state.nextSshPort++,
    createdAtMs: now,
    phase: 'booting',
    bootStartedAtMs: now,
    bootedAtMs: null,
    unresolvedSecrets: [],
    lastAction: 'create',
  };
  state.pods.push(pod);
  advancePods(ctx); // podBootMs 0 boots at once
  ctx.store.commit();
  return { status: 201, body: toPod(ctx, pod) };
};

/** Removes a pod for good: a GET, list, action or DELETE after it does not find it. */
function remove(ctx: Ctx, pod: StoredPod): void {
  ctx.store.state.pods = ctx.store.state.pods.filter((p) => p !== pod);
  ctx.bootEnv.delete(pod.id);
  ctx.store.commit();
}

export const deletePod: Handler = (ctx, [id]) => {
  remove(ctx, find(ctx, id!));
  return { status: 204 };
};

export const podAction: Handler = (ctx, [id], body) => {
  const pod = find(ctx, id!);
  const { action } = parseBody<{ action: PodAction }>(body, { action: { required: true, check: oneOf(['start', 'stop', 'restart', 'terminate']) } });
  const status = podStatus(pod, ctx.now(), ctx.podBootMs);
  if (!ACTIONS[status].includes(action)) {
    throw new ProblemError(409, `cannot ${action} pod ${pod.id} while it is ${status}; allowed: ${ACTIONS[status].join(', ') || 'none'}`);
  }
  // RunPod: terminate answers 204 No Content and the pod is gone; the others answer the pod.
  if (action === 'terminate') {
    remove(ctx, pod);
    return { status: 204 };
  }
  if (action === 'start' || action === 'restart') {
    pod.phase = 'booting';
    pod.bootStartedAtMs = ctx.now();
    pod.bootedAtMs = null;
    pod.unresolvedSecrets = [];
  } else {
    pod.phase = 'exited';
    ctx.bootEnv.delete(pod.id);
  }
  pod.lastAction = action;
  advancePods(ctx);
  ctx.store.commit();
  return { status: 200, body: toPod(ctx, pod) };
};

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
