/**
 * The clouds a Pod runs in, stated once (shared runpod-api.md, Pods: `cloud` is `SECURE`, the
 * default, or `COMMUNITY`; the GPU catalog gives each GPU type's `secure` and `community` offer and
 * price): the value RunPod takes, the name users see, and the catalog's key. The Launch Pod picker,
 * summaries, the Pods view, the template-file reader, `pods launch --cloud` and the JSON schema's
 * enum (a test holds it to this table) all read it here.
 */

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
}

/** Every cloud, in the order pickers and lists show them (the default first). */
export const CLOUD_TYPES: readonly CloudType[] = [
  { value: 'SECURE', name: 'Secure Cloud', short: 'Secure', catalogKey: 'secure' },
  { value: 'COMMUNITY', name: 'Community Cloud', short: 'Community', catalogKey: 'community' },
];

/** The cloud RunPod uses when a create names none. */
export const DEFAULT_CLOUD: Cloud = 'SECURE';

/** Every cloud's value. */
export const CLOUDS: readonly Cloud[] = CLOUD_TYPES.map((c) => c.value);

/** `SECURE or COMMUNITY`: the allowed values, for a message that refuses another. */
export const CLOUD_VALUES_TEXT = CLOUDS.join(' or ');

/** Whether `value` is a cloud RunPod takes (exactly, upper case). */
export function isCloud(value: unknown): value is Cloud {
  return typeof value === 'string' && (CLOUDS as readonly string[]).includes(value);
}

/** The table's row for `cloud`; absent is the default, as RunPod reads a create (and the API parser keeps no other value). */
export function cloudType(cloud: string | undefined): CloudType {
  return CLOUD_TYPES.find((c) => c.value === cloud) ?? CLOUD_TYPES.find((c) => c.value === DEFAULT_CLOUD)!;
}
