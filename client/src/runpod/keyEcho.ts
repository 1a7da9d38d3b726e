/**
 * A Pod, template or endpoint with the API key taken out of every text it carries, nested ones
 * included: the lists, views and tooltips print its name and image, and also its cloud, type,
 * status, SSH command, scaling type and whatever else a view may come to show. No such text holds
 * the key, so one that does is a broken or hostile server's echo. One walk over the whole parsed
 * resource, so a field shown tomorrow is covered today.
 *
 * Kept as sent, where RunPod documents them: the resource's own ids (`id`, `templateId`,
 * `dataCenterIds`) and its GPU type's (`gpu.id`): they address things, and the key is in no real
 * one; and its `env`, the user's own values, which may hold the key on purpose (a Pod given
 * RUNPOD_API_KEY) and go back to RunPod at Launch and Push: taking the key out would send
 * `[redacted]` in its place. Named by place, not guessed from a name: a field RunPod adds later that
 * ends in `Id` (a `machineId`), or an `id` or `env` nested anywhere else, is text a view or `--json`
 * may show, and a hostile server picks its names.
 */
import { isObject } from './parse';

/** `item` (a resource, or a list of them) with `redact` (the key alone, not every value sent: a name like one is the user's) applied to its texts. */
export function withoutKeyEcho<T>(item: T, redact: (text: string) => string): T {
  return strip(item, redact, '') as T;
}

/** The fields kept as sent, by the object they are in: '' the resource itself, `gpu` its GPU type. */
const KEPT_AS_SENT: Readonly<Record<string, ReadonlySet<string>>> = {
  '': new Set(['id', 'templateId', 'dataCenterIds', 'env']),
  gpu: new Set(['id']),
};

/** @param at where `value` is: '' the resource, a top-level field's name, or undefined deeper (nothing kept there). */
function strip(value: unknown, redact: (text: string) => string, at: string | undefined): unknown {
  if (typeof value === 'string') return redact(value);
  // A list handed whole (listEndpoints) is of resources; any other list's items are deeper.
  if (Array.isArray(value)) return value.map((item) => strip(item, redact, at === '' ? '' : undefined));
  if (!isObject(value)) return value;
  const kept = at === undefined ? undefined : Object.hasOwn(KEPT_AS_SENT, at) ? KEPT_AS_SENT[at] : undefined;
  // Object.fromEntries defines own properties: a field named `__proto__` stays data.
  return Object.fromEntries(Object.entries(value).map(([field, item]) => [field, kept?.has(field) ? item : strip(item, redact, at === '' ? field : undefined)]));
}
