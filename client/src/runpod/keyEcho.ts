/**
 * A Pod, template or endpoint with the API key taken out of every text it carries, nested ones
 * included: the lists, views and tooltips print its name and image, and also its cloud, type,
 * status, SSH command, scaling type and whatever else a view may come to show. No such text holds
 * the key, so one that does is a broken or hostile server's echo. One walk over the whole parsed
 * resource, so a field shown tomorrow is covered today.
 *
 * Kept as sent: the id fields RunPod documents (`id`, `templateId`, `dataCenterIds`: they address
 * things, and the key is in no real one) and `env`, the user's own values, which may hold the key on
 * purpose (a Pod given RUNPOD_API_KEY) and go back to RunPod at Launch and Push: taking the key out
 * would send `[redacted]` in its place. Named, not guessed from the name: a field RunPod adds later
 * that ends in `Id` (a `machineId`) is text a view may show, and a hostile server picks its names.
 */
import { isObject } from './parse';

/** `item` with `redact` (the key alone, not every value sent: a name like one is the user's) applied to its texts. */
export function withoutKeyEcho<T>(item: T, redact: (text: string) => string): T {
  return strip(item, redact) as T;
}

const KEPT_AS_SENT: ReadonlySet<string> = new Set(['id', 'templateId', 'dataCenterIds', 'env']);
const keptAsSent = (field: string): boolean => KEPT_AS_SENT.has(field);

function strip(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => strip(item, redact));
  if (!isObject(value)) return value;
  // Object.fromEntries defines own properties: a field named `__proto__` stays data.
  return Object.fromEntries(Object.entries(value).map(([field, item]) => [field, keptAsSent(field) ? item : strip(item, redact)]));
}
