/**
 * The bound client of Launch Pod, Deploy Endpoint and the endpoint updates: every call after a
 * switch of account, or once the window's client was replaced, is refused before it reaches the
 * client the flow took, the log streams too, and the advice for it names the accounts, never a
 * network error.
 */
import { describe, expect, it } from 'vitest';
import { accountBound, assertActive, ClientChangedError, readWhileActive, whileActive, type BoundFlow } from '../../client/src/auth/accountBound';
import { RunpodApiError } from '../../client/src/runpod/errors';
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

/** A window whose client is `client` until a test replaces it. */
function windowOf(client: RunpodApi) {
  const state = { accounts: { active: 'default' }, client: client as RunpodApi | undefined };
  return { state, bound: accountBound(client, state.accounts, async () => state.client, FLOW) };
}

describe('accountBound', () => {
  it('passes calls (and streams) through while its account is active and its client the window’s', async () => {
    const calls: string[] = [];
    const { bound } = windowOf(recordingApi(calls));
    expect(await bound.listSecrets()).toEqual([]);
    for await (const item of bound.streamPodLogs('pod')) expect(item).toEqual({ kind: 'line', text: 'x' });
    expect(calls).toEqual(['listSecrets', 'streamPodLogs']);
  });

  it('after a switch refuses every call (a rejection, a failing stream) without calling the client; close still closes', async () => {
    const calls: string[] = [];
    const { state, bound } = windowOf(recordingApi(calls));
    state.accounts.active = 'team';
    const create = bound.createPod({} as never);
    await expect(create).rejects.toBeInstanceOf(ClientChangedError);
    await expect(create).rejects.toThrow("The active RunPod account changed to team while Launch Pod was open; nothing was launched. Run 'RunPod: Launch Pod...' again.");
    await expect(bound.streamPodLogs('pod').next()).rejects.toMatchObject({ from: 'default', to: 'team' });
    await bound.close();
    expect(calls).toEqual(['close']);
  });

  it('switched away and back, or with a new key, the client it holds was closed: refused, saying what changed', async () => {
    const calls: string[] = [];
    const { state, bound } = windowOf(recordingApi(calls));
    state.client = recordingApi([]); // the window's client now: another object (the old one was closed)
    await expect(bound.listSecrets()).rejects.toThrow(
      "The RunPod account's API key or the API URL changed while Launch Pod was open; nothing was launched. Run 'RunPod: Launch Pod...' again.",
    );
    state.client = undefined; // the key was cleared
    await expect(bound.createPod({} as never)).rejects.toBeInstanceOf(ClientChangedError);
    expect(calls).toEqual([]);
  });

  it('the advice is the message alone, with no Retry; while following a created Pod it says whose it is', () => {
    const error = new ClientChangedError(FLOW, 'default', 'team');
    expect(adviceFor(error, 'create-pod')).toEqual({ message: error.message, details: [], actions: [], modal: false });
    expect(adviceFor(error, 'follow').message).toBe('Could not follow the Pod (it was created): the active RunPod account changed to team; it belongs to account default.');
    expect(adviceFor(new ClientChangedError(FLOW, 'default'), 'follow-endpoint').message).toBe(
      "Could not follow the endpoint (it carries on): the RunPod account's API key or the API URL changed; it belongs to account default.",
    );
  });

  it('a client taken after the flow started is bound to the account it started under, not the one active when it was taken', async () => {
    const calls: string[] = [];
    const client = recordingApi(calls);
    const accounts = { active: 'team' }; // switched from default before the flow took its client
    const bound = accountBound(client, accounts, async () => client, FLOW, 'default');
    await expect(bound.listSecrets()).rejects.toMatchObject({ from: 'default', to: 'team' });
    accounts.active = 'default';
    expect(await bound.listSecrets()).toEqual([]);
    expect(calls).toEqual(['listSecrets']);
  });

  it('assertActive throws the same refusal; a flow without a command to run again says its own way back', () => {
    const quickFix: BoundFlow = { name: 'Move Value into a Secret', title: 'RunPod: Move Value into a Secret', nothing: 'nothing was created', again: 'Run the quick fix again' };
    expect(() => assertActive({ active: 'default' }, 'default', quickFix)).not.toThrow();
    expect(() => assertActive({ active: 'team' }, 'default', quickFix)).toThrow(
      'The active RunPod account changed to team while Move Value into a Secret was open; nothing was created. Run the quick fix again.',
    );
  });
});

describe('readWhileActive', () => {
  /** A window on `default` with a client; `read` may change both while it runs. */
  function window() {
    const services = { accounts: { active: 'default' }, client: recordingApi([]) as RunpodApi | undefined, getApi: async () => services.client };
    return services;
  }

  it('hands back what was read while its account stayed active on the same client', async () => {
    const services = window();
    expect(await readWhileActive(services, 'default', FLOW, async () => 'listed')).toBe('listed');
  });

  it('refuses before reading once another account is active', async () => {
    const services = window();
    services.accounts.active = 'team';
    let read = false;
    await expect(readWhileActive(services, 'default', FLOW, async () => (read = true))).rejects.toMatchObject({ from: 'default', to: 'team' });
    expect(read).toBe(false);
  });

  it('a switch while it reads: the switch, whether the read answered (perhaps for the new account) or failed', async () => {
    const services = window();
    const switching = (outcome: () => Promise<string>) => async () => {
      services.accounts.active = 'team';
      return outcome();
    };
    await expect(readWhileActive(services, 'default', FLOW, switching(async () => 'team listing'))).rejects.toMatchObject({ from: 'default', to: 'team' });
    services.accounts.active = 'default';
    await expect(
      readWhileActive(services, 'default', FLOW, switching(async () => {
        throw new Error('Could not reach RunPod (UND_ERR_CLOSED)');
      })),
    ).rejects.toBeInstanceOf(ClientChangedError);
  });

  it('switched away and back while it read (a new client for the same account): refused, saying the key or URL changed', async () => {
    const services = window();
    const read = readWhileActive(services, 'default', FLOW, async () => {
      services.client = recordingApi([]); // away and back: the provider made a new client
      return 'listed by some client';
    });
    await expect(read).rejects.toThrow("The RunPod account's API key or the API URL changed while Launch Pod was open");
  });

  it('a read that fails without a switch fails as itself', async () => {
    const services = window();
    await expect(readWhileActive(services, 'default', FLOW, async () => Promise.reject(new Error('503')))).rejects.toThrow('503');
  });
});

describe('whileActive', () => {
  const accounts = () => ({ active: 'default' });

  it('a task that fails once another account is active fails as the switch, not as the closed client', async () => {
    const state = accounts();
    const run = whileActive(state, 'default', FLOW, async () => {
      state.active = 'team';
      throw new RunpodApiError('network', 'Could not reach RunPod (CLIENT_CLOSED)', { code: 'CLIENT_CLOSED', mayHaveSucceeded: false });
    });
    await expect(run()).rejects.toThrow("The active RunPod account changed to team while Launch Pod was open; nothing was launched. Run 'RunPod: Launch Pod...' again.");
  });

  it('a write that may have happened before the switch keeps its own message: "nothing was done" would be a guess', async () => {
    const state = accounts();
    const maybe = new RunpodApiError('timeout', 'It may or may not have taken effect', { mayHaveSucceeded: true });
    const run = whileActive(state, 'default', FLOW, async () => {
      state.active = 'team';
      throw maybe;
    });
    await expect(run()).rejects.toBe(maybe);
  });

  it('any other failure after the switch keeps its own message: a write answered 2xx with a body that does not parse did happen', async () => {
    const state = accounts();
    for (const failure of [new RunpodApiError('bad-response', 'RunPod sent an unexpected answer'), new Error('socket hang up')]) {
      const run = whileActive(state, 'default', FLOW, async () => {
        state.active = 'team';
        throw failure;
      });
      state.active = 'default';
      await expect(run()).rejects.toBe(failure);
    }
  });

  it('a task that fails while its account is still active fails as itself', async () => {
    const run = whileActive(accounts(), 'default', FLOW, async () => Promise.reject(new Error('503')));
    await expect(run()).rejects.toThrow('503');
  });
});
