/** RunPod: Edit Description — prefilled with the current description; an empty one clears it. */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { findSecret, resolveSecretToChange } from './pickSecret';
import { showInputStep } from '../ui/multiStepInput';
import { withApiProgress } from './progress';
import { validateDescription } from './secretInputRules';
import { sayIfSwitchedOnCancel } from './secretSteps';
import { doneInText, whileActive, type BoundFlow } from '../auth/accountBound';

const EDIT_DESCRIPTION_FLOW: BoundFlow = { name: 'Edit Description', title: 'RunPod: Edit Description...', nothing: 'its description was not changed' };

const EDIT_DESCRIPTION_COMMAND = 'runpod.secrets.editDescription';

/** Registers `runpod.secrets.editDescription`; accepts a tree node, a name, or nothing (quick pick). */
export function register(services: Services): void {
  services.context.subscriptions.push(
    vscode.commands.registerCommand(EDIT_DESCRIPTION_COMMAND, (arg?: unknown) => editDescription(services, arg)),
  );
}

async function editDescription(services: Services, arg: unknown): Promise<void> {
  const account = services.accounts.active; // the secret picked is this account's
  // A cancel may be Switch Account's picker hiding this one: then it is said (secretSteps.ts).
  const name = await resolveSecretToChange(services, arg, 'Edit Description', { account, flow: EDIT_DESCRIPTION_FLOW });
  if (!name) return;
  const current = findSecret(services, name)?.description ?? '';
  const outcome = await showInputStep({
    title: `RunPod: Edit Description of ${name}`,
    value: current,
    prompt: 'Describe what the secret is for. Leave empty to clear the description.',
    validate: validateDescription,
  });
  if (outcome.kind !== 'accept') return sayIfSwitchedOnCancel(services, account, EDIT_DESCRIPTION_FLOW);
  const description = outcome.value.trim();
  if (description === current) return; // nothing changed: no API call
  const updated = await withApiProgress(services, `Updating the description of ${name}…`, `Updating the description of ${name}`, whileActive(services.accounts, account, EDIT_DESCRIPTION_FLOW, (check) =>
    services.store.updateDescription(name, description, { check }),
  ));
  if (updated) {
    void vscode.window.showInformationMessage(`${description ? 'Updated' : 'Cleared'} the description of ${name}.${doneInText(account, services.accounts.active)}`);
  }
}
