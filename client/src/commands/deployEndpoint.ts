/**
 * "RunPod: Deploy Endpoint": the wizard, then the runner (checks against a fresh secret list, one
 * create, following until the first worker is ready) under a cancellable progress notification.
 * A worker that does not come up offers its logs. A failure that a retry may fix re-opens the
 * wizard at the summary with every choice kept.
 */
import { count } from '../../../server/src/template/counts';
import * as vscode from 'vscode';
import { isUriLike } from '../launch/args';
import { knownSecretNames } from '../launch/envItems';
import { checksUi } from '../launch/ui/findings';
import { showAdvice } from '../launch/ui/notify';
import { reloadEdited, wizardTarget } from '../launch/ui/launchWizard';
import { flowAccounts } from '../launch/environmentChoice';
import type { Endpoint, RunpodApi, Worker } from '../runpod/types';
import { NO_MIN_WORKERS } from '../serverless/endpointBody';
import { FOLLOW_LIMIT_WORDS } from '../launch/follow';
import { runDeploy, type DeployResult } from '../serverless/endpointRunner';
import { runCreateRounds } from '../launch/ui/createRounds';
import { followUi } from '../serverless/ui/followUi';
import { DEPLOY_STEP, deployAnswers, deployBody, deploySources, deployTemplateEnv, loadDeployFile, runDeployWizard, type DeployAnswers, type DeployState } from '../serverless/ui/deployWizard';
import type { Services } from '../services';
import { requireBoundApi, type BoundFlow } from '../auth/accountBound';
import { wizardRun } from '../ui/wizardMemory';
import type { EndpointsView } from '../views/endpointsView';
import { SHOW_LOGS_COMMAND } from './showLogs';
import { plainName } from '../ui/plainName';
import { VIEW_NAMES } from '../views/viewNames';
import { accountSuffixAmong } from '../auth/session';

const DEPLOY_ENDPOINT_COMMAND = 'runpod.endpoints.deploy';

/** A switch of account while the wizard is open stops the flow (auth/accountBound.ts). */
const DEPLOY_FLOW: BoundFlow = { name: 'Deploy Endpoint', title: 'RunPod: Deploy Endpoint...', nothing: 'nothing was deployed' };

export function register(services: Services, view: EndpointsView): void {
  services.context.subscriptions.push(vscode.commands.registerCommand(DEPLOY_ENDPOINT_COMMAND, (arg?: unknown) => deployEndpoint(services, view, arg)));
}

/** A file the command was started on: a URI (context menu, CodeLens) or `{ file }`. */
function fileArg(arg: unknown): vscode.Uri | undefined {
  if (isUriLike(arg)) return arg as vscode.Uri;
  const file = (arg as { file?: unknown } | undefined)?.file;
  return isUriLike(file) ? (file as vscode.Uri) : undefined;
}

/** Runs the whole flow; never throws (errors become notifications). */
export async function deployEndpoint(services: Services, view: EndpointsView, arg?: unknown): Promise<void> {
  const api = await requireBoundApi(services, DEPLOY_FLOW);
  if (!api) return;
  const account = services.accounts.active;
  // What a cancelled run in this account chose: the steps' defaults (ui/wizardMemory.ts).
  const memory = wizardRun<DeployAnswers>(services.context, 'deploy-endpoint', services.accounts);
  const file = fileArg(arg);
  const activeUri = vscode.window.activeTextEditor?.document.uri;
  const state: DeployState = {
    // From the palette, the active editor's file is highlighted if it is a deploy file (deployWizard.ts).
    preset: file ? { file } : activeUri ? { activeFile: activeUri } : {},
    knownSecrets: () => knownSecretNames(services.store.state, services.store.secrets),
    log: services.log,
    recalled: memory.recalled,
    ...flowAccounts(services.accounts),
  };
  await runCreateRounds(services, {
    flow: DEPLOY_FLOW,
    account,
    memory,
    failure: { flow: 'deploy', phase: 'deploy-checks' },
    firstStep: DEPLOY_STEP.source,
    wizard: (step, onStep) => runDeployWizard(api, state, step, onStep),
    answers: () => deployAnswers(state),
    create: () => deployOnce(services, view, api, state, account),
    summaryStep: DEPLOY_STEP.summary,
  });
}

/** `account`: the flow's; the outcome's Show Logs names it, so a click after a switch is refused as that account's (showLogs.ts). */
async function deployOnce(services: Services, view: EndpointsView, api: RunpodApi, state: DeployState, account: string): Promise<DeployResult> {
  const body = deployBody(state);
  const templateEnv = deployTemplateEnv(state);
  const sources = deploySources(state);
  const environment = wizardTarget(state);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Deploying ${plainName(body.name)}`, cancellable: true }, (progress, token) =>
    runDeploy(
      api,
      { body, ...(templateEnv ? { templateEnv } : {}), sources, ...(environment ? { environment } : {}) },
      { ...checksUi(services, api, sources, 'deploy', (replacement) => reloadEdited(state, replacement, (uri) => loadDeployFile(api, uri, state.gpus ?? []))), ...followUi(api, view, progress, token) },
    ),
  );
  if (result.kind === 'created') {
    services.log.info(`Created endpoint ${result.endpoint.id} (${result.endpoint.name}); ${result.follow?.kind ?? 'not followed'}.`);
    view.refresh();
    if (result.followError) void showAdvice(services, result.followError.advice);
    else void showDeployOutcome(result.endpoint, result.follow, account, services.accounts.names);
  }
  return result;
}

/**
 * Why no worker is listed after following, by the endpoint's minimum workers, as the command line's
 * workersAtCreate words it (endpointBody.ts): at 0 RunPod starts none before a request; at 1 or
 * more that many should be starting, so the minimum is not why.
 */
function noneStarted(min: number): string {
  return min ? `none of its ${count(min, 'minimum worker')} has started yet; see the ${VIEW_NAMES['runpod.endpoints']} view` : `none started: ${NO_MIN_WORKERS}`;
}

/** The final word on a deploy: a ready worker, a worker that failed (its logs), or still starting. */
export async function showDeployOutcome(endpoint: Endpoint, follow: Extract<DeployResult, { kind: 'created' }>['follow'], account: string, held: readonly string[]): Promise<void> {
  // The flow's account, named while several are held: the notification outlives a switch.
  const name = `${plainName(endpoint.name)}${accountSuffixAmong(account, held)}`;
  const logsOf = (worker: Worker | undefined) => (worker ? { endpointId: endpoint.id, workerId: worker.id, account } : undefined);
  let logs: ReturnType<typeof logsOf>;
  let picked: string | undefined;
  if (follow?.kind === 'done' && follow.value.kind === 'ready') {
    logs = logsOf(follow.value.worker);
    picked = await vscode.window.showInformationMessage(`Endpoint ${name} is ready: worker ${plainName(follow.value.worker.id)} is ${plainName(follow.value.worker.status)}.`, 'Show Logs');
  } else if (follow?.kind === 'done') {
    logs = logsOf(follow.value.worker);
    picked = await vscode.window.showErrorMessage(`Endpoint ${name} was created, but its worker did not start: ${plainName(follow.value.worker.id)} is ${plainName(follow.value.worker.status)}. Its log says why.`, 'Show Logs');
  } else if (follow?.kind === 'cancelled') {
    void vscode.window.showInformationMessage(`Stopped following endpoint ${name}; it keeps starting on RunPod. See the ${VIEW_NAMES['runpod.endpoints']} view.`);
  } else if (follow?.kind === 'timeout') {
    logs = logsOf(follow.workers[0]);
    picked = await vscode.window.showWarningMessage(
      `Endpoint ${name} was created, but no worker was ready after ${FOLLOW_LIMIT_WORDS}${follow.workers.length === 0 ? ` (${noneStarted(endpoint.workers.min)})` : ''}.`,
      ...(logs ? ['Show Logs'] : []),
    );
  }
  if (picked === 'Show Logs' && logs) await vscode.commands.executeCommand(SHOW_LOGS_COMMAND, logs);
}
