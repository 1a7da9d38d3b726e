/**
 * What to tell the user about a failed API call. Works on anything with a `kind` and a `message`
 * (the API client's `RunpodApiError`, or the store's recorded error) so it needs no import of the
 * client. Pure.
 */

/** The part of an error the UI looks at. */
export interface ErrorLike {
  kind?: string;
  message?: string;
}

/** A short cause for the tree's error node: key rejected, no permission, offline, rate limited... */
export function errorCause(error: ErrorLike | undefined): string {
  switch (error?.kind) {
    case 'unauthorized':
      return 'RunPod rejected the API key';
    case 'forbidden':
      return 'The API key has no permission for secrets';
    case 'network':
    case 'timeout':
      return 'Offline: RunPod cannot be reached';
    case 'rate-limited':
      return 'Rate limited by RunPod';
    case 'server':
      return 'RunPod had a server error';
    case 'bad-response':
      return 'RunPod sent an unexpected answer';
    case 'invalid-config':
      return 'The RunPod API URL or key is not usable';
    default:
      return 'Could not load secrets';
  }
}

/** What the user can do about it, one sentence. */
export function errorHint(error: ErrorLike | undefined): string {
  switch (error?.kind) {
    case 'unauthorized':
      return "Run 'RunPod: Set API Key' with a valid key.";
    case 'forbidden':
      return 'Give the key read/write access to secrets in the RunPod console, or set another key.';
    case 'network':
    case 'timeout':
      return 'Check the connection (and `runpod.apiUrl`), then retry.';
    case 'rate-limited':
      return 'Wait a minute, then retry.';
    case 'invalid-config':
      return 'Check the `runpod.apiUrl` setting and the API key.';
    default:
      return 'Retry, or check the RunPod log for details.';
  }
}

/** True for the errors where setting another API key is the fix. */
export function isKeyProblem(error: ErrorLike | undefined): boolean {
  return error?.kind === 'unauthorized' || error?.kind === 'forbidden' || error?.kind === 'invalid-config';
}

/**
 * The message shown when a command's API call fails: the API error's own message (the client
 * writes it for users), else a generic sentence; any `sensitive` string in it is masked. Never a stack.
 */
export function failureMessage(action: string, error: unknown, sensitive: readonly string[] = []): string {
  const err = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  let detail = typeof err.message === 'string' && err.message.trim() ? err.message.trim() : errorCause(err);
  // Belt and braces: a server could echo the submitted value in a validation message.
  for (const value of sensitive) {
    if (value.length > 0) detail = detail.split(value).join('***');
  }
  return `${action} failed: ${detail}`;
}
