/**
 * RunPod: Edit Secret Value — a new value, masked or from a file; the old one is never shown. Then
 * what the new value means on the account, as Rotate Secret says it (rotate.ts afterValueChange):
 * nothing uses it, or which running Pods keep the old value (Restart offered), or what picks it up
 * at next boot, or what could not be checked.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { resolveSecretToChange } from './pickSecret';
import { withApiProgress } from './progress';
import { askSecretValue } from './valueInput';
import { sayIfSwitchedOnCancel } from './secretSteps';
import { doneInText, whileActive, type BoundFlow } from '../auth/accountBound';
import { VALUE_CHANGE_MEANING } from '../secrets/rotatePlan';
import type { HistoryAccount } from '../secrets/history';
import { afterValueChange } from './rotate';

const EDIT_VALUE_FLOW: BoundFlow = { name: 'Edit Secret Value', title: 'RunPod: Edit Secret Value...', nothing: 'its value was not changed' };

const EDIT_VALUE_COMMAND = 'runpod.secrets.editValue';

/** Registers `runpod.secrets.editValue`; accepts a tree node, a name, or nothing (quick pick). */
export function register(services: Services): void {
  services.context.subscriptions.push(vscode.commands.registerCommand(EDIT_VALUE_COMMAND, (arg?: unknown) => editSecretValue(services, arg)));
}

async function editSecretValue(services: Services, arg: unknown): Promise<void> {
  const account = services.accounts.active; // the secret picked is this account's
  // A cancel may be Switch Account's picker hiding this one: then it is said (secretSteps.ts).
  const name = await resolveSecretToChange(services, arg, 'Edit Secret Value', { account, flow: EDIT_VALUE_FLOW });
  if (!name) return;
  const outcome = await askSecretValue(services, { title: `RunPod: Edit Secret Value of ${name}`, secretName: name, replacing: true });
  if (outcome.kind !== 'value') return sayIfSwitchedOnCancel(services, account, EDIT_VALUE_FLOW);
  let changedIn: HistoryAccount | undefined;
  const updated = await withApiProgress(
    services,
    `Updating the value of ${name}…`,
    `Updating the value of ${name}`,
    whileActive(services.accounts, account, EDIT_VALUE_FLOW, (check) => services.store.updateValue(name, outcome.value, { check, writtenIn: (where) => (changedIn = where) })),
    [outcome.value],
  );
  if (!updated) return;
  // Changed in an account no longer active: its uses cannot be listed from here, so the general meaning.
  if (!changedIn || services.accounts.active !== account) {
    void vscode.window.showInformationMessage(`Updated the value of ${name}. ${VALUE_CHANGE_MEANING}${doneInText(account, services.accounts.active)}`);
    return;
  }
  await afterValueChange(services, name, account, changedIn, updated.valueLastUpdatedAt, EDIT_VALUE_FLOW);
}
