/**
 * The Serverless endpoint types RunPod documents (shared runpod-api.md, Serverless: `QUEUE` or
 * `LOAD_BALANCER`) and the word each is shown as: the Endpoints view, the endpoint picker and the
 * Deploy summary all say a type through {@link endpointTypeText}.
 */
import { oneLine } from '../../../server/src/template/displayText';
import type { EndpointType } from './types';

const ENDPOINT_TYPE_NAMES: Readonly<Record<EndpointType, string>> = { QUEUE: 'queue', LOAD_BALANCER: 'load balancer' };

/** Every type RunPod documents, in the order RunPod lists them. */
export const ENDPOINT_TYPES = Object.keys(ENDPOINT_TYPE_NAMES) as readonly EndpointType[];

/** `queue`, `load balancer`, or a type RunPod adds later as sent (lower case, on one line): never passed off as another. */
export function endpointTypeText(type: string): string {
  return Object.hasOwn(ENDPOINT_TYPE_NAMES, type) ? ENDPOINT_TYPE_NAMES[type as EndpointType] : oneLine(type.toLowerCase());
}
