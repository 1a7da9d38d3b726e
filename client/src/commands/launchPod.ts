/**
 * "RunPod: Launch Pod": the wizard, then the runner (checks against a fresh secret list, one create,
 * follow) under a cancellable progress notification, with a status bar item while the Pod boots.
 * A capacity failure offers "Pick another GPU", which re-opens the wizard at the GPU step.
 */
import * as vscode from 'vscode';
import { launchArgs } from '../launch/args';
import { runpodFileKind } from '../runpodFiles';
import { runLaunch, type LaunchResult } from '../launch/launchPlanRunner';
import { runCreateRounds } from '../launch/ui/createRounds';
import { checksUi } from '../launch/ui/findings';
import { baseTemplateEnv, envSources, launchAnswers, loadTemplateFile, reloadEdited, runLaunchWizard, STEP, wizardBody, wizardTarget, type LaunchAnswers, type WizardState } from '../launch/ui/launchWizard';
import { wizardRun } from '../ui/wizardMemory';
import { knownSecretNames } from '../launch/envItems';
import { showAdvice, showLaunchOutcome } from '../launch/ui/notify';
import { flowAccounts } from '../launch/environmentChoice';
import type { Pod, RunpodApi } from '../runpod/types';
import { SHOW_LOGS_COMMAND } from './showLogs';
import { nameLabel, pickName, plainName } from '../ui/plainName';
import type { Services } from '../services';
import { requireBoundApi, type BoundFlow } from '../auth/accountBound';
import { accountSuffixAmong } from '../auth/session';

const LAUNCH_POD_COMMAND = 'runpod.launchPod';

/** A switch of account while the wizard is open stops the flow (auth/accountBound.ts). */
const LAUNCH_FLOW: BoundFlow = { name: 'Launch Pod', title: 'RunPod: Launch Pod...', nothing: 'nothing was launched' };

export function register(services: Services): void {
  services.context.subscriptions.push(vscode.commands.registerCommand(LAUNCH_POD_COMMAND, (arg?: unknown) => launchPod(services, arg)));
}

/** Runs the whole flow; never throws (errors become notifications). */
export async function launchPod(services: Services, arg?: unknown): Promise<void> {
  const api = await requireBoundApi(services, LAUNCH_FLOW);
  if (!api) return;
  const account = services.accounts.active;
  // What a cancelled run in this account chose: the steps' defaults (ui/wizardMemory.ts).
  const memory = wizardRun<LaunchAnswers>(services.context, 'launch-pod', services.accounts);
  const args = launchArgs<vscode.Uri>(arg, vscode.window.activeTextEditor?.document, runpodFileKind);
  const state: WizardState = {
    count: 1,
    preset: { ...args },
    knownSecrets: () => knownSecretNames(services.store.state, services.store.secrets),
    log: services.log,
    recalled: memory.recalled,
    ...flowAccounts(services.accounts),
  };
  await runCreateRounds(services, {
    flow: LAUNCH_FLOW,
    account,
    memory,
    failure: { flow: 'launch', phase: 'launch-checks' },
    firstStep: STEP.template,
    wizard: (step, onStep) => runLaunchWizard(api, state, step, onStep),
    answers: () => launchAnswers(state),
    create: () => launchOnce(services, api, state, account),
    summaryStep: STEP.summary,
    reopenAt: (action) => {
      if (action !== 'pick-another-gpu') return undefined;
      // The catalog may have changed: reload availability.
      delete state.gpus;
      delete state.compute;
      return STEP.gpu;
    },
  });
}

/** `account`: the flow's; its Show Logs offers name it, so a click after a switch is refused as that account's (showLogs.ts). */
async function launchOnce(services: Services, api: RunpodApi, state: WizardState, account: string): Promise<LaunchResult> {
  const body = wizardBody(state);
  const templateEnv = baseTemplateEnv(state);
  const sources = envSources(state);
  const environment = wizardTarget(state);
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  status.command = 'runpod.pods.focus';
  /** The Pod being followed: its logs are offered once, as soon as it exists. */
  let offeredLogs = false;
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Launching ${plainName(body.name)}`, cancellable: true },
      async (progress, token) => {
        return runLaunch(
          api,
          { body, ...(templateEnv ? { templateEnv } : {}), sources, ...(environment ? { environment } : {}) },
          {
            ...checksUi(services, api, sources, 'launch', (replacement) => reloadEdited(state, replacement, (uri) => loadTemplateFile(api, uri))),
            progress: (message) => progress.report({ message: plainName(message) }),
            cancel: token,
            onPodUpdate: (pod) => {
              // The API's words: the text draws $(icon) codes (pickName), the tooltip is one safe line (nameLabel), as podActions.ts names a Pod.
              status.text = `$(loading~spin) RunPod: ${pickName(pod.name)} ${pickName(pod.status)}`;
              status.tooltip = `Following Pod ${nameLabel(pod.name)} (${nameLabel(pod.id)}) until it runs. Click for its logs.`;
              status.command = { command: SHOW_LOGS_COMMAND, title: 'Show Logs', arguments: [{ podId: pod.id, account }] };
              status.show();
              if (!offeredLogs) {
                offeredLogs = true;
                void offerLogs(pod, account, services.accounts.names);
              }
            },
          },
        );
      },
    );
    if (result.kind === 'created') {
      services.log.info(`Created Pod ${result.pod.id} (${result.pod.name}); ${result.follow?.kind ?? 'not followed'}.`);
      void vscode.commands.executeCommand('runpod.pods.refresh');
      if (result.followError) void showAdvice(services, result.followError.advice);
      else void showLaunchOutcome(result.follow, result.pod, account, services.accounts.names);
    }
    return result;
  } finally {
    status.dispose();
  }
}

/**
 * While the Pod starts: its log shows the boot (and a secret reference RunPod could not substitute).
 * VS Code gives no way to close a message notification, and a progress notification (one that
 * closes itself) has no button: so the offer stays beside the outcome ("is running") and states
 * no status that would go stale. It names the flow's `account` while several are `held`, as the outcome does.
 */
export async function offerLogs(pod: Pod, account: string, held: readonly string[]): Promise<void> {
  const picked = await vscode.window.showInformationMessage(`Pod ${plainName(pod.name)}${accountSuffixAmong(account, held)} was created: its log shows the boot.`, 'Show Logs');
  if (picked === 'Show Logs') await vscode.commands.executeCommand(SHOW_LOGS_COMMAND, { podId: pod.id, account });
}

