/**
 * Checks that successful answers have the shape the rest of the extension relies on, and copies
 * only known fields of secrets (a `value` a server might send back is dropped, never passed on).
 * A mismatch throws ShapeError, which the client reports as 'bad-response'.
 */
import type { GpuType, Pod, PodAction, Secret, Template } from './types';
import { isShownAsIs, SHOWN_TEXT_MAX } from '../../../server/src/template/displayText';
import { newPath, walkValidJson } from '../../../server/src/template/readers/validJson';
import { heldDescription } from '../../../server/src/template/names';
import { parseInstant } from '../../../server/src/template/dates';

export class ShapeError extends Error {
  override readonly name = 'ShapeError';
}

export type Json = Record<string, unknown>;

/**
 * Whether JSON text that `JSON.parse` accepted holds arrays and objects nested deeper than the
 * file readers' bound (tooDeep.ts MAX_NESTING). JSON.parse reads a few kilobytes of `[` nested
 * 20,000 deep, but every later walk of the value recurses once per level and overflows the stack:
 * an error body's detail, and a template, Pod or GPU type kept with its unknown fields, which
 * `--json` prints, Push Template diffs and Launch Pod sends back. A broken or hostile server's
 * answer like that is refused where it is read, as no RunPod answer nests so deep. The file
 * readers' own walk decides, so the two bounds cannot drift apart.
 */
export function nestsTooDeeply(text: string): boolean {
  // No handlers: the depth alone, no string decoded (this runs on every API answer).
  return walkValidJson(text, newPath()) !== undefined;
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireObject(value: unknown, what: string): Json {
  if (!isObject(value)) throw new ShapeError(`${what} is not an object`);
  return value;
}

export function requireString(record: Json, field: string, what: string): string {
  const value = record[field];
  if (typeof value !== 'string' || value === '') throw new ShapeError(`${what} has no ${field}`);
  return value;
}

export function optionalString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A field RunPod may omit: its string, or `fallback` so the rest of the extension never sees undefined. */
export function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

export function stringMap(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  // fromEntries defines each key as data: an env var named `__proto__` stays a key (assigned, it set the prototype and was lost).
  return Object.fromEntries(Object.entries(value).filter(([, item]) => typeof item === 'string')) as Record<string, string>;
}

/** A list answer: `{"<key>": [...]}` or, as RunPod may also answer, a bare array. */
function parseList(body: unknown, key: string): unknown[] {
  if (Array.isArray(body)) return body;
  if (isObject(body) && Array.isArray(body[key])) return body[key] as unknown[];
  throw new ShapeError(`expected a list of ${key}`);
}

/** A parser for a list answer under `key` whose items are each checked by `parseItem`. */
export function listOf<T>(key: string, parseItem: (value: unknown) => T): (body: unknown) => T[] {
  return (body) => parseList(body, key).map(parseItem);
}

const heldOrNull = (description: string | null): string | null => (description === null ? null : heldDescription(description));

/**
 * Secret metadata; exactly the documented fields (a description past RunPod's limit cut: heldDescription).
 * The description passes `redact` (the client's redactor) before anything else: no secret's
 * description holds the API key or a value this client sent, so such an echo is a broken or hostile
 * server's, and the CLI's lists and the Secrets view would print it. The dates are kept only when
 * they are dates (dates.ts parseInstant), which no echo is; redacting them instead turned
 * `2025-01-02...` into `[redacted]-...` once a value `2025` was typed, and the rotation age with it.
 * The id and the name are kept as sent: they address the secret, and the redactor's prefix rule
 * would rename one whose value begins with its name (`hf-token-prod` = `hf-token-prod-2f9c...`),
 * which no look-up would find.
 */
export function parseSecret(value: unknown, redact: (text: string) => string = (text) => text): Secret {
  const record = requireObject(value, 'secret');
  const date = (field: string): string | null => {
    const text = record[field];
    return typeof text === 'string' && parseInstant(text) !== undefined ? text : null;
  };
  return {
    id: requireString(record, 'id', 'secret'),
    name: requireString(record, 'name', 'secret'),
    createdAt: date('createdAt') ?? '',
    description: heldOrNull(typeof record.description === 'string' ? redact(record.description) : null),
    valueLastUpdatedAt: date('valueLastUpdatedAt'),
  };
}

/** A template; unknown fields are kept (the wizard and Push Template pass them back), env holds only strings. */
export function parseTemplate(value: unknown): Template {
  const record = requireObject(value, 'template');
  return {
    ...(record as Partial<Template>),
    id: requireString(record, 'id', 'template'),
    name: requireString(record, 'name', 'template'),
    image: stringOr(record.image, ''),
    env: stringMap(record.env),
  };
}

/**
 * A Pod; the fields every reader needs get safe defaults when RunPod omits them. `gpu`, `ssh`,
 * `cloud` and `actions` stay as RunPod sent them (`--json` prints them so); the views, the launch
 * follow-up and Copy SSH Command read them through podGpu, podSsh, podCloud and podActions below.
 */
export function parsePod(value: unknown): Pod {
  const record = requireObject(value, 'pod');
  return {
    ...(record as Partial<Pod>),
    id: requireString(record, 'id', 'pod'),
    name: stringOr(record.name, ''),
    image: stringOr(record.image, ''),
    status: requireString(record, 'status', 'pod') as Pod['status'],
    env: stringMap(record.env),
    createdAt: stringOr(record.createdAt, ''),
  };
}

/**
 * What of a Pod's `gpu` (kept as RunPod sent it: `--json` prints it so) reads as one: an id that is
 * text, a count that is a whole number of GPUs; null or absent for a CPU Pod. Anything else RunPod
 * sent (a string, a count of 1e309, which JSON reads as Infinity) is left out, for the views to say
 * "unknown" (podNodes.ts computeText) rather than "Infinity × A".
 */
export function podGpu(value: unknown): { id?: string; count?: number } | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (!isObject(value)) return {};
  const { id, count } = value;
  return { ...(typeof id === 'string' && id !== '' ? { id } : {}), ...(Number.isSafeInteger(count) && (count as number) > 0 ? { count: count as number } : {}) };
}

/** A Pod's SSH details as the views and Copy SSH Command read them. */
export interface PodSsh {
  host?: unknown;
  port?: unknown;
  /** Only text that shows as it is: see {@link podSsh}. */
  command?: string;
}

/**
 * A Pod's SSH details (kept as RunPod sent them) with a command only when it is text that shows as
 * it is (displayText.ts isShownAsIs), and short enough for the tooltip to show it whole
 * (SHOWN_TEXT_MAX): Copy SSH Command puts it on the clipboard to be pasted into a terminal, where a
 * line break runs whatever follows it, though the tooltip showed one line. Anything else reads as
 * no command (the Pod offers none to copy), never as a field the views cannot show.
 */
export function podSsh(value: unknown): PodSsh | null | undefined {
  if (!isObject(value)) return value === undefined ? undefined : null;
  const { command, ...rest } = value;
  return typeof command === 'string' && command.length <= SHOWN_TEXT_MAX && isShownAsIs(command) ? { ...rest, command } : rest;
}

/** A Pod's cloud (kept as RunPod sent it) when it is text, for runpod/clouds.ts cloudText to name; anything else reads as not sent. */
export function podCloud(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * The actions RunPod allows on a Pod now (kept as sent): the entries that are text; none when the
 * field is absent or not a list. podStatus.ts podAllows decides with them.
 */
export function podActions(value: unknown): PodAction[] {
  return Array.isArray(value) ? (value.filter((a) => typeof a === 'string') as PodAction[]) : [];
}

/** A GPU type of the catalog; prices RunPod leaves out are null (unknown), never 0. */
export function parseGpuType(value: unknown): GpuType {
  const record = requireObject(value, 'GPU type');
  const id = requireString(record, 'id', 'GPU type');
  const price = isObject(record.price) ? record.price : {};
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    ...(record as Partial<GpuType>),
    id,
    name: stringOr(record.name, id),
    memory: num(record.memory) ?? 0,
    secure: record.secure === true,
    community: record.community === true,
    price: { secure: num(price.secure), community: num(price.community) },
    maxCount: num(record.maxCount) ?? 1,
  };
}
