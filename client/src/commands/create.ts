/**
 * RunPod: Create Secret — name, value, description in three steps with Back. Also the target of
 * the server's "create secret" quick fix (`{ name }` prefilled: a valid name skips to the value).
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { Secret } from '../runpod/types';
import { CreateSecretCommand } from '../../../server/src/protocol';
import { secretReference } from '../secrets/references';
import { SECRET_NAME_RULE } from '../../../server/src/template/names';
import { runSteps, stepOutcome } from '../ui/stepMachine';
import { askDescription, askSecretName, createWithProgress, newSecretNameRule, sayIfSwitchedOnCancel } from './secretSteps';
import { nameFromArgument } from './target';
import { askSecretValue } from './valueInput';
import { doneInText, type BoundFlow } from '../auth/accountBound';
import { wizardRun } from '../ui/wizardMemory';
import { CREATE_SECRET_PALETTE } from '../../../server/src/template/nextSteps';

const TITLE = 'RunPod: Create Secret';
const CREATE_FLOW: BoundFlow = { name: 'Create Secret', title: CREATE_SECRET_PALETTE, nothing: 'nothing was created' };

/** Registers `runpod.secrets.create`; accepts nothing, a name, or `{ name }` to prefill. */
export function register(services: Services): void {
  services.context.subscriptions.push(
    vscode.commands.registerCommand(CreateSecretCommand, (arg?: unknown) => createSecret(services, nameFromArgument(arg))),
  );
}

/**
 * Runs the create flow; resolves to the created secret, or undefined when cancelled or failed.
 *
 * A valid prefilled name (the quick fix, Launch Pod's check) is the name the file references: the
 * flow asks only for the value and the description, because a secret created under another name
 * would leave the reference as unknown as before. Renaming the reference is the "Change to" fix.
 */
export async function createSecret(services: Services, prefilledName?: string): Promise<Secret | undefined> {
  if (!(await services.requireApi())) return undefined;
  const account = services.accounts.active; // the secret is created in this account or not at all
  let name = prefilledName?.trim() ?? '';
  let value = '';
  let description = '';
  const nameFixed = name !== '' && newSecretNameRule(services)(name)?.severity !== 'error';
  // The name a cancelled run in this account was given (wizardMemory.ts), unless one is passed in. The
  // description is the last step (accepting it finishes), and the value is never kept.
  const memory = wizardRun<{ name: string }>(services.context, 'create-secret', services.accounts);
  if (name === '') name = memory.recalled.name ?? '';
  const totalSteps = nameFixed ? 2 : 3;
  const first = nameFixed ? 1 : 2; // step number of the value step
  const nameStep = async () => {
    // RunPod has no rename; Rename Secret exists, so the prompt says what it does rather than "never".
    const prompt = `Name of the secret: ${SECRET_NAME_RULE}. RunPod keeps a secret's name fixed; 'RunPod: Rename Secret...' makes a new secret and moves the references to it.`;
    return stepOutcome(await askSecretName(services, { title: TITLE, step: 1, totalSteps }, name, prompt), (typed) => {
      name = typed.trim();
      return 'next' as const;
    });
  };
  const valueStep = async () => {
    const outcome = await askSecretValue(services, { title: TITLE, secretName: name, step: first, totalSteps, back: !nameFixed });
    if (outcome.kind !== 'value') return outcome.kind;
    value = outcome.value;
    return 'next' as const;
  };
  const descriptionStep = async () =>
    stepOutcome(await askDescription({ title: TITLE, step: first + 1, totalSteps, back: true }, description, (typed) => (description = typed)), (typed) => {
      description = typed.trim();
      return 'next' as const;
    });
  const completed = await runSteps(nameFixed ? [valueStep, descriptionStep] : [nameStep, valueStep, descriptionStep]);
  const answers = () => ({ name: nameFixed ? undefined : name });
  if (!completed) {
    memory.keep(answers);
    await sayIfSwitchedOnCancel(services, account, CREATE_FLOW);
    return undefined;
  }

  let failure: unknown;
  const created = await createWithProgress(services, name, value, description, { account, flow: CREATE_FLOW }, undefined, (error) => (failure = error));
  // Nothing was created (the create failed or was refused): the name is offered again next time,
  // unless the client changed (the failure says so: keep decides).
  if (!created) return void memory.keep(answers, failure);
  memory.forget();
  void vscode.window.showInformationMessage(`Created secret ${name}. Reference it as ${secretReference(name)}.${doneInText(account, services.accounts.active)}`, 'Copy Reference').then((choice) => {
    if (choice) void vscode.env.clipboard.writeText(secretReference(name));
  });
  return created;
}
