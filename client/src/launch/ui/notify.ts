/** Notifications at the end of a launch or after a failure, with the actions advice asks for. */
import * as vscode from 'vscode';
import { plainName } from '../../ui/plainName';
import type { Services } from '../../services';
import type { Pod } from '../../runpod/types';
import { podAllows } from '../../runpod/podStatus';
import { podSsh } from '../../runpod/parse';
import { ACTION_LABELS, BILLING_URL, adviceFor, type Advice, type AdviceAction } from '../errorAdvice';
import { FOLLOW_LIMIT_WORDS, type FollowOutcome } from '../follow';
import { VIEW_NAMES } from '../../views/viewNames';
import { PODS_REFRESH_COMMAND } from '../../views/podsView';
import { ENDPOINTS_REFRESH_COMMAND } from '../../views/endpointsView';
import { accountSuffixAmong } from '../../auth/session';

/** Shows advice; resolves with the action the user clicked. Details go to the log too. */
export async function showAdvice(services: Services, advice: Advice): Promise<AdviceAction | undefined> {
  services.log.error([advice.message, ...advice.details].join(' | '));
  const labels = advice.actions.map((a) => ACTION_LABELS[a]);
  const options: vscode.MessageOptions = advice.modal ? { modal: true, detail: advice.details.join('\n') } : {};
  const text = !advice.modal && !advice.detailsInLogOnly && advice.details.length ? `${advice.message} ${advice.details.join('; ')}` : advice.message;
  const picked = await vscode.window.showErrorMessage(text, options, ...labels);
  const action = advice.actions.find((a) => ACTION_LABELS[a] === picked);
  // Actions that need no caller decision are handled here.
  if (action === 'open-billing') await vscode.env.openExternal(vscode.Uri.parse(BILLING_URL));
  else if (action === 'show-log') await vscode.commands.executeCommand('runpod.showLog');
  else if (action === 'set-api-key') await vscode.commands.executeCommand('runpod.setApiKey');
  else if (action && action in LISTED_AGAIN) {
    // Offered where RunPod may have acted (an answer lost): a view on screen still holds the list from before.
    const [refresh, focus] = LISTED_AGAIN[action as keyof typeof LISTED_AGAIN];
    await vscode.commands.executeCommand(refresh);
    await vscode.commands.executeCommand(focus);
  }
  return action;
}

/**
 * Runs the reads a command needs before it acts; a failure is said with its advice, and Retry runs
 * them again (a read changes nothing on RunPod, so running it twice is safe), as a wizard's reads do.
 * @returns the reads' answer, or undefined when they failed and the user did not pick Retry
 */
export async function readRetrying<T>(services: Services, read: () => Promise<T>): Promise<{ answer: T } | undefined> {
  return untilNotRetried(read, (error) => showAdvice(services, adviceFor(error, 'read')));
}

/**
 * The one Retry loop: runs `ask` until it answers, or until it fails and `failed` (which tells the
 * user why) resolves with anything but Retry: then undefined.
 */
export async function untilNotRetried<T>(ask: () => Promise<T>, failed: (error: unknown) => Promise<AdviceAction | undefined>): Promise<{ answer: T } | undefined> {
  for (;;) {
    try {
      return { answer: await ask() };
    } catch (error) {
      if ((await failed(error)) !== 'retry') return undefined;
    }
  }
}

/** The view each check button shows, listed again first: its refresh command, then its focus. */
const LISTED_AGAIN = {
  'open-pods': [PODS_REFRESH_COMMAND, 'runpod.pods.focus'],
  'refresh-pods': [PODS_REFRESH_COMMAND, 'runpod.pods.focus'],
  'open-endpoints': [ENDPOINTS_REFRESH_COMMAND, 'runpod.endpoints.focus'],
} as const satisfies Partial<Record<AdviceAction, readonly [string, string]>>;

/**
 * The final word on a launch: running (SSH, Stop, Terminate), failed, or still booting. `account`
 * is the flow's, named while several are `held`: the notification outlives a switch.
 */
export async function showLaunchOutcome(follow: FollowOutcome | undefined, pod: Pod, account: string, held: readonly string[]): Promise<void> {
  const actions: string[] = [];
  const ssh = podSsh(pod.ssh)?.command;
  if (ssh) actions.push('Copy SSH Command');
  if (podAllows(pod, 'stop')) actions.push('Stop');
  if (podAllows(pod, 'terminate')) actions.push('Terminate');
  // A Pod that failed or is slow to start says why in its log.
  if (follow?.kind !== 'running') actions.unshift('Show Logs');
  const named = `${pod.name}${accountSuffixAmong(account, held)}`;
  let text: string;
  switch (follow?.kind) {
    case 'running':
      text = `Pod ${named} is running.`;
      break;
    case 'failed':
      text = `Pod ${named} did not start: it is ${pod.status}. Its log says why.`;
      break;
    case 'cancelled':
      text = `Stopped following Pod ${named} (${pod.status}); it keeps booting and is billed. See the ${VIEW_NAMES['runpod.pods']} view.`;
      break;
    case 'timeout':
      text = `Pod ${named} is still ${pod.status} after ${FOLLOW_LIMIT_WORDS}. See the ${VIEW_NAMES['runpod.pods']} view.`;
      break;
    default:
      text = `Pod ${named} was created (${pod.status}).`;
  }
  const show = follow?.kind === 'failed' ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
  // The Pod's name and status come from the server: no link may form in the notification.
  const picked = await show(plainName(text), ...actions);
  if (picked === 'Copy SSH Command' && ssh) {
    await vscode.env.clipboard.writeText(ssh);
    void vscode.window.setStatusBarMessage('SSH command copied', 3000);
  } else if (picked === 'Stop') await vscode.commands.executeCommand('runpod.pods.stop', { podId: pod.id, account });
  else if (picked === 'Terminate') await vscode.commands.executeCommand('runpod.pods.terminate', { podId: pod.id, account });
  else if (picked === 'Show Logs') await vscode.commands.executeCommand('runpod.logs.show', { podId: pod.id, account });
}
