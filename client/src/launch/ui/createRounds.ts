/**
 * The rounds of a wizard that creates something that costs money (Launch Pod, Deploy Endpoint):
 * each round is one wizard run and at most one create, and only the user starts the next one (a
 * failure's "Retry", "Edit and Retry" or "Pick another GPU" reopens the wizard at a step, every choice kept;
 * Retry after a failed read of the wizard's own reopens the step whose read failed).
 *
 * What the answers of a round become (ui/wizardMemory.ts): a cancelled wizard keeps them for the
 * next run; from the confirm on they are forgotten, because the create and the follow after it take
 * minutes and a run started meanwhile must not offer the same choices for a second one; a round that
 * surely created nothing (a failure before the create, a check that stopped it, Cancel on the
 * progress) keeps them again, whether it is retried or not.
 */
import * as vscode from 'vscode';
import { assertActiveAfterCancel, type BoundFlow } from '../../auth/accountBound';
import type { Services } from '../../services';
import type { WizardAnswers, WizardRun } from '../../ui/wizardMemory';
import type { Advice, AdviceAction, Phase } from '../errorAdvice';
import type { FileFlow } from '../fileRefusal';
import { mayHaveCreated } from '../launchPlanRunner';
import { showWizardFailure } from './fileRefusal';
import { showAdvice } from './notify';

/** What one create round ended with (LaunchResult, DeployResult): a failure carries its advice. */
type RoundResult = { kind: string; stage?: string; error?: unknown; createCalled?: boolean; advice?: Advice };

export interface CreateRounds<A extends WizardAnswers> {
  flow: BoundFlow;
  /** The account the flow started under (a switch while the wizard is open stops it). */
  account: string;
  memory: WizardRun<A>;
  /** How a failure of the wizard's own reads is told (no create was sent). */
  failure: { flow: FileFlow; phase: Phase };
  firstStep: number;
  /** One wizard run from `step`: whether the user confirmed; `onStep` is told each step as it starts. */
  wizard(step: number, onStep: (index: number) => void): Promise<boolean>;
  /** What a cancelled round keeps. */
  answers(): A;
  /** The create, under its progress. */
  create(): Promise<RoundResult>;
  /** Where Retry and Edit and Retry reopen the wizard, every choice kept (Back goes on to the earlier steps). */
  summaryStep: number;
  /** The step any other action of a failed create reopens the wizard at; undefined ends the flow. */
  reopenAt?(action: AdviceAction | undefined): number | undefined;
}

/** At most this many rounds: each needs the user, so this only guards against a loop. */
const MAX_ROUNDS = 20;

/** Runs the rounds; never throws (errors become notifications). */
export async function runCreateRounds<A extends WizardAnswers>(services: Services, rounds: CreateRounds<A>): Promise<void> {
  const { memory } = rounds;
  let step = rounds.firstStep;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let confirmed: boolean;
    /** The step the wizard is on: where a read of its own failed. */
    let reached = step;
    try {
      confirmed = await rounds.wizard(step, (index) => (reached = index));
      // Switch Account is a quick pick too: showing it hides the wizard's, which ends as a cancel. Say why.
      if (!confirmed) await assertActiveAfterCancel(services.accounts, rounds.account, rounds.flow);
    } catch (error) {
      // The wizard's own reads (templates, the GPU catalog, a file's base) failed: no create was sent,
      // so the choices are kept, and Retry reopens the step that failed (it reads again). Not after
      // an account switch: the choices were made for the account left (WizardRun.keep asks).
      memory.keep(() => rounds.answers(), error);
      if ((await showWizardFailure(services, error, rounds.failure.flow, rounds.failure.phase)) !== 'retry') return;
      step = reached;
      continue;
    }
    if (!confirmed) return memory.keep(() => rounds.answers());
    memory.forget();
    const result = await rounds.create();
    // Refused because the client changed (a switch away and back): kept no more than after a failed read.
    if (!mayHaveCreated(result)) memory.keep(() => rounds.answers(), result.error);
    // Cancel on the progress closes it at once; a create already sent is never cut short (the
    // follow then says what was created), so only this says that nothing was.
    if (result.kind === 'cancelled' && result.stage === 'before-create') void vscode.window.showInformationMessage(`${rounds.flow.name} cancelled: ${rounds.flow.nothing}.`);
    if (result.kind !== 'failed' || !result.advice) return;
    const action = await showAdvice(services, result.advice);
    const next = action === 'retry' || action === 'edit-retry' ? rounds.summaryStep : rounds.reopenAt?.(action);
    if (next === undefined) return;
    step = next;
  }
}
