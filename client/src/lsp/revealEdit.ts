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
/** Resolved, not yet applied (a preview, a menu hovered): the latest few are enough, the rest would only pile up. */
const KEPT_RESOLVES = 20;

/**
 * The same for an action listed without its edit (the server fills it in at codeAction/resolve):
 * VS Code copies only `edit` from a resolve result, so the command must be there at listing. It
 * carries a token; the resolve records under it where the edit landed; the command, run by VS Code
 * after applying the edit, opens the file there, in the group showing it when it runs.
 */
export class LazyReveals {
  private next = 0;
  private readonly spots = new Map<string, Spot>();

  /** At listing: an action without edit or command gets ours, with its token and the document it was listed for. */
  list(action: RevealableAction, document: UriLike): void {
    if (action.command || action.edit) return;
    action.command = { title: action.title, command: REVEAL_EDIT_COMMAND, arguments: [`${++this.next}`, document] };
  }

  /** At resolve: `listed` is the object list() was given (VS Code resolves the action it was handed), `resolved` what came back. */
  resolved(listed: RevealableAction, resolved: RevealableAction | null | undefined): void {
    const [token, document] = listed.command?.command === REVEAL_EDIT_COMMAND ? (listed.command.arguments ?? []) : [];
    if (typeof token !== 'string' || !document) return;
    const spot = resolved?.edit ? otherFileSpot(resolved.edit, document as UriLike) : undefined;
    this.spots.delete(token);
    if (!spot) return;
    this.spots.set(token, spot);
    for (const old of this.spots.keys()) if (this.spots.size > KEPT_RESOLVES) this.spots.delete(old);
  }

  /** When the command runs: the `vscode.open` arguments for `token`'s edit, once; none when nothing was added elsewhere. */
  run(token: unknown, tabGroups: TabGroupsLike): [UriLike, { selection: RangeLike; viewColumn?: number }] | undefined {
    const spot = typeof token === 'string' ? this.spots.get(token) : undefined;
    if (!spot) return undefined;
    this.spots.delete(token as string);
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
