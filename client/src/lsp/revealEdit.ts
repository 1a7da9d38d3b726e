/**
 * A quick fix whose edit lands only in another file ("Add `LOG_LEVEL` to api.prod.runpod.json",
 * chosen in api.dev.runpod.json): VS Code applies it to that file out of sight, saves it when it was
 * not open (files.refactoring.autoSave), and Ctrl+Z in the editor the user is in undoes nothing. So
 * such an action also opens that file with the cursor at the edit: the change is seen, and one
 * Ctrl+Z there takes it back. VS Code runs an action's command after applying its edit.
 * Structural types, so this runs without VS Code.
 */

interface UriLike {
  toString(): string;
}

/** What is read of a CodeAction: its edit's files (WorkspaceEdit.entries) and whether it has a command. */
export interface RevealableAction {
  title: string;
  edit?: { entries(): ReadonlyArray<readonly [UriLike, ReadonlyArray<{ range: unknown }>]> };
  command?: { title: string; command: string; arguments?: unknown[] };
}

/** Gives `action` the command opening the one other file its edit changes, if that is all it changes. */
export function revealOtherFileEdit(action: RevealableAction, documentUri: string): void {
  if (action.command || !action.edit) return;
  const entries = action.edit.entries();
  const [only] = entries;
  if (entries.length !== 1 || !only || only[0].toString() === documentUri) return;
  const first = only[1][0];
  if (!first) return;
  action.command = { title: action.title, command: 'vscode.open', arguments: [only[0], { selection: first.range }] };
}
