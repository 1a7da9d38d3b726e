/**
 * One quick pick or input box per step, with "step n of N" and a Back button, resolving to what
 * the user did. Navigation between steps lives in `stepMachine.ts`; this file only talks to VS Code.
 */
import * as vscode from 'vscode';

export type Answer<T> = { kind: 'accept'; value: T } | { kind: 'back' } | { kind: 'cancel' };

export interface StepFrame {
  title: string;
  step: number;
  totalSteps: number;
  back: boolean;
}

/** Shows a quick pick; resolves once with the accepted item, Back or cancel. */
export function pickStep<I extends vscode.QuickPickItem>(
  frame: StepFrame,
  options: { items: readonly I[]; placeholder?: string; active?: I; busy?: boolean; matchOnDescription?: boolean },
): Promise<Answer<I>> {
  const pick = vscode.window.createQuickPick<I>();
  pick.title = frame.title;
  pick.step = frame.step;
  pick.totalSteps = frame.totalSteps;
  pick.placeholder = options.placeholder;
  pick.items = options.items;
  pick.matchOnDescription = options.matchOnDescription ?? true;
  pick.matchOnDetail = true;
  pick.ignoreFocusOut = true;
  if (options.active) pick.activeItems = [options.active];
  if (frame.back) pick.buttons = [vscode.QuickInputButtons.Back];
  return settle(pick, (resolve) => [
    pick.onDidAccept(() => {
      const [item] = pick.selectedItems;
      if (item) resolve({ kind: 'accept', value: item });
    }),
  ]);
}

/** Shows an input box; `validate` returning a message keeps it open. */
export function inputStep(
  frame: StepFrame,
  options: { value?: string; prompt?: string; placeholder?: string; validate?: (value: string) => string | undefined },
): Promise<Answer<string>> {
  const box = vscode.window.createInputBox();
  box.title = frame.title;
  box.step = frame.step;
  box.totalSteps = frame.totalSteps;
  box.value = options.value ?? '';
  box.prompt = options.prompt;
  box.placeholder = options.placeholder;
  box.ignoreFocusOut = true;
  if (frame.back) box.buttons = [vscode.QuickInputButtons.Back];
  const check = (value: string) => (box.validationMessage = options.validate?.(value));
  check(box.value);
  return settle(box, (resolve) => [
    box.onDidChangeValue(check),
    box.onDidAccept(() => {
      const problem = options.validate?.(box.value);
      if (problem) box.validationMessage = problem;
      else resolve({ kind: 'accept', value: box.value });
    }),
  ]);
}

/** Common wiring: Back button, hide = cancel, dispose everything once settled. */
function settle<T>(
  input: vscode.QuickPick<never> | vscode.InputBox | vscode.QuickInput & { onDidTriggerButton: vscode.Event<vscode.QuickInputButton> },
  wire: (resolve: (answer: Answer<T>) => void) => vscode.Disposable[],
): Promise<Answer<T>> {
  return new Promise<Answer<T>>((resolve) => {
    let done = false;
    const disposables: vscode.Disposable[] = [];
    const finish = (answer: Answer<T>): void => {
      if (done) return;
      done = true;
      for (const d of disposables) d.dispose();
      input.dispose();
      resolve(answer);
    };
    disposables.push(
      ...wire(finish),
      (input as vscode.InputBox).onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish({ kind: 'back' });
      }),
      input.onDidHide(() => finish({ kind: 'cancel' })),
    );
    input.show();
  });
}
