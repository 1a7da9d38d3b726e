/**
 * API key permission levels. RunPod keys are created with read/write, read-only or restricted
 * access; a valid key without the needed permission gets **403** (shared runpod-api.md), while a
 * key RunPod does not know stays 401. The detail names the permission that is missing, never the key.
 */
import { ProblemError } from './problem';

export const KEY_ACCESS_LEVELS = ['read-write', 'read-only', 'none'] as const;
/** What the fake's one API key may do: everything, GETs only, or nothing at all. */
export type KeyAccess = (typeof KEY_ACCESS_LEVELS)[number];

export function isKeyAccess(text: string | undefined): text is KeyAccess {
  return (KEY_ACCESS_LEVELS as readonly string[]).includes(text ?? '');
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The 403 a request with the right key meets under `access`, or undefined when it may go on.
 * Checked after authentication and before routing and body validation, as a gateway would.
 */
export function accessProblem(access: KeyAccess, method: string, path: string): ProblemError | undefined {
  if (access === 'none' && (path === '/v2' || path.startsWith('/v2/'))) {
    return new ProblemError(403, 'this API key has no API access: it needs the read permission (or read/write) for the REST API');
  }
  if (access === 'read-only' && WRITE_METHODS.has(method)) {
    return new ProblemError(403, `this API key is read-only: ${method} ${path} needs the read/write permission`);
  }
  return undefined;
}
