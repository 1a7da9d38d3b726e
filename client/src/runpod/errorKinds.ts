/**
 * What each kind of failed RunPod API call means and what fixes it: the one table behind the
 * status bar, the Secrets view's error node, command failures, Launch Pod / Push Template advice
 * and the command line. The API client's messages (messages.ts) say what happened in words any
 * surface can show; each surface adds only its own wording of the fix (a command in the editor,
 * an environment variable on the command line), keyed by `remedy`.
 */
import type { RunpodErrorKind } from './types';

/** What fixes a failure, whatever the surface. */
export type Remedy =
  | 'set-key' // set a valid API key
  | 'key-access' // give the key access (or use another key)
  | 'check-connection' // network, proxy, the API URL
  | 'check-config' // the API URL or the key as configured
  | 'wait' // rate limited: wait, then retry
  | 'add-funds'
  | 'other-gpu'
  | 'fix-request' // change what was sent (fields, name)
  | 'refresh' // the account changed: refresh, then try again
  | 'retry'
  | 'report'; // an answer nobody can act on: look at the log

export interface ErrorKindFacts {
  /** A few words for a status line: "key rejected". */
  label: string;
  /** What happened, a short sentence without a full stop. */
  cause: string;
  remedy: Remedy;
}

export const ERROR_KINDS: Readonly<Record<RunpodErrorKind, ErrorKindFacts>> = {
  unauthorized: { label: 'key rejected', cause: 'RunPod rejected the API key', remedy: 'set-key' },
  forbidden: { label: 'no permission', cause: 'The API key has no permission for this', remedy: 'key-access' },
  'not-found': { label: 'not found', cause: 'RunPod found nothing there', remedy: 'refresh' },
  conflict: { label: 'conflict', cause: 'The request conflicts with the current state on RunPod', remedy: 'refresh' },
  'duplicate-name': { label: 'name taken', cause: 'That name is already taken on RunPod', remedy: 'fix-request' },
  validation: { label: 'request refused', cause: 'RunPod rejected the request', remedy: 'fix-request' },
  'insufficient-balance': { label: 'balance too low', cause: 'The RunPod balance is too low', remedy: 'add-funds' },
  'no-capacity': { label: 'no capacity', cause: 'RunPod has no capacity for that GPU type right now', remedy: 'other-gpu' },
  'rate-limited': { label: 'rate limited', cause: 'Rate limited by RunPod', remedy: 'wait' },
  server: { label: 'server error', cause: 'RunPod had a server error', remedy: 'retry' },
  network: { label: 'offline', cause: 'Offline: RunPod cannot be reached', remedy: 'check-connection' },
  timeout: { label: 'offline', cause: 'Offline: RunPod cannot be reached', remedy: 'check-connection' },
  'bad-response': { label: 'unexpected answer', cause: 'RunPod sent an unexpected answer', remedy: 'report' },
  'invalid-config': { label: 'settings', cause: 'The RunPod API URL or key is not usable', remedy: 'check-config' },
};

/** The facts of a kind, or undefined for a kind the table does not know (an unexpected failure). */
export function errorKindFacts(kind: string | undefined): ErrorKindFacts | undefined {
  return kind !== undefined && Object.hasOwn(ERROR_KINDS, kind) ? ERROR_KINDS[kind as RunpodErrorKind] : undefined;
}

/**
 * True for the failures the configuration fixes: the API key, or the API URL (a 404 on a list is
 * 'invalid-config', errors.ts). The command line stops on them before anything else (check,
 * secrets delete), since going on would only meet them again. The Secrets view offers Set API Key
 * on all of them, and on check-config (the URL or the key) Open Settings at `runpod.apiUrl` first
 * (views/nodes.ts); the status bar sends check-config to the settings alone (status/statusText.ts).
 */
export function keyMayFix(kind: string | undefined): boolean {
  const remedy = errorKindFacts(kind)?.remedy;
  return remedy === 'set-key' || remedy === 'key-access' || remedy === 'check-config';
}
