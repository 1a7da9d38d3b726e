/**
 * RunPod's own API base URL, alone in a module without imports so the messages that show it as
 * the example (messages.ts) can import it without an import cycle through baseUrl.ts.
 */

/** REST v2; v1 was retired (see shared runpod-api.md). */
export const DEFAULT_BASE_URL = 'https://api.runpod.io/v2';
