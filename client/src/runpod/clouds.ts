/**
 * The clouds a Pod runs in, stated once (shared runpod-api.md, Pods: `cloud` is `SECURE`, the
 * default, or `COMMUNITY`; the GPU catalog gives each GPU type's `secure` and `community` offer and
 * price): the value RunPod takes, the name users see, and the catalog's key. The Launch Pod picker,
 * summaries, the Pods view, the template-file reader, `pods launch --cloud` and the JSON schema's
 * enum (a test holds it to this table) all read it here.
 */
import { oneLine } from '../../../server/src/template/displayText';

/** A cloud as the API takes it. */
export type Cloud = 'SECURE' | 'COMMUNITY';

export interface CloudType {
  value: Cloud;
  /** RunPod's product name: `Secure Cloud`. */
  name: string;
  /** The name without `Cloud`, where the word is clear from around it (`Secure $0.69/hr · Community $0.34/hr`). */
  short: string;
  /** The field of a catalog GPU type (and of its `price` and availability) about this cloud. */
  catalogKey: 'secure' | 'community';
  /** Where its Pods run, for a picker that asks which cloud: `RunPod data centres`. */
  where: string;
}

/** Every cloud, in the order pickers and lists show them (the default first). */
export const CLOUD_TYPES: readonly CloudType[] = [
  { value: 'SECURE', name: 'Secure Cloud', short: 'Secure', catalogKey: 'secure', where: 'RunPod data centres' },
  { value: 'COMMUNITY', name: 'Community Cloud', short: 'Community', catalogKey: 'community', where: 'vetted hosts' },
];

/** The cloud RunPod uses when a create names none. */
export const DEFAULT_CLOUD: Cloud = 'SECURE';

/** Every cloud's value. */
export const CLOUDS: readonly Cloud[] = CLOUD_TYPES.map((c) => c.value);

/** `SECURE or COMMUNITY`: the allowed values, for a message that refuses another. */
export const CLOUD_VALUES_TEXT = CLOUDS.join(' or ');

/** `Secure Cloud (RunPod data centres) or Community Cloud (vetted hosts)`: the question a cloud picker asks. */
export const CLOUD_CHOICE_TEXT = CLOUD_TYPES.map((c) => `${c.name} (${c.where})`).join(' or ');

/** Whether `value` is a cloud RunPod takes (exactly, upper case). */
export function isCloud(value: unknown): value is Cloud {
  return typeof value === 'string' && (CLOUDS as readonly string[]).includes(value);
}

/**
 * How a cloud a Pod reports is shown: `Secure Cloud`, a value RunPod adds later as sent (on one
 * line), or undefined when none was sent. Never passed off as another cloud (nor as the default: a
 * create without `cloud` gets the default, a Pod listed without one says nothing about its cloud).
 */
export function cloudText(cloud: string | undefined): string | undefined {
  if (cloud === undefined) return undefined;
  return CLOUD_TYPES.find((c) => c.value === cloud)?.name ?? oneLine(cloud);
}

/** The table's row for a cloud a create names; absent is the default, as RunPod reads a create (a listed Pod's cloud: {@link cloudText}). */
export function cloudType(cloud: Cloud | undefined): CloudType {
  return CLOUD_TYPES.find((c) => c.value === cloud) ?? CLOUD_TYPES.find((c) => c.value === DEFAULT_CLOUD)!;
}
