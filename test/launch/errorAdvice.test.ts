import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, adviceFor } from '../../client/src/launch/errorAdvice';
import { RunpodApiError } from '../../client/src/runpod/errors';
import { messages, type Operation } from '../../client/src/runpod/messages';

const createPod: Operation = { label: 'create pod `train`', resource: 'pods', action: 'pod-create', target: 'train' };
const readPod: Operation = { label: 'read pod `p1`', resource: 'pods', action: 'read', target: 'p1' };

describe('adviceFor', () => {
  it('no capacity on create offers to pick another GPU', () => {
    const advice = adviceFor(new RunpodApiError('no-capacity', messages.noCapacity(), { status: 400, details: ['There are no longer any instances available'] }), 'create-pod');
    expect(advice.actions).toEqual(['pick-another-gpu']);
    expect(advice.message).toMatch(/No capacity for that GPU type/);
    expect(advice.details).toEqual(['There are no longer any instances available']);
    expect(ACTION_LABELS['pick-another-gpu']).toBe('Pick another GPU');
  });

  it('insufficient balance points to adding funds', () => {
    const advice = adviceFor(new RunpodApiError('insufficient-balance', messages.insufficientBalance(createPod), { status: 402 }), 'create-pod');
    expect(advice.actions).toEqual(['open-billing']);
    expect(advice.message).toMatch(/balance is too low/);
  });

  it('rate limit on create says nothing was created and when to try again', () => {
    const advice = adviceFor(new RunpodApiError('rate-limited', messages.rateLimited(createPod, 42), { status: 429, retryAfterSeconds: 42 }), 'create-pod');
    expect(advice.message).toMatch(/Try again in 42 s\. Nothing was created\.$/);
  });

  // The client's message says what happened (runpod/messages.ts); the advice adds only the phase.
  it('a request the client held back (window used up) is not called a 429: the advice keeps the client\'s words', () => {
    const error = new RunpodApiError('rate-limited', messages.rateLimitExhausted(readPod, 'hour', 1800), { retryAfterSeconds: 1800, mayHaveSucceeded: false });
    const advice = adviceFor(error, 'follow');
    expect(advice.message).toBe(`Could not follow the Pod (it was created): ${error.message}`);
    expect(advice.message).not.toContain('429');
    expect(advice.actions).toEqual(['retry']);
  });

  it('a 429, a 402 and no capacity keep the client\'s message; a create or update phase adds that nothing was created or changed', () => {
    const errors = [
      new RunpodApiError('rate-limited', messages.rateLimited(createPod, 42), { status: 429, retryAfterSeconds: 42 }),
      new RunpodApiError('insufficient-balance', messages.insufficientBalance(createPod), { status: 402 }),
      new RunpodApiError('no-capacity', messages.noCapacity(), { status: 400 }),
    ];
    for (const error of errors) {
      expect(adviceFor(error, 'create-pod').message, error.kind).toBe(`Could not launch the Pod: ${error.message} Nothing was created.`);
      expect(adviceFor(error, 'deploy-endpoint').message, error.kind).toBe(`Could not deploy the endpoint: ${error.message} Nothing was created.`);
      expect(adviceFor(error, 'push-template').message, error.kind).toBe(`Could not push the template: ${error.message} Nothing was changed.`);
      expect(adviceFor(error, 'follow').message, error.kind).toBe(`Could not follow the Pod (it was created): ${error.message}`);
    }
  });

  it('validation lists the rejected fields in a modal', () => {
    const advice = adviceFor(new RunpodApiError('validation', 'x', { status: 422, details: ['gpu.count: at most 8'] }), 'create-pod');
    expect(advice.modal).toBe(true);
    expect(advice.details).toEqual(['gpu.count: at most 8']);
    expect(advice.message).toMatch(/Fix these fields/);
  });

  it("a wizard's create RunPod rejected offers Edit and Retry and says the choices are kept; a push or an update has no wizard to reopen", () => {
    const fields = new RunpodApiError('validation', 'rejected', { status: 422, details: ['env: too long'] });
    expect(adviceFor(fields, 'deploy-endpoint', 'qa-ep')).toMatchObject({
      message: 'Could not deploy endpoint qa-ep: RunPod rejected the request. Nothing was created; every choice is kept for Edit and Retry or the next run. Fix these fields:',
      actions: ['edit-retry', 'show-log'],
    });
    expect(adviceFor(fields, 'update-endpoint').actions).toEqual(['show-log']);
    expect(adviceFor(fields, 'push-template').actions).toEqual(['show-log']);
  });

  it("a rejection without fields says RunPod rejected it once, and a full stop ends RunPod's words before ours, whether or not they end in one", () => {
    const said = (detail: string) => adviceFor(new RunpodApiError('validation', messages.validation(createPod, 422, false, detail), { status: 422 }), 'create-pod').message;
    const rejected = 'Could not launch the Pod: RunPod rejected the request to create pod `train` (422). Check the names and values given and try again. RunPod said:';
    const kept = 'Nothing was created; every choice is kept for Edit and Retry or the next run.';
    expect(said('injected failure')).toBe(`${rejected} injected failure. ${kept}`);
    expect(said('invalid pod.')).toBe(`${rejected} invalid pod. ${kept}`);
    expect(said('is "x" valid?')).toBe(`${rejected} is "x" valid? ${kept}`);
    const unsent = new RunpodApiError('rate-limited', 'RunPod said: slow down', { status: 429 });
    expect(adviceFor(unsent, 'create-pod').message).toBe('Could not launch the Pod: RunPod said: slow down. Nothing was created.');
  });

  it('an ambiguous create offers to look at the Pods, never a blind retry', () => {
    const advice = adviceFor(new RunpodApiError('timeout', 'no answer', { mayHaveSucceeded: true }), 'create-pod');
    expect(advice.actions).not.toContain('retry');
    expect(advice.actions).toContain('open-pods');
    expect(adviceFor(new RunpodApiError('network', 'refused', { mayHaveSucceeded: false }), 'create-pod').actions).toContain('retry');
  });

  it("a write RunPod accepted whose answer cannot be read (2xx, not found by the look-up yet) offers the list it would show in, as a lost answer does, never a retry", () => {
    const unreadable = new RunpodApiError('bad-response', 'RunPod accepted the request to create pod `x` (200), but its answer cannot be read (not JSON).', { status: 200, mayHaveSucceeded: true });
    expect(adviceFor(unreadable, 'create-pod').actions).toEqual(['open-pods', 'show-log']);
    expect(adviceFor(unreadable, 'deploy-endpoint').actions).toEqual(['open-endpoints', 'show-log']);
    expect(adviceFor(unreadable, 'pod-action', 'restart').actions).toEqual(['refresh-pods', 'show-log']);
    // An answer that cannot be read of a request RunPod did not accept: nothing to look for.
    expect(adviceFor(new RunpodApiError('bad-response', 'not JSON', { status: 200 }), 'create-pod').actions).toEqual(['show-log']);
  });

  it('unknown errors get a sentence, not a stack', () => {
    const advice = adviceFor(new TypeError('boom'), 'push-template');
    expect(advice.message).toBe('Could not push the template: boom');
    expect(adviceFor('weird', 'read').message).toBe('RunPod request failed: An unexpected error occurred.');
  });

  it('a deploy stopped before its create names the endpoint and says nothing was created, before a field list too', () => {
    const down = new RunpodApiError('network', 'Could not reach RunPod at api.runpod.io to list secrets (ECONNRESET).', { code: 'ECONNRESET' });
    expect(adviceFor(down, 'deploy-checks', 'qa-ep-2')).toMatchObject({
      message: 'Could not deploy endpoint qa-ep-2: Could not reach RunPod at api.runpod.io to list secrets (ECONNRESET). Nothing was created.',
      actions: ['retry', 'show-log'],
    });
    const fields = new RunpodApiError('validation', 'rejected', { status: 422, details: ['env: too long'] });
    expect(adviceFor(fields, 'deploy-checks', 'qa-ep-2').message).toBe('Could not deploy endpoint qa-ep-2: RunPod rejected the request. Nothing was created. Fix these fields:');
  });
});
