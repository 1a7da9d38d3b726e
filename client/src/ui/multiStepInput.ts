/**
 * One quick pick or input box per step of a multi-step flow ("step n of N", a Back button, extra
 * title-bar buttons), resolving once to what the user did. Used by Create Secret, Edit Value,
 * Delete, the Launch Pod and Deploy Endpoint wizards; navigation between steps stays with each flow.
 */
import * as vscode from 'vscode';
import type { InputProblem } from '../commands/secretInputRules';

/** What happened to one step: accepted a value, pressed Back, or dismissed the box. */
export type StepAnswer<T> = { kind: 'accept'; value: T } | { kind: 'back' } | { kind: 'cancel' };

/** What happened to one input step, including a press on one of its extra buttons. */
export type InputOutcome = StepAnswer<string> | { kind: 'button'; id: string };

/** An extra title-bar button of an input step. */
export interface StepButton {
  id: string;
  icon: string;
  tooltip: string;
  /**
   * A context key set to true while the step is open, for a keybinding whose command calls
   * {@link pressStepButton}: Tab never reaches a quick input's title-bar buttons, so a button with
   * no key is a mouse-only route.
   */
  contextKey?: string;
}

/** The open steps' presses of their own buttons by id (a step takes only its own ids). */
const openSteps = new Set<(id: string) => boolean>();

/** Presses the button `id` of the open input step, as a click would; false when no open step has it. */
export function pressStepButton(id: string): boolean {
  for (const press of openSteps) if (press(id)) return true;
  return false;
}

/** Where a step stands in its flow: the title bar and whether it offers Back. */
export interface StepFrame {
  title: string;
  step?: number;
  totalSteps?: number;
  /** Show the Back button (steps after the first). */
  back?: boolean;
}

export interface InputStepOptions extends StepFrame {
  value?: string;
  prompt?: string;
  placeholder?: string;
  password?: boolean;
  buttons?: StepButton[];
  /** Runs on every keystroke and on Enter; an `error` (or a plain string) keeps the box open, a `warning` does not. */
  validate?: (value: string) => string | InputProblem | undefined;
  /** The step count when the answer decides it (Rename skips its value step for a name that exists); follows every keystroke. */
  totalStepsFor?: (value: string) => number;
}

export interface PickStepOptions<I extends vscode.QuickPickItem> extends StepFrame {
  items: readonly I[];
  placeholder?: string;
  active?: I;
  matchOnDescription?: boolean;
}

/**
 * Why an accepted answer cannot be taken, or undefined: the pick stays open with the reason in its
 * placeholder (a quick pick has no validation message), so the user picks again or goes Back.
 */
type PickRefusal<A> = (answer: A) => string | undefined;

/**
 * Shows one input box and resolves once with what the user did; the box is disposed after.
 * Only a box with extra `buttons` can resolve to `{ kind: 'button' }`.
 */
export function showInputStep(options: InputStepOptions & { buttons?: undefined }): Promise<StepAnswer<string>>;
export function showInputStep(options: InputStepOptions): Promise<InputOutcome>;
export function showInputStep(options: InputStepOptions): Promise<InputOutcome> {
  const box = vscode.window.createInputBox();
  applyFrame(box, options);
  box.value = options.value ?? '';
  box.prompt = options.prompt;
  box.placeholder = options.placeholder;
  box.password = options.password ?? false;
  const custom = new Map<vscode.QuickInputButton, string>();
  const buttons: vscode.QuickInputButton[] = options.back ? [vscode.QuickInputButtons.Back] : [];
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
  // A counter once shown stays while the answer changes the count ("1/2", then "1/1"): a title
  // that loses it as a name is typed reads as another box.
  let counted = false;
  const count = (value: string): void => {
    if (!options.totalStepsFor) return;
    showSteps(box, options.step, options.totalStepsFor(value), counted);
    counted = box.totalSteps !== undefined;
  };
  const show = (problem: InputProblem | undefined): void => {
    count(box.value);
    box.validationMessage = problem
      ? {
          message: problem.message,
          severity: problem.severity === 'error' ? vscode.InputBoxValidationSeverity.Error : vscode.InputBoxValidationSeverity.Warning,
        }
      : undefined;
  };
  // Prefilled values are validated at once so a bad suggested name is flagged before typing.
  if (box.value) show(check(box.value));
  else count('');

  return settle<InputOutcome>(box, custom, (finish) => [
    box.onDidChangeValue((value) => show(check(value))),
    box.onDidAccept(() => {
      const problem = check(box.value);
      show(problem);
      if (problem?.severity !== 'error') finish({ kind: 'accept', value: box.value });
    }),
  ], (options.buttons ?? []).flatMap((b) => (b.contextKey ? [b.contextKey] : [])));
}

/** Shows a quick pick; resolves once with the accepted item (one `refuse` lets pass), Back or cancel. */
export function showPickStep<I extends vscode.QuickPickItem>(options: PickStepOptions<I> & { refuse?: PickRefusal<I> }): Promise<StepAnswer<I>> {
  const pick = vscode.window.createQuickPick<I>();
  applyFrame(pick, options);
  pick.placeholder = options.placeholder;
  pick.items = options.items;
  pick.matchOnDescription = options.matchOnDescription ?? true;
  pick.matchOnDetail = true;
  if (options.active) pick.activeItems = [options.active];
  if (options.back) pick.buttons = [vscode.QuickInputButtons.Back];
  return settle<StepAnswer<I>>(pick, new Map(), (finish) => [
    pick.onDidAccept(() => {
      const [item] = pick.selectedItems;
      if (!item) return;
      const refusal = options.refuse?.(item);
      if (refusal === undefined) finish({ kind: 'accept', value: item });
      else stay(pick, refusal, [item]);
    }),
  ]);
}

/**
 * Shows a quick pick where several items can be checked (`selected` are checked at first);
 * resolves once with the checked items when the user accepts (as `refuse` lets pass), Back or
 * cancel. Without `refuse`, accepting with nothing checked resolves with an empty list.
 */
export function showMultiPickStep<I extends vscode.QuickPickItem>(options: PickStepOptions<I> & { selected?: readonly I[]; refuse?: PickRefusal<readonly I[]> }): Promise<StepAnswer<I[]>> {
  const pick = vscode.window.createQuickPick<I>();
  applyFrame(pick, options);
  pick.canSelectMany = true;
  pick.placeholder = options.placeholder;
  pick.items = options.items;
  pick.matchOnDescription = options.matchOnDescription ?? true;
  pick.matchOnDetail = true;
  if (options.selected) pick.selectedItems = options.selected;
  if (options.back) pick.buttons = [vscode.QuickInputButtons.Back];
  return settle<StepAnswer<I[]>>(pick, new Map(), (finish) => [
    pick.onDidAccept(() => {
      const refusal = options.refuse?.(pick.selectedItems);
      if (refusal === undefined) finish({ kind: 'accept', value: [...pick.selectedItems] });
      else stay(pick, refusal, pick.activeItems);
    }),
  ]);
}

/**
 * Keeps a pick open with the reason a refusal gives: it takes the placeholder, the filter is
 * cleared so the placeholder shows, and the refused item stays active.
 */
function stay<I extends vscode.QuickPickItem>(pick: vscode.QuickPick<I>, refusal: string, active: readonly I[]): void {
  pick.placeholder = refusal;
  pick.value = '';
  pick.activeItems = active;
}

function applyFrame(input: vscode.QuickInput, frame: StepFrame): void {
  input.title = frame.title;
  showSteps(input, frame.step, frame.totalSteps);
  // Users switch windows to copy a key, a token or a name; losing the flow on focus change would be hostile.
  input.ignoreFocusOut = true;
}

/**
 * The title bar's step counter; none for a flow of one step (Continue Rename's name step), where
 * "1/1" tells nothing, unless `keep`: the box already shows a counter, which must not vanish.
 */
function showSteps(input: vscode.QuickInput, step: number | undefined, totalSteps: number | undefined, keep = false): void {
  const counted = keep || totalSteps !== 1;
  input.step = counted ? step : undefined;
  input.totalSteps = counted ? totalSteps : undefined;
}

/** Common wiring: Back and extra buttons, hide = cancel, everything disposed once settled. */
function settle<T extends { kind: string }>(
  input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>,
  custom: ReadonlyMap<vscode.QuickInputButton, string>,
  wire: (finish: (outcome: T | StepAnswer<never> | { kind: 'button'; id: string }) => void) => vscode.Disposable[],
  contextKeys: readonly string[] = [],
): Promise<T> {
  return new Promise<T>((resolve) => {
    let done = false;
    const disposables: vscode.Disposable[] = [];
    const ids = new Set(custom.values());
    const press = (id: string): boolean => {
      if (!ids.has(id)) return false;
      finish({ kind: 'button', id });
      return true;
    };
    const setKeys = (on: boolean): void => {
      for (const key of contextKeys) void vscode.commands.executeCommand('setContext', key, on);
    };
    const finish = (outcome: T | StepAnswer<never> | { kind: 'button'; id: string }): void => {
      if (done) return;
      done = true;
      openSteps.delete(press);
      setKeys(false);
      for (const d of disposables) d.dispose();
      input.dispose();
      // Only outcomes the caller's input can produce reach here: 'button' needs a custom button.
      resolve(outcome as T);
    };
    disposables.push(
      ...wire(finish),
      input.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish({ kind: 'back' });
        else {
          const id = custom.get(button);
          if (id) finish({ kind: 'button', id });
        }
      }),
      input.onDidHide(() => finish({ kind: 'cancel' })),
    );
    openSteps.add(press);
    setKeys(true);
    input.show();
  });
}
