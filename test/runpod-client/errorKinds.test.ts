/**
 * One table says what each kind of API failure means and what fixes it (client/src/runpod/
 * errorKinds.ts); the editor and the command line word the fix for themselves and never in the
 * other's words: no editor command in a terminal, no environment variable in a notification.
 */
import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../client/src/cli/run';
import { adviceFor } from '../../client/src/launch/errorAdvice';
import type { Operation } from '../../client/src/runpod/messages';
import type { RunpodErrorKind } from '../../client/src/runpod/types';
import { ERROR_KINDS, errorKindFacts, keyMayFix } from '../../client/src/runpod/errorKinds';
import { errorFromResponse, RunpodApiError } from '../../client/src/runpod/errors';
import { errorCause, errorHint, failureMessage, isKeyProblem } from '../../client/src/views/errorText';
import { describeStatus } from '../../client/src/status/statusText';

const KINDS = Object.keys(ERROR_KINDS);

function fromStatus(status: number, op: Operation) {
  return errorFromResponse({
    op,
    status,
    bodyText: JSON.stringify({ title: 't', status, detail: 'd' }),
    headers: {},
    redact: (t) => t,
    baseUrl: 'https://api.runpod.io/v2',
    isWrite: op.action !== 'read',
  });
}
const EDITOR_WORDS = /RunPod: Set API Key|runpod\.apiUrl/;
const CLI_WORDS = /RUNPOD_API_KEY|RUNPOD_API_URL|--[a-z]/;

describe('the error-kind table', () => {
  it('every kind has a label, a cause and a remedy; unknown kinds have none', () => {
    for (const kind of KINDS) expect(errorKindFacts(kind)).toMatchObject({ label: expect.any(String), cause: expect.any(String), remedy: expect.any(String) });
    expect(errorKindFacts('unexpected')).toBeUndefined();
    expect(errorKindFacts('toString')).toBeUndefined();
  });

  it('a view error node says what the key has no permission for', () => {
    expect(errorCause({ kind: 'forbidden' })).toBe('The API key has no permission for secrets');
    expect(errorCause({ kind: 'forbidden' }, 'Pods')).toBe('The API key has no permission for Pods');
    expect(errorCause({ kind: 'unauthorized' }, 'Pods')).toBe('RunPod rejected the API key');
  });

  it('the editor surfaces read it: tree cause, status label, Set API Key offered for key problems', () => {
    for (const kind of KINDS) {
      const facts = ERROR_KINDS[kind as keyof typeof ERROR_KINDS];
      // The tree names what it lists where the table says "this" (no permission for secrets).
      expect(errorCause({ kind })).toBe(facts.cause.replace(/ for this$/, ' for secrets'));
      expect(describeStatus({ kind: 'error', error: { kind, message: 'm' } }, 0).text).toBe(`$(error) RunPod: ${facts.label}`);
      expect(isKeyProblem({ kind })).toBe(keyMayFix(kind));
      // Launch / Push advice offers one button for each kind's fix.
      expect(adviceFor(new RunpodApiError(kind as RunpodErrorKind, 'm'), 'create-pod').actions.length).toBeGreaterThan(0);
    }
  });
});

describe('a rejected key, in each surface', () => {
  const rejected = fromStatus(401, { label: 'list secrets', resource: 'secrets', action: 'read' });

  it('the editor names its command, never the environment variable', () => {
    const shown = [failureMessage('Listing secrets', rejected), errorHint(rejected)];
    for (const text of shown) {
      expect(text).toMatch(/RunPod: Set API Key/);
      expect(text).not.toMatch(CLI_WORDS);
    }
  });

  it('the command line names the variable, never an editor command', () => {
    const { message } = describeFailure(rejected);
    expect(message).toMatch(/rejected the API key \(401\)\. Set RUNPOD_API_KEY/);
    expect(message).not.toMatch(EDITOR_WORDS);
  });

  it('no API message names a surface: every kind built from a status reads the same in both', () => {
    for (const status of [400, 401, 402, 403, 404, 409, 422, 429, 500, 503]) {
      const error = fromStatus(status, { label: 'create pod `x`', resource: 'pods', action: 'pod-create' });
      expect(error).toBeInstanceOf(RunpodApiError);
      expect(error.message, String(status)).not.toMatch(EDITOR_WORDS);
      expect(error.message, String(status)).not.toMatch(CLI_WORDS);
    }
  });
});
