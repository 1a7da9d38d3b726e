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
import { droppedFields, fieldRefusal, isServerlessTemplate, parseTemplateFile, templateIdOf, unknownFieldRefusal, type FieldRefusal, type TemplateFileBody } from '../launch/templateFile';
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
  /** Container fields sent as written (`args`, `disk`, `ports`, `registry`). */
  container: Pick<EndpointCreateInput, 'args' | 'disk' | 'ports' | 'registry'>;
  allowedCudaVersions?: string[];
  /** GPU pools the file asks for (a Hub listing's `gpuIds`), to preselect. */
  pools?: string[];
  /** Fields of the file an endpoint create does not take, left out (named in a note). */
  dropped: string[];
}

export type SourceResult = { ok: true; source: EndpointSource } | FieldRefusal;

/** Template file fields an endpoint create takes as they are (shared runpod-api.md "Serverless endpoints"). */
const CONTAINER_FIELDS = ['args', 'disk', 'ports', 'registry'] as const;
/** Fields of a template file that are the template's own, not the endpoint's: used or dropped quietly. */
const TEMPLATE_ONLY = ['serverless', 'templateId', 'allowedCudaVersions', 'public', 'category'] as const;

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
export function endpointFromTemplateFile(body: TemplateFileBody): SourceResult {
  const { name, image, env, rest } = body;
  if (rest['serverless'] === false) return fieldRefusal('serverless', '"serverless" is false: this is a Pod template, and an endpoint needs a serverless one');
  const unknown = unknownFieldRefusal(body);
  if (unknown) return unknown;
  const source: EndpointSource = { name: name ?? '', env: mergeEnv(env, undefined), container: {}, dropped: [] };
  if (image !== undefined) source.image = image;
  const templateId = templateIdOf(body);
  if (typeof templateId === 'object') return templateId;
  if (templateId !== undefined) source.templateId = templateId;
  const cuda = rest['allowedCudaVersions'];
  if (Array.isArray(cuda)) source.allowedCudaVersions = cuda.filter((v): v is string => typeof v === 'string');
  for (const field of CONTAINER_FIELDS) if (rest[field] !== undefined) (source.container as Record<string, unknown>)[field] = rest[field];
  source.dropped = droppedFields(body, [...TEMPLATE_ONLY, ...CONTAINER_FIELDS]);
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
  if (config['runsOn'] === 'CPU') return fieldRefusal(['config', 'runsOn'], '"runsOn" is "CPU": Deploy Endpoint deploys to GPU pools; deploy a CPU endpoint from the RunPod console');

  const env: Env = {};
  for (const v of readHubJson(text).variables) env[v.key] = v.value; // the last entry of a key wins, as for env files
  const title = typeof listing['title'] === 'string' ? listing['title'].trim().slice(0, RESOURCE_NAME_MAX_LENGTH) : '';
  const source: EndpointSource = { name: title, env: mergeEnv(undefined, env), container: {}, dropped: [] };
  const disk = config['containerDiskInGb'];
  if (typeof disk === 'number' && Number.isInteger(disk) && disk > 0) source.container.disk = disk;
  const cuda = config['allowedCudaVersions'];
  if (Array.isArray(cuda)) source.allowedCudaVersions = cuda.filter((v): v is string => typeof v === 'string');
  const pools = poolsFromGpuIds(config['gpuIds'], catalog);
  if (pools.length > 0) source.pools = pools;
  return { ok: true, source };
}

/** `"ADA_24,NVIDIA GeForce RTX 4090,-AMPERE_16"` to the catalog's pools it names, in order, once each. */
function poolsFromGpuIds(value: unknown, catalog: readonly GpuType[]): string[] {
  const entries = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const pools: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '' || entry.startsWith('-')) continue;
    const pool = catalog.find((g) => g.pool === entry)?.pool ?? catalog.find((g) => g.id === entry || g.name === entry)?.pool;
    if (pool && !pools.includes(pool)) pools.push(pool);
  }
  return pools;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
