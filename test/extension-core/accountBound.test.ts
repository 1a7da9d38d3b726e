/**
 * The account-bound client of Launch Pod, Deploy Endpoint and the endpoint updates: every call
 * after a switch of account is refused before it reaches the old account's client, including the
 * log streams, and the advice for it names the accounts, never a network error.
 */
import { describe, expect, it } from 'vitest';
import { accountBound, AccountChangedError, type BoundFlow } from '../../client/src/auth/accountBound';
import { adviceFor } from '../../client/src/launch/errorAdvice';
import type { RunpodApi } from '../../client/src/runpod/types';

const FLOW: BoundFlow = { name: 'Launch Pod', title: 'RunPod: Launch Pod...', nothing: 'nothing was launched' };

/** A client that records which of its methods ran. */
function recordingApi(calls: string[]): RunpodApi {
  return {
    listSecrets: async () => (calls.push('listSecrets'), []),
    createPod: async () => {
      calls.push('createPod');
      throw new Error('must not be reached');
    },
    async *streamPodLogs() {
      calls.push('streamPodLogs');
      yield { kind: 'line', text: 'x' };
    },
    close: async () => void calls.push('close'),
  } as unknown as RunpodApi;
}

describe('accountBound', () => {
  it('passes calls through while the account it was taken for is active', async () => {
    const calls: string[] = [];
    const api = accountBound(recordingApi(calls), { active: 'default' }, FLOW);
    expect(await api.listSecrets()).toEqual([]);
    expect(calls).toEqual(['listSecrets']);
  });

  it('after a switch refuses every call (a rejection, a failing stream) without calling the client; close still closes', async () => {
    const calls: string[] = [];
    const accounts = { active: 'default' };
    const api = accountBound(recordingApi(calls), accounts, FLOW);
    accounts.active = 'team';
    const create = api.createPod({} as never);
    await expect(create).rejects.toBeInstanceOf(AccountChangedError);
    await expect(create).rejects.toThrow("The active RunPod account changed to team while Launch Pod was open; nothing was launched. Run 'RunPod: Launch Pod...' again.");
    await expect(api.streamPodLogs('pod').next()).rejects.toMatchObject({ from: 'default', to: 'team' });
    await api.close();
    expect(calls).toEqual(['close']);
  });

  it('the advice is the message alone, with no Retry; while following a created Pod it says whose it is', () => {
    const error = new AccountChangedError(FLOW, 'default', 'team');
    expect(adviceFor(error, 'create-pod')).toEqual({ message: error.message, details: [], actions: [], modal: false });
    expect(adviceFor(error, 'follow').message).toBe('Could not follow the Pod (it was created): the active RunPod account changed to team; it belongs to account default.');
  });
});
