/**
 * The names of the environment variables that configure the RunPod client: read by the command
 * line, and (the key only) by the extension at activation for a demo or CI. Named here once, for
 * the code that reads them and every message that tells the user to set one.
 */

/** The API key (the command line's default key; the extension's demo/CI key when none is stored). */
export const API_KEY_ENV = 'RUNPOD_API_KEY';
/** The API base URL the command line uses instead of RunPod's (runpod/baseUrl.ts rules it). */
export const API_URL_ENV = 'RUNPOD_API_URL';
/** The command line's per-request timeout in milliseconds (runpod/timeout.ts bounds it). */
export const TIMEOUT_ENV = 'RUNPOD_TIMEOUT_MS';
