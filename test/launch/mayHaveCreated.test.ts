/**
 * When a Launch or Deploy run counts as having created something (its wizard's answers forgotten,
 * ui/wizardMemory.ts): a create done, or a create call that failed without saying nothing was made
 * (a timeout, a dropped connection, a 5xx, a 2xx whose body could not be read); not a failure that
 * surely sent nothing or that RunPod refused (4xx), a check that stopped it, or Cancel before the create.
 */
import { describe, expect, it } from 'vitest';
import { mayHaveCreated } from '../../client/src/launch/launchPlanRunner';
import { RunpodApiError } from '../../client/src/runpod/errors';
import { ClientChangedError } from '../../client/src/auth/accountBound';

/** A failure of the create call itself: its request may have gone out. */
const createFailed = (error: Error) => ({ kind: 'failed', error, createCalled: true });
/** A failure before the create (the template read, the secret checks): nothing was sent to create. */
const checksFailed = (error: Error) => ({ kind: 'failed', error });

describe('mayHaveCreated', () => {
  it('a create done, or a failure after which the create may have reached RunPod, counts', () => {
    expect(mayHaveCreated({ kind: 'created' })).toBe(true);
    expect(mayHaveCreated(createFailed(new RunpodApiError('timeout', 'timed out', { mayHaveSucceeded: true })))).toBe(true);
    expect(mayHaveCreated(createFailed(new RunpodApiError('server', 'HTTP 502', { status: 502, mayHaveSucceeded: true })))).toBe(true);
  });

  it('a create answered 2xx whose body is not JSON or not the expected shape counts: RunPod made it', () => {
    expect(mayHaveCreated(createFailed(new RunpodApiError('bad-response', 'HTTP 200 with a body that is not JSON', { status: 200 })))).toBe(true);
    expect(mayHaveCreated(createFailed(new RunpodApiError('bad-response', 'the answer has no id')))).toBe(true);
    expect(mayHaveCreated(createFailed(new Error('unexpected')))).toBe(true);
  });

  it('a create that surely sent nothing, or that RunPod refused (4xx), does not', () => {
    expect(mayHaveCreated(createFailed(new RunpodApiError('network', 'refused', { mayHaveSucceeded: false })))).toBe(false);
    expect(mayHaveCreated(createFailed(new RunpodApiError('validation', 'rejected', { status: 422 })))).toBe(false);
    expect(mayHaveCreated(createFailed(new RunpodApiError('no-capacity', 'no machine', { status: 400 })))).toBe(false);
    expect(mayHaveCreated(createFailed(new RunpodApiError('insufficient-balance', 'add funds', { status: 402 })))).toBe(false);
    const flow = { name: 'Launch Pod', title: 'RunPod: Launch Pod...', nothing: 'nothing was launched' };
    expect(mayHaveCreated(createFailed(new ClientChangedError(flow, 'default', 'other')))).toBe(false);
  });

  it('a failure before the create, a stop before it, or Cancel does not', () => {
    expect(mayHaveCreated(checksFailed(new Error('checks could not read the base template')))).toBe(false);
    expect(mayHaveCreated(checksFailed(new RunpodApiError('timeout', 'listing secrets timed out')))).toBe(false);
    expect(mayHaveCreated({ kind: 'cancelled' })).toBe(false);
    expect(mayHaveCreated({ kind: 'blocked' })).toBe(false);
  });
});
