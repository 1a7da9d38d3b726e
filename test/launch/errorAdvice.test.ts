import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, adviceFor } from '../../client/src/launch/errorAdvice';
import { RunpodApiError } from '../../client/src/runpod/errors';

describe('adviceFor', () => {
  it('no capacity on create offers to pick another GPU', () => {
    const advice = adviceFor(new RunpodApiError('no-capacity', 'x', { status: 400, details: ['There are no longer any instances available'] }), 'create-pod');
    expect(advice.actions).toEqual(['pick-another-gpu']);
    expect(advice.message).toMatch(/no capacity for that GPU type/);
    expect(advice.details).toEqual(['There are no longer any instances available']);
    expect(ACTION_LABELS['pick-another-gpu']).toBe('Pick another GPU');
  });

  it('insufficient balance points to adding funds', () => {
    const advice = adviceFor(new RunpodApiError('insufficient-balance', 'x', { status: 402 }), 'create-pod');
    expect(advice.actions).toEqual(['open-billing']);
    expect(advice.message).toMatch(/balance is too low/);
  });

  it('rate limit on create says nothing was created and when to try again', () => {
    const advice = adviceFor(new RunpodApiError('rate-limited', 'x', { status: 429, retryAfterSeconds: 42 }), 'create-pod');
    expect(advice.message).toMatch(/nothing was created\. Try again in 42 s\./);
  });

  it('validation lists the rejected fields in a modal', () => {
    const advice = adviceFor(new RunpodApiError('validation', 'x', { status: 422, details: ['gpu.count: at most 8'] }), 'create-pod');
    expect(advice.modal).toBe(true);
    expect(advice.details).toEqual(['gpu.count: at most 8']);
    expect(advice.message).toMatch(/Fix these fields/);
  });

  it('an ambiguous create offers to look at the Pods, never a blind retry', () => {
    const advice = adviceFor(new RunpodApiError('timeout', 'no answer', { mayHaveSucceeded: true }), 'create-pod');
    expect(advice.actions).not.toContain('retry');
    expect(advice.actions).toContain('open-pods');
    expect(adviceFor(new RunpodApiError('network', 'refused', { mayHaveSucceeded: false }), 'create-pod').actions).toContain('retry');
  });

  it('unknown errors get a sentence, not a stack', () => {
    const advice = adviceFor(new TypeError('boom'), 'push-template');
    expect(advice.message).toBe('Could not push the template: boom');
    expect(adviceFor('weird', 'read').message).toBe('RunPod request failed: An unexpected error occurred.');
  });
});
