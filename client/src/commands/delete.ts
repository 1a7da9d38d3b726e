/**
 * RunPod: Delete Secret — shows where the secret is still referenced (workspace files, and the
 * account's templates, Pods and endpoints that will fail at their next boot, listed fresh) and
 * RunPod's warning, then asks the user to type the name, as the RunPod console does. Anything but
 * the name deletes nothing.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { checkDeleteConfirmation, confirmationMessage, deleteWarningDetail } from './deleteFlow';
import { findSecretUsages } from './findUsages';
import { showInputStep } from '../ui/multiStepInput';
import { resolveSecretToChange } from './pickSecret';
import { sayIfSwitched } from './secretSteps';
import type { SecretUsages } from '../secrets/references';
import { failureMessage } from '../views/errorText';
import { plainName } from '../ui/plainName';
import { assertActive, assertActiveAfterCancel, doneInText, isClientChanged, readWhileActive, whileActive, type BoundFlow } from '../auth/accountBound';

const DELETE_COMMAND = 'runpod.secrets.delete';
const DELETE_FLOW: BoundFlow = { name: 'Delete Secret', title: 'RunPod: Delete Secret...', nothing: 'nothing was deleted' };

/** Registers `runpod.secrets.delete`; accepts a tree node, a name, or nothing (quick pick). */
export function register(services: Services): void {
  services.context.subscriptions.push(vscode.commands.registerCommand(DELETE_COMMAND, (arg?: unknown) => deleteSecret(services, arg)));
}

async function deleteSecret(services: Services, arg: unknown): Promise<void> {
  // The account whose secret the user picks and whose uses are listed: the delete goes there or nowhere.
  const account = services.accounts.active;
  // A cancel may be Switch Account's picker hiding this one: then it is said (secretSteps.ts).
  const name = await resolveSecretToChange(services, arg, 'Delete Secret', { account, flow: DELETE_FLOW });
  if (!name) return;

  await sayIfSwitched(services, async () => {
    const usages = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Looking for references to ${name}…` },
      // Listed now, not from the cache: this decides whether deployments break.
      () => readWhileActive(services, account, DELETE_FLOW, () => findSecretUsages(services, name, { fresh: true })),
    );
    const outcome = await confirmAndDelete(services, name, usages, account);
    // A switch while the DELETE was in flight does not stop it: the message then says whose secret went.
    if (outcome.kind === 'deleted') void vscode.window.showInformationMessage(`Deleted secret ${name}.${doneInText(account, services.accounts.active)}`);
    else if (outcome.kind === 'failed') void vscode.window.showErrorMessage(outcome.message);
  });
}

/**
 * How a confirmed delete ended: done, the user said no (Escape, another name typed: already said),
 * or the call failed (`message`: the API's reason, logged, not yet shown: Delete Secret shows it,
 * Rename's report says it).
 */
export type DeleteOutcome = { kind: 'deleted' } | { kind: 'declined' } | { kind: 'failed'; message: string; gone?: true };

/**
 * Shows where `name` is still used and RunPod's warning, asks for the typed name, then deletes it.
 * Also the last step of Rename Secret. Never under another account than `account`, the one the
 * flow started under: throws the ClientChangedError once another is active after a question (or
 * as the delete starts), so the name is not asked for an account the user left and the caller says
 * why in its one message.
 */
export async function confirmAndDelete(services: Services, name: string, usages: SecretUsages, account: string, flow = DELETE_FLOW): Promise<DeleteOutcome> {
  const proceed = await vscode.window.showWarningMessage(
    `Delete the RunPod secret ${name}?`,
    { modal: true, detail: deleteWarningDetail(name, usages) },
    'Continue…',
  );
  if (proceed !== 'Continue…') return { kind: 'declined' };
  assertActive(services.accounts, account, flow);

  const outcome = await showInputStep({
    title: `RunPod: Delete Secret ${name}`,
    prompt: `Type ${name} to confirm. This cannot be undone; deployments that reference it will fail.`,
    placeholder: name,
    validate: (typed) => confirmationMessage(typed, name),
  });
  // Switch Account's picker hides this box as it opens: a switch picked there is the reason, said by
  // the caller (sayIfSwitched; Rename's report), not a silent Escape.
  if (outcome.kind !== 'accept') await assertActiveAfterCancel(services.accounts, account, flow);
  const confirmation = checkDeleteConfirmation(outcome.kind === 'accept' ? outcome.value : undefined, name);
  if (confirmation.kind !== 'confirmed') {
    if (confirmation.kind === 'mismatch') void vscode.window.showInformationMessage(`Nothing was deleted: ${confirmation.message}`);
    return { kind: 'declined' };
  }
  try {
    // whileActive checks the account as the delete starts, and the store with the client it took: a
    // switch while the name was typed, or as the progress shows, deletes nothing.
    const title = plainName(`Deleting secret ${name}…`);
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, whileActive(services.accounts, account, flow, (check) => services.store.delete(name, { check })));
    return { kind: 'deleted' };
  } catch (error) {
    if (isClientChanged(error)) throw error;
    const message = failureMessage(`Deleting secret ${name}`, error);
    services.log.error(message);
    // RunPod has no such secret (deleted elsewhere): for Delete an error, for Rename's last step its end.
    const gone = (error as { kind?: unknown }).kind === 'not-found';
    return { kind: 'failed', message, ...(gone ? { gone } : {}) };
  }
}
