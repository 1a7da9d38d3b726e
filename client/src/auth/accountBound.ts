/**
 * A flow that asks before it acts (Launch Pod, Deploy Endpoint, Update Env from File, Change Image)
 * takes its API client once, for the account active then. A switch while its wizard or dialog is
 * open closes that client: a later call would fail as a network error and name the wrong cause.
 * The bound client remembers the account and refuses every call once another one is active, so
 * nothing is created or changed under an account the user has left, and the message says why.
 * No `vscode` import.
 */
import type { RunpodApi } from '../runpod/types';
import type { ActiveAccount, Services } from '../services';

/** How the message names a flow: its words in "while ... was open", its command title, what did not happen. */
export interface BoundFlow {
  name: string;
  title: string;
  nothing: string;
}

/** Thrown (as a rejection) by a bound client's call once the active account is not the one it was taken for. */
export class AccountChangedError extends Error {
  constructor(
    readonly flow: BoundFlow,
    /** The account the flow started under (the client's key). */
    readonly from: string,
    /** The account active now. */
    readonly to: string,
  ) {
    super(`The active RunPod account changed to ${to} while ${flow.name} was open; ${flow.nothing}. Run '${flow.title}' again.`);
    this.name = 'AccountChangedError';
  }
}

export function isAccountChanged(error: unknown): error is AccountChangedError {
  return error instanceof AccountChangedError;
}

/** The log streams: an async generator, refused at its first step rather than with a promise. */
const STREAMS = new Set<keyof RunpodApi>(['streamPodLogs', 'streamWorkerLogs']);

/**
 * `api` as the client of the account active now: each call first checks that this account is still
 * the active one. `close` passes through (the provider owns the client).
 */
export function accountBound(api: RunpodApi, accounts: ActiveAccount, flow: BoundFlow): RunpodApi {
  const account = accounts.active;
  return new Proxy(api, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'close') return value;
      return (...args: unknown[]) => {
        const now = accounts.active;
        if (now === account) return (value as (...a: unknown[]) => unknown).apply(target, args);
        const error = new AccountChangedError(flow, account, now);
        return STREAMS.has(prop as keyof RunpodApi)
          ? (async function* refused() {
              throw error;
            })()
          : Promise.reject(error);
      };
    },
  });
}

/** `services.requireApi()` bound to the account active when it answers; undefined as requireApi. */
export async function requireBoundApi(services: Pick<Services, 'requireApi' | 'accounts'>, flow: BoundFlow): Promise<RunpodApi | undefined> {
  const api = await services.requireApi();
  return api && accountBound(api, services.accounts, flow);
}
