/**
 * Stop, Start, Restart and Terminate Pod, from the Pods view, the launch notification or the palette
 * (a picker of the Pods that allow the action). Terminate asks first: it deletes the Pod and its disk.
 * Restart asks first too: the Pod keeps its disk, but the work running in it stops (a restart is how
 * a running Pod takes up a secret's new value: Rotate Secret's own dialog offers it for every such
 * Pod and is that restart's one confirmation; this is one Pod at a time). A Retry asks no second time.
 * Retry after a failure RunPod did not act on reads the Pod again and acts only if it still allows
 * the action, as Rotate Secret's Retry Restart lists the Pods again; a Pod no longer on the account
 * (the re-read's 404) is said so, and for Terminate that is the end asked for.
 */
import * as vscode from 'vscode';
import { nameLabel, pickName, plainName } from '../ui/plainName';
import { refusedAsOtherAccounts } from '../auth/offerAccount';
import { podIdOf } from '../launch/args';
import { adviceFor } from '../launch/errorAdvice';
import { readRetrying, showAdvice } from '../launch/ui/notify';
import type { Pod, PodAction, RunpodApi } from '../runpod/types';
import { isRunpodApiError } from '../runpod/errors';
import { podActions, podSsh } from '../runpod/parse';
import type { Services } from '../services';
import { computeText } from '../views/pods/podNodes';
import { requireBoundApi } from '../auth/accountBound';
import { podAllows } from '../runpod/podStatus';
import { bootRequested, notePodBooted } from '../secrets/podRestarts';

const POD_COMMANDS = { stop: 'runpod.pods.stop', start: 'runpod.pods.start', restart: 'runpod.pods.restart', terminate: 'runpod.pods.terminate' } as const;
type Acted = keyof typeof POD_COMMANDS;

const COPY_SSH_COMMAND = 'runpod.pods.copySsh';

export function register(services: Services): void {
  for (const action of Object.keys(POD_COMMANDS) as Acted[]) {
    services.context.subscriptions.push(vscode.commands.registerCommand(POD_COMMANDS[action], (arg?: unknown) => podAction(services, action, arg)));
  }
  services.context.subscriptions.push(vscode.commands.registerCommand(COPY_SSH_COMMAND, (arg?: unknown) => copySshCommand(services, arg)));
}

/**
 * Copy SSH Command: the Pod's SSH command (from the Pods view, or a picker of the Pods that have one)
 * to the clipboard; the launch notification offers it once, this keeps it at hand afterwards.
 */
export async function copySshCommand(services: Services, arg?: unknown): Promise<void> {
  const api = await services.requireApi();
  if (!api) return;
  // The reads (the Pod, or the list to pick from) run again on Retry; the clipboard is written once.
  const read = await readRetrying(services, async (): Promise<Pod | undefined> => {
    const id = podIdOf(arg);
    let pod: Pod | undefined;
    if (id) {
      pod = await api.getPod(id);
    } else {
      const withSsh = (await api.listPods()).filter((p) => podSsh(p.ssh)?.command);
      if (withSsh.length === 0) {
        void vscode.window.showInformationMessage('No Pod has an SSH command yet: a Pod gets one once it is running with SSH enabled.');
        return;
      }
      pod = (
        await vscode.window.showQuickPick(
          withSsh.map(podPickItem),
          { title: 'RunPod: Copy SSH Command', placeHolder: 'Pod to connect to' },
        )
      )?.pod;
    }
    return pod;
  });
  const pod = read?.answer;
  if (!pod) return;
  const command = podSsh(pod.ssh)?.command;
  if (!command) {
    void vscode.window.showInformationMessage(`Pod ${plainName(pod.name)} has no SSH command (it is ${plainName(pod.status)}).`);
    return;
  }
  try {
    await vscode.env.clipboard.writeText(command);
    void vscode.window.setStatusBarMessage(`RunPod: SSH command of ${pickName(pod.name)} copied`, 4000);
  } catch (error) {
    // Not a RunPod failure (the reads are done): the clipboard refused, so the command is shown to copy by hand.
    const why = error instanceof Error && error.message ? error.message : 'the clipboard refused the write';
    void vscode.window.showErrorMessage(plainName(`Could not copy the SSH command of ${pod.name} to the clipboard (${why}). Copy it from here: ${command}`));
  }
}

/** The Pod in a confirmation's detail: the API's id and GPU name by the label rule (a dialog shows them raw). */
function podIdentity(pod: Pod): string {
  return `Pod ${nameLabel(pod.id)} (${nameLabel(computeText(pod))})`;
}

/** Terminate's confirmation detail. */
export function terminateDetail(pod: Pod): string {
  return `This deletes ${podIdentity(pod)} and its container disk. It cannot be undone.`;
}

/** The actions that ask first, and what their dialog says happens to the Pod. */
const CONFIRMED: Partial<Record<Acted, (pod: Pod) => string>> = {
  terminate: terminateDetail,
  restart: (pod) => `Its running processes stop and the container starts again: the work running in it is interrupted. ${podIdentity(pod)}.`,
};

/** A Pod in a quick pick: the API's name, status, GPU and id by the quick pick's label rule. */
export function podPickItem(pod: Pod): vscode.QuickPickItem & { pod: Pod } {
  return { label: pickName(pod.name), description: pickName(`${pod.status} · ${computeText(pod)}`), detail: pickName(pod.id), pod };
}

async function pickPod(api: RunpodApi, action: PodAction): Promise<Pod | undefined> {
  const pods = (await api.listPods()).filter((p) => podAllows(p, action));
  if (pods.length === 0) {
    void vscode.window.showInformationMessage(`No Pod can ${action} right now.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    pods.map(podPickItem),
    { title: `RunPod: ${verb(action)} Pod`, placeHolder: `Pod to ${action}` },
  );
  return picked?.pod;
}

const PAST: Record<Acted, string> = { stop: 'stopped', start: 'started', restart: 'restarted', terminate: 'terminated' };

function verb(action: PodAction): string {
  return action[0]!.toUpperCase() + action.slice(1);
}

export async function podAction(services: Services, action: Acted, arg?: unknown): Promise<void> {
  // Launch Pod's Stop or Terminate clicked after a switch: the Pod is the flow's account's (auth/offerAccount.ts).
  if (await refusedAsOtherAccounts(services, arg, `Pod ${plainName(podIdOf(arg) ?? '')}`, `${verb(action)} Pod`)) return;
  // A switch of account while the Pod is picked or Terminate confirmed stops the flow (auth/accountBound.ts).
  const api = await requireBoundApi(services, { name: `${verb(action)} Pod`, title: `RunPod: ${verb(action)} Pod`, nothing: `the Pod was not ${PAST[action]}` });
  if (!api) return;
  const target: PodTarget = { id: podIdOf(arg) };
  try {
    // Retry (offered when RunPod did not act) goes round again: the Pod is read again, so one
    // stopped, terminated or already restarted meanwhile is judged as it is now, not acted on blind.
    while ((await actOnce(services, api, action, target)) === 'retry');
  } finally {
    void vscode.commands.executeCommand('runpod.pods.refresh');
  }
}

/** The Pod acted on: its id once known (given, or picked), and its name once read, for a retry to name it. */
interface PodTarget {
  id?: string;
  name?: string;
  /** The user confirmed the action on this Pod: a Retry does not ask again. */
  confirmed?: boolean;
}

/**
 * One try of `action` on the Pod `target.id`, read now (one call), or on one picked from the Pods
 * listed now, whose id `target` then keeps: a retry reads that Pod again.
 * @returns 'retry' when it failed and the user chose Retry
 */
async function actOnce(services: Services, api: RunpodApi, action: Acted, target: PodTarget): Promise<'retry' | undefined> {
  try {
    const pod = target.id ? await readPod(services, api, action, target.id, target.name) : await pickPod(api, action);
    if (!pod) return undefined;
    target.id = pod.id;
    target.name = pod.name;
    // Judged by the Pod's actions as read now (podStatus.ts podAllows), not by its status.
    if (!podAllows(pod, action)) {
      const allowed = podActions(pod.actions);
      void vscode.window.showWarningMessage(`Pod ${plainName(pod.name)} is ${plainName(pod.status)} and cannot ${action} now${allowed.length ? ` (allowed: ${plainName(allowed.join(', '))})` : ''}.`);
      return undefined;
    }
    const detail = CONFIRMED[action];
    if (detail && !target.confirmed) {
      // Modal: Escape or VS Code's Cancel dismisses it, and nothing is sent.
      const answer = await vscode.window.showWarningMessage(`${verb(action)} Pod ${nameLabel(pod.name)}?`, { modal: true, detail: detail(pod) }, verb(action));
      if (answer !== verb(action)) return undefined;
      target.confirmed = true;
    }
    const progress = { location: vscode.ProgressLocation.Notification, title: `${verb(action)} Pod ${plainName(pod.name)}…` };
    if (action === 'terminate') {
      // RunPod answers 204 and the Pod is gone; the refresh below drops it from the view.
      await vscode.window.withProgress(progress, () => api.terminatePod(pod.id, { name: pod.name }));
      services.log.info(`Terminate Pod ${pod.id}: terminated.`);
      void vscode.window.setStatusBarMessage(`RunPod: Pod ${pickName(pod.name)} terminated`, 5000);
      return undefined;
    }
    const sent = bootRequested();
    const after = await vscode.window.withProgress(progress, () => api.podAction(pod.id, action, { name: pod.name }));
    // Rotate Secret's later restart asks what this editor booted since the value changed (podRestarts.ts).
    if (action === 'start' || action === 'restart') notePodBooted(pod.id, sent);
    services.log.info(`${verb(action)} Pod ${pod.id}: now ${after.status}.`);
    void vscode.window.setStatusBarMessage(`RunPod: Pod ${pickName(after.name)} is ${pickName(after.status)}`, 5000);
    return undefined;
  } catch (error) {
    // The lead says which action; the client's message names the Pod (its name, the id after it).
    return (await showAdvice(services, adviceFor(error, 'pod-action', action))) === 'retry' ? 'retry' : undefined;
  }
}

/**
 * The Pod `id` as it is now, or undefined when it is no longer on the account (a 404: terminated
 * meanwhile, by a Retry whose first try went through after all, or elsewhere), the user told so:
 * for Terminate that is the end it asked for, said as done; for the others there is nothing left to act on.
 */
async function readPod(services: Services, api: RunpodApi, action: Acted, id: string, name: string | undefined): Promise<Pod | undefined> {
  try {
    return await api.getPod(id);
  } catch (error) {
    if (!(isRunpodApiError(error) && error.kind === 'not-found')) throw error;
    const gone = `Pod ${plainName(name ?? id)} is no longer on the account`;
    services.log.info(`${verb(action)} Pod ${id}: no longer on the account (404).`);
    if (action === 'terminate') void vscode.window.showInformationMessage(`${gone}: it is terminated.`);
    else void vscode.window.showWarningMessage(`${gone}: there is nothing to ${action}.`);
    return undefined;
  }
}
