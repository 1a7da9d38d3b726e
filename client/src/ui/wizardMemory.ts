/**
 * What a multi-step wizard left when it was cancelled (Escape, or a click outside it), kept for the
 * window's life so the same command run again offers those answers as its defaults, instead of
 * Escape dropping every answer. A run that creates or changes something (or may have) forgets them;
 * one that failed having created nothing keeps them. Each wizard hands over only the answers it may
 * keep, plain names, choices and ids; never a secret value, which lives only in its step (the value
 * box), and never a file's text (a file is kept by its URI and read again). Kept per account: a run
 * offers only what a run under the same account left (a secret, template or file chosen for one
 * account is not another's). In memory only, held by the extension's context (one per window: a
 * test's own services hold their own): nothing is written anywhere.
 */
import { sameAccountName } from '../../../server/src/template/accountNames';

/** The answers one wizard keeps: plain text, numbers and lists of names by field. */
export type WizardAnswers = Readonly<Record<string, string | number | readonly string[] | undefined>>;

/** The wizards that keep answers, each under its own key. */
export const WIZARD_IDS = ['create-secret', 'rename-secret', 'launch-pod', 'deploy-endpoint', 'rotate-secret'] as const;
export type WizardId = (typeof WIZARD_IDS)[number];

/** What a cancelled run kept, with the account it ran under: a secret, template or source is one account's. */
interface Kept {
  account: string;
  answers: WizardAnswers;
}

/** Each window's answers, by the object that stands for the window (the extension's context). */
const windows = new WeakMap<object, Map<WizardId, Kept>>();

function keptIn(window: object): Map<WizardId, Kept> {
  let kept = windows.get(window);
  if (!kept) windows.set(window, (kept = new Map()));
  return kept;
}

/**
 * The answers `wizard` left in `window` when last cancelled under `account` (none when it finished,
 * never ran, or was last cancelled under another account: that account's secret or file is no
 * answer here), a copy.
 */
export function recallAnswers<T extends WizardAnswers>(window: object, wizard: WizardId, account: string): Partial<T> {
  const kept = keptIn(window).get(wizard);
  return (kept && sameAccountName(kept.account, account) ? { ...kept.answers } : {}) as Partial<T>;
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
   * `answers()` for the next run. Keeps nothing once another account is active: the answers are the
   * run's account's, and the flow stopped on the switch (auth/accountBound.ts).
   */
  keep(answers: () => WizardAnswers): void;
  /** Something was created or changed, or may have been: the answers are forgotten, a next run starts afresh. */
  forget(): void;
}

/** Starts a run of `wizard` in `window` under the account `accounts` has active now. */
export function wizardRun<T extends WizardAnswers>(window: object, wizard: WizardId, accounts: { readonly active: string }): WizardRun<T> {
  const account = accounts.active;
  const kept = keptIn(window);
  return {
    recalled: recallAnswers<T>(window, wizard, account),
    keep(answers) {
      if (!sameAccountName(accounts.active, account)) return;
      const given = answered(answers());
      if (Object.keys(given).length > 0) kept.set(wizard, { account, answers: given });
      else kept.delete(wizard);
    },
    forget() {
      const last = kept.get(wizard);
      if (last && sameAccountName(last.account, account)) kept.delete(wizard);
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
