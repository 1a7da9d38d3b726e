/**
 * "RunPod: Push Template": reads a template file (`*.runpod.json`, or a JSON file of `runpod.files`), runs the same checks as Launch Pod, then
 * creates the account template, or updates the one with that name (by id) after a modal
 * confirmation that says what changes; with progress and a result.
 */
import * as vscode from 'vscode';
import { isUriLike } from '../launch/args';
import { findTemplateFiles, isTemplateDocument } from '../runpodFiles';
import { adviceFor } from '../launch/errorAdvice';
import { runPushTemplate } from '../launch/launchPlanRunner';
import { parseTemplateFile } from '../launch/templateFile';
import { openAt, showFindings } from '../launch/ui/findings';
import { showAdvice } from '../launch/ui/notify';
import type { Template } from '../runpod/types';
import type { TemplateUpdateSummary } from '../launch/templateDiff';
import type { Services } from '../services';

const PUSH_TEMPLATE_COMMAND = 'runpod.pushTemplate';

export function register(services: Services): void {
  services.context.subscriptions.push(vscode.commands.registerCommand(PUSH_TEMPLATE_COMMAND, (arg?: unknown) => pushTemplate(services, arg)));
}

/** The file to push: the argument, the active editor's template file, or one picked from the workspace. */
async function targetFile(arg: unknown): Promise<vscode.Uri | undefined> {
  const given = isUriLike(arg) ? (arg as vscode.Uri) : isUriLike((arg as { templateFile?: unknown } | undefined)?.templateFile) ? ((arg as { templateFile: vscode.Uri }).templateFile) : undefined;
  if (given) return given;
  const active = vscode.window.activeTextEditor?.document;
  if (active && isTemplateDocument(active)) return active.uri;
  const files = await findTemplateFiles('**/node_modules/**', 200);
  if (files.length === 0) {
    void vscode.window.showInformationMessage('No template file in this workspace (*.runpod.json, or a JSON file of the runpod.files setting).');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'RunPod: Push Template', placeHolder: 'Template file to push to the account' },
  );
  return picked?.uri;
}

export async function pushTemplate(services: Services, arg?: unknown): Promise<void> {
  const uri = await targetFile(arg);
  if (!uri) return;
  const document = await vscode.workspace.openTextDocument(uri);
  const text = document.getText();
  const parsed = parseTemplateFile(text);
  const label = vscode.workspace.asRelativePath(uri);
  if (!parsed.ok) {
    const open = await vscode.window.showErrorMessage(`${label} cannot be pushed: ${parsed.errors.map((e) => e.message).join(' ')}`, 'Open file');
    if (open) await openAt({ sourceId: uri.toString(), offset: parsed.errors[0]?.offset ?? 0 });
    return;
  }
  const api = await services.requireApi();
  if (!api) return;
  const sources = [{ id: uri.toString(), label, text, kind: 'runpod-json' as const }];
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Pushing ${parsed.body.name ?? label}` }, (progress) =>
    runPushTemplate(
      api,
      parsed.body,
      {
        secretNames: async () => (await api.listSecrets()).map((s) => s.name),
        onFindings: (report) => showFindings(report, sources, 'push'),
        progress: (message) => progress.report({ message }),
        confirmUpdate: (existing, change) => confirmUpdate(existing, change),
      },
      sources,
    ),
  );
  switch (result.kind) {
    case 'created':
    case 'updated': {
      const verb = result.kind === 'created' ? 'Created' : 'Updated';
      const leftOut = result.leftOut.length ? ` Left out Pod-only fields: ${result.leftOut.join(', ')}.` : '';
      services.log.info(`${verb} template ${result.template.name} (${result.template.id}) from ${label}.`);
      const launch = await vscode.window.showInformationMessage(`${verb} template ${result.template.name} (${result.template.id}).${leftOut}`, 'Launch Pod');
      if (launch) await vscode.commands.executeCommand('runpod.launchPod', { templateFile: uri });
      return;
    }
    case 'unchanged': {
      const launch = await vscode.window.showInformationMessage(
        `Template ${result.template.name} on your RunPod account is already up to date with ${label}; nothing was sent.`,
        'Launch Pod',
      );
      if (launch) await vscode.commands.executeCommand('runpod.launchPod', { templateFile: uri });
      return;
    }
    case 'failed':
      await showAdvice(services, result.advice.message ? result.advice : adviceFor(result.error, 'push-template'));
      return;
    default:
      return; // blocked or cancelled: the findings dialog or the confirmation already said why
  }
}

/** The modal question before an account template is overwritten; Cancel (or Escape) sends nothing. */
async function confirmUpdate(existing: Template, change: TemplateUpdateSummary): Promise<boolean> {
  const answer = await vscode.window.showWarningMessage(
    `Update template ${existing.name} on your RunPod account?`,
    { modal: true, detail: `${change.summary}. Pods already created keep the settings they started with.` },
    'Update',
  );
  return answer === 'Update';
}
