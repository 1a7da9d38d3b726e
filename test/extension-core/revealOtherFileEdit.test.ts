/**
 * A quick fix whose edit lands only in another file ("Add `LOG_LEVEL` to api.prod.runpod.json"
 * chosen in api.dev.runpod.json): in the real editor the edit was applied to that file unseen, saved
 * (files.refactoring.autoSave), and Ctrl+Z where the user stood undid nothing. The action now also
 * opens that file at the edit: in the editor group that already shows it, if one does.
 */
import { describe, expect, it } from 'vitest';
import { LazyReveals, REVEAL_EDIT_COMMAND, revealOtherFileEdit, type RevealableAction, type TabGroupsLike } from '../../client/src/lsp/revealEdit';
import { Uri } from '../extension-ui/vscodeFake';

const uri = (path: string) => Uri.file(path);
const at = (line: number, character = 0) => ({ start: { line, character }, end: { line, character } });
/** A WorkspaceEdit as VS Code gives it: entries() of URI and text edits. */
const edit = (...files: [Uri, ...ReturnType<typeof at>[]][]) => ({
  entries: () => files.map(([file, ...ranges]) => [file, ranges.map((range) => ({ range, newText: 'X' }))] as const),
});
const prod = uri('/w/api.prod.runpod.json');
const dev = uri('/w/api.dev.runpod.json');
/** Editor groups as vscode.window.tabGroups gives them: each tab's input holds its document's URI. */
const groups = (...shown: [number, Uri[], boolean?][]): TabGroupsLike => ({
  all: shown.map(([viewColumn, files, isActive]) => ({ viewColumn, isActive: isActive === true, tabs: files.map((file) => ({ input: { uri: file } })) })),
});
const noTabs = groups();

describe('revealOtherFileEdit', () => {
  it('an edit only in another file gets a command opening that file with the cursor at the edit', () => {
    const action: RevealableAction = { title: 'Add `LOG_LEVEL` to api.prod.runpod.json', edit: edit([prod, at(5)]) };
    revealOtherFileEdit(action, dev, noTabs);
    expect(action.command).toMatchObject({ command: 'vscode.open', arguments: [prod, { selection: at(5) }] });
  });

  it('the cursor goes to the first edit in the file, whatever their order in the edit', () => {
    const action: RevealableAction = { title: 'Add two', edit: edit([prod, at(9, 4), at(3, 7), at(3, 2)]) };
    revealOtherFileEdit(action, dev, noTabs);
    expect(action.command!.arguments![1]).toEqual({ selection: at(3, 2) });
  });

  it('a file already open in another editor group is shown there, not in a second tab', () => {
    const action: RevealableAction = { title: 'Add', edit: edit([prod, at(1)]) };
    revealOtherFileEdit(action, dev, groups([1, [dev], true], [2, [Uri.parse(prod.toString())]]));
    expect(action.command!.arguments![1]).toEqual({ selection: at(1), viewColumn: 2 });
  });

  it('a file open in the active group too stays in the active group', () => {
    const action: RevealableAction = { title: 'Add', edit: edit([prod, at(1)]) };
    revealOtherFileEdit(action, dev, groups([2, [prod]], [1, [dev, prod], true]));
    expect(action.command!.arguments![1]).toEqual({ selection: at(1), viewColumn: 1 });
  });

  it('the document itself is known by its path, not its spelling: the same file written another way is no other file', () => {
    // As VS Code's Uri for `file:///c%3A/w/api.json` (the server's spelling) and `file:///C:/w/api.json` (the editor's): one fsPath.
    const fromServer = { scheme: 'file', fsPath: 'c:\\w\\api.json', toString: () => 'file:///c%3A/w/api.json' };
    const inEditor = { scheme: 'file', fsPath: 'c:\\w\\api.json', toString: () => 'file:///C:/w/api.json' };
    const action: RevealableAction = { title: 'Fix here', edit: { entries: () => [[fromServer, [{ range: at(1) }]]] } };
    revealOtherFileEdit(action, inEditor, groups([1, [inEditor as unknown as Uri], true]));
    expect(action.command).toBeUndefined();
  });

  it('an edit in the document itself, an action with its own command, or one with no edit are left as they are', () => {
    const here = { title: 'Reference existing secret', edit: edit([dev, at(1)]) };
    const both = { title: 'Rename in both', edit: edit([dev, at(1)], [prod, at(2)]) };
    const commanded = { title: 'Move value', edit: edit([uri('/w/other.env'), at(1)]), command: { title: 'x', command: 'runpod.secrets.createFromValue' } };
    const bare = { title: 'Create Secret', command: { title: 'y', command: 'runpod.secrets.create' } };
    for (const action of [here, both, commanded, bare] as RevealableAction[]) {
      const before = action.command;
      revealOtherFileEdit(action, dev, noTabs);
      expect(action.command).toBe(before);
    }
  });
});

/**
 * A client that resolves `edit` lists "Add KEY to <other file>" without one; VS Code copies only the
 * edit from the resolve result, so the command opening the file is given at listing and learns at
 * resolve where the edit landed. Before, such an action got no command: the key landed unseen.
 */
describe('LazyReveals: an action listed without its edit', () => {
  const listed = (reveals: LazyReveals): RevealableAction => {
    const action: RevealableAction = { title: 'Add `LOG_LEVEL` to api.prod.runpod.json' };
    reveals.list(action, dev);
    return action;
  };
  /** What VS Code does: resolve the listed action (the same object), apply its edit, run its command. */
  const choose = (reveals: LazyReveals, action: RevealableAction, resolvedEdit: RevealableAction['edit'], tabs: TabGroupsLike) => {
    reveals.resolved(action, { ...action, edit: resolvedEdit });
    return reveals.run(action.command!.arguments![0], tabs);
  };

  it('gets our internal command at listing, which opens the other file at the resolved edit when it runs', () => {
    const reveals = new LazyReveals();
    const action = listed(reveals);
    expect(action.command?.command).toBe(REVEAL_EDIT_COMMAND);
    expect(choose(reveals, action, edit([prod, at(9), at(4, 2)]), noTabs)).toEqual([prod, { selection: at(4, 2) }]);
  });

  it('the group showing the file is the one when the command runs, not when the action was listed', () => {
    const reveals = new LazyReveals();
    const action = listed(reveals);
    reveals.resolved(action, { ...action, edit: edit([prod, at(1)]) });
    // The file was opened in group 3 between listing and applying.
    expect(reveals.run(action.command!.arguments![0], groups([1, [dev], true], [3, [prod]]))).toEqual([prod, { selection: at(1), viewColumn: 3 }]);
  });

  it('opens nothing when the resolve gave no edit (refused), an edit in the document itself, or ran once already', () => {
    const reveals = new LazyReveals();
    const refused = listed(reveals);
    expect(choose(reveals, refused, undefined, noTabs)).toBeUndefined();
    const here = listed(reveals);
    expect(choose(reveals, here, edit([dev, at(1)]), noTabs)).toBeUndefined();
    const once = listed(reveals);
    expect(choose(reveals, once, edit([prod, at(1)]), noTabs)).toBeDefined();
    expect(reveals.run(once.command!.arguments![0], noTabs)).toBeUndefined();
    expect(reveals.run('not a token', noTabs)).toBeUndefined();
  });

  it('each listed action has its own token: resolving one does not open the other\'s file', () => {
    const reveals = new LazyReveals();
    const a = listed(reveals);
    const b = listed(reveals);
    reveals.resolved(a, { ...a, edit: edit([prod, at(2)]) });
    expect(reveals.run(b.command!.arguments![0], noTabs)).toBeUndefined();
    expect(reveals.run(a.command!.arguments![0], noTabs)).toEqual([prod, { selection: at(2) }]);
  });

  it('an eager action (with an edit) or one with a command of its own is left to revealOtherFileEdit / as it is', () => {
    const reveals = new LazyReveals();
    const eager: RevealableAction = { title: 'Add', edit: edit([prod, at(1)]) };
    const commanded: RevealableAction = { title: 'Create Secret', command: { title: 'y', command: 'runpod.secrets.create' } };
    reveals.list(eager, dev);
    reveals.list(commanded, dev);
    expect(eager.command).toBeUndefined();
    expect(commanded.command?.command).toBe('runpod.secrets.create');
    // A resolve of an action that is not ours stores nothing.
    reveals.resolved(commanded, { ...commanded, edit: edit([prod, at(1)]) });
    expect(reveals.run(undefined, noTabs)).toBeUndefined();
  });

  it('keeps every listed action\'s reveal however many others were resolved since (held by the action, not a count)', () => {
    const reveals = new LazyReveals();
    const first = listed(reveals);
    reveals.resolved(first, { ...first, edit: edit([prod, at(1)]) });
    for (let i = 0; i < 200; i++) {
      const other = listed(reveals);
      reveals.resolved(other, { ...other, edit: edit([prod, at(1)]) });
    }
    expect(reveals.run(first.command!.arguments![0], noTabs)).toEqual([prod, { selection: at(1) }]);
  });
});

/**
 * The resolve middleware: the languageclient converts the action it is handed to the protocol, command
 * and arguments included. Before, our command's token and the document's URI rode to the server on
 * every resolve; now the server is asked for the action as it listed it.
 */
describe('LazyReveals.resolve: what the server is asked', () => {
  /** As the languageclient's ProtocolCodeAction: a class instance whose `data` goes back on resolve. */
  class ServerAction implements RevealableAction {
    edit?: RevealableAction['edit'];
    command?: RevealableAction['command'];
    constructor(public title: string, public data: unknown) {}
  }

  it('sends the listed action without our command, keeping its class and data, and records where the edit landed', async () => {
    const reveals = new LazyReveals();
    const action = new ServerAction('Add `LOG_LEVEL` to api.prod.runpod.json', { key: 'LOG_LEVEL' });
    reveals.list(action, dev);
    const sent: unknown[] = [];
    const resolved = await reveals.resolve(action, async (item) => {
      sent.push(item);
      return Object.assign(new ServerAction(item.title, undefined), { edit: edit([prod, at(3)]) });
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(ServerAction);
    expect(sent[0]).toMatchObject({ title: action.title, data: { key: 'LOG_LEVEL' }, command: undefined });
    expect(JSON.stringify(sent[0])).not.toContain('api.dev');
    // The listed action keeps its command: VS Code runs it after applying the edit.
    expect(action.command?.command).toBe(REVEAL_EDIT_COMMAND);
    expect(resolved?.edit).toBeDefined();
    expect(reveals.run(action.command!.arguments![0], noTabs)).toEqual([prod, { selection: at(3) }]);
  });

  it('an action that is not ours goes to the server as it is', async () => {
    const reveals = new LazyReveals();
    const commanded = new ServerAction('Create Secret', 1);
    commanded.command = { title: 'y', command: 'runpod.secrets.create', arguments: ['x'] };
    const sent: unknown[] = [];
    await reveals.resolve(commanded, async (item) => (sent.push(item), item));
    expect(sent).toEqual([commanded]);
    expect(sent[0]).toBe(commanded);
  });
});
