/**
 * One quick pick or input box per step of a multi-step flow ("step n of N", a Back button, extra
 * title-bar buttons), resolving once to what the user did. Used by Create Secret, Edit Value,
 * Delete, the Launch Pod and Deploy Endpoint wizards; navigation between steps stays with each flow.
 */
import * as vscode from 'vscode';
import type { InputProblem } from '../commands/secretInputRules';
import { readingText } from '../commands/progress';

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
  /**
   * Told the box's text when Back is pressed, for the step to show it again when the user comes back:
   * going Back to fix an earlier answer must not lose what was typed here. Never told a password
   * box's text: a secret value is not kept, not even between steps.
   */
  onBack?: (typed: string) => void;
}

/** What a pick shows: its items, the highlighted one, the checked ones (a multi pick), a placeholder that depends on them. */
export interface PickContent<I extends vscode.QuickPickItem> {
  items: readonly I[];
  active?: I;
  selected?: readonly I[];
  placeholder?: string;
}

/**
 * Items that come from a RunPod read. The pick opens at once, busy, its placeholder saying what is
 * read (the previous pick has closed: without it the user would see nothing until the read answers);
 * the items show when it answers. Escape or Back while busy aborts the read through `signal`, and
 * nothing shows after. A read that fails closes the pick and the step throws the read's error, for
 * the flow to say as it says any failed read.
 */
export interface PickRead<I extends vscode.QuickPickItem> {
  /** What is read, for the busy placeholder ({@link readingText}): "the GPU catalog". */
  reading: string;
  /**
   * The pick's content; undefined when there is nothing to pick (the read said why, or a listing under it was cancelled): the step is cancelled.
   * @param busy sets the busy placeholder, when the read goes on to wait on something else (the workspace's listing)
   */
  read: (signal: AbortSignal, busy: (placeholder: string) => void) => Promise<PickContent<I> | undefined>;
}

/**
 * A {@link PickRead} that found nothing to pick says why, unless the pick was called off meanwhile:
 * it has closed, and a late "there is none" would answer nothing the user still asks (or be false,
 * from a listing that Escape cut short).
 */
export function nothingToPick(signal: AbortSignal, why: string): undefined {
  if (!signal.aborted) void vscode.window.showInformationMessage(why);
  return undefined;
}

/** What the wizards' source steps read ({@link PickRead.reading}). */
export const ACCOUNT_TEMPLATES = "the account's templates";

export interface PickStepOptions<I extends vscode.QuickPickItem> extends StepFrame {
  /** The items, or a read that brings them (the pick shows busy meanwhile). */
  items: readonly I[] | PickRead<I>;
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
    box.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back && !box.password) options.onBack?.(box.value);
    }),
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
  framePick(pick, options);
  return settle<StepAnswer<I>>(pick, new Map(), (finish) => [
    pick.onDidAccept(() => {
      const [item] = pick.selectedItems;
      if (!item || pick.busy) return;
      const refusal = options.refuse?.(item);
      if (refusal === undefined) finish({ kind: 'accept', value: item });
      else stay(pick, refusal, [item]);
    }),
  ], [], readInto(pick, options));
}

/**
 * Shows a quick pick where several items can be checked (`selected` are checked at first);
 * resolves once with the checked items when the user accepts (as `refuse` lets pass), Back or
 * cancel. Without `refuse`, accepting with nothing checked resolves with an empty list.
 */
export function showMultiPickStep<I extends vscode.QuickPickItem>(options: PickStepOptions<I> & { selected?: readonly I[]; refuse?: PickRefusal<readonly I[]> }): Promise<StepAnswer<I[]>> {
  const pick = vscode.window.createQuickPick<I>();
  pick.canSelectMany = true;
  framePick(pick, options);
  if (options.selected) pick.selectedItems = options.selected;
  return settle<StepAnswer<I[]>>(pick, new Map(), (finish) => [
    pick.onDidAccept(() => {
      // Nothing is checked yet while the items are read: Enter then is no answer.
      if (pick.busy) return;
      const refusal = options.refuse?.(pick.selectedItems);
      if (refusal === undefined) finish({ kind: 'accept', value: [...pick.selectedItems] });
      else stay(pick, refusal, pick.activeItems);
    }),
  ], [], readInto(pick, options));
}

/** A pick's frame, Back, matching and its items when given (busy with the reading placeholder when they are read). */
function framePick<I extends vscode.QuickPickItem>(pick: vscode.QuickPick<I>, options: PickStepOptions<I>): void {
  applyFrame(pick, options);
  pick.matchOnDescription = options.matchOnDescription ?? true;
  pick.matchOnDetail = true;
  if (options.back) pick.buttons = [vscode.QuickInputButtons.Back];
  if (isRead(options.items)) {
    pick.busy = true;
    pick.placeholder = readingText(options.items.reading);
  } else fill(pick, { items: options.items, ...(options.active ? { active: options.active } : {}), ...(options.placeholder === undefined ? {} : { placeholder: options.placeholder }) });
}

function isRead<I extends vscode.QuickPickItem>(items: PickStepOptions<I>['items']): items is PickRead<I> {
  return !Array.isArray(items);
}

/** Shows `content` on `pick` (one change: the editor draws it at once). */
function fill<I extends vscode.QuickPickItem>(pick: vscode.QuickPick<I>, content: PickContent<I>): void {
  pick.items = content.items;
  if (content.active) pick.activeItems = [content.active];
  if (content.selected) pick.selectedItems = content.selected;
  pick.placeholder = content.placeholder;
}

/** The read of a pick's items, started once the pick shows: its answer fills the pick (with the step's placeholder unless it gives its own). */
function readInto<I extends vscode.QuickPickItem>(pick: vscode.QuickPick<I>, options: PickStepOptions<I>): PickLoad | undefined {
  const source = options.items;
  if (!isRead(source)) return undefined;
  return async (signal) => {
    const content = await source.read(signal, (placeholder) => {
      if (!signal.aborted) pick.placeholder = placeholder;
    });
    if (!content) return 'none';
    if (signal.aborted) return 'shown';
    fill(pick, { placeholder: options.placeholder, ...content });
    pick.busy = false;
    return 'shown';
  };
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

/** A read that fills an open pick ('shown'), or finds nothing to pick ('none'); `signal` aborts it when the pick settles first. */
type PickLoad = (signal: AbortSignal) => Promise<'shown' | 'none'>;

/**
 * Common wiring: Back and extra buttons, hide = cancel, everything disposed once settled. `load`
 * runs once the input shows: settling first aborts it (Escape or Back while busy), nothing to pick
 * cancels the step, and its failure settles the step by throwing it.
 */
function settle<T extends { kind: string }>(
  input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>,
  custom: ReadonlyMap<vscode.QuickInputButton, string>,
  wire: (finish: (outcome: T | StepAnswer<never> | { kind: 'button'; id: string }) => void) => vscode.Disposable[],
  contextKeys: readonly string[] = [],
  load?: PickLoad,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const loading = new AbortController();
    let loaded = load === undefined;
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
    const end = (): boolean => {
      if (done) return false;
      done = true;
      // A read still pending is called off (a read that answered is left alone).
      if (!loaded) loading.abort();
      openSteps.delete(press);
      setKeys(false);
      for (const d of disposables) d.dispose();
      input.dispose();
      return true;
    };
    const finish = (outcome: T | StepAnswer<never> | { kind: 'button'; id: string }): void => {
      // Only outcomes the caller's input can produce reach here: 'button' needs a custom button.
      if (end()) resolve(outcome as T);
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
    // A read aborted because the step settled is no failure of the step.
    load?.(loading.signal).then(
      (result) => {
        loaded = true;
        if (result === 'none') finish({ kind: 'cancel' });
      },
      (error: unknown) => {
        loaded = true;
        if (end()) reject(error);
      },
    );
  });
}
