/**
 * F2 on a reference is the language server's `textDocument/rename`, whose answer can only be the
 * edit: the files it leaves as they are because they are another account's, and what it may not
 * have reached (an index still being built or past its bound, a file too large or unreadable),
 * would go unsaid (Rename Secret says them). So the middleware asks the server about that rename
 * (`runpod/renameLeftOut`, same document and position) alongside it, and once VS Code has the edit
 * says it in one message, in Rename Secret's sentences (otherAccounts.ts, renameIncomplete.ts): a
 * warning when the rename may not be whole, else information.
 * Asked before the edit is handed over, so both answers are about the same text; and sent before
 * the rename, so its wait for the index ends first: a walk that ends between the two makes the
 * note cautious, never the edit's gap unsaid.
 * F2 cannot create a secret: to a new name the account lacks, the references are renamed all the
 * same, and every Pod started from them would boot with the placeholder text. So the same message
 * says so (judged by the unknown-secret rule against the list the server has) and offers the way
 * forward: Create Secret with the name filled in, or Rename Secret from the old name.
 */
import type * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { leftOutSentence, renameLeftOut } from './otherAccounts';
import { incompleteSentence, renameIncomplete } from './renameIncomplete';
import { CreateSecretCommand, type SecretsChangedParams } from '../../../server/src/protocol';
import { isUnknownSecretName } from '../../../server/src/template/rules/unknownSecret';
import { hasSecretNameCharsOnly } from '../../../server/src/template/names';
import { sameAccountName } from '../../../server/src/template/accountNames';
import { plainName } from '../ui/plainName';
import { RENAME_SECRET_COMMAND, type CommandAction } from '../secrets/renamePlan';

/** A button of the note and the command it runs. */
export type NoteAction = CommandAction;

/**
 * The middleware; `askLeftOut` sends runpod/renameLeftOut, `say` shows the message with its buttons,
 * `label` names a file (by URI) in it, `catalog` is the list of secrets the server judges against.
 */
export function renameNoteMiddleware(
  askLeftOut: (document: vscode.TextDocument, position: vscode.Position) => Promise<unknown>,
  say: (message: string, level: 'info' | 'warning', actions: readonly NoteAction[]) => void,
  label: (uri: string) => string = (uri) => uri,
  catalog: () => SecretsChangedParams = () => ({ state: 'unknown', secrets: [] }),
): Pick<Middleware, 'provideRenameEdits'> {
  return {
    provideRenameEdits: async (document, position, newName, token, next) => {
      // A server without the request, or one that fails it, costs the note, never the rename.
      const leftOut = askLeftOut(document, position).catch(() => undefined);
      const [edit, raw] = await Promise.all([next(document, position, newName, token), leftOut]);
      if (!edit) return edit;
      const sentence = leftOutSentence(renameLeftOut(raw));
      const incomplete = renameIncomplete(raw);
      const notes: string[] = [];
      // Said before VS Code applies the edit (the preview may still discard it): what it covers, not what it did.
      if (sentence) notes.push(`F2's rename covers this account's files only. ${sentence}`);
      if (incomplete) notes.push(`F2's rename may not reach every reference. ${incompleteSentence(incomplete, label, 'rename again (F2 on a reference left)')}`);
      const unknown = unknownNameNote(catalog(), newName, oldNameAt(edit, document, position));
      if (unknown) notes.push(unknown.sentence);
      if (notes.length) say(notes.join(' '), incomplete || unknown ? 'warning' : 'info', unknown?.actions ?? []);
      return edit;
    },
  };
}

/**
 * What to say when `to` is not a secret on the account (as the unknown-secret rule judges it: never
 * with no list loaded), and the buttons: Create Secret `to`, and Rename Secret from `from` when
 * `from` is the account's (it makes `to` in `from`'s role and deletes `from` once unused).
 */
function unknownNameNote(list: SecretsChangedParams, to: string, from: string | undefined): { sentence: string; actions: NoteAction[] } | undefined {
  if (!isUnknownSecretName(list, to)) return undefined;
  const account = list.account !== undefined ? `account ${plainName(list.account)}` : 'the active account';
  const verdict = list.state === 'stale' ? `was not a secret on ${account} when the list was last fetched` : `is not a secret on ${account}`;
  const actions: NoteAction[] = [{ title: `Create Secret ${to}…`, command: CreateSecretCommand, args: [{ name: to }] }];
  let next = `Create Secret makes ${to}.`;
  if (from !== undefined && list.secrets.some((s) => s.name === from)) {
    actions.push({ title: 'Rename Secret…', command: RENAME_SECRET_COMMAND, args: [{ name: from, to }] });
    next = `Create Secret makes ${to}; Rename Secret makes it from ${from} (its value asked again), moves the account templates to it and deletes ${from} once nothing uses it.`;
  }
  return { sentence: `F2 renames references only: ${to} ${verdict}, so Pods would boot with the placeholder text in its place. ${next}`, actions };
}

/**
 * The name F2 was pressed on: the text the edit replaces at `position`, read before VS Code applies
 * it. F2 on the reference's prefix replaces the name after it, so the replacement on the same line
 * serves too (every replacement of the edit replaces the same name). Undefined when it cannot be
 * read or is no secret name (it is shown, and passed to a command).
 */
function oldNameAt(edit: vscode.WorkspaceEdit, document: vscode.TextDocument, position: vscode.Position): string | undefined {
  try {
    const here = edit.get(document.uri);
    const replaced = here.find((e) => e.range.contains(position)) ?? here.find((e) => e.range.start.line === position.line);
    const name = replaced && document.getText(replaced.range);
    return name && hasSecretNameCharsOnly(name) ? name : undefined;
  } catch {
    return undefined; // an edit of another shape costs the Rename button, never the rename
  }
}

/**
 * Shows a note with its buttons (`window` and `run` are VS Code's) and runs the command of the
 * button chosen; resolves once it is dismissed or the command has run.
 */
export function showRenameNote(
  window: { showWarningMessage(message: string, ...items: string[]): Thenable<string | undefined>; showInformationMessage(message: string, ...items: string[]): Thenable<string | undefined> },
  run: (command: string, ...args: unknown[]) => Thenable<unknown>,
  activeAccount?: () => string,
): (message: string, level: 'info' | 'warning', actions: readonly NoteAction[]) => Promise<void> {
  return async (message, level, actions) => {
    // The note speaks of the account active when it was shown: a button clicked after a switch would
    // create or rename the secret in the other account (the rename report guards the same way).
    const shownUnder = activeAccount?.();
    const titles = actions.map((a) => a.title);
    const chosen = await (level === 'warning' ? window.showWarningMessage(message, ...titles) : window.showInformationMessage(message, ...titles));
    const action = actions.find((a) => a.title === chosen);
    if (!action) return;
    const now = activeAccount?.();
    if (shownUnder !== undefined && now !== undefined && !sameAccountName(shownUnder, now)) {
      await window.showInformationMessage(`The active RunPod account changed from ${plainName(shownUnder)} to ${plainName(now)} since F2's note; nothing was run. Run ${action.title} again under the account you mean.`);
      return;
    }
    await run(action.command, ...action.args);
  };
}
