/**
 * "Update Env from File..." and "Change Image..." on an endpoint: the same checks as Deploy on the
 * env the new workers boot with, a modal with the field-level diff (env by key, never a value; the
 * image old -> new), the PATCH, then the release followed as workers cycle onto it ("2 of 3
 * workers on release 4"). Cancel stops the following, not the rollout, and says so.
 */
import * as vscode from 'vscode';
import { pickerPlaceholder } from '../runpodFiles';
import { oneLine } from '../../../server/src/template/displayText';
import type { EnvSource } from '../launch/checks';
import { adviceFor } from '../launch/errorAdvice';
import { changeLines, type FieldChange } from '../launch/templateDiff';
import { checksUi } from '../launch/ui/findings';
import { choiceEnv, choiceFiles, loadEnvChoice, type EnvFileChoice } from '../launch/ui/launchWizard';
import { accountRefusal, flowAccounts, pickerWarning, pickRefusal, wizardRefusal, type EnvironmentOption, type WizardAccounts } from '../launch/environmentChoice';
import { showAccountRefusal } from '../launch/ui/accountRefusal';
import { askRetrying } from '../launch/ui/fileRefusal';
import { environmentOfUri, envFilesOf, listEnvironments, targetOfChoice, withOwnFolders, type WorkspaceEnvironments } from '../environments/workspaceFiles';
import { showAdvice } from '../launch/ui/notify';
import type { Endpoint, RunpodApi } from '../runpod/types';
import { imageProblem } from '../serverless/endpointBody';
import { FOLLOW_LIMIT_WORDS } from '../launch/follow';
import { followRollout, runEndpointUpdate, type UpdateRequest } from '../serverless/endpointRunner';
import { followUi } from '../serverless/ui/followUi';
import type { Services } from '../services';
import { assertActive, assertActiveAfterCancel, requireBoundApi, type BoundFlow } from '../auth/accountBound';
import { showInputStep, showPickStep } from '../ui/multiStepInput';
import type { EndpointsView } from '../views/endpointsView';
import { keptEndpointTarget } from './endpointTarget';
import { nameLabel, plainName } from '../ui/plainName';
import { VIEW_NAMES } from '../views/viewNames';

type PickItem = vscode.QuickPickItem & { uri?: vscode.Uri };

const UPDATE_ENV_COMMAND = 'runpod.endpoints.updateEnv';
const CHANGE_IMAGE_COMMAND = 'runpod.endpoints.changeImage';

/** A switch of account while the pickers or the confirmation are open (or that closes a picker) stops the flow (auth/accountBound.ts). */
const UPDATE_FLOWS: Record<'env' | 'image', BoundFlow> = {
  env: { name: 'Update Env from File', title: 'RunPod: Update Env from File...', nothing: 'the endpoint was not updated' },
  image: { name: 'Change Image', title: 'RunPod: Change Image...', nothing: 'the endpoint was not updated' },
};

export function register(services: Services, view: EndpointsView): void {
  services.context.subscriptions.push(
    vscode.commands.registerCommand(UPDATE_ENV_COMMAND, (arg?: unknown) => updateEndpoint(services, view, 'env', arg)),
    vscode.commands.registerCommand(CHANGE_IMAGE_COMMAND, (arg?: unknown) => updateEndpoint(services, view, 'image', arg)),
  );
}

/** Runs the flow; never throws (errors become notifications). */
export async function updateEndpoint(services: Services, view: EndpointsView, what: 'env' | 'image', arg?: unknown): Promise<void> {
  const flow = UPDATE_FLOWS[what];
  const api = await requireBoundApi(services, flow);
  if (!api) return;
  const account = services.accounts.active;
  // Retry after a failed read asks again from the endpoint (the reads come before the file or image is chosen).
  const target = keptEndpointTarget(arg);
  const asked = await askRetrying(
    services,
    async () => {
      const request = await askUpdate(services, api, what, target, account);
      // Switch Account is a quick pick too: showing it hides this flow's picker or box, which ends as a cancel. Say why (as Launch Pod and Deploy do).
      if (request === undefined) await assertActiveAfterCancel(services.accounts, account, flow);
      return request;
    },
    'update',
    'update-checks',
  );
  if (!asked) return;
  const request = asked.answer;
  if (request === undefined || request === 'refused') return;
  await updateAndFollow(services, view, api, request);
}

/** The endpoint and its change, as the user picks them; undefined when a picker or box was closed, 'refused' once said why not. */
async function askUpdate(services: Services, api: RunpodApi, what: 'env' | 'image', target: ReturnType<typeof keptEndpointTarget>, account: string): Promise<UpdateRequest | 'refused' | undefined> {
  const endpoint = await target(api, `RunPod: ${UPDATE_FLOWS[what].name}`);
  if (!endpoint) return undefined;
  if (what === 'image') {
    const image = await askImage(endpoint);
    return image === undefined ? undefined : { endpoint, image };
  }
  const picked = await pickEnvFile(endpoint, { ...flowAccounts(services.accounts), flowAccount: account });
  if (!picked) return undefined;
  // An environment declared for another account is not applied under the flow's (as Launch Pod and
  // Deploy refuse); after a switch while the picker was open, the switch is the reason said. The
  // picker refused such a file already (it stays open); this stays the last guard before the PATCH.
  assertActive(services.accounts, account, UPDATE_FLOWS[what]);
  const refusal = accountRefusal(picked.environment, services.accounts);
  if (refusal) {
    showAccountRefusal(refusal.message, refusal.remedy, services.log);
    return 'refused';
  }
  const file = picked.choice;
  const sources: EnvSource[] = choiceFiles(file).map((f) => ({ id: f.uri.toString(), label: vscode.workspace.asRelativePath(f.uri), text: f.text, kind: 'runpod-env' }));
  const environment = targetOfChoice(picked.environments, undefined, file.uri, picked.environment);
  return { endpoint, envOverrides: choiceEnv(file), sources, ...(environment ? { environment } : {}) };
}

async function updateAndFollow(services: Services, view: EndpointsView, api: RunpodApi, request: UpdateRequest): Promise<void> {
  const name = plainName(request.endpoint.name);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Updating ${name}` }, (progress) =>
    runEndpointUpdate(api, request, {
      ...checksUi(services, api, request.sources ?? [], 'update'),
      progress: (message) => progress.report({ message: plainName(message) }),
      confirm: confirmChanges,
    }),
  );
  switch (result.kind) {
    case 'unchanged':
      void vscode.window.showInformationMessage(`Endpoint ${name} already has that ${request.image !== undefined ? 'image' : 'env'}: nothing to update.`);
      return;
    case 'failed':
      // The PATCH may have made the release all the same (an answer lost): the view lists what RunPod has, as Change Workers' does.
      view.refresh();
      await showAdvice(services, result.advice);
      return;
    case 'updated':
      break;
    default:
      return; // blocked or cancelled: the dialog already said why
  }
  const updated = result.endpoint;
  services.log.info(`Updated endpoint ${updated.id}: release ${updated.version ?? '(not stated)'}.`);
  const release = updated.version !== undefined ? `release ${updated.version}` : 'the new release';
  let outcome;
  try {
    outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Rolling out ${release} of ${name}`, cancellable: true }, (progress, token) =>
      followRollout(api, updated, followUi(api, view, progress, token)),
    );
  } catch (error) {
    // The rows the follow painted stop mid-rollout: listed again, they show where it is.
    view.refresh();
    await showAdvice(services, adviceFor(error, 'follow-endpoint'));
    return;
  }
  if (outcome.kind === 'done') {
    const text = outcome.value.total === 0 ? `Endpoint ${name} is on ${release}: no worker was running, new ones start on it.` : `Endpoint ${name}: ${outcome.value.text}.`;
    void vscode.window.showInformationMessage(text);
  } else if (outcome.kind === 'cancelled') {
    void vscode.window.showInformationMessage(`Stopped following the rollout of ${name}: the rollout itself goes on at RunPod (see the ${VIEW_NAMES['runpod.endpoints']} view).`);
  } else {
    void vscode.window.showWarningMessage(`The rollout of ${release} of ${name} had not finished after ${FOLLOW_LIMIT_WORDS}. See the ${VIEW_NAMES['runpod.endpoints']} view.`);
  }
}

/** The modal before the PATCH: what changes, field by field, never a value. */
async function confirmChanges(endpoint: Endpoint, changes: FieldChange[]): Promise<boolean> {
  const detail = [
    ...changeLines(changes).map(oneLine),
    '',
    'Env values are not shown, only the secrets they reference. A new release is made: each worker restarts on it as it cycles, with the secrets as they are now.',
  ].join('\n');
  const answer = await vscode.window.showWarningMessage(`Update endpoint ${plainName(endpoint.name)}?`, { modal: true, detail }, 'Update');
  return answer === 'Update';
}

/**
 * A RunPod env file of the workspace (or any file, browsed for) whose variables go over the
 * endpoint's env; an environment's file brings the files its environments share under it, as in
 * Launch Pod and Deploy Endpoint. A file of an environment the active account may not run is not
 * taken: the list stays open saying why (a browsed one brings the list back), as their env file
 * steps do (multiStepInput.ts showPickStep's refuse), so the endpoint is not picked again.
 */
async function pickEnvFile(endpoint: Endpoint, accounts: WizardAccounts): Promise<{ choice: EnvFileChoice; environment: EnvironmentOption | null; environments: WorkspaceEnvironments } | undefined> {
  // The env files are the walk's (under its progress, with its Cancel): no search beside it.
  const environments = await listEnvironments();
  if (!environments) return undefined; // Cancel on the listing's progress
  const found = envFilesOf(environments);
  const environmentOf = (uri: vscode.Uri, within = environments) => environmentOfUri(within, uri) ?? null;
  // Judged against the account active at the pick; after a switch the flow's own guard says the switch instead.
  const refusalOf = (uri: vscode.Uri, within = environments) => pickRefusal(wizardRefusal(environmentOf(uri, within), accounts), 'update');
  const browse: PickItem = { label: '$(folder-opened) Browse…', description: 'another env file' };
  const items: PickItem[] = [
    ...found.files.map((uri) => {
      const environment = environmentOf(uri);
      // Marked when the refusal of its pick would stop it.
      const warning = pickerWarning(wizardRefusal(environment, accounts), 'update');
      return { label: `$(file) ${vscode.workspace.asRelativePath(uri)}`, description: `${environment ? `environment ${environment.name} · ` : ''}its variables go over the endpoint env (per key)`, ...warning, uri };
    }),
    browse,
  ];
  let placeholder = pickerPlaceholder('Env file (KEY=value lines)', found, found.files.length);
  let active: PickItem | undefined;
  for (;;) {
    const picked = await showPickStep({ title: `RunPod: Update Env of ${nameLabel(endpoint.name)} from File`, items, placeholder, ...(active ? { active } : {}), refuse: (item) => (item.uri ? refusalOf(item.uri) : undefined) });
    if (picked.kind !== 'accept') return undefined;
    const listed = picked.value.uri;
    const uri = listed ?? (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Use this env file' }))?.[0];
    if (!uri) return undefined;
    // A listed file was judged at its pick (the list stayed open on it); a browsed one is judged here,
    // outside every folder in its own folder (workspaceFiles.ts withOwnFolders: its shared env file, its sibling environments).
    const judged = listed ? environments : await withOwnFolders(environments, [uri]);
    if (!judged) return undefined; // Cancel on the listing of its own folder
    const refused = listed ? undefined : refusalOf(uri, judged);
    if (refused) {
      placeholder = refused;
      active = browse;
      continue;
    }
    const environment = environmentOf(uri, judged);
    const choice = await loadEnvChoice(uri, environment, judged.uris);
    return choice ? { choice, environment, environments: judged } : undefined;
  }
}

async function askImage(endpoint: Endpoint): Promise<string | undefined> {
  const answer = await showInputStep({
    title: `RunPod: Change Image of ${nameLabel(endpoint.name)}`,
    value: endpoint.image,
    prompt: `New container image (now ${endpoint.image || 'from the template'})`,
    // The current image is no error: the box opens on it (flagged at once, it hid the prompt), and
    // Enter on it is answered 'already has that image: nothing to update'.
    validate: imageProblem,
  });
  return answer.kind === 'accept' ? answer.value.trim() : undefined;
}
