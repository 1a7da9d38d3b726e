/**
 * The state machine behind a multi-step quick input: steps run in order, Back returns to the
 * previous step that was shown, a step may skip itself (moving on in the direction of travel) or
 * jump to another step. No `vscode` import, so the navigation is tested on its own.
 */
import type { StepAnswer } from './multiStepInput';

/** What a step did. */
export type StepOutcome = 'next' | 'back' | 'cancel' | 'skip' | { goto: number };

export interface StepContext {
  /** Index of this step in the machine. */
  index: number;
  /** True when Back can go somewhere (a step was shown before this one). */
  canGoBack: boolean;
  /** True when the user arrived here with Back. */
  cameBack: boolean;
}

export type Step = (ctx: StepContext) => Promise<StepOutcome>;

/**
 * Runs the steps from `start`. A machine started past its first step (a wizard reopened after a
 * failure, its answers kept in its state) can go Back to the steps before it: they count as shown,
 * and one that would skip itself passes Back on, as it does in a run from the start.
 * @param onStep told each step as it starts: where a step that threw (a failed read) is, for a retry to reopen it
 * @returns true when the last step said 'next', false when a step cancelled (or Back left the first step)
 */
export async function runSteps(steps: readonly Step[], start = 0, onStep?: (index: number) => void): Promise<boolean> {
  /** Steps actually shown, so Back skips the ones that skipped themselves. */
  const shown: number[] = Array.from({ length: Math.max(0, start) }, (_, i) => i);
  let index = start;
  let cameBack = false;
  // Bounded: a step that keeps jumping must not spin forever.
  for (let guard = 0; guard < 10_000; guard++) {
    if (index >= steps.length) return true;
    if (index < 0) return false;
    onStep?.(index);
    const outcome = await steps[index]!({ index, canGoBack: shown.length > 0, cameBack });
    if (outcome === 'cancel') return false;
    if (outcome === 'skip') {
      if (cameBack) {
        const previous = shown.pop();
        if (previous === undefined) return false;
        index = previous;
      } else index++;
      continue;
    }
    if (outcome === 'back') {
      const previous = shown.pop();
      if (previous === undefined) return false;
      index = previous;
      cameBack = true;
      continue;
    }
    shown.push(index);
    cameBack = false;
    if (outcome === 'next') index++;
    else {
      // A jump back drops the steps after the target from the Back history.
      while (shown.length > 0 && shown[shown.length - 1]! >= outcome.goto) shown.pop();
      index = outcome.goto;
    }
  }
  return false;
}

/**
 * Maps what the user did in one box or pick to a step outcome, running `onAccept` for an accepted
 * value (it may still refuse the value, jump, or cancel).
 */
export async function stepOutcome<T>(answer: StepAnswer<T>, onAccept: (value: T) => Promise<StepOutcome> | StepOutcome): Promise<StepOutcome> {
  if (answer.kind === 'back') return 'back';
  if (answer.kind === 'cancel') return 'cancel';
  return onAccept(answer.value);
}
