/**
 * What a multi-step wizard left when it was cancelled (Escape, or a click outside it), kept for the
 * window's life so the same command run again offers those answers as its defaults, instead of
 * Escape dropping every answer. A run that creates or changes something (or may have) forgets them;
 * one that failed having created nothing keeps them. Each wizard hands over only the answers it may
 * keep, plain names, choices and ids; never a secret value, which lives only in its step (the value
 * box), and never a file's text (a file is kept by its URI and read again). Kept per account: a run
 * offers, replaces and forgets only what a run under the same account left (a secret, template or
 * file chosen for one account is not another's), and an account removed, or given another key or
 * API URL, keeps nothing. In memory only, held by the extension's context (one per window, not
 * shared between windows: a test's own services hold their own): nothing is written anywhere.
 */
import { accountNameKey, sameAccountName } from '../../../server/src/template/accountNames';
import { isClientChanged } from '../auth/accountBound';
import { isClientClosed } from '../runpod/errors';

/** The answers one wizard keeps: plain text, numbers and lists of names by field. */
export type WizardAnswers = Readonly<Record<string, string | number | readonly string[] | undefined>>;

/** The wizards that keep answers, each under its own key. */
export const WIZARD_IDS = ['create-secret', 'rename-secret', 'launch-pod', 'deploy-endpoint', 'rotate-secret'] as const;
export type WizardId = (typeof WIZARD_IDS)[number];

/** Each window's answers, by the object that stands for the window (the extension's context), by wizard, by account (accountNameKey). */
const windows = new WeakMap<object, Map<WizardId, Map<string, WizardAnswers>>>();

/** What `wizard` kept in `window`, by account. */
function keptIn(window: object, wizard: WizardId): Map<string, WizardAnswers> {
  let wizards = windows.get(window);
  if (!wizards) windows.set(window, (wizards = new Map()));
  let byAccount = wizards.get(wizard);
  if (!byAccount) wizards.set(wizard, (byAccount = new Map()));
  return byAccount;
}

/**
 * The answers `wizard` left in `window` when last cancelled under `account` (none when it finished,
 * never ran, or was cancelled only under another account: that account's secret or file is no
 * answer here), a copy.
 */
export function recallAnswers<T extends WizardAnswers>(window: object, wizard: WizardId, account: string): Partial<T> {
  return { ...keptIn(window, wizard).get(accountNameKey(account)) } as Partial<T>;
}

/**
 * Drops what every wizard kept in `window` under `account`: it was removed, or its key or the API
 * URL changed, so its name may now stand for another RunPod account whose templates, secrets and
 * names these are not.
 */
export function forgetAccount(window: object, account: string): void {
  for (const byAccount of windows.get(window)?.values() ?? []) byAccount.delete(accountNameKey(account));
}

/** Drops what every wizard kept in `window` under an account not in `held` (one left without a key: removed, here or in another window). */
export function forgetAccountsBut(window: object, held: readonly string[]): void {
  const keys = new Set(held.map(accountNameKey));
  for (const byAccount of windows.get(window)?.values() ?? []) for (const key of [...byAccount.keys()]) if (!keys.has(key)) byAccount.delete(key);
}

/** Drops what every wizard kept in `window` under any account (the API URL now points elsewhere). */
export function forgetAllAccounts(window: object): void {
  windows.delete(window);
}

/**
 * One run of a wizard in a window, under the account active when it started: what it offers from
 * an earlier cancelled run of that account, and how it ends (every wizard ends the same way).
 */
export interface WizardRun<T extends WizardAnswers> {
  /** What a cancelled run of this wizard under this account kept: the steps' defaults. */
  readonly recalled: Partial<T>;
  /**
   * Nothing was created or changed (Escape, or a failure that surely sent nothing): keeps
   * `answers()` for the next run under this account, in place of what it kept before. Keeps nothing
   * once another account is active, or when the run ended because its client changed (`cause`, the
   * failure it ended with: a ClientChangedError, or the closed client's own refusal (CLIENT_CLOSED),
   * which whileActive passes on as it is after a switch away and back): the
   * answers were the left client's, and the flow stopped on the change (auth/accountBound.ts). The
   * one place that asks, for every end of a run (the wizard's own reads failing, a failed create).
   */
  keep(answers: () => WizardAnswers, cause?: unknown): void;
  /** Something was created or changed, or may have been: this account's answers are forgotten, a next run starts afresh. */
  forget(): void;
}

/** Starts a run of `wizard` in `window` under the account `accounts` has active now. */
export function wizardRun<T extends WizardAnswers>(window: object, wizard: WizardId, accounts: { readonly active: string }): WizardRun<T> {
  const account = accounts.active;
  const key = accountNameKey(account);
  return {
    recalled: recallAnswers<T>(window, wizard, account),
    keep(answers, cause) {
      // A closed client's refusal is a change too: after a switch away and back whileActive passes it on as it is.
      if (!sameAccountName(accounts.active, account) || isClientChanged(cause) || isClientClosed(cause)) return;
      const given = answered(answers());
      // Looked up now, not at the start: the account may have been forgotten (removed) meanwhile.
      const kept = keptIn(window, wizard);
      if (Object.keys(given).length > 0) kept.set(key, given);
      else kept.delete(key);
    },
    forget() {
      windows.get(window)?.get(wizard)?.delete(key);
    },
  };
}

/** Only the answers given: a field left undefined, empty text or an empty list is no answer. */
function answered(answers: WizardAnswers): WizardAnswers {
  return Object.fromEntries(Object.entries(answers).filter(([, value]) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)));
}

/**
 * The answers a run gave, over those an earlier cancelled run kept (`kept`): a step this run did not
 * answer again (Escape before it, or on it while it offered the kept answer) keeps the kept answer.
 */
export function answersOver<T extends WizardAnswers>(kept: Partial<T> | undefined, given: T): T {
  return { ...kept, ...answered(given) } as T;
}
