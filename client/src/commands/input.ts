/**
 * Thin wrappers over VS Code's quick input for multi-step flows: one input box per step, with
 * "step n of N", a Back button and extra buttons, resolving to what the user did.
 */
import * as vscode from 'vscode';
import type { InputProblem } from './secretInputRules';

/** What happened to one input step. */
export type InputOutcome =
  | { kind: 'accept'; value: string }
  | { kind: 'back' }
  | { kind: 'cancel' }
  | { kind: 'button'; id: string };

/** An extra title-bar button of an input step. */
export interface StepButton {
  id: string;
  icon: string;
  tooltip: string;
}

export interface InputStepOptions {
  title: string;
  step?: number;
  totalSteps?: number;
  value?: string;
  prompt?: string;
  placeholder?: string;
  password?: boolean;
  /** Show the Back button (steps after the first). */
  back?: boolean;
  buttons?: StepButton[];
  /** Runs on every keystroke and on Enter; an `error` keeps the box open, a `warning` does not. */
  validate?: (value: string) => string | InputProblem | undefined;
}

/** Shows one input box and resolves once with what the user did; the box is disposed after. */
export function showInputStep(options: InputStepOptions): Promise<InputOutcome> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  if (options.step !== undefined) box.step = options.step;
  if (options.totalSteps !== undefined) box.totalSteps = options.totalSteps;
  box.value = options.value ?? '';
  box.prompt = options.prompt;
  box.placeholder = options.placeholder;
  box.password = options.password ?? false;
  // Users switch windows to copy a key or a token; losing the flow on focus change would be hostile.
  box.ignoreFocusOut = true;
  const custom = new Map<vscode.QuickInputButton, string>();
  const buttons: vscode.QuickInputButton[] = [];
  if (options.back) buttons.push(vscode.QuickInputButtons.Back);
  for (const button of options.buttons ?? []) {
    const qb: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon(button.icon), tooltip: button.tooltip };
    custom.set(qb, button.id);
    buttons.push(qb);
  }
  box.buttons = buttons;

  const check = (value: string): InputProblem | undefined => {
    const result = options.validate?.(value);
    return typeof result === 'string' ? { message: result, severity: 'error' } : result;
  };
  const show = (problem: InputProblem | undefined): void => {
    box.validationMessage = problem
      ? {
          message: problem.message,
          severity: problem.severity === 'error' ? vscode.InputBoxValidationSeverity.Error : vscode.InputBoxValidationSeverity.Warning,
        }
      : undefined;
  };
  // Prefilled values are validated at once so a bad suggested name is flagged before typing.
  if (box.value) show(check(box.value));

  return new Promise<InputOutcome>((resolve) => {
    let done = false;
    const disposables: vscode.Disposable[] = [];
    const finish = (outcome: InputOutcome): void => {
      if (done) return;
      done = true;
      for (const d of disposables) d.dispose();
      box.dispose();
      resolve(outcome);
    };
    disposables.push(
      box.onDidChangeValue((value) => show(check(value))),
      box.onDidAccept(() => {
        const problem = check(box.value);
        show(problem);
        if (problem?.severity !== 'error') finish({ kind: 'accept', value: box.value });
      }),
      box.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish({ kind: 'back' });
        else {
          const id = custom.get(button);
          if (id) finish({ kind: 'button', id });
        }
      }),
      box.onDidHide(() => finish({ kind: 'cancel' })),
    );
    box.show();
  });
}
