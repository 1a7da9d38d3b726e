/**
 * `runpod.secrets.createFromValue` — the server's quick fix for a hard-coded credential: create a
 * secret from the value under the range, then put the reference in its place as one undoable
 * edit. The value is read from the document only; it is never shown, and never logged.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { CreateSecretFromValueCommand } from '../../../server/src/protocol';
import { secretReference } from '../secrets/references';
import { extractValue, parseArgs, referenceEdit } from './createFromValueLogic';
import { MOVE_VALUE_NAME } from '../../../server/src/template/moveValue';
import { runpodFileKind } from '../runpodFiles';
import { fileLabel } from '../workspaceText';
import { runSteps, stepOutcome } from '../ui/stepMachine';
import { askDescription, askSecretName, createWithProgress } from './secretSteps';
import { doneInText, type BoundFlow } from '../auth/accountBound';

const TITLE = `RunPod: ${MOVE_VALUE_NAME}`;
const MOVE_FLOW: BoundFlow = { name: MOVE_VALUE_NAME, title: TITLE, nothing: 'nothing was created', again: 'Run the quick fix again' };

/**
 * The value sat in a file on disk as plain text: the reference in its place does not take it out of
 * Git history, a copy someone has, or VS Code's Local History. Said as a condition, not an alarm (a
 * new file never committed needs nothing); an untitled document was never on disk and is not told.
 */
const PLAIN_TEXT_NEXT_STEP = ' If this file was committed or shared with the value in it, rotate the credential where it was issued: Git history and Local History keep the old text.';

/** Registers the (palette-hidden) command the server's code action invokes. */
export function register(services: Services): void {
  services.context.subscriptions.push(
    vscode.commands.registerCommand(CreateSecretFromValueCommand, (...args: unknown[]) => createFromValue(services, args)),
  );
}

async function createFromValue(services: Services, rawArgs: unknown[]): Promise<void> {
  const args = parseArgs(rawArgs);
  if (!args) {
    void vscode.window.showErrorMessage(`${MOVE_VALUE_NAME} needs a document and a range; run it from the quick fix.`);
    return;
  }
  let document: vscode.TextDocument;
  const uri = vscode.Uri.parse(args.uri);
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch {
    // Moved or deleted since the lightbulb: nothing was asked or sent yet.
    void vscode.window.showErrorMessage(`${fileLabel(uri)} could not be opened (moved or deleted?): nothing was created. Open the file and run the quick fix again.`);
    return;
  }
  const given = new vscode.Range(args.range.start.line, args.range.start.character, args.range.end.line, args.range.end.character);
  const read = (): string | undefined => (document.validateRange(given).isEqual(given) ? document.getText(given) : undefined);
  const originalText = read();
  // The value as the file kind's reader decodes it (env, JSON, TOML escapes): the one the server flagged.
  const kind = runpodFileKind(document.uri, document.languageId);
  const spanStart = document.offsetAt(given.start);
  const extracted = originalText === undefined || !kind ? undefined : extractValue(document.getText(), kind, { start: spanStart, end: document.offsetAt(given.end) });
  if (!extracted || !extracted.ok) {
    void vscode.window.showErrorMessage(extracted?.message ?? 'The document changed: the range no longer holds a hard-coded value. Run the quick fix again.');
    return;
  }
  const value = extracted.value;
  // Before any prompt or API call, so nothing that follows can write the value out.
  services.log.addSensitive(value);
  if (!(await services.requireApi())) return;
  const account = services.accounts.active; // the secret is created in this account or not at all

  let name = args.suggestedName.trim();
  let description = '';
  const completed = await runSteps([
    async () =>
      stepOutcome(
        await askSecretName(services, { title: TITLE, step: 1, totalSteps: 2 }, name, 'Name of the new secret. The value is taken from the document and not shown.'),
        (typed) => {
          name = typed.trim();
          return 'next';
        },
      ),
    async () =>
      stepOutcome(await askDescription({ title: TITLE, step: 2, totalSteps: 2, back: true }, description, (typed) => (description = typed)), (typed) => {
        description = typed.trim();
        return 'next';
      }),
  ]);
  if (!completed) return;

  // The user may have edited the document while the prompts were open.
  if (read() !== originalText) {
    void vscode.window.showErrorMessage('The document changed while you were naming the secret; nothing was created. Run the quick fix again.');
    return;
  }
  const created = await createWithProgress(services, name, value, description, { account, flow: MOVE_FLOW });
  if (!created) return;

  const reference = secretReference(name);
  const where = doneInText(account, services.accounts.active);
  if (read() !== originalText) {
    const choice = await vscode.window.showWarningMessage(
      `Created secret ${name}, but the document changed meanwhile, so the value was not replaced. Replace it with ${reference} yourself.${where}`,
      'Copy Reference',
    );
    if (choice) await vscode.env.clipboard.writeText(reference);
    return;
  }
  // The range text is unchanged; text before it may have changed length meanwhile.
  const offsets = referenceEdit(extracted, name, document.offsetAt(given.start) - spanStart);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(offsets.start), document.positionAt(offsets.end)), offsets.newText);
  if (await vscode.workspace.applyEdit(edit)) {
    // Only a document left unsaved needs the reminder (with auto save it is already on disk).
    const save = document.isDirty ? ' Save the file to keep the change.' : '';
    void vscode.window.showInformationMessage(`Created secret ${name} and replaced the value with ${reference}.${where}${save}${document.isUntitled ? '' : PLAIN_TEXT_NEXT_STEP}`);
  } else {
    void vscode.window.showWarningMessage(`Created secret ${name}, but the document could not be edited. Replace the value with ${reference} yourself.${where}`);
  }
}
