/**
 * A quick fix whose edit lands only in another file ("Add `LOG_LEVEL` to api.prod.runpod.json"
 * chosen in api.dev.runpod.json): in the real editor the edit was applied to that file unseen, saved
 * (files.refactoring.autoSave), and Ctrl+Z where the user stood undid nothing. The action now also
 * opens that file at the edit.
 */
import { describe, expect, it } from 'vitest';
import { revealOtherFileEdit, type RevealableAction } from '../../client/src/lsp/revealEdit';

const uri = (path: string) => ({ toString: () => `file://${path}` });
const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });
/** A WorkspaceEdit as VS Code gives it: entries() of URI and text edits. */
const edit = (...files: [string, number][]) => ({ entries: () => files.map(([path, line]) => [uri(path), [{ range: at(line), newText: 'X' }]] as const) });

describe('revealOtherFileEdit', () => {
  it("an edit only in another file gets a command opening that file with the cursor at the edit", () => {
    const action: RevealableAction = { title: 'Add `LOG_LEVEL` to api.prod.runpod.json', edit: edit(['/w/api.prod.runpod.json', 5]) };
    revealOtherFileEdit(action, 'file:///w/api.dev.runpod.json');
    expect(action.command).toMatchObject({ command: 'vscode.open', arguments: [expect.anything(), { selection: at(5) }] });
    expect(String(action.command!.arguments![0])).toBe('file:///w/api.prod.runpod.json');
  });

  it('an edit in the document itself, an action with its own command, or one with no edit are left as they are', () => {
    const here = { title: 'Reference existing secret', edit: edit(['/w/api.dev.runpod.json', 1]) };
    const both = { title: 'Rename in both', edit: edit(['/w/api.dev.runpod.json', 1], ['/w/api.prod.runpod.json', 2]) };
    const commanded = { title: 'Move value', edit: edit(['/w/other.env', 1]), command: { title: 'x', command: 'runpod.secrets.createFromValue' } };
    const bare = { title: 'Create Secret', command: { title: 'y', command: 'runpod.secrets.create' } };
    for (const action of [here, both, commanded, bare] as RevealableAction[]) {
      const before = action.command;
      revealOtherFileEdit(action, 'file:///w/api.dev.runpod.json');
      expect(action.command).toBe(before);
    }
  });
});
