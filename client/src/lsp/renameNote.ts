/**
 * F2 on a reference is the language server's `textDocument/rename`, whose answer can only be the
 * edit: the files it leaves as they are because they are another account's would go unsaid (Rename
 * Secret says them). So the middleware asks the server what that rename leaves out
 * (`runpod/renameLeftOut`, same document and position) alongside the rename, and once VS Code has
 * the edit says it in one information message, in Rename Secret's sentence (otherAccounts.ts).
 * Asked before the edit is handed over, so both answers are about the same text.
 */
import type * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { leftOutSentence, renameLeftOut } from './otherAccounts';

/** The middleware; `askLeftOut` sends runpod/renameLeftOut, `say` shows the message. */
export function renameNoteMiddleware(
  askLeftOut: (document: vscode.TextDocument, position: vscode.Position) => Promise<unknown>,
  say: (message: string) => void,
): Pick<Middleware, 'provideRenameEdits'> {
  return {
    provideRenameEdits: async (document, position, newName, token, next) => {
      // A server without the request, or one that fails it, costs the note, never the rename.
      const leftOut = askLeftOut(document, position).catch(() => undefined);
      const [edit, raw] = await Promise.all([next(document, position, newName, token), leftOut]);
      const sentence = edit ? leftOutSentence(renameLeftOut(raw)) : undefined;
      // Said before VS Code applies the edit (the preview may still discard it): what it covers, not what it did.
      if (sentence) say(`F2's rename covers this account's files only. ${sentence}`);
      return edit;
    },
  };
}
