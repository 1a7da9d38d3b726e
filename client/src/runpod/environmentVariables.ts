/**
 * The names of the environment variables that configure the RunPod client: read by the command
 * line, and by the extension the key (at activation, for a demo or CI) and the config file's place
 * (Import Key from RunPod CLI Config). Named here once, for the code that reads them and every message and
 * help text that tells the user to set one.
 */

/** The API key (the command line's default key; the extension's demo/CI key when none is stored). */
export const API_KEY_ENV = 'RUNPOD_API_KEY';
/** The API base URL the command line uses instead of RunPod's (runpod/baseUrl.ts rules it). */
export const API_URL_ENV = 'RUNPOD_API_URL';
/** The command line's per-request timeout in milliseconds (runpod/timeout.ts bounds it). */
export const TIMEOUT_ENV = 'RUNPOD_TIMEOUT_MS';
/** The account whose key the command line uses when --account is not given (cli/keySource.ts). */
export const ACCOUNT_ENV = 'RUNPOD_ACCOUNT';
/** Where the RunPod CLI config is read instead of `~/.runpod/config.toml` (auth/runpodConfigFile.ts). */
export const CONFIG_FILE_ENV = 'RUNPOD_CONFIG_FILE';
