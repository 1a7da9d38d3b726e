/**
 * One table says what each kind of API failure means and what fixes it (client/src/runpod/
 * errorKinds.ts); the editor and the command line word the fix for themselves and never in the
 * other's words: no editor command in a terminal, no environment variable in a notification.
 */
import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../client/src/cli/run';
import { adviceFor } from '../../client/src/launch/errorAdvice';
import { messages, type Operation, type Surface } from '../../client/src/runpod/messages';
import type { RunpodErrorKind } from '../../client/src/runpod/types';
import { ERROR_KINDS, errorKindFacts, keyMayFix } from '../../client/src/runpod/errorKinds';
import { errorFromResponse, errorFromTransport, RunpodApiError } from '../../client/src/runpod/errors';
import { errorCause, errorHint, failureMessage, isKeyProblem } from '../../client/src/views/errorText';
import { describeStatus } from '../../client/src/status/statusText';
import { Commands } from '../../client/src/status/statusText';
import { describeKeyCheck } from '../../client/src/auth/keyRules';

const KINDS = Object.keys(ERROR_KINDS);

function fromStatus(status: number, op: Operation, surface: Surface = 'editor') {
  return errorFromResponse({
    op,
    status,
    bodyText: JSON.stringify({ title: 't', status, detail: 'd' }),
    headers: {},
    redact: (t) => t,
    baseUrl: 'https://api.runpod.io/v2',
    isWrite: op.action !== 'read',
    surface,
  });
}
const EDITOR_WORDS = /'RunPod: |runpod\.apiUrl|[Rr]efresh/;
const CLI_WORDS = /RUNPOD_API_KEY|RUNPOD_API_URL|--[a-z]|runpod-check/;

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

describe('a 404 on a list is a wrong API URL, decided where the error is built, in each surface', () => {
  // runpod-api.md: the lists always exist (/v2/account/secrets and the others), so RunPod answering
  // 404 to one means the API URL points elsewhere: the settings are the fix, not a refresh.
  const LISTS: Operation[] = [
    { label: 'list secrets', resource: 'secrets', action: 'read' },
    { label: 'list templates', resource: 'templates', action: 'read' },
    { label: 'list pods', resource: 'pods', action: 'read' },
    { label: 'list GPU types', resource: 'the GPU catalog', action: 'read' },
    { label: 'list endpoints', resource: 'endpoints', action: 'read' },
  ];

  const failures = (surface: Surface = 'editor') => LISTS.map((op) => fromStatus(404, op, surface));

  it('the status bar click opens the API URL setting, not Refresh', () => {
    for (const error of failures()) {
      const failed = { kind: error.kind, message: error.message };
      expect(describeStatus({ kind: 'error', error: failed }, 0)).toMatchObject({ command: Commands.openSettings, arguments: ['runpod.apiUrl'] });
      expect(describeStatus({ kind: 'stale', fetchedAt: '2026-01-01T00:00:00Z', error: failed }, 3).command).toBe(Commands.openSettings);
    }
  });

  it("the Secrets view's hint says to check the setting, not to refresh", () => {
    for (const error of failures()) expect(errorHint(error)).toBe('Check the `runpod.apiUrl` setting and the API key.');
  });

  it('Set API Key offers Open Settings and never Save Anyway (a key saved for the wrong origin)', () => {
    for (const error of failures()) {
      const keyCheck = describeKeyCheck({ ok: false, kind: error.kind, message: error.message });
      expect(keyCheck.store).toBe(false);
      expect(keyCheck.actions).toContain('Open Settings');
      expect(keyCheck.actions).not.toContain('Save Anyway');
      expect(keyCheck.message).toContain('Check the API URL (https://api.runpod.io/v2)');
    }
  });

  it('the command line stops on it as on a rejected key: one line naming the URL, exit 2', () => {
    for (const error of failures('cli')) {
      expect(keyMayFix(error.kind)).toBe(true);
      const { message, code } = describeFailure(error);
      expect(message).toMatch(/^RunPod answered 404 to list .*\. Check the API URL \(https:\/\/api\.runpod\.io\/v2\)/);
      expect(message).toContain('RUNPOD_API_URL');
      expect(message).not.toMatch(EDITOR_WORDS);
      expect(code).toBe(2);
    }
  });

  it('a 404 on one secret, Pod or endpoint stays "not found": the account changed, refresh', () => {
    for (const op of [
      { label: 'read pod `p`', resource: 'pods', action: 'read', target: 'p' },
      { label: 'list the workers of endpoint `e`', resource: 'endpoints', action: 'read', target: 'e' },
      { label: 'delete secret `x`', resource: 'secrets', action: 'delete', target: 'x' },
    ] as Operation[]) {
      const error = fromStatus(404, op);
      expect(error.kind).toBe('not-found');
      expect(describeStatus({ kind: 'error', error: { kind: error.kind, message: error.message } }, 0).command).toBe(Commands.refresh);
      expect(errorHint(error)).toBe('Refresh, then retry.');
      expect(keyMayFix(error.kind)).toBe(false);
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

  it("an API message built for one surface never uses the other's words, whatever the status", () => {
    for (const status of [400, 401, 402, 403, 404, 409, 422, 429, 500, 503]) {
      for (const op of [{ label: 'create pod `x`', resource: 'pods', action: 'pod-create' }, { label: 'stop pod `x`', resource: 'pods', action: 'pod-action', target: 'x' }] as Operation[]) {
        const editor = fromStatus(status, op, 'editor');
        const cli = fromStatus(status, op, 'cli');
        expect(editor).toBeInstanceOf(RunpodApiError);
        expect(editor.message, String(status)).not.toMatch(CLI_WORDS);
        expect(cli.message, String(status)).not.toMatch(EDITOR_WORDS);
      }
    }
  });
});

describe('something changed on RunPod: the next step, in each surface', () => {
  const terminate: Operation = { label: 'terminate pod `p`', resource: 'pods', action: 'delete', target: 'p' };
  const stop: Operation = { label: 'stop pod `p`', resource: 'pods', action: 'pod-action', target: 'p' };
  const create: Operation = { label: 'create secret `x`', resource: 'secrets', action: 'create', target: 'x' };
  const update: Operation = { label: 'update endpoint `e`', resource: 'endpoints', action: 'update', target: 'e' };
  const launch: Operation = { label: 'create pod `train`', resource: 'pods', action: 'pod-create', target: 'train' };
  const transport = (code: string, op: Operation, surface: Surface) => errorFromTransport(code, { op, host: 'api.runpod.io', timeoutMs: 30_000, isWrite: true, surface });
  const messagesFor = (surface: Surface) => [
    ...[fromStatus(404, terminate, surface), fromStatus(409, stop, surface), fromStatus(503, create, surface), transport('UND_ERR_HEADERS_TIMEOUT', update, surface), transport('ECONNRESET', create, surface)].map((e) => e.message),
    // A create that got no answer, and the lookup of whether it happened failed as well.
    messages.createOutcomeUnknown(launch, { code: 'ECONNRESET' }, surface).text(),
  ];

  it("the editor names the view's Refresh command", () => {
    expect(messagesFor('editor')).toEqual([
      "RunPod found nothing to terminate pod `p` (404); it may have been deleted. To see the current list, run 'RunPod: Refresh Pods'. RunPod said: d",
      "The pod cannot do that in its current state (409): stop pod `p`. To see its state and its allowed actions, run 'RunPod: Refresh Pods'. RunPod said: d",
      "RunPod had a server error (503) while trying to create secret `x`. It may or may not have taken effect: run 'RunPod: Refresh Secrets' to check before trying again.",
      "RunPod did not answer within 30 s to update endpoint `e`. It may or may not have taken effect: run 'RunPod: Refresh Endpoints' to check before trying again.",
      "Could not reach RunPod at api.runpod.io to create secret `x` (ECONNRESET). Check your network connection and proxy settings. The request may have reached RunPod: run 'RunPod: Refresh Secrets' to check before trying again.",
      "The request to create pod `train` got no answer (ECONNRESET) and checking whether it happened failed too. So as not to create it twice, run 'RunPod: Refresh Pods' before trying again.",
    ]);
  });

  it("a secret's update that may or may not have happened: no list shows a value to check, and the same change again is harmless", () => {
    // Found in the real editor: Rotate Secret after a 500 said to refresh the list "to check" first,
    // which cannot show whether the value changed.
    const rotate: Operation = { label: 'update the value of secret `x`', resource: 'secrets', action: 'update', target: 'x' };
    for (const surface of ['editor', 'cli'] as const) {
      const said = [fromStatus(500, rotate, surface), transport('UND_ERR_HEADERS_TIMEOUT', rotate, surface), transport('ECONNRESET', rotate, surface)].map((e) => e.message);
      for (const message of said) {
        expect(message).not.toMatch(/Refresh|list/);
        expect(message).toMatch(/(effect|RunPod): sending the same change again is safe, so run it again\.$/);
      }
    }
  });

  it('the command line names the command that lists, and no refresh it does not have', () => {
    const cli = messagesFor('cli');
    expect(cli).toEqual([
      'RunPod found nothing to terminate pod `p` (404); it may have been deleted. To see the current list, run `runpod-check pods list`. RunPod said: d',
      'The pod cannot do that in its current state (409): stop pod `p`. To see its state and its allowed actions, run `runpod-check pods list`. RunPod said: d',
      'RunPod had a server error (503) while trying to create secret `x`. It may or may not have taken effect: run `runpod-check secrets list` to check before trying again.',
      'RunPod did not answer within 30 s to update endpoint `e`. It may or may not have taken effect: run `runpod-check endpoints list` to check before trying again.',
      'Could not reach RunPod at api.runpod.io to create secret `x` (ECONNRESET). Check your network connection and proxy settings. The request may have reached RunPod: run `runpod-check secrets list` to check before trying again.',
      'The request to create pod `train` got no answer (ECONNRESET) and checking whether it happened failed too. So as not to create it twice, run `runpod-check pods list` before trying again.',
    ]);
    for (const message of cli) expect(describeFailure(new RunpodApiError('not-found', message)).message).not.toMatch(EDITOR_WORDS);
  });
});
