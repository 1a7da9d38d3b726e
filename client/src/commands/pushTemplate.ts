/**
 * "RunPod: Push Template": reads a template file (`*.runpod.json`, or a JSON file of `runpod.files`), runs the same checks as Launch Pod, then
 * creates the account template, or updates the one with that name (by id) after a modal
 * confirmation that says what changes; with progress and a result.
 */
import * as vscode from 'vscode';
import { isUriLike } from '../launch/args';
import { isTemplateDocument, pickerPlaceholder } from '../runpodFiles';
import { adviceFor } from '../launch/errorAdvice';
import { runPushTemplate } from '../launch/launchPlanRunner';
import { fieldOffset, parseTemplateFile, toTemplateInput } from '../launch/templateFile';
import { showFindings } from '../launch/ui/findings';
import { contentRefusal, parseRefusal, unreadRefusal } from '../launch/fileRefusal';
import { showFileRefusal, showWizardFailure } from '../launch/ui/fileRefusal';
import { showAdvice } from '../launch/ui/notify';
import type { Template } from '../runpod/types';
import type { TemplateUpdateSummary } from '../launch/templateDiff';
import type { Services } from '../services';
import { accountRefusal, accountText, environmentFilesText, environmentLine, type EnvironmentOption } from '../launch/environmentChoice';
import type { TargetEnvironment } from '../launch/checks';
import { environmentsForFile, listEnvironments, targetOfChoice, TEMPLATE_FILE_KINDS, templateFilesOf, withOwnFolders, type WorkspaceEnvironments } from '../environments/workspaceFiles';
import { choiceEnv, choiceFiles, loadEnvChoice, type EnvFileChoice } from '../launch/ui/launchWizard';
import { mergeEnv } from '../launch/plan';
import { showAccountRefusal } from '../launch/ui/accountRefusal';
import { fileLabel, readWorkspaceText } from '../workspaceText';
import { pickPath, plainName } from '../ui/plainName';
import { refusedAsOtherAccounts } from '../auth/offerAccount';
import { requireBoundApi, type BoundFlow } from '../auth/accountBound';
import { notePush, otherEnvironmentNote } from '../launch/pushHistory';

const PUSH_TEMPLATE_COMMAND = 'runpod.pushTemplate';
/** A switch of account while the findings or the update confirmation are open stops the flow (auth/accountBound.ts). */
const PUSH_FLOW: BoundFlow = { name: 'Push Template', title: 'RunPod: Push Template...', nothing: 'nothing was pushed' };

export function register(services: Services): void {
  services.context.subscriptions.push(vscode.commands.registerCommand(PUSH_TEMPLATE_COMMAND, (arg?: unknown) => pushTemplate(services, arg)));
}

/**
 * The result's Launch Pod: the template is `account`'s, so a click once another account is active
 * says so (auth/offerAccount.ts) rather than launch from the file in the account switched to.
 */
async function launchPushed(services: Services, uri: vscode.Uri, template: string, account: string): Promise<void> {
  if (await refusedAsOtherAccounts(services, { account }, `Template ${plainName(template)}`, 'Launch Pod')) return;
  await vscode.commands.executeCommand('runpod.launchPod', { templateFile: uri });
}

/**
 * The file to push: the argument, the active editor's template file, or one picked from the
 * workspace's walk, which is returned too, so the environment question lists from it (one walk).
 */
async function targetFile(arg: unknown): Promise<{ uri: vscode.Uri; environments?: WorkspaceEnvironments } | undefined> {
  const given = isUriLike(arg) ? (arg as vscode.Uri) : isUriLike((arg as { templateFile?: unknown } | undefined)?.templateFile) ? ((arg as { templateFile: vscode.Uri }).templateFile) : undefined;
  if (given) return { uri: given };
  const active = vscode.window.activeTextEditor?.document;
  if (active && isTemplateDocument(active)) return { uri: active.uri };
  const environments = await listEnvironments();
  if (!environments) return undefined; // Cancel on the listing's progress
  const found = templateFilesOf(environments);
  const files = found.files;
  if (files.length === 0 && !found.truncated) {
    void vscode.window.showInformationMessage(`No template file in this workspace (${TEMPLATE_FILE_KINDS}).`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: pickPath(vscode.workspace.asRelativePath(uri)), uri })),
    { title: 'RunPod: Push Template', placeHolder: pickerPlaceholder('Template file to push to the account', found, files.length) },
  );
  return picked && { uri: picked.uri, environments };
}

export async function pushTemplate(services: Services, arg?: unknown): Promise<void> {
  const target = await targetFile(arg);
  if (!target) return;
  const { uri } = target;
  const label = fileLabel(uri);
  // The bounded reader, as Launch Pod's: a planted 5 GB file, a FIFO or a link to /dev/zero is not read.
  const read = await readWorkspaceText(uri);
  if (!read.ok) return showFileRefusal(unreadRefusal(label, 'push', read.problem), services.log);
  const text = read.text;
  const parsed = parseTemplateFile(text);
  if (!parsed.ok) return showFileRefusal(parseRefusal({ label, sourceId: uri.toString() }, 'push', parsed.errors), services.log);
  // A field the schema does not know stops here, opened at it, as Launch Pod's refusal (runPushTemplate refuses it too).
  const pushable = toTemplateInput(parsed.body);
  if (!pushable.ok) return showFileRefusal(contentRefusal({ label, sourceId: uri.toString() }, 'push', pushable.message, fieldOffset(text, pushable.field)), services.log);
  let environment: Awaited<ReturnType<typeof chooseEnvironment>>;
  try {
    environment = await chooseEnvironment(uri, target.environments);
  } catch (error) {
    // An env file of the environment not read (too large, a FIFO): said, not thrown at VS Code. No
    // RunPod read happened, so no Retry is offered.
    await showWizardFailure(services, error, 'push', 'push-template');
    return;
  }
  if (environment === 'cancel') return;
  const refusal = accountRefusal(environment.option, services.accounts);
  if (refusal) {
    showAccountRefusal(`${label} was not pushed. ${refusal.message}`, refusal.remedy, services.log);
    return;
  }
  const api = await requireBoundApi(services, PUSH_FLOW);
  if (!api) return;
  const account = services.accounts.active;
  const envFile = environment.envFile;
  // The environment's env files win per key over the file's env, as Launch Pod merges them.
  const body = envFile ? { ...parsed.body, env: mergeEnv(parsed.body.env, choiceEnv(envFile)) } : parsed.body;
  const sources = [
    { id: uri.toString(), label, text, kind: 'runpod-json' as const },
    ...(envFile ? choiceFiles(envFile) : []).map((f) => ({ id: f.uri.toString(), label: vscode.workspace.asRelativePath(f.uri), text: f.text, kind: 'runpod-env' as const })),
  ];
  const inEnvironment = environment.option ? ` (${environmentLine(environment.option).replace(/^Environment: /, 'environment ')})` : '';
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Pushing ${parsed.body.name !== undefined ? plainName(parsed.body.name) : label}${inEnvironment}` }, (progress) =>
    runPushTemplate(
      api,
      body,
      {
        secretNames: async () => (await api.listSecrets()).map((s) => s.name),
        onFindings: (report) => showFindings(report, sources, 'push'),
        progress: (message) => progress.report({ message: plainName(message) }),
        confirmUpdate: (existing, change) => confirmUpdate(existing, change, environment.option ?? undefined, otherEnvironmentNote(services.context.globalState, account, existing, environment.option?.name ?? null)),
      },
      sources,
      environment.target,
    ),
  );
  switch (result.kind) {
    case 'created':
    case 'updated': {
      const verb = result.kind === 'created' ? 'Created' : 'Updated';
      await notePush(services.context.globalState, account, result.template.id, environment.option?.name ?? null, (message) => services.log.warn(message));
      const leftOut = result.leftOut.length ? ` Left out Pod-only fields: ${result.leftOut.join(', ')}.` : '';
      services.log.info(`${verb} template ${result.template.name} (${result.template.id}) from ${label}${inEnvironment}.`);
      const launch = await vscode.window.showInformationMessage(`${verb} template ${plainName(result.template.name)} (${plainName(result.template.id)})${inEnvironment}.${leftOut}`, 'Launch Pod');
      if (launch) await launchPushed(services, uri, result.template.name, account);
      return;
    }
    case 'unchanged': {
      const launch = await vscode.window.showInformationMessage(
        `Template ${plainName(result.template.name)} on your RunPod account is already up to date with ${label}${inEnvironment}; nothing was sent.`,
        'Launch Pod',
      );
      if (launch) await launchPushed(services, uri, result.template.name, account);
      return;
    }
    case 'failed':
      await showAdvice(services, result.advice.message ? result.advice : adviceFor(result.error, 'push-template'));
      return;
    default:
      return; // blocked or cancelled: the findings dialog or the confirmation already said why
  }
}

/**
 * The modal question before an account template is overwritten; Cancel (or Escape) sends nothing.
 * @param otherEnvironment launch/pushHistory.ts's line when this editor last pushed it with another environment
 */
async function confirmUpdate(existing: Template, change: TemplateUpdateSummary, environment: EnvironmentOption | undefined, otherEnvironment: string | undefined): Promise<boolean> {
  const answer = await vscode.window.showWarningMessage(
    `Update template ${existing.name} on your RunPod account?`,
    {
      modal: true,
      detail: `${environment ? `${environmentLine(environment)}. ` : ''}${otherEnvironment ? `${plainName(otherEnvironment)} ` : ''}${change.summary}. Pods already created keep the settings they started with.`,
    },
    'Update',
  );
  return answer === 'Update';
}

/**
 * The environment to push, when the template file has several (Push Template asks, as Launch Pod
 * does): its env file is merged over the file's env. A file of one environment
 * (`train.prod.runpod.json`) is pushed with its own environment's env file, without asking.
 * @param listed the walk the picker listed from, when it did (else the listing walks now)
 * @returns the environment (null for none) with its env file, and the environment the checks judge the push as
 *   (workspaceFiles.ts targetOfChoice: the file's own, as for Launch Pod); 'cancel' when the question was dismissed
 */
async function chooseEnvironment(uri: vscode.Uri, listed?: WorkspaceEnvironments): Promise<{ option: EnvironmentOption | null; envFile?: EnvFileChoice; target: TargetEnvironment | undefined } | 'cancel'> {
  const walked = listed ?? (await listEnvironments());
  if (!walked) return 'cancel'; // Cancel on the listing's progress
  // A file outside every folder is judged in its own folder (its environments, their shared env file).
  const environments = await withOwnFolders(walked, [uri]);
  if (!environments) return 'cancel'; // Cancel on the listing of its own folder
  const { options, fixed } = environmentsForFile(environments, uri);
  let option: EnvironmentOption | null | undefined = fixed;
  if (!option) {
    if (options.length < 2) return { option: null, target: targetOfChoice(environments, uri, undefined, null) };
    const picked = await vscode.window.showQuickPick(
      [
        ...options.map((o) => ({
          label: `$(server-environment) ${o.name}`,
          description: [environmentFilesText(o, 'no env file'), ...(o.account || o.invalidAccount ? [accountText(o)] : [])].join(' · '),
          option: o as EnvironmentOption | null,
        })),
        { label: '$(circle-slash) No environment', description: "the file's env only", option: null },
      ],
      { title: 'RunPod: Push Template', placeHolder: 'Environment to push (its env file is merged over the file\'s env)' },
    );
    if (!picked) return 'cancel';
    option = picked.option;
  }
  if (!option) return { option: null, target: targetOfChoice(environments, uri, undefined, null) };
  const envFile = await loadEnvChoice(option.envFile ? environments.uris.get(option.envFile) : undefined, option, environments.uris);
  return { option, ...(envFile ? { envFile } : {}), target: targetOfChoice(environments, uri, envFile?.uri, option) };
}
