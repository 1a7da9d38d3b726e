/**
 * When a Launch or Deploy run counts as having created something (its wizard's answers forgotten,
 * ui/wizardMemory.ts): a create done, or one whose request may have reached RunPod; not a failure
 * that surely sent nothing, a check that stopped it, or Cancel before the create.
 */
import { describe, expect, it } from 'vitest';
import { mayHaveCreated } from '../../client/src/launch/launchPlanRunner';
import { RunpodApiError } from '../../client/src/runpod/errors';

const failed = (error: Error) => ({ kind: 'failed', error });

describe('mayHaveCreated', () => {
  it('a create done, or a failure after which the create may have reached RunPod, counts', () => {
    expect(mayHaveCreated({ kind: 'created' })).toBe(true);
    expect(mayHaveCreated(failed(new RunpodApiError('timeout', 'timed out', { mayHaveSucceeded: true })))).toBe(true);
  });

  it('a failure that surely sent nothing, a stop before the create, or a plain error does not', () => {
    expect(mayHaveCreated(failed(new RunpodApiError('network', 'refused', { mayHaveSucceeded: false })))).toBe(false);
    expect(mayHaveCreated(failed(new RunpodApiError('validation', 'rejected')))).toBe(false);
    expect(mayHaveCreated(failed(new Error('checks could not read the base template')))).toBe(false);
    expect(mayHaveCreated({ kind: 'cancelled' })).toBe(false);
    expect(mayHaveCreated({ kind: 'blocked' })).toBe(false);
  });
});
