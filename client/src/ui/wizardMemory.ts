/**
 * What a multi-step wizard left when it was cancelled (Escape, or a click outside it), kept for the
 * window's life so the same command run again offers those answers as its defaults, instead of
 * Escape dropping every answer. A run that finishes forgets them. Each wizard hands over only the
 * answers it may keep, plain names, choices and ids; never a secret value, which lives only in
 * its step (the value box), and never a file's text (a file is kept by its URI and read again).
 * In memory only, held by the extension's context (one per window: a test's own services hold their
 * own): nothing is written anywhere.
 */

/** The answers one wizard keeps: plain text, numbers and lists of names by field. */
export type WizardAnswers = Readonly<Record<string, string | number | readonly string[] | undefined>>;

/** The wizards that keep answers, each under its own key. */
export const WIZARD_IDS = ['create-secret', 'rename-secret', 'launch-pod', 'deploy-endpoint', 'rotate-secret'] as const;
export type WizardId = (typeof WIZARD_IDS)[number];

/** Each window's answers, by the object that stands for the window (the extension's context). */
const windows = new WeakMap<object, Map<WizardId, WizardAnswers>>();

function keptIn(window: object): Map<WizardId, WizardAnswers> {
  let kept = windows.get(window);
  if (!kept) windows.set(window, (kept = new Map()));
  return kept;
}

/** The answers `wizard` left in `window` when last cancelled (none when it finished, or never ran), a copy. */
export function recallAnswers<T extends WizardAnswers>(window: object, wizard: WizardId): Partial<T> {
  return { ...keptIn(window).get(wizard) } as Partial<T>;
}

/** After a run of `wizard` in `window`: cancelled (`completed` false) keeps `answers()` for the next run, finished forgets them. */
export function settleAnswers(window: object, wizard: WizardId, completed: boolean, answers: () => WizardAnswers): void {
  const kept = keptIn(window);
  if (completed) {
    kept.delete(wizard);
    return;
  }
  const given = answered(answers());
  if (Object.keys(given).length > 0) kept.set(wizard, given);
  else kept.delete(wizard);
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
