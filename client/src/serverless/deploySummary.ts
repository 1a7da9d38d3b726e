/**
 * The last step of Deploy Endpoint: one line per field of the `POST /v2/serverless` body, as it
 * will be sent, so nothing reaches RunPod that the user did not see. Env values never appear (one
 * may be a credential in plain text): keys and the secrets they reference only. `args` may hold a
 * credential too: it is named, not shown. Pure text, read by the wizard and the tests.
 */
import type { EnvItem } from '../launch/envItems';
import { droppedLine, envFileLine, envLines, foreseenStops, show, type ForeseenStops } from '../launch/summary';
import type { EndpointCreateInput, GpuType } from '../runpod/types';
import { endpointTypeText } from '../runpod/endpointTypes';
import { oneLine } from '../../../server/src/template/displayText';
import { environmentLine, type EnvironmentOption } from '../launch/environmentChoice';

export interface DeploySummaryInput {
  body: EndpointCreateInput;
  /** Where the fields come from: `template sd-worker`, `file .runpod/hub.json`. */
  source: string;
  envFile?: string;
  /** The env files the chosen one brings under it (its environment's shared files), lowest first. */
  sharedEnvFiles?: readonly string[];
  /** The env file's environment, when it has one (`Environment: prod (account team)`). */
  environment?: Pick<EnvironmentOption, 'name' | 'account'>;
  /** The template the body names by id, once read: its name, and its image when the body sends none. */
  base?: { name: string; image: string };
  /** The env the workers boot with (the template's under the body's), as items. */
  env: readonly EnvItem[];
  /** The catalog, to say which GPUs a pool holds. */
  catalog?: readonly GpuType[];
  /** Fields of the file the create does not take, left out (EndpointSource.dropped): a line says so, as Launch Pod's summary does. */
  dropped?: readonly string[];
}

export interface DeploySummary extends ForeseenStops {
  title: string;
  lines: string[];
  /** Indexes into `lines` of lines about a problem (a reference to an unknown secret), for a warning mark. */
  flagged: number[];
}

/** Builds the summary; every key of `body` has a line (a test holds it to that). */
export function summarizeDeploy(input: DeploySummaryInput): DeploySummary {
  const { body } = input;
  const lines: string[] = [`Endpoint: ${body.name}`, `From: ${input.source}`];
  if (input.envFile) lines.push(envFileLine(input.envFile, input.sharedEnvFiles, "the source's"));
  if (input.environment) lines.push(environmentLine(input.environment));
  if (body.type !== undefined) lines.push(`Type: ${endpointTypeText(body.type)}`);
  if (body.templateId !== undefined) lines.push(`Template id: ${body.templateId}${input.base ? ` (${input.base.name}; RunPod applies it once, then the fields below)` : ''}`);
  lines.push(`Image: ${body.image ?? (input.base ? `${input.base.image} (from the template)` : '(from the template)')}`);
  if (body.gpu) {
    lines.push(`GPU pools: ${body.gpu.pools.map((p) => poolText(p, input.catalog)).join(', ') || 'none'}`);
    if (body.gpu.allowedCudaVersions) lines.push(`CUDA versions: ${show(body.gpu.allowedCudaVersions)}`);
  }
  if (body.cpu !== undefined) lines.push(`CPU: ${show(body.cpu)}`);
  if (body.workers) {
    const { min, max, idleTimeout } = body.workers;
    if (min !== undefined || max !== undefined) lines.push(`Workers: ${min ?? 'default'}..${max ?? 'default'}`);
    if (idleTimeout !== undefined) lines.push(`Idle timeout: ${idleTimeout} s`);
  }
  if (body.scaling) lines.push(`Scaling: ${scalingText(body.scaling)}`);
  if (body.disk !== undefined) lines.push(`Container disk: ${show(body.disk)} GB`);
  if (body.ports !== undefined) lines.push(`Ports: ${Array.isArray(body.ports) && body.ports.length === 0 ? 'none' : show(body.ports)}`);
  if (body.args !== undefined) lines.push(`Args: set (${String(body.args).length} characters, not shown)`);
  if (body.registry !== undefined) lines.push(`Registry credential: ${body.registry === null ? 'none' : show(body.registry)}`);
  for (const field of ['dataCenterIds', 'networkVolumes', 'timeout', 'flashboot'] as const) {
    if (body[field] !== undefined) lines.push(`${FIELD_NAMES[field]}: ${show(body[field])}`);
  }
  if (input.dropped?.length) lines.push(droppedLine(input.dropped, 'endpoint'));
  const env = envLines(input.env);
  const flagged = env.flagged.map((i) => lines.length + i);
  lines.push(...env.lines);
  const workers = body.workers?.min !== undefined || body.workers?.max !== undefined ? `, ${body.workers?.min ?? '?'}..${body.workers?.max ?? '?'} workers` : '';
  return { title: `Deploy ${body.name}: ${body.gpu?.pools.join(', ') ?? 'CPU'}${workers}`, lines, flagged, ...foreseenStops(input.env) };
}

const FIELD_NAMES = { dataCenterIds: 'Data centres', networkVolumes: 'Network volumes', timeout: 'Execution timeout (s)', flashboot: 'FlashBoot' } as const;

/** `QUEUE_DELAY` with its seconds, or `REQUEST_COUNT` with its count; another type as RunPod names it. */
export function scalingText(scaling: { type: string; queueDelay?: number; requestCount?: number }): string {
  if (scaling.type === 'QUEUE_DELAY') return `queue delay (add a worker when a job waits ${scaling.queueDelay ?? 'the default'} s)`;
  if (scaling.type === 'REQUEST_COUNT') return `request count (a worker per ${scaling.requestCount ?? 'the default number of'} queued jobs)`;
  return oneLine(scaling.type);
}

/** `ADA_24 (RTX 4090, 24 GB)`: the pool with the catalog's GPUs in it. */
export function poolText(pool: string, catalog: readonly GpuType[] = []): string {
  const gpus = catalog.filter((g) => g.pool === pool);
  if (gpus.length === 0) return pool;
  return `${pool} (${gpus.map((g) => g.name).join(', ')}, ${gpus[0]!.memory} GB)`;
}
