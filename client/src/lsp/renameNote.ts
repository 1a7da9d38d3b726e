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
 */
import type * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { leftOutSentence, renameLeftOut } from './otherAccounts';
import { incompleteSentence, renameIncomplete } from './renameIncomplete';

/**
 * The middleware; `askLeftOut` sends runpod/renameLeftOut, `say` shows the message, `label` names a
 * file (by URI) in it.
 */
export function renameNoteMiddleware(
  askLeftOut: (document: vscode.TextDocument, position: vscode.Position) => Promise<unknown>,
  say: (message: string, level: 'info' | 'warning') => void,
  label: (uri: string) => string = (uri) => uri,
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
      if (notes.length) say(notes.join(' '), incomplete ? 'warning' : 'info');
      return edit;
    },
  };
}
