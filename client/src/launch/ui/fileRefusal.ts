/**
 * A file refusal as the user meets it (launch/fileRefusal.ts): the error message, and "Open file"
 * when the fix is in the file, which opens it with the cursor where the fix is. Used by Launch Pod,
 * Push Template, Deploy Endpoint and Update Env from File.
 */
import * as vscode from 'vscode';
import type { RunpodLog, Services } from '../../services';
import { thrownRefusal, type FileFlow, type FileRefusal } from '../fileRefusal';
import { adviceFor, type AdviceAction, type Phase } from '../errorAdvice';
import type { Location } from '../checks';
import { showAdvice, untilNotRetried } from './notify';

const OPEN_FILE = 'Open file';

/**
 * Shows the refusal. A wizard need not wait on it (the notification stays while it goes back to
 * its picker); the promise settles once the user has answered. A file that cannot be opened (gone
 * since) is logged: nobody may be awaiting it to say so.
 */
export async function showFileRefusal(refusal: FileRefusal, log: Pick<RunpodLog, 'error'>): Promise<void> {
  const at = refusal.at;
  if (!at) {
    await vscode.window.showErrorMessage(refusal.message);
    return;
  }
  try {
    if ((await vscode.window.showErrorMessage(refusal.message, OPEN_FILE)) === OPEN_FILE) await openAt(at);
  } catch (error) {
    log.error(`${OPEN_FILE} failed`, error);
  }
}

/**
 * What stopped a flow before it sent anything: an env file the bounded reader did not read, or one
 * refused for its content (opened at its first problem), in the words of a file refusal (the
 * flow's template file is refused where it is loaded); anything else (an API read) as the advice
 * for `phase`.
 * @returns the advice's action the user clicked (Retry): the caller acts on it, or must not be offered it
 */
export async function showWizardFailure(services: Services, error: unknown, flow: FileFlow, phase: Phase): Promise<AdviceAction | undefined> {
  const refusal = thrownRefusal(error, flow);
  if (refusal) await showFileRefusal(refusal, services.log);
  else return showAdvice(services, adviceFor(error, phase));
  return undefined;
}

/**
 * A flow's asking (its reads first, then the user's answers) until it ends, or until it fails and
 * the user, told why ({@link showWizardFailure}), does not pick Retry: then undefined.
 */
export async function askRetrying<T>(services: Services, ask: () => Promise<T>, flow: FileFlow, phase: Phase): Promise<{ answer: T } | undefined> {
  return untilNotRetried(ask, (error) => showWizardFailure(services, error, flow, phase));
}

/** Opens the document of a finding with the cursor on it. */
export async function openAt(location: Location): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(location.sourceId));
  const position = document.positionAt(location.offset);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
}
