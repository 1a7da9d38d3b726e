/**
 * What Create Secret and Move value into a RunPod secret share: the name and description steps (same
 * rules, so both flows refuse the same names) and the create call, whose error message masks the value;
 * and how every secret flow says a switch of account that stopped it.
 */
import * as vscode from 'vscode';
import { assertActiveAfterCancel, isClientChanged, whileActive, type BoundFlow } from '../auth/accountBound';
import type { Secret } from '../runpod/types';
import type { Services } from '../services';
import type { WrittenIn } from '../secrets/store';
import { showInputStep, type StepAnswer, type StepFrame } from '../ui/multiStepInput';
import { withApiProgress } from './progress';
import { validateDescription, validateNewSecretName, validateRenameTarget, type InputProblem } from './secretInputRules';

/**
 * A secret flow's picker or steps ended on a cancel: Switch Account is a quick pick too, and showing
 * it hides the flow's picker or box. When another account was picked there, the flow says so rather
 * than end as on Escape (the endpoint flows' rule, assertActiveAfterCancel).
 */
export async function sayIfSwitchedOnCancel(services: Services, account: string, flow: BoundFlow): Promise<void> {
  await sayIfSwitched(services, () => assertActiveAfterCancel(services.accounts, account, flow));
}

/**
 * `step`'s result, or undefined once a switch of account stopped it (its ClientChangedError): the
 * flow ends there with that one message, logged and shown. Any other failure is thrown on.
 */
export async function sayIfSwitched<T>(services: Services, step: () => Promise<T>): Promise<T | undefined> {
  try {
    return await step();
  } catch (error) {
    if (!isClientChanged(error)) throw error;
    services.log.info(error.message);
    void vscode.window.showErrorMessage(error.message);
    return undefined;
  }
}

/**
 * The name rule plus duplicates among the secrets the store knows right now: its frozen names, as
 * they are, so a keystroke reads no name again (a copy per keystroke: 570 ms at 100,000 secrets).
 */
export function newSecretNameRule(services: Services): (value: string) => InputProblem | undefined {
  return (value) => validateNewSecretName(value.trim(), services.store.secretNames);
}

/** Rename's target rule (secretInputRules.ts validateRenameTarget) against the secrets the store knows right now. */
export function renameTargetRule(services: Services, from: string): (value: string) => InputProblem | undefined {
  return (value) => validateRenameTarget(value.trim(), from, services.store.secretNames);
}

/** Asks for the new secret's name, prefilled with `value`, by the new-name rule (Rename asks its own way: rename.ts). */
export function askSecretName(services: Services, frame: StepFrame, value: string, prompt: string): Promise<StepAnswer<string>> {
  return showInputStep({ ...frame, value, prompt, placeholder: 'e.g. hf-token', validate: newSecretNameRule(services) });
}

/**
 * Asks for the optional description, prefilled with `value` (kept when the user comes back).
 * @param onBack told the text typed when Back leaves the step, to prefill it on the way back
 */
export function askDescription(frame: StepFrame, value: string, onBack: (typed: string) => void): Promise<StepAnswer<string>> {
  return showInputStep({
    ...frame,
    value,
    onBack,
    prompt: 'Description (optional), to remember what the secret is for. Leave empty to skip.',
    validate: validateDescription,
  });
}

/** The account a flow started under, and how its refusal names the flow (auth/accountBound.ts). */
export interface StartedUnder {
  account: string;
  flow: BoundFlow;
}

/**
 * Creates the secret under a progress notification; an empty description is left out. Only under
 * `under.account`: the store writes with the window's client at the moment of the write, so a
 * switch while the value was typed would create the secret in the other account.
 * @param writtenIn told the account it was created in (a switch while the call is in flight lets it finish there)
 * @returns the created secret, or undefined after showing why it failed (the value masked)
 */
export function createWithProgress(services: Services, name: string, value: string, description: string, under: StartedUnder, writtenIn?: WrittenIn, failed?: (error: unknown) => void): Promise<Secret | undefined> {
  const input = description ? { name, value, description } : { name, value };
  return withApiProgress(services, `Creating secret ${name}…`, `Creating secret ${name}`, whileActive(services.accounts, under.account, under.flow, (check) => services.store.create(input, { check, writtenIn })), [value], failed);
}
