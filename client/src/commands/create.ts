/**
 * RunPod: Create Secret — name, value, description in three steps with Back. Also the target of
 * the server's "create secret" quick fix (`{ name }` prefilled: a valid name skips to the value).
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { Secret } from '../runpod/types';
import { CreateSecretCommand } from '../../../server/src/protocol';
import { secretReference } from '../secrets/references';
import { runSteps, stepOutcome } from '../ui/stepMachine';
import { askDescription, askSecretName, createWithProgress, newSecretNameRule } from './secretSteps';
import { nameFromArgument } from './target';
import { askSecretValue } from './valueInput';

const TITLE = 'Create RunPod Secret';

/** Registers `runpod.secrets.create`; accepts nothing, a name, or `{ name }` to prefill. */
export function register(services: Services): void {
  services.context.subscriptions.push(
    vscode.commands.registerCommand(CreateSecretCommand, (arg?: unknown) => createSecret(services, nameFromArgument(arg))),
  );
}

/** Runs the create flow; resolves to the created secret, or undefined when cancelled or failed. */
export async function createSecret(services: Services, prefilledName?: string): Promise<Secret | undefined> {
  if (!(await services.requireApi())) return undefined;
  let name = prefilledName?.trim() ?? '';
  let value = '';
  let description = '';
  // A valid name from a quick fix means the user already chose it: accept it without asking on the
  // first visit, so the flow starts at the value and Back from there still reaches the name.
  let nameChosen = name !== '' && newSecretNameRule(services)(name)?.severity !== 'error';
  const completed = await runSteps([
    async () => {
      if (nameChosen) {
        nameChosen = false;
        return 'next';
      }
      const prompt = 'Name of the secret: letters, digits, _ . - /; cannot start with a digit or RUNPOD. Names cannot be changed later.';
      return stepOutcome(await askSecretName(services, { title: TITLE, step: 1, totalSteps: 3 }, name, prompt), (typed) => {
        name = typed.trim();
        return 'next';
      });
    },
    async () => {
      const outcome = await askSecretValue(services, { title: TITLE, secretName: name, step: 2, totalSteps: 3, back: true });
      if (outcome.kind !== 'value') return outcome.kind;
      value = outcome.value;
      return 'next';
    },
    async () =>
      stepOutcome(await askDescription({ title: TITLE, step: 3, totalSteps: 3, back: true }, description), (typed) => {
        description = typed.trim();
        return 'next';
      }),
  ]);
  if (!completed) return undefined;

  const created = await createWithProgress(services, name, value, description);
  if (!created) return undefined;
  void vscode.window.showInformationMessage(`Created secret ${name}. Reference it as ${secretReference(name)}.`, 'Copy Reference').then((choice) => {
    if (choice) void vscode.env.clipboard.writeText(secretReference(name));
  });
  return created;
}
