/**
 * The exact `POST /v2/serverless` body for what the user chose, and the env the workers boot with.
 * Pure and shared: the Deploy Endpoint wizard, its summary and `runpod-check endpoints deploy`
 * build the body here, so what the summary lists is what is sent. Keys are set only when they have
 * a value: the v2 schemas reject unknown fields and the body must hold no `undefined`.
 */
import { count } from '../../../server/src/template/counts';
import { copyDefined, mergeEnv, type Env } from '../launch/plan';
import type { EndpointCreateInput } from '../runpod/types';
import { ENDPOINT_FIELDS, type EndpointSource } from './endpointSource';

/** How RunPod scales the workers: by how long a job waits, or by how many jobs are queued per worker. */
export type Scaling = { type: 'QUEUE_DELAY'; queueDelay: number } | { type: 'REQUEST_COUNT'; requestCount: number };

export interface DeployChoices {
  name: string;
  /** The image when the source has none (a Hub listing), or to replace the file's. */
  image?: string;
  /** An env file's variables: they win per key over the source's. */
  envOverrides?: Env;
  pools: readonly string[];
  /** A setting left out (or undefined) is Deploy's default ({@link deployWorkers}). */
  workers?: { min?: number | undefined; max?: number | undefined; idleTimeout?: number | undefined };
  /** Left out: Deploy's default ({@link ENDPOINT_DEFAULTS}). */
  scaling?: Scaling | undefined;
}

/**
 * Where the endpoint comes from: an account template (RunPod applies it once, at create), or a
 * file's fields (which may name a template too).
 */
export type DeploySource = { kind: 'template'; templateId: string } | { kind: 'fields'; fields: EndpointSource };

/** Builds the create body. The env is the source's with the overrides merged over it (per key, overrides winning). */
export function endpointBodyFor(source: DeploySource, choices: DeployChoices): EndpointCreateInput {
  const body: EndpointCreateInput = { name: choices.name };
  const fields = source.kind === 'fields' ? source.fields : undefined;
  const templateId = source.kind === 'template' ? source.templateId : fields?.templateId;
  if (templateId !== undefined) body.templateId = templateId;
  const image = choices.image ?? fields?.image;
  if (image !== undefined) body.image = image;
  if (fields) copyDefined(body, fields.asWritten, ENDPOINT_FIELDS);
  const env = mergeEnv(fields?.env, choices.envOverrides);
  if (Object.keys(env).length > 0) body.env = env;
  body.gpu = { pools: [...choices.pools], ...(fields?.allowedCudaVersions ? { allowedCudaVersions: [...fields.allowedCudaVersions] } : {}) };
  body.workers = deployWorkers(choices.workers ?? {});
  body.scaling = { ...(choices.scaling ?? ENDPOINT_DEFAULTS.scaling) };
  return body;
}

/**
 * The workers a deploy sends: each setting not chosen is {@link ENDPOINT_DEFAULTS}'s, what Deploy's
 * boxes open with, so `endpoints deploy --workers-min 5` sends what the editor sends for a minimum
 * of 5 and nothing else typed, and the range checked ({@link workerRangeProblem}) is the one sent.
 */
export function deployWorkers(asked: { min?: number | undefined; max?: number | undefined; idleTimeout?: number | undefined }): { min: number; max: number; idleTimeout: number } {
  return { min: asked.min ?? ENDPOINT_DEFAULTS.workers.min, max: asked.max ?? ENDPOINT_DEFAULTS.workers.max, idleTimeout: asked.idleTimeout ?? ENDPOINT_DEFAULTS.idleTimeout };
}

/** What RunPod does at 0 minimum workers (its default, when the body names none): one wording for the CLI and the editor. */
export const NO_MIN_WORKERS = 'with 0 minimum workers RunPod starts one when a request arrives';

/** What RunPod does about workers once an endpoint is created with minimum `min`: none starts yet at 0, else that many start. */
export function workersAtCreate(min: number | undefined): string {
  if (!min) return `no worker starts yet: ${NO_MIN_WORKERS}`;
  return `${count(min, 'worker is', 'workers are')} starting`;
}

/**
 * Bounds the wizard's boxes (and the command line's flags) accept, to catch a typo early. RunPod
 * enforces its own, per account, and names a field it rejects in its 422. It documents no fixed most
 * workers (a per-account quota), so `maxWorkers` is a sanity bound (three digits); the fake API
 * states the same bounds and test/fake-runpod/differential.test.ts holds the two together.
 */
export const WORKER_LIMITS = { maxWorkers: 999, maxIdleTimeoutSeconds: 3600, maxQueueDelaySeconds: 3600, maxRequestCount: 10_000 } as const;

/**
 * Reads a worker range typed as `min..max` (also `min-max`, `min to max`, or one number for both).
 * @returns the bounds, or a message saying what is wrong
 */
export function parseWorkerRange(text: string): { min: number; max: number } | string {
  const match = /^\s*(\d{1,3})\s*(?:(?:\.\.|-|–|to)\s*(\d{1,3}))?\s*$/i.exec(text);
  if (!match) return 'Type the worker range as min..max, e.g. 0..3.';
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  return workerRangeProblem({ min, max }) ?? { min, max };
}

/**
 * What is wrong with a worker range, or undefined: the wizard's box and the command line's
 * --workers-min/--workers-max. A deploy judges the range it sends ({@link deployWorkers}), an
 * update the endpoint's bounds under the ones given; only a bound still unknown is left unchecked.
 */
export function workerRangeProblem({ min, max }: { min?: number | undefined; max?: number | undefined }): string | undefined {
  if ((min ?? 0) > WORKER_LIMITS.maxWorkers || (max ?? 0) > WORKER_LIMITS.maxWorkers) return `At most ${WORKER_LIMITS.maxWorkers} workers.`;
  if (min !== undefined && max !== undefined && min > max) return 'The minimum must not exceed the maximum.';
  if (max === 0) return 'At least one worker as the maximum: an endpoint with max 0 never runs a job.';
  return undefined;
}

/**
 * A whole number typed into a box, within `[low, high]`.
 * @returns the number, or a message saying what is wrong (`what` names the field)
 */
export function parseBounded(text: string, low: number, high: number, what: string): number | string {
  const trimmed = text.trim();
  if (!/^\d{1,6}$/.test(trimmed)) return `${what}: a whole number from ${low} to ${high}.`;
  const value = Number(trimmed);
  if (value < low || value > high) return `${what}: from ${low} to ${high}.`;
  return value;
}

/** The idle timeout typed into a box (Deploy, Change Workers): whole seconds, or a message saying what is wrong. */
export function parseIdleTimeout(text: string, label = 'Idle timeout'): number | string {
  return parseBounded(text, 1, WORKER_LIMITS.maxIdleTimeoutSeconds, label);
}

/** What a warm minimum costs: one sentence for the range box, Change Workers' confirmation and the command line's help. */
export const MIN_WORKERS_BILLED = 'A minimum above 0 keeps that many workers warm, billed while idle.';

/** What the idle timeout does: the idle box's prompt and the command line's help. */
export const IDLE_TIMEOUT_MEANING = 'how long a worker waits for the next job before it stops';

/**
 * What Deploy's boxes hold before anything is typed or recalled, and what any deploy sends for a
 * setting nobody chose (editor and command line: {@link deployWorkers}); Change Workers opens on an
 * endpoint's own values. runpod-api.md names no RunPod defaults; the fake assumes these, and
 * test/fake-runpod/differential.test.ts deploys one-sided ranges both ways to keep the two together.
 */
export const ENDPOINT_DEFAULTS = { workers: { min: 0, max: 3 }, idleTimeout: 5, scaling: { type: 'QUEUE_DELAY', queueDelay: 4 } as Scaling };

/** An input box's prompt, its check, and how it reads the text the check let through. */
export interface BoxRule<T> {
  prompt: string;
  validate(text: string): string | undefined;
  read(text: string): T;
}

/** The box of a parser that answers a value or a message saying what is wrong. */
export function boxRule<T>(prompt: string, parse: (text: string) => T | string): BoxRule<T> {
  return {
    prompt,
    validate: (text) => {
      const parsed = parse(text);
      return typeof parsed === 'string' ? parsed : undefined;
    },
    // Called only on text `validate` accepted (the box does not close otherwise).
    read: (text) => parse(text) as T,
  };
}

/** The worker range box of Deploy and Change Workers. */
export const WORKER_RANGE_BOX = boxRule(`Workers min..max (max caps the scale-out). ${MIN_WORKERS_BILLED}`, parseWorkerRange);

/** The idle timeout box of Deploy and Change Workers. */
export const IDLE_TIMEOUT_BOX = boxRule(`Idle timeout in seconds: ${IDLE_TIMEOUT_MEANING}`, (text) => parseIdleTimeout(text));

/** A worker range as the range box shows and reads it. */
export function workerRangeText({ min, max }: { min: number; max: number }): string {
  return `${min}..${max}`;
}

/**
 * The longest image name sent: the image boxes, `--image`, and a template file's "image" (the
 * schema's maxLength, which test/grammar/template-schema.test.ts holds to this; the fake states it too).
 */
export const IMAGE_MAX_LENGTH = 1024;

/** What is wrong with an image name typed into a box, or undefined (RunPod checks that it exists). */
export function imageProblem(text: string): string | undefined {
  const image = text.trim();
  if (image === '') return 'The worker needs an image.';
  if (/\s/.test(image)) return 'An image name has no spaces.';
  return image.length > IMAGE_MAX_LENGTH ? `At most ${IMAGE_MAX_LENGTH} characters.` : undefined;
}
