/**
 * RunPod: Create Secret — name, value, description in three steps with Back. Also the target of
 * the server's "create secret" quick fix (`{ name }` prefilled: a valid name skips to the value).
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { Secret } from '../runpod/types';
import { CreateSecretCommand } from '../../../server/src/protocol';
import { secretReference } from '../secrets/references';
import { showInputStep } from '../ui/multiStepInput';
import { withApiProgress } from './progress';
import { validateDescription, validateNewSecretName } from './secretInputRules';
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
  const existing = (): string[] => services.store.secrets.map((s) => s.name);
  const validateName = (value: string) => validateNewSecretName(value.trim(), existing());

  let name = prefilledName?.trim() ?? '';
  let value = '';
  let description = '';
  // A valid name from a quick fix means the user already chose it: start at the value.
  let step = name && validateName(name)?.severity !== 'error' ? 1 : 0;
  while (step < 3) {
    if (step === 0) {
      const outcome = await showInputStep({
        title: TITLE,
        step: 1,
        totalSteps: 3,
        value: name,
        prompt: 'Name of the secret: letters, digits, _ . - /; cannot start with a digit or RUNPOD. Names cannot be changed later.',
        placeholder: 'e.g. hf-token',
        validate: validateName,
      });
      if (outcome.kind !== 'accept') return undefined;
      name = outcome.value.trim();
      step = 1;
    } else if (step === 1) {
      const outcome = await askSecretValue(services, { title: TITLE, secretName: name, step: 2, totalSteps: 3, back: true });
      if (outcome.kind === 'cancel') return undefined;
      if (outcome.kind === 'back') {
        step = 0;
        continue;
      }
      value = outcome.value;
      step = 2;
    } else {
      const outcome = await showInputStep({
        title: TITLE,
        step: 3,
        totalSteps: 3,
        back: true,
        value: description,
        prompt: 'Description (optional), to remember what the secret is for. Press Enter to skip.',
        validate: validateDescription,
      });
      if (outcome.kind === 'cancel') return undefined;
      if (outcome.kind === 'back') {
        step = 1;
        continue;
      }
      if (outcome.kind !== 'accept') return undefined;
      description = outcome.value.trim();
      step = 3;
    }
  }

  const input = description ? { name, value, description } : { name, value };
  const created = await withApiProgress(services, `Creating secret ${name}…`, `Creating secret ${name}`, () => services.store.create(input), [value]);
  if (!created) return undefined;
  void vscode.window.showInformationMessage(`Created secret ${name}. Reference it as ${secretReference(name)}.`, 'Copy Reference').then((choice) => {
    if (choice) void vscode.env.clipboard.writeText(secretReference(name));
  });
  return created;
}
