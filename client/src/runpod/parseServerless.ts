/**
 * Tolerant parsers for serverless answers (endpoints, workers, releases) and log events, in the
 * manner of parse.ts: the fields the rest of the extension relies on are checked or defaulted,
 * anything else RunPod adds is kept. Release diffs keep no env value, whatever the server sends.
 */
import { isObject, listOf, requireObject, requireString, ShapeError, stringMap, stringOr, type Json } from './parse';
import type { Endpoint, LogLine, Release, ReleaseChange, Worker } from './types';

/** The list wrappers RunPod's docs and examples use for endpoints (inferred; a bare array too). */
const ENDPOINT_LIST_KEYS = ['endpoints', 'serverless'] as const;

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** An endpoint; `workers` bounds default to 0 so the view never meets undefined. */
export function parseEndpoint(value: unknown): Endpoint {
  const record = requireObject(value, 'endpoint');
  // The numbers the view shows are numbers or left out: an idle timeout of Markdown reached the tooltip.
  const { min, max, idleTimeout, ...rest } = isObject(record.workers) ? record.workers : {};
  const timeout = num(idleTimeout);
  const gpu = isObject(record.gpu) ? record.gpu : undefined;
  const endpoint: Endpoint = {
    ...(record as Partial<Endpoint>),
    id: requireString(record, 'id', 'endpoint'),
    name: stringOr(record.name, ''),
    type: stringOr(record.type, 'QUEUE'),
    image: stringOr(record.image, ''),
    env: stringMap(record.env),
    workers: { ...rest, min: num(min) ?? 0, max: num(max) ?? 0, ...(timeout === null ? {} : { idleTimeout: timeout }) },
    createdAt: stringOr(record.createdAt, ''),
  };
  if (gpu) endpoint.gpu = { ...gpu, pools: Array.isArray(gpu.pools) ? gpu.pools.filter((p): p is string => typeof p === 'string') : [] };
  const version = num(record.version);
  if (version === null) delete endpoint.version;
  else endpoint.version = version;
  return endpoint;
}

/** `{"endpoints": [...]}`, `{"serverless": [...]}` or a bare array. */
export function parseEndpointList(body: unknown): Endpoint[] {
  const key = ENDPOINT_LIST_KEYS.find((k) => isObject(body) && Array.isArray(body[k])) ?? ENDPOINT_LIST_KEYS[0];
  return listOf(key, parseEndpoint)(body);
}

function parseWorker(value: unknown): Worker {
  const record = requireObject(value, 'worker');
  const worker: Worker = {
    id: requireString(record, 'id', 'worker'),
    status: stringOr(record.status, 'UNKNOWN'),
    version: num(record.version),
    isStale: record.isStale === true,
  };
  if (typeof record.startedAt === 'string') worker.startedAt = record.startedAt;
  return worker;
}

export const parseWorkerList = listOf('workers', parseWorker);

function parseRelease(value: unknown): Release {
  const record = requireObject(value, 'release');
  const version = num(record.version);
  if (version === null) throw new ShapeError('release has no version');
  return {
    version,
    createdAt: stringOr(record.createdAt, ''),
    source: stringOr(record.source, ''),
    workerCount: num(record.workerCount),
    diff: Array.isArray(record.diff) ? record.diff.filter(isObject).map(parseChange).filter((c): c is ReleaseChange => c !== undefined) : [],
  };
}

export const parseReleaseList = listOf('releases', parseRelease);

/** Env is named in a field like `template.env`, `env` or `template.env.KEY`. */
function isEnvField(field: string): boolean {
  return /(^|\.)env(\.|$)/i.test(field);
}

function parseChange(item: Json): ReleaseChange | undefined {
  if (typeof item.field !== 'string' || item.field === '') return undefined;
  const present = (v: unknown) => v !== undefined && v !== null;
  const change = !present(item.old) ? 'added' : !present(item.new) ? 'removed' : 'changed';
  const out: ReleaseChange = { field: item.field, change };
  if (!isEnvField(item.field)) {
    if (typeof item.old === 'string') out.old = item.old;
    if (typeof item.new === 'string') out.new = item.new;
  }
  return out;
}

/**
 * The data of a log event: `{"source", "line", "ts"}`. Throws ShapeError for anything else; the
 * line is kept exactly as sent (the caller neutralises it for display).
 */
export function parseLogData(id: string, data: string): LogLine {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    throw new ShapeError('a log event that is not JSON');
  }
  if (!isObject(value) || typeof value.line !== 'string') throw new ShapeError('a log event without a line');
  const source = value.source === 'container' || value.source === 'system' ? value.source : 'unknown';
  const ts = typeof value.ts === 'string' ? value.ts : id;
  return { id: id || ts, source, line: value.line, ts };
}
