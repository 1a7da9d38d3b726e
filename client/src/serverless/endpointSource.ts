/**
 * What a file in the workspace says about an endpoint to deploy: a `*.runpod.json` template file
 * (read with the one template-file reader, launch/templateFile.ts) or a `.runpod/hub.json` Hub
 * listing (its env read with the core's hub reader). Both become the same plain `EndpointSource`,
 * which endpointBody.ts turns into the create body. Pure; used by Deploy Endpoint and by
 * `runpod-check endpoints deploy`.
 *
 * Messages never quote the file: it may hold a credential or escape sequences.
 */
import { readHubJson } from '../../../server/src/template/readers/hubJson';
import { RESOURCE_NAME_MAX_LENGTH } from '../../../server/src/template/names';
import { mergeEnv, type Env } from '../launch/plan';
import { asksFor, droppedFields, fieldRefusal, fieldsAsWritten, gpuOf, isServerlessTemplate, parseTemplateFile, templateIdOf, unknownFieldRefusal, type FieldRefusal, type TemplateFileBody } from '../launch/templateFile';
import type { EndpointCreateInput, GpuType } from '../runpod/types';

/** The endpoint fields a file decides; the wizard (or the command line) adds the rest. */
export interface EndpointSource {
  /** A name to suggest ('' when the file has none). */
  name: string;
  /** Absent for a Hub listing (RunPod builds its image) and for a file that names a template. */
  image?: string;
  /** A serverless template the endpoint is made from (RunPod merges its env under the body's). */
  templateId?: string;
  /** The file's env (a Hub listing: each `value`, else the input's `default`). */
  env: Env;
  /** The file's fields an endpoint create takes as written ({@link ENDPOINT_FIELDS}). */
  asWritten: Pick<EndpointCreateInput, (typeof ENDPOINT_FIELDS)[number]>;
  allowedCudaVersions?: string[];
  /**
   * The GPU types or pools the file names in `field`, as written (a Hub listing's `gpuIds` but the
   * excluded; a template file's `gpu.id`): the catalog maps them to pools ({@link poolsOf}).
   */
  gpus?: { field: 'gpu' | 'gpuIds'; names: string[] };
  /** The pools `gpus` are in, when the catalog was given: preselected. */
  pools?: string[];
  /** Fields of the file an endpoint create does not take, left out (named in a note; `gpu.count`: a Pod's count, which pools do not take). */
  dropped: string[];
}

export type SourceResult = { ok: true; source: EndpointSource } | FieldRefusal;

/**
 * Template file fields an endpoint create takes as they are, in the order the body lists them
 * (shared runpod-api.md "Serverless endpoints", the create body: the container fields and
 * `dataCenterIds`). The file's others are the template's own (below), asked otherwise (`cpu`,
 * refused; `gpu`, a Pod's {"id", "count"}, becomes the pool of its GPU type: an endpoint create
 * takes GPUs as pools), or left out and named: `mounts`, `startSsh`, `startJupyter`, `cloud`.
 */
export const ENDPOINT_FIELDS = ['args', 'disk', 'ports', 'registry', 'dataCenterIds'] as const;
/** Fields of a template file that are the template's own, not the endpoint's: used or dropped quietly. */
const TEMPLATE_ONLY = ['serverless', 'templateId', 'allowedCudaVersions', 'public', 'category'] as const;
/**
 * Why a file asking for a CPU endpoint is refused: dropping the ask would start GPU workers. The
 * editor's Deploy Endpoint and `runpod-check endpoints deploy` both refuse in these words (and the
 * command line's help), so they name neither command.
 */
export const GPU_POOLS_ONLY = 'the deploy asks for GPU pools only; deploy a CPU endpoint from the RunPod console';

/** True when a template file's text is a serverless template (`"serverless": true`); false for anything else, unreadable included. */
export function isServerlessTemplateText(text: string): boolean {
  const parsed = parseTemplateFile(text);
  return parsed.ok && isServerlessTemplate(parsed.body);
}

/**
 * A template file as an endpoint's container. A file that says `"serverless": false` is a Pod
 * template and refused; one that does not say is taken (the command line's files often omit it).
 * A field the template schema does not know is refused as Launch Pod refuses it.
 */
export function endpointFromTemplateFile(body: TemplateFileBody, catalog: readonly GpuType[] = []): SourceResult {
  const { name, image, env, rest } = body;
  if (rest['serverless'] === false) return fieldRefusal('serverless', '"serverless" is false: this is a Pod template, and an endpoint needs a serverless one');
  const unknown = unknownFieldRefusal(body);
  if (unknown) return unknown;
  // An endpoint create takes `cpu` (runpod-api.md), but this deploy sends GPU pools: said, not dropped. A null asks for nothing.
  if (asksFor(rest['cpu'])) return fieldRefusal('cpu', `"cpu" asks for a CPU endpoint: ${GPU_POOLS_ONLY}`);
  const source: EndpointSource = { name: name ?? '', env: mergeEnv(env, undefined), asWritten: fieldsAsWritten(body, ENDPOINT_FIELDS), dropped: [] };
  if (image !== undefined) source.image = image;
  const templateId = templateIdOf(body);
  if (typeof templateId === 'object') return templateId;
  if (templateId !== undefined) source.templateId = templateId;
  const cuda = rest['allowedCudaVersions'];
  if (Array.isArray(cuda)) source.allowedCudaVersions = cuda.filter((v): v is string => typeof v === 'string');
  // Checked as Launch Pod checks it: a malformed one would otherwise be dropped with the pool it asks for.
  const gpu = gpuOf(body);
  if (gpu && 'ok' in gpu) return gpu;
  if (gpu) withGpus(source, { field: 'gpu', names: [gpu.id.trim()] }, catalog);
  source.dropped = droppedFields(body, [...TEMPLATE_ONLY, ...ENDPOINT_FIELDS, 'gpu']);
  // The count of a Pod's {"id", "count"}: an endpoint create takes pools, not a count. Said where the other fields left out are.
  if (gpu && asksFor((rest['gpu'] as { count?: unknown }).count)) source.dropped.push('gpu.count');
  return { ok: true, source };
}


/**
 * A `.runpod/hub.json` as an endpoint: its env (`config.env`, each entry's `value`, else its
 * input's `default`; an input without a default is left for the user's env file), the container
 * disk, CUDA versions, and the GPU pools its `gpuIds` name (**inferred** shape: a comma-separated
 * list of pool ids or GPU ids, `-` excluding one; only entries the catalog knows are kept). It has
 * no image: the Hub builds one from the repository, so the deploy asks for it.
 * @param body the listing as the one template-file reader parsed it (a Hub listing has no
 *   top-level name/image/env, so everything is in `rest`): the caller says its parse errors once
 * @param text the text `body` was parsed from, whose env the core's hub reader reads
 * @param catalog the GPU catalog, to map a GPU id or name in `gpuIds` to its pool
 */
export function endpointFromHubJson(body: TemplateFileBody, text: string, catalog: readonly GpuType[] = []): SourceResult {
  const listing = body.rest;
  const config = isRecord(listing['config']) ? listing['config'] : {};
  if (listing['type'] !== undefined && listing['type'] !== 'serverless') return fieldRefusal('type', '"type" is not "serverless": this Hub listing does not describe an endpoint');
  if (config['runsOn'] === 'CPU') return fieldRefusal(['config', 'runsOn'], `"runsOn" is "CPU": ${GPU_POOLS_ONLY}`);

  // fromEntries: a key named __proto__ is a member, not the prototype; the last entry of a key wins, as for env files.
  const env: Env = Object.fromEntries(readHubJson(text).variables.map((v) => [v.key, v.value]));
  const title = typeof listing['title'] === 'string' ? listing['title'].trim().slice(0, RESOURCE_NAME_MAX_LENGTH) : '';
  const source: EndpointSource = { name: title, env: mergeEnv(undefined, env), asWritten: {}, dropped: [] };
  const disk = config['containerDiskInGb'];
  if (typeof disk === 'number' && Number.isInteger(disk) && disk > 0) source.asWritten.disk = disk;
  const cuda = config['allowedCudaVersions'];
  if (Array.isArray(cuda)) source.allowedCudaVersions = cuda.filter((v): v is string => typeof v === 'string');
  withGpus(source, { field: 'gpuIds', names: gpuIdsEntries(config['gpuIds']) }, catalog);
  return { ok: true, source };
}

/** `source` with the GPUs the file names and, when the catalog knows them, their pools. */
function withGpus(source: EndpointSource, gpus: NonNullable<EndpointSource['gpus']>, catalog: readonly GpuType[]): void {
  if (gpus.names.every((n) => n === '')) return;
  source.gpus = gpus;
  const pools = poolsOf(gpus.names, catalog);
  if (pools.length > 0) source.pools = pools;
}

/** `"ADA_24,NVIDIA GeForce RTX 4090,-AMPERE_16"` to the entries it asks for, trimmed (the excluded left out). */
function gpuIdsEntries(value: unknown): string[] {
  const entries = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  return entries.map((e) => e.trim()).filter((e) => e !== '' && !e.startsWith('-'));
}

/** Pool ids or GPU ids (or the catalog's names of them) to the catalog's pools they name, in order, once each; the unknown left out. */
export function poolsOf(gpus: readonly string[], catalog: readonly GpuType[]): string[] {
  const pools: string[] = [];
  for (const entry of new Set(gpus)) {
    const pool = catalog.find((g) => g.pool === entry)?.pool ?? catalog.find((g) => g.id === entry || g.name === entry)?.pool;
    if (pool && !pools.includes(pool)) pools.push(pool);
  }
  return pools;
}

/**
 * What a deploy did with the file's GPUs, for the command line's note; it names the catalog's
 * pools, never the file's text. `byFlag`: --gpu-pool chose the pools instead.
 */
export function gpusNote(gpus: NonNullable<EndpointSource['gpus']>, pools: readonly string[], byFlag: boolean): string {
  if (byFlag) return `"${gpus.field}" not sent: --gpu-pool chose the pools`;
  return `"${gpus.field}" sent as the GPU ${pools.length === 1 ? 'pool' : 'pools'} holding ${gpus.names.length === 1 ? 'that GPU type' : 'them'}: ${pools.join(', ')} (an endpoint create takes GPUs as pools)`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
