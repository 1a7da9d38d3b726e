/** RunPod: Insert Reference — the secret's reference at every cursor of the active editor. */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { referenceAround, secretReference } from '../secrets/references';
import { resolveSecretName } from './pickSecret';

const INSERT_REFERENCE_COMMAND = 'runpod.secrets.insertReference';

/**
 * Whether an edit reported done took effect: VS Code (1.139, code-server) resolves `edit` true on an
 * editor made read-only in session while leaving the document untouched. An unchanged document is
 * still done when every range already held the reference (nothing to change).
 */
function applied(document: vscode.TextDocument, versionBefore: number, ranges: vscode.Range[], reference: string): boolean {
  return document.version !== versionBefore || ranges.every((range) => document.getText(range) === reference);
}

/** Registers `runpod.secrets.insertReference`; accepts a tree node, a name, or nothing (quick pick). */
export function register(services: Services): void {
  services.context.subscriptions.push(
    vscode.commands.registerCommand(INSERT_REFERENCE_COMMAND, async (arg?: unknown) => {
      // Remember the editor first: the quick pick does not change it, but a click in the tree may.
      const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
      if (!editor) {
        void vscode.window.showInformationMessage('Open a file and place the cursor where the reference should go, then run Insert Reference again.');
        return;
      }
      const name = await resolveSecretName(services, arg, 'Insert Reference');
      if (!name) return;
      const reference = secretReference(name);
      // One edit over all selections: a single undo step; a selection is replaced by the reference,
      // and so is a reference (or a half-typed one) the cursor sits in, rather than nesting inside it.
      const ranges = new Map<string, vscode.Range>();
      for (const selection of editor.selections) {
        const around = selection.isEmpty ? referenceAround(editor.document.lineAt(selection.active.line).text, selection.active.character) : undefined;
        const range = around ? new vscode.Range(selection.active.line, around.start, selection.active.line, around.end) : selection;
        ranges.set(`${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}`, range);
      }
      const version = editor.document.version;
      const ok = await editor.edit((builder) => {
        for (const range of ranges.values()) builder.replace(range, reference);
      });
      if (ok && applied(editor.document, version, [...ranges.values()], reference)) return;
      // The reference can still go where the user wants it: on the clipboard, to paste.
      const copy = 'Copy Reference';
      const picked = await vscode.window.showWarningMessage(`Could not insert ${reference}: the editor is read-only or changed. Copy the reference and paste it where it goes.`, copy);
      if (picked === copy) await vscode.commands.executeCommand('runpod.secrets.copyReference', name);
    }),
  );
}
