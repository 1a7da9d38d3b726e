/**
 * RunPod: Rotate Secret... (tree and palette): a new value (masked, or from a file), the PATCH, then
 * the account's running Pods that reference the secret, which keep the old value until they
 * restart: offers "Restart N Pods" with progress and a result per Pod (and "Retry Restart" for those
 * that failed, which still run the old value; a dismissed offer leaves a reminder; its button and
 * Retry Restart list the Pods again and restart those still running), and names the templates,
 * endpoints and stopped Pods that pick the new value up at their next boot (secrets/rotatePlan.ts).
 * The Pods are looked up and restarted in the account whose secret was rotated, or not at all.
 */
import { count, plural } from '../../../server/src/template/counts';
import * as vscode from 'vscode';
import { plainName } from '../ui/plainName';
import type { Services } from '../services';
import type { HistoryAccount } from '../secrets/history';
import type { RunpodApi } from '../runpod/types';
import { isRunpodApiError } from '../runpod/errors';
import { accountUsesOf, kindPlural, type AccountUse } from '../secrets/accountUsages';
import { impactLines, recheckRestart, restartRecord, restartsStoppedDetail, restartSummary, rotationImpact, stillOnOldValue, type RestartResult } from '../secrets/rotatePlan';
import { failureMessage, failureWording } from '../views/errorText';
import { RotateSecretCommand } from '../../../server/src/protocol';
import { resolveSecretToChange } from './pickSecret';
import { withApiProgress } from './progress';
import { askSecretValue } from './valueInput';
import { sayIfSwitchedOnCancel } from './secretSteps';
import { accountBound, isClientChanged, readWhileActive, whileActive, type BoundFlow, type ClientChangedError } from '../auth/accountBound';
import { accountSuffixAmong } from '../auth/session';
import { VIEW_NAMES } from '../views/viewNames';
import { bootRequested, notePodBooted, podsBootedSince, restartMark, type RestartMark } from '../secrets/podRestarts';
import { wizardRun } from '../ui/wizardMemory';
import { ROTATE_SECRET_PALETTE } from '../../../server/src/template/nextSteps';
import { thenSentence } from '../runpod/wording';

const ROTATE_FLOW: BoundFlow = { name: 'Rotate Secret', title: ROTATE_SECRET_PALETTE, nothing: 'its value was not changed' };

/** A switch once the value changed in `account` during `flow`: changing it again would change it again, so the way on is the Pods view. */
function rotatedIn(account: string, flow: BoundFlow): BoundFlow {
  return { ...flow, nothing: `the value was updated in account ${account}; no further Pod was restarted`, again: `Restart its Pods from the ${VIEW_NAMES['runpod.pods']} view once account ${account} is active` };
}

/** The output channel's lead of a flow's lines: `Rotate x: …` as it always read, the other flows by name. */
function logLead(flow: BoundFlow): string {
  return flow.name === ROTATE_FLOW.name ? 'Rotate' : flow.name;
}

// Also the command of the server's quick fix on a secret-rotation-due hint (its argument: the name).
const ROTATE_COMMAND = RotateSecretCommand;

/** Registers `runpod.secrets.rotate`; accepts a tree node, a name, or nothing (quick pick). */
export function register(services: Services): void {
  services.context.subscriptions.push(vscode.commands.registerCommand(ROTATE_COMMAND, (arg?: unknown) => rotateSecret(services, arg)));
}

async function rotateSecret(services: Services, arg: unknown): Promise<void> {
  const account = services.accounts.active; // the secret picked is this account's
  // Which secret a cancelled rotation in this account was for, and the file its "From file…" chose: never the value (wizardMemory.ts).
  const memory = wizardRun<{ name: string; valueFile: string }>(services.context, 'rotate-secret', services.accounts);
  const recalled = memory.recalled;
  // A cancel may be Switch Account's picker hiding this one: then it is said (secretSteps.ts).
  const name = await resolveSecretToChange(services, arg, 'Rotate Secret', { account, flow: ROTATE_FLOW }, recalled.name);
  if (!name) return;
  let valueFile = recalled.name === name ? recalled.valueFile : undefined;
  const outcome = await askSecretValue(services, {
    title: `RunPod: Rotate Secret ${name}`,
    secretName: name,
    replacing: true,
    ...(valueFile ? { fileAt: vscode.Uri.parse(valueFile) } : {}),
    onFile: (uri) => (valueFile = uri.toString()),
  });
  const answers = () => ({ name, valueFile });
  if (outcome.kind !== 'value') {
    memory.keep(answers);
    return sayIfSwitchedOnCancel(services, account, ROTATE_FLOW);
  }
  // The restarts are recorded in the account the value changed in (the restarts happen there or not at all).
  let changedIn: HistoryAccount | undefined;
  let failure: unknown;
  const updated = await withApiProgress(services, `Rotating ${name}…`, `Updating the value of ${name}`, whileActive(services.accounts, account, ROTATE_FLOW, (check) => services.store.updateValue(name, outcome.value, { check, writtenIn: (where) => (changedIn = where) })), [outcome.value], (error) => (failure = error));
  // A value that was not changed (the update failed or was refused) is still to rotate: offered
  // again next time, unless the client changed (the failure says so: keep decides).
  if (!updated) return memory.keep(answers, failure);
  memory.forget();
  if (!changedIn) return;
  await afterValueChange(services, name, account, changedIn, updated.valueLastUpdatedAt, ROTATE_FLOW);
}

/**
 * After a value change in `account` (Rotate Secret, Edit Secret Value: one rule for what it means):
 * the account's uses of `name` listed now, and the message naming them (nothing uses it; running
 * Pods on the old value, with Restart offered; what picks it up at next boot; what could not be
 * checked). A switch of account meanwhile is said instead, in `flow`'s words.
 * @param valueChangedAt RunPod's date of the change (the secret's `valueLastUpdatedAt`)
 */
export async function afterValueChange(services: Services, name: string, account: string, changedIn: HistoryAccount, valueChangedAt: string | null, flow: BoundFlow): Promise<void> {
  try {
    await restartStalePods(services, name, account, changedIn, { at: valueChangedAt, mark: restartMark() }, flow);
  } catch (error) {
    if (!isClientChanged(error)) throw error;
    services.log.info(`${logLead(flow)} ${name}: ${error.message}`);
    void vscode.window.showWarningMessage(error.message);
  }
}

/**
 * Lists `account`'s Pods that still run on the old value of `name` and offers to restart them;
 * the restarts are recorded under `changedIn`, where the value changed. Throws the
 * ClientChangedError once another account is active: the Pods listed or restarted would be that account's.
 * @param valueChanged RunPod's time of the change (the secret's `valueLastUpdatedAt`) and the editor's record's mark then: a Pod started after it is not restarted again (rotatePlan.ts recheckRestart)
 */
async function restartStalePods(services: Services, name: string, account: string, changedIn: HistoryAccount, valueChanged: ValueChanged, base: BoundFlow): Promise<void> {
  const flow = rotatedIn(account, base);
  const snapshot = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Looking for Pods that use ${name}…` }, () =>
    readWhileActive(services, account, flow, () => services.lifecycle.account.snapshot({ fresh: true })),
  );
  const { uses, unchecked } = accountUsesOf(snapshot, name);
  const impact = rotationImpact(uses);
  const notes = unchecked.map((u) => `Account ${kindPlural(u.kind)} were not checked: ${u.reason}`);
  const detail = [...impactLines(impact, unchecked.length > 0), ...notes].join('\n');
  if (impact.restart.length === 0) {
    void vscode.window.showInformationMessage(`Updated the value of ${name}. ${plainName(detail)}`);
    return;
  }
  const restartLabel = `Restart ${count(impact.restart.length, 'Pod')}`;
  // The value has already changed: the dismiss button must not read as undoing it (VS Code's own
  // "Cancel" would), so it says what it does: the Pods are restarted later, from the reminder below.
  const restartItem = { title: restartLabel };
  const notNow = { title: NOT_NOW, isCloseAffordance: true };
  const chosen = await vscode.window.showInformationMessage(`Updated the value of ${name}. Running Pods keep the old value until they restart.`, { modal: true, detail }, restartItem, notNow);
  const choice = chosen?.title;
  if (choice !== restartLabel) {
    // Dismissed: the Pods run the old value on, and the dialog is gone. A notification stays in the
    // notification center whose button restarts those still running when clicked (the Pods view's Restart Pod restarts one at a time).
    const later = restartLabel; // the same restart, asking nothing more: no ellipsis (VS Code's convention)
    // Named by account: the notification center keeps it past a switch, and both accounts may hold `name`.
    const reminder = `${count(impact.restart.length, 'running Pod still uses', 'running Pods still use')} the old value of ${name}${accountSuffixAmong(account, services.accounts.names)}.`;
    if ((await vscode.window.showWarningMessage(reminder, later)) !== later) return;
  }

  const window = await services.getApi();
  const api = window && accountBound(window, services.accounts, () => services.getApi(), flow, account);
  let pods = impact.restart;
  let since: string[] = [];
  if (choice !== restartLabel) {
    // The reminder may be clicked long after: restart only the Pods still running on the old value.
    const now = await podsToRestartNow(services, account, name, pods, valueChanged, flow);
    if (!now) return;
    ({ restart: pods, lines: since } = now);
  }
  let label = `Restart ${count(pods.length, 'Pod')}`;
  for (;;) {
    const { results, stopped } = await restartPods(services, api, pods, label);
    const record = restartRecord(results);
    if (record) void services.lifecycle.history.record(record.action, name, changedIn, { pods: record.pods });
    // The report after a switch has no Retry Restart: its failures keep their "refresh the Pods".
    const summary = restartSummary(results, { retryOffered: !stopped });
    if (stopped) {
      // The Pods restarted before the switch are named too: the user must know which still run the old value.
      const detail = restartsStoppedDetail(results, summary.failures, pods);
      services.log.info(`${logLead(flow)} ${name}: ${stopped.message}\n${detail}`);
      await vscode.window.showWarningMessage(stopped.message, { modal: true, detail });
      return;
    }
    services.log.info(`${logLead(flow)} ${name}: ${summary.message}${summary.failures.length ? ` ${summary.failures.join('; ')}` : ''}`);
    if (summary.allOk) {
      const noted = since.length ? ` ${plainName(since.join(' '))}` : '';
      void vscode.window.showInformationMessage(`${summary.message} ${plural(results.length, 'It boots', 'They boot')} with the new value of ${name}.${noted}`);
      return;
    }
    // A refused restart leaves the Pod running the old value, one RunPod may have acted on perhaps
    // not (rotatePlan.ts stillOnOldValue): say which, and offer the restart again
    // for those Pods alone (the ones restarted must not be restarted twice).
    const detail = [...summary.failures, stillOnOldValue(results, name), ...since].join('\n');
    if ((await vscode.window.showWarningMessage(summary.message, { modal: true, detail }, RETRY_RESTART)) !== RETRY_RESTART) return;
    // Retry may be pressed long after, as the reminder may: judged on the Pods as they are now (a
    // failed restart may have gone through after all: the Pod booting, or started after the value
    // changed; or the Pod been stopped or terminated since).
    const now = await podsToRestartNow(services, account, name, pods.filter((pod) => results.some((r) => r.id === pod.id && !r.ok)), valueChanged, flow);
    if (!now) return;
    pods = now.restart;
    since = [...since, ...now.lines];
    label = `Restarting ${count(pods.length, 'Pod')} again`;
  }
}

const RETRY_RESTART = 'Retry Restart';
/** The restart dialog's dismiss button: the restart is left to the reminder that follows. */
const NOT_NOW = 'Not Now';

/** When the value changed: RunPod's date of it, and the mark of the editor's record of Pod boots then (podRestarts.ts). */
interface ValueChanged {
  at: string | null;
  mark: RestartMark;
}

/**
 * Which of `planned` to restart now, for a restart asked for some time after the Pods were listed
 * (the reminder's button, Retry Restart): rotatePlan.ts recheckRestart on the account's Pods listed
 * again ({@link recheckPods}, one call). Undefined when there is nothing to restart, the user told
 * why: the listing failed (nothing is restarted blind), or no planned Pod still runs the old value.
 * Throws the ClientChangedError after a switch.
 */
async function podsToRestartNow(services: Services, account: string, name: string, planned: readonly AccountUse[], valueChanged: ValueChanged, flow: BoundFlow): Promise<ReturnType<typeof recheckRestart> | undefined> {
  const now = await recheckPods(services, account, name, planned, valueChanged, flow);
  if (now?.restart.length === 0) {
    void vscode.window.showInformationMessage(`No Pod needs a restart for the new value of ${name}. ${plainName(now.lines.join(' '))}`);
    return undefined;
  }
  return now;
}

/**
 * The restart of `planned` judged on the account's Pods as they are now (one list call with the
 * flow's bound client): undefined, with a warning, when they cannot be listed (nothing is restarted
 * blind: a Pod stopped since would only fail). Throws the ClientChangedError after a switch.
 */
async function recheckPods(services: Services, account: string, name: string, planned: readonly AccountUse[], valueChanged: ValueChanged, flow: BoundFlow): Promise<ReturnType<typeof recheckRestart> | undefined> {
  // Through the account scan, as the first look: the Pods view and the tree's counts follow what this listing finds.
  const listed = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Looking for Pods that use ${name}…` }, () =>
    readWhileActive(services, account, flow, () => services.lifecycle.account.freshPods()),
  );
  if ('items' in listed) return recheckRestart(planned, listed.items, name, valueChanged.at, podsBootedSince(valueChanged.mark));
  const message = failureMessage('Listing the Pods', new Error(listed.error));
  services.log.error(message);
  void vscode.window.showWarningMessage(thenSentence(message, ` No Pod was restarted: restart them from the ${VIEW_NAMES['runpod.pods']} view.`));
  return undefined;
}

/**
 * Restarts `pods` one by one with the flow's bound client, under a progress titled `title`: a
 * result per Pod tried, until a switch of account (`stopped`) leaves the rest untried.
 */
async function restartPods(services: Services, api: RunpodApi | undefined, pods: readonly AccountUse[], title: string): Promise<{ results: RestartResult[]; stopped?: ClientChangedError }> {
  const results: RestartResult[] = [];
  let stopped: ClientChangedError | undefined;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, async (progress) => {
    for (const [i, pod] of pods.entries()) {
      progress.report({ message: `${plainName(pod.name)} (${i + 1} of ${pods.length})`, increment: 100 / pods.length });
      try {
        if (!api) throw new Error('No API key is set.');
        const sent = bootRequested();
        await api.podAction(pod.id, 'restart');
        notePodBooted(pod.id, sent);
        results.push({ id: pod.id, name: pod.name, ok: true });
      } catch (error) {
        if (isClientChanged(error)) {
          stopped = error;
          return;
        }
        services.log.error(failureMessage(`Restarting Pod ${pod.name}`, error));
        // The report names the Pod itself: the cause alone (restartSummary).
        results.push({ id: pod.id, name: pod.name, ok: false, error: failureWording(error).map(plainName), ...(isRunpodApiError(error) && error.mayHaveSucceeded ? { mayHaveRestarted: true } : {}) });
      }
    }
  });
  return { results, ...(stopped ? { stopped } : {}) };
}

