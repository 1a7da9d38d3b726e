/**
 * Every flow that writes to RunPod acts under the account it started with or not at all. A flow
 * that asks before it acts (Launch Pod, Push Template, Deploy, Update and Delete Endpoint, the Pod
 * actions; Rename's template updates and Rotate's restarts, bound to the account they started
 * under) takes its API client once, for the account active then. A switch of account while its wizard or
 * dialog is open closes that client (as a new key or API URL does): a later call would fail as a
 * network error and name the wrong cause. The bound client remembers the account and its client and
 * refuses every call once another account is active, or once the window's client is no longer this
 * one (switched away and back, a new key), so nothing is created or changed under an account the
 * user has left, and the message says why. No `vscode` import.
 */
import { isClientClosed } from '../runpod/errors';
import type { RunpodApi } from '../runpod/types';
import type { ActiveAccount, Services } from '../services';

/** How the message names a flow: its words in "while ... was open", its command title, what did not happen. */
export interface BoundFlow {
  name: string;
  title: string;
  nothing: string;
  /** How to start over, when not by the command's title (a quick fix): "Run the quick fix again". */
  again?: string;
}

/** Why a bound client refused a call: the account changed, or (`to` absent) the window's client was replaced. */
export class ClientChangedError extends Error {
  constructor(
    readonly flow: BoundFlow,
    /** The account the flow started under (the client's key). */
    readonly from: string,
    /** The account active now, when it is another one. */
    readonly to?: string,
    /**
     * Switch Account's picker hid the flow and the user chose to add an account there: none is
     * switched to yet, but the add wizard may make its new account the active one.
     */
    readonly closedToAdd = false,
  ) {
    const what = to !== undefined ? `The active RunPod account changed to ${to}` : "The RunPod account's API key or the API URL changed";
    const cause = closedToAdd ? `Switch Account closed ${flow.name} to add an account` : `${what} while ${flow.name} was open`;
    super(`${cause}; ${flow.nothing}. ${flow.again ?? `Run '${flow.title}' again`}.`);
    this.name = 'ClientChangedError';
  }
}

export function isClientChanged(error: unknown): error is ClientChangedError {
  return error instanceof ClientChangedError;
}

/**
 * The one refusal of a flow started under `account`, once it may not go on: it names the account
 * active now when that is another one (the switch is the cause, even when the store's key lookup
 * found no key for it), else the replaced client (switched away and back, a new key or API URL).
 */
function changed(accounts: ActiveAccount, account: string, flow: BoundFlow): ClientChangedError {
  return new ClientChangedError(flow, account, accounts.active !== account ? accounts.active : undefined);
}

/** The log streams: an async generator, refused at its first step rather than with a promise. */
const STREAMS = new Set<keyof RunpodApi>(['streamPodLogs', 'streamWorkerLogs']);

/**
 * `api` as the client of `account` (by default the one active now): before each call, that account
 * must still be the active one and `current()` (the window's client now) still `api`. `close`
 * passes through (the provider owns the client). A flow that takes its client after it started
 * (Rename's template updates, Rotate's restarts) passes the account it started under.
 */
export function accountBound(api: RunpodApi, accounts: ActiveAccount, current: () => Promise<RunpodApi | undefined>, flow: BoundFlow, account = accounts.active): RunpodApi {
  /** Why calls are refused now, or undefined. */
  const refusal = async (): Promise<ClientChangedError | undefined> =>
    accounts.active !== account || (await current()) !== api ? changed(accounts, account, flow) : undefined;
  const bound = new Proxy(api, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'close') return value;
      const call = (args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(target, args);
      if (STREAMS.has(prop as keyof RunpodApi)) {
        return (...args: unknown[]) =>
          (async function* bound() {
            const error = await refusal();
            if (error) throw error;
            yield* call(args) as AsyncGenerator<unknown>;
          })();
      }
      return async (...args: unknown[]) => {
        const error = await refusal();
        if (error) throw error;
        return call(args);
      };
    },
  });
  BOUND_TO.set(bound, unbound(api));
  return bound;
}

/** Each bound client's window client: a bound one is a wrapper, never equal to it. */
const BOUND_TO = new WeakMap<RunpodApi, RunpodApi>();

/**
 * The window's client behind `api` (itself when not bound): what a view compares with the client it
 * listed with, to tell a flow of this account (whose client is bound) from one of another.
 */
export function unbound(api: RunpodApi): RunpodApi {
  return BOUND_TO.get(api) ?? api;
}

/**
 * What a success message adds when the write went to the flow's `account` but another is `active`
 * by the time it answered (a switch while the request was in flight: the closing client lets it
 * finish, and the account active now may hold a secret of that name): where it was done. Empty
 * while the flow's account is still the active one.
 */
export function doneInText(account: string, active: string): string {
  return active === account ? '' : ` This was done in account ${account}; the active account is now ${active}.`;
}

/** `services.requireApi()` bound to the account active when it answers; undefined as requireApi. */
export async function requireBoundApi(services: Pick<Services, 'requireApi' | 'getApi'> & { accounts: ActiveAccount }, flow: BoundFlow): Promise<RunpodApi | undefined> {
  const api = await services.requireApi();
  return api && accountBound(api, services.accounts, () => services.getApi(), flow);
}

/**
 * Refuses a write whose client belongs to another account than the flow's: called by the secrets
 * store with the account of the client it took, after its (asynchronous) key lookup and before the
 * call, the moment a switch could still slip in after {@link whileActive}'s own check.
 */
export type AccountCheck = (account: string | undefined) => void;

/**
 * `task` as a flow that asked first runs it: refused with a ClientChangedError once the active
 * account is no longer `account`, the one the flow started under. The secret flows need it beside
 * the bound client: the secrets store writes with the window's client at the moment of the write,
 * so a switch while Delete Secret asked would delete the other account's secret of that name. The
 * task is given an {@link AccountCheck} to hand to the store, which closes the last gap: a switch
 * while the store looks up its key. A task that fails once another account is active fails with
 * the same ClientChangedError: the switch closed the client it was using.
 */
export function whileActive<T>(accounts: ActiveAccount, account: string, flow: BoundFlow, task: (check: AccountCheck) => Promise<T>): () => Promise<T> {
  const check: AccountCheck = (actual) => {
    if (actual !== account) throw changed(accounts, account, flow);
  };
  return async () => {
    assertActive(accounts, account, flow);
    try {
      return await task(check);
    } catch (error) {
      // Refused by the client the switch closed (nothing sent): the switch is the cause. Any other
      // failure keeps its own message: a write in flight when the switch came may have happened (a
      // 2xx whose body does not parse did), and "nothing was changed" would be a guess.
      if (accounts.active !== account && isClientClosed(error)) throw changed(accounts, account, flow);
      throw error;
    }
  };
}

/**
 * Switch Account's pick while it is undecided, from its start to the moment the account is switched
 * (or the pick escaped, or the command ended). VS Code shows one quick input at a time: its picker (a
 * click on the account in the status bar) hides a flow's picker or box as it opens, which the flow
 * sees as a cancel before any account is picked. Not the whole command: after the switch it lists
 * the new account's secrets, may run a whole Add Account wizard or show a toast that never settles,
 * and the cancelled flow would say nothing until then.
 */
let accountPick: Promise<PickDecision> | undefined;

/** How Switch Account's pick was decided: `adding` when Add Account or Import Key was chosen (no switch yet). */
export type PickDecision = 'adding' | undefined;

/** The accounts as Switch Account's pick watches them: the active one, and when it changes. */
export interface WatchedAccounts extends ActiveAccount {
  readonly onDidChange: (listener: () => void) => { dispose(): void };
}

/**
 * Runs Switch Account's `pick` as the one a cancelled flow waits for (assertActiveAfterCancel). The
 * wait ends when another account becomes active, when `pick` calls `decided` (an account picked,
 * the same one or switched to, or a way to add one), or when `pick` ends.
 */
export function asAccountPick<T>(accounts: WatchedAccounts, pick: (decided: (how?: PickDecision) => void) => Promise<T>): Promise<T> {
  let resolveDecision!: (how: PickDecision) => void;
  const decision = new Promise<PickDecision>((resolve) => (resolveDecision = resolve));
  const decide = (how?: PickDecision) => {
    resolveDecision(how);
    // The flows the picker hid have their cancel by now; one escaped during the add wizard was not closed by it.
    if (how === 'adding' && accountPick === decision) accountPick = undefined;
  };
  accountPick = decision;
  const started = accounts.active;
  // Only a change of the active account decides: Add Account's new key changes the names first.
  const subscription = accounts.onDidChange(() => {
    if (accounts.active !== started) decide();
  });
  const end = () => {
    subscription.dispose();
    decide();
    if (accountPick === decision) accountPick = undefined;
  };
  const running = pick(decide);
  running.then(end, end);
  return running;
}

/**
 * assertActive for a flow that ended on a cancel: once a Switch Account picker open meanwhile has
 * decided, so a switch picked there is said as the reason instead of passing for Escape. Adding an
 * account there is said too (its wizard may end with the new account active, and would be too late
 * to wait for): the ClientChangedError then says Switch Account closed the flow.
 */
export async function assertActiveAfterCancel(accounts: ActiveAccount, account: string, flow: BoundFlow): Promise<void> {
  const decision = await accountPick;
  assertActive(accounts, account, flow);
  if (decision === 'adding') throw new ClientChangedError(flow, account, undefined, true);
}

/**
 * Throws the ClientChangedError once `account` is no longer the active one: a flow checks before
 * a step that asks the user or writes, so nothing is asked or done for an account the user left.
 */
export function assertActive(accounts: ActiveAccount, account: string, flow: BoundFlow): void {
  if (accounts.active !== account) throw changed(accounts, account, flow);
}

/**
 * `read` (a fresh listing a flow decides from: Rename's templates and uses, Rotate's Pods) for a
 * flow started under `account`, refused with the ClientChangedError when another account is
 * active before it, or became active (or the window's client changed) while it listed. The
 * account scan lists with the window's client at the moment it lists, so a listing that overlaps
 * a switch may be the new account's, or a network error from the client the switch closed: the
 * cause the user is told is the switch, and nothing listed is shown as `account`'s.
 */
export async function readWhileActive<T>(services: Pick<Services, 'getApi'> & { accounts: ActiveAccount }, account: string, flow: BoundFlow, read: () => Promise<T>): Promise<T> {
  assertActive(services.accounts, account, flow);
  const client = await services.getApi();
  assertActive(services.accounts, account, flow);
  const stillBound = async (): Promise<void> => {
    // Switched away (and maybe back, or a new key): the listing may have gone to another client.
    if (services.accounts.active !== account || (await services.getApi()) !== client) throw changed(services.accounts, account, flow);
  };
  let result: T;
  try {
    result = await read();
  } catch (error) {
    await stillBound();
    throw error;
  }
  await stillBound();
  return result;
}
