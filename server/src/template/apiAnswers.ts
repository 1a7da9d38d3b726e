/**
 * How large a RunPod API answer can be, and what that bounds. The extension's HTTP transport
 * (client/src/runpod/transport.ts) refuses a larger answer; the language server, which never
 * calls the API, bounds what the extension passes on from one answer by the same fact.
 */

/** The largest API answer the extension reads; no RunPod list comes near this. */
export const API_ANSWER_MAX_BYTES = 32 * 1024 * 1024;

/**
 * The smallest secret the extension takes from a list (client/src/runpod/parse.ts parseSecret: a
 * non-empty `id` and `name`; RunPod always sends `createdAt` too, but one without it is kept, its
 * date empty), with the comma between list items.
 */
const SMALLEST_LISTED_SECRET = `${JSON.stringify({ id: 'x', name: 'a' })},`;

/**
 * The most secrets one list answer the extension read can hold (1,458,888): a longer list came
 * from no answer, and is cut. It bounds what a broken or hostile server's list costs the language
 * server (a million names with descriptions took it ~4 s and ~830 MB).
 */
export const MAX_LISTED_SECRETS = Math.floor(API_ANSWER_MAX_BYTES / SMALLEST_LISTED_SECRET.length);
