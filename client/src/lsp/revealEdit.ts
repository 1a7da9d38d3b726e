/**
 * A quick fix whose edit lands only in another file ("Add `LOG_LEVEL` to api.prod.runpod.json",
 * chosen in api.dev.runpod.json): VS Code applies it to that file out of sight, saves it when it was
 * not open (files.refactoring.autoSave), and Ctrl+Z in the editor the user is in undoes nothing. So
 * such an action also opens that file with the cursor at the edit: the change is seen, and one
 * Ctrl+Z there takes it back. VS Code runs an action's command after applying its edit.
 * Structural types, so this runs without VS Code.
 */

/** What is read of a vscode.Uri. */
export interface UriLike {
  scheme: string;
  fsPath: string;
  toString(): string;
}

interface PositionLike {
  line: number;
  character: number;
}

/** What is read of a CodeAction: its edit's files (WorkspaceEdit.entries) and whether it has a command. */
export interface RevealableAction {
  title: string;
  edit?: { entries(): ReadonlyArray<readonly [UriLike, ReadonlyArray<{ range: { start: PositionLike } }>]> };
  command?: { title: string; command: string; arguments?: unknown[] };
}

/** What is read of vscode.window.tabGroups: each group's column and its tabs' documents (TabInputText.uri). */
export interface TabGroupsLike {
  all: ReadonlyArray<{ viewColumn: number; isActive: boolean; tabs: ReadonlyArray<{ input: unknown }> }>;
}

type RangeLike = { start: PositionLike };
/** Where an edit in one other file starts: that file, and its earliest edit's range. */
type Spot = readonly [UriLike, RangeLike];

/**
 * Gives `action` the command opening the one other file its edit changes, if that is all it changes:
 * at its earliest edit (edits come in any order), in the editor group that already shows it (the
 * active one first), where `vscode.open` alone would open a second tab in the active group.
 */
export function revealOtherFileEdit(action: RevealableAction, document: UriLike, tabGroups: TabGroupsLike): void {
  if (action.command || !action.edit) return;
  const spot = otherFileSpot(action.edit, document);
  if (spot) action.command = { title: action.title, command: 'vscode.open', arguments: openArguments(spot, tabGroups) };
}

/** Internal (not contributed, so not in the Command Palette): opens the file a lazy action's resolved edit changed. */
export const REVEAL_EDIT_COMMAND = 'runpod.revealEdit';

/** What a lazily listed action's reveal needs: the document it was listed for and, once resolved, where its edit landed. */
interface Listed {
  document: UriLike;
  spot?: Spot;
}

/**
 * The same for an action listed without its edit (the server fills it in at codeAction/resolve):
 * VS Code copies only `edit` from a resolve result, so the command must be there at listing. Its
 * one argument is the listed action itself (VS Code keeps a command's arguments in the extension
 * host, by reference, and resolves the very object it was handed), and what the reveal needs is
 * held by that object in a WeakMap: it goes when VS Code drops the action, so no count is kept,
 * and nothing of ours is sent to the server (resolve() asks it without our command).
 */
export class LazyReveals {
  private readonly listed = new WeakMap<object, Listed>();

  /** At listing: an action without edit or command gets ours, and the document it was listed for is kept by it. */
  list(action: RevealableAction, document: UriLike): void {
    if (action.command || action.edit) return;
    this.listed.set(action, { document });
    action.command = { title: action.title, command: REVEAL_EDIT_COMMAND, arguments: [action] };
  }

  /**
   * The resolveCodeAction middleware: the server is asked for the action as it listed it (a copy of
   * the same class, for the languageclient's `data`, without our command: the command's argument is the
   * action itself, which JSON cannot even write), and where the resolved edit landed is kept.
   */
  async resolve<T extends RevealableAction>(item: T, next: (item: T) => T | null | undefined | PromiseLike<T | null | undefined>): Promise<T | null | undefined> {
    if (!this.listed.has(item)) return await next(item);
    const asListed: T = Object.assign(Object.create(Object.getPrototypeOf(item) as object) as T, item, { command: undefined });
    const resolved = await next(asListed);
    this.resolved(item, resolved);
    return resolved;
  }

  /** At resolve: `listed` is the object list() was given (VS Code resolves the action it was handed), `resolved` what came back. */
  resolved(listed: RevealableAction, resolved: RevealableAction | null | undefined): void {
    const entry = this.listed.get(listed);
    if (entry) entry.spot = resolved?.edit ? otherFileSpot(resolved.edit, entry.document) : undefined;
  }

  /** When the command runs with the listed action: the `vscode.open` arguments for its edit, once; none when nothing was added elsewhere. */
  run(listed: unknown, tabGroups: TabGroupsLike): [UriLike, { selection: RangeLike; viewColumn?: number }] | undefined {
    const entry = typeof listed === 'object' && listed !== null ? this.listed.get(listed) : undefined;
    const spot = entry?.spot;
    if (!entry || !spot) return undefined;
    entry.spot = undefined;
    return openArguments(spot, tabGroups);
  }
}

/** The one other file `edit` changes, if that is all it changes, at its earliest edit (edits come in any order). */
function otherFileSpot(edit: NonNullable<RevealableAction['edit']>, document: UriLike): Spot | undefined {
  const entries = edit.entries();
  const [only] = entries;
  if (entries.length !== 1 || !only || sameFile(only[0], document)) return undefined;
  const [file, edits] = only;
  let first = edits[0];
  if (!first) return undefined;
  for (const e of edits) if (before(e.range.start, first.range.start)) first = e;
  return [file, first.range];
}

/** `vscode.open`'s arguments: in the editor group that already shows the file (the active one first), else the active group. */
function openArguments([file, range]: Spot, tabGroups: TabGroupsLike): [UriLike, { selection: RangeLike; viewColumn?: number }] {
  const showing = tabGroups.all.filter((group) => group.tabs.some((tab) => isTabOf(tab.input, file)));
  const group = showing.find((g) => g.isActive) ?? showing[0];
  return [file, group ? { selection: range, viewColumn: group.viewColumn } : { selection: range }];
}

/**
 * One file however its URI is spelled: a `file:` URI by its path on disk (the server's
 * `file:///c%3A/...` and the editor's `file:///C:/...` are one), any other by its parsed text.
 */
function sameFile(a: UriLike, b: UriLike): boolean {
  if (a.scheme !== b.scheme) return false;
  return a.scheme === 'file' ? a.fsPath === b.fsPath : a.toString() === b.toString();
}

function isTabOf(input: unknown, file: UriLike): boolean {
  const uri = typeof input === 'object' && input !== null ? (input as { uri?: unknown }).uri : undefined;
  return typeof uri === 'object' && uri !== null && typeof (uri as UriLike).fsPath === 'string' && sameFile(uri as UriLike, file);
}

function before(a: PositionLike, b: PositionLike): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
