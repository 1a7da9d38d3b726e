/**
 * Shows what the pre-launch checks found and turns the user's answer into a decision for the
 * runner: create a missing secret (then check again), open the file at the finding, or, for
 * warnings only, go on.
 */
import * as vscode from 'vscode';
import { describeReport, isClear, missingSecretNames, type CheckReport, type EnvSource, type Location } from '../checks';
import type { ChecksDecision } from '../launchPlanRunner';

/** How many "Create secret x" buttons fit in a dialog before it becomes unreadable. */
const MAX_CREATE_BUTTONS = 3;

export async function showFindings(report: CheckReport, sources: readonly EnvSource[], verb: 'launch' | 'push'): Promise<ChecksDecision> {
  const labelOf = (id: string) => sources.find((s) => s.id === id)?.label ?? id;
  const lines = describeReport(report, labelOf);
  const blocking = !isClear(report);
  const missing = missingSecretNames(report).slice(0, MAX_CREATE_BUTTONS);
  const firstLocation: Location | undefined = report.blocking.find((b) => b.location)?.location ?? report.credentials.find((c) => c.location)?.location;

  const buttons: string[] = missing.map((name) => `Create secret ${name}`);
  if (firstLocation) buttons.push('Open file');
  if (!blocking) buttons.push(verb === 'launch' ? 'Launch anyway' : 'Push anyway');
  const message = blocking
    ? `Not ${verb === 'launch' ? 'launching' : 'pushing'}: ${report.blocking.length ? `${report.blocking.length} secret reference${report.blocking.length === 1 ? '' : 's'} would reach the Pod unresolved` : 'too many environment variables'}.`
    : `${report.credentials.length} value${report.credentials.length === 1 ? '' : 's'} look${report.credentials.length === 1 ? 's' : ''} like a credential in plain text.`;
  const answer = await vscode.window.showWarningMessage(message, { modal: true, detail: lines.join('\n') }, ...buttons);
  if (!answer) return 'cancel';
  if (answer === 'Launch anyway' || answer === 'Push anyway') return 'proceed';
  if (answer === 'Open file' && firstLocation) {
    await openAt(firstLocation);
    return 'cancel';
  }
  const name = missing.find((n) => answer === `Create secret ${n}`);
  if (name !== undefined) {
    // The secrets part's create flow (name preset); a cancelled create simply re-checks and asks again.
    await vscode.commands.executeCommand('runpod.secrets.create', { name });
    return 'recheck';
  }
  return 'cancel';
}

/** Opens the document of a finding with the cursor on it. */
export async function openAt(location: Location): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(location.sourceId));
  const position = document.positionAt(location.offset);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
}
