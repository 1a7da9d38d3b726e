/** Public surface of the RunPod API client, for the extension and the command line. */
export { RunpodClient } from './client';
export { RunpodApiError, isRunpodApiError } from './errors';
export { DEFAULT_BASE_URL, normalizeBaseUrl, isLoopbackHost } from './baseUrl';
export { Redactor, redact, REDACTED } from '../redaction/redactor';
export type * from './types';
