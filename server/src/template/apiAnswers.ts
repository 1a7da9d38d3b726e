/**
 * How large a RunPod API answer can be, and what that bounds. The extension's HTTP transport
 * (client/src/runpod/transport.ts) refuses a larger answer; the language server, which never
 * calls the API, bounds what the extension passes on from one answer by the same fact.
 */

/** The largest API answer the extension reads; no RunPod list comes near this. */
export const API_ANSWER_MAX_BYTES = 32 * 1024 * 1024;

/**
 * The smallest secret RunPod lists (runpod-api.md: `id`, `name` and `createdAt` always present, a
 * name of at least one character, `createdAt` an instant), with the comma between list items.
 */
const SMALLEST_LISTED_SECRET = `${JSON.stringify({ id: 'x', name: 'a', createdAt: '2026-09-01T12:00:00Z' })},`;

/**
 * The most secrets one list answer can hold: a longer list did not come from RunPod. A broken or
 * hostile server's million names (with descriptions) took the language server ~4 s and ~830 MB.
 */
export const MAX_LISTED_SECRETS = Math.floor(API_ANSWER_MAX_BYTES / SMALLEST_LISTED_SECRET.length);
