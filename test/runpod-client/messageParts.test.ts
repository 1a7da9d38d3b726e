import { describe, expect, it } from 'vitest';
import { errorFromResponse, errorFromTransport, RunpodApiError } from '../../client/src/runpod/errors';
import { podActionLabel, type Operation } from '../../client/src/runpod/messages';

// A Pod restart by id, as Rotate sends it: its errors name the operation and often a list to see again.
const restart: Operation = { label: podActionLabel('restart', '2'), resource: 'pods', action: 'pod-action', target: '2' };
const answered = (status: number, body = '') =>
  errorFromResponse({ op: restart, status, bodyText: body, redact: (t) => t, headers: {}, baseUrl: 'https://rest.runpod.io/v1', isWrite: true, surface: 'editor' });
const failed = (code: string) => errorFromTransport(code, { op: restart, host: 'rest.runpod.io', timeoutMs: 30_000, isWrite: true, surface: 'editor' });

describe('an API error keeps its parts: the message without the operation it names, or without its list-again step', () => {
  it.each([
    [answered(409), "The pod cannot do that in its current state (409). To see its state and its allowed actions, run 'RunPod: Refresh Pods'.", 'The pod cannot do that in its current state (409).'],
    [answered(503), 'RunPod had a server error (503). It may or may not have taken effect: run \'RunPod: Refresh Pods\' to check before trying again.', 'RunPod had a server error (503). It may or may not have taken effect.'],
    [answered(404), "RunPod found nothing (404); it may have been deleted. To see the current list, run 'RunPod: Refresh Pods'.", 'RunPod found nothing (404); it may have been deleted.'],
    [answered(403), 'The API key lacks permission (403). Create a key with read/write access to pods.', 'The API key lacks permission (403). Create a key with read/write access to pods.'],
    [answered(429), 'RunPod is rate-limiting this API key (429). Wait a minute and try again.', 'RunPod is rate-limiting this API key (429). Wait a minute and try again.'],
    [answered(400), 'RunPod rejected the request (400). Check the names and values given and try again.', 'RunPod rejected the request (400). Check the names and values given and try again.'],
    [failed('UND_ERR_HEADERS_TIMEOUT'), "RunPod did not answer within 30 s. It may or may not have taken effect: run 'RunPod: Refresh Pods' to check before trying again.", 'RunPod did not answer within 30 s. It may or may not have taken effect.'],
    [failed('ECONNRESET'), "Could not reach RunPod at rest.runpod.io (ECONNRESET). Check your network connection and proxy settings. The request may have reached RunPod: run 'RunPod: Refresh Pods' to check before trying again.", 'Could not reach RunPod at rest.runpod.io (ECONNRESET). Check your network connection and proxy settings. The request may have reached RunPod.'],
  ])('%#: %s', (error, withoutOperation, withoutBoth) => {
    expect(error.message).toContain('restart pod `2`');
    expect(error.messageWithout({ operation: true })).toBe(withoutOperation);
    expect(error.messageWithout({ operation: true, listAgain: true })).toBe(withoutBoth);
  });

  it('the list-again step is known from how the message was made, not from its words: a server detail quoting it is kept', () => {
    const quoted = "To see the current list, run 'RunPod: Refresh Pods'.";
    const conflict = answered(409, JSON.stringify({ detail: quoted }));
    expect(conflict.message.endsWith(`RunPod said: ${quoted}`)).toBe(true);
    expect(conflict.messageWithout({ listAgain: true })).toBe(`The pod cannot do that in its current state (409): restart pod \`2\`. RunPod said: ${quoted}`);
    const plain = new RunpodApiError('not-found', `Gone. ${quoted}`);
    expect(plain.sendsToList()).toBe(false);
    expect(plain.messageWithout({ listAgain: true, operation: true })).toBe(plain.message);
    expect(answered(404).sendsToList()).toBe(true);
  });

  it('what a caller appends is kept in its parts too', () => {
    const error = new RunpodApiError('not-found', 'Secret `x` no longer exists.');
    error.append(' The Secrets list was refreshed.');
    expect(error.message).toBe('Secret `x` no longer exists. The Secrets list was refreshed.');
    expect(error.messageWithout({ listAgain: true })).toBe(error.message);
  });
});
