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

/**
 * Gives `action` the command opening the one other file its edit changes, if that is all it changes:
 * at its earliest edit (edits come in any order), in the editor group that already shows it (the
 * active one first), where `vscode.open` alone would open a second tab in the active group.
 */
export function revealOtherFileEdit(action: RevealableAction, document: UriLike, tabGroups: TabGroupsLike): void {
  if (action.command || !action.edit) return;
  const entries = action.edit.entries();
  const [only] = entries;
  if (entries.length !== 1 || !only || sameFile(only[0], document)) return;
  const [file, edits] = only;
  let first = edits[0];
  if (!first) return;
  for (const e of edits) if (before(e.range.start, first.range.start)) first = e;
  const showing = tabGroups.all.filter((group) => group.tabs.some((tab) => isTabOf(tab.input, file)));
  const group = showing.find((g) => g.isActive) ?? showing[0];
  const options = group ? { selection: first.range, viewColumn: group.viewColumn } : { selection: first.range };
  action.command = { title: action.title, command: 'vscode.open', arguments: [file, options] };
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
