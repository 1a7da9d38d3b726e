/**
 * "RunPod: Show Logs": the log of a Pod (Pods view, Launch Pod's progress) or of a serverless
 * worker (Endpoints view) in a terminal; from the palette, a picker of the Pods and the endpoints'
 * workers. The terminal itself is logs/ui/logTerminal.ts.
 */
import * as vscode from 'vscode';
import { refusedAsOtherAccounts } from '../auth/offerAccount';
import { podIdOf } from '../launch/args';
import { readRetrying } from '../launch/ui/notify';
import { openLogTerminal, type LogTarget } from '../logs/ui/logTerminal';
import { isRunpodApiError } from '../runpod/errors';
import type { Pod, RunpodApi } from '../runpod/types';
import type { Services } from '../services';
import { computeText } from '../views/pods/podNodes';
import { nameLabel, pickName, plainName } from '../ui/plainName';
import { withReadProgress } from './progress';
import { nothingToPick, showPickStep } from '../ui/multiStepInput';

export const SHOW_LOGS_COMMAND = 'runpod.logs.show';

export function register(services: Services): void {
  services.context.subscriptions.push(vscode.commands.registerCommand(SHOW_LOGS_COMMAND, (arg?: unknown) => showLogs(services, arg)));
}

/** A worker given by a tree item or `{ endpointId, workerId }`. */
function workerOf(arg: unknown): { endpointId: string; workerId: string } | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { endpointId, workerId } = arg as { endpointId?: unknown; workerId?: unknown };
  return typeof endpointId === 'string' && endpointId && typeof workerId === 'string' && workerId ? { endpointId, workerId } : undefined;
}

export async function showLogs(services: Services, arg?: unknown): Promise<void> {
  // A flow's offer clicked after a switch: the log is the flow's account's (auth/offerAccount.ts).
  const worker = workerOf(arg);
  const what = worker ? `The log of worker ${plainName(worker.workerId)} of endpoint ${plainName(worker.endpointId)}` : `The log of Pod ${plainName(podIdOf(arg) ?? '')}`;
  if (await refusedAsOtherAccounts(services, arg, what, 'Show Logs')) return;
  const api = await services.requireApi();
  if (!api) return;
  // The account whose key reads the target: the view belongs to it (logTerminal.ts LogAccount).
  const account = services.accounts.active;
  // A failed read is told with its advice; Retry reads again from the step that failed: what was picked is kept.
  const picked: PickedSoFar = {};
  const resolved = await readRetrying(services, () => resolveTarget(api, arg, picked));
  if (resolved?.answer) openLogTerminal(api, resolved.answer, services.log, { name: account, accounts: services.accounts, client: () => services.getApi() });
}

/** What the palette's picks answered so far: an endpoint picked, whose workers a Retry lists again without asking the first pick again. */
interface PickedSoFar {
  endpoint?: { id: string; name: string };
}

/** The log to show: from the argument (names read from the API for the title), else picked. */
async function resolveTarget(api: RunpodApi, arg: unknown, picked: PickedSoFar): Promise<LogTarget | undefined> {
  const worker = workerOf(arg);
  if (worker) {
    const endpoint = await nameOf('endpoint', worker.endpointId, (cancel) => api.getEndpoint(worker.endpointId, { cancel }));
    return endpoint === null ? undefined : { kind: 'worker', ...worker, name: endpoint?.name || worker.endpointId };
  }
  const podId = podIdOf(arg);
  if (podId) {
    const pod = await nameOf('Pod', podId, (cancel) => api.getPod(podId, { cancel }));
    return pod === null ? undefined : { kind: 'pod', podId, name: pod?.name || podId };
  }
  return pickTarget(api, picked);
}

/**
 * The object whose name titles the view, read under a cancellable notification: null when RunPod
 * says it is gone (then said here) or the user cancelled the read, and no view opens; undefined
 * when it could not be read (the view opens under its id and says why).
 */
async function nameOf<T extends { name: string }>(kind: 'Pod' | 'endpoint', id: string, read: (cancel: vscode.CancellationToken) => Promise<T>): Promise<T | null | undefined> {
  try {
    return (await withReadProgress(`${kind} ${id}`, read)) ?? null;
  } catch (error) {
    if (!(isRunpodApiError(error) && error.kind === 'not-found')) return undefined;
    void vscode.window.showWarningMessage(`${kind === 'Pod' ? 'Pod' : 'Endpoint'} ${id} no longer exists on RunPod: there is no log to show.`);
    return null;
  }
}

type LogPick = vscode.QuickPickItem & { target?: LogTarget; endpoint?: { id: string; name: string } };

/** The first pick's items: Pods, then endpoints; the API's names and ids by the quick pick's label rule (no icon of theirs drawn). */
export function logTargetItems(pods: readonly Pod[], endpoints: readonly { id: string; name: string }[]): LogPick[] {
  return [
    { label: 'Pods', kind: vscode.QuickPickItemKind.Separator },
    ...pods.map((p) => ({ label: `$(vm) ${pickName(p.name)}`, description: pickName(`${p.status} · ${computeText(p)}`), detail: pickName(p.id), target: { kind: 'pod' as const, podId: p.id, name: p.name } })),
    { label: 'Serverless endpoints', kind: vscode.QuickPickItemKind.Separator },
    ...endpoints.map((e) => ({ label: `$(server-process) ${pickName(e.name)}`, description: 'pick one of its workers…', detail: pickName(e.id), endpoint: { id: e.id, name: e.name } })),
  ];
}

/**
 * Pods first, then endpoints (a second pick lists the chosen endpoint's workers). Each list is read
 * in its pick, open and busy at once (a notification over a picker could stay on top of it);
 * Escape while busy calls the read off. Escape on the workers goes back to the first pick; Escape there ends.
 */
async function pickTarget(api: RunpodApi, picked: PickedSoFar): Promise<LogTarget | undefined> {
  for (;;) {
    if (!picked.endpoint) {
      const first = await pickPodOrEndpoint(api);
      if (!first?.endpoint) return first?.target;
      picked.endpoint = first.endpoint;
    }
    const worker = await pickWorker(api, picked.endpoint);
    if (worker) return worker;
    // Escape on the workers, or none runs: back to the first pick. After a Retry the workers pick
    // is shown alone, and ending there left no way to another Pod or endpoint but a new run.
    delete picked.endpoint;
  }
}

/** The first pick: a Pod (its log), or an endpoint (one of its workers is picked next); undefined when none was picked. */
async function pickPodOrEndpoint(api: RunpodApi): Promise<LogPick | undefined> {
  const picked = await showPickStep<LogPick>({
    title: 'RunPod: Show Logs',
    placeholder: 'Whose log? (a Pod, or a worker of an endpoint)',
    items: {
      reading: 'Pods and endpoints',
      read: async (signal) => {
        // Endpoints that cannot be listed (a key without serverless access) are none; a listing called off is no answer.
        const endpointsOrNone = api.listEndpoints({ cancel: signal }).catch((error: unknown) => {
          if (signal.aborted) throw error;
          return [];
        });
        const [pods, endpoints] = await Promise.all([api.listPods({ cancel: signal }), endpointsOrNone]);
        if (pods.length === 0 && endpoints.length === 0) return nothingToPick(signal, 'No Pod and no serverless endpoint on this RunPod account: nothing has a log yet.');
        return { items: logTargetItems(pods, endpoints) };
      },
    },
  });
  return picked.kind === 'accept' ? picked.value : undefined;
}

/** The second pick: a worker of the endpoint picked. */
async function pickWorker(api: RunpodApi, { id, name }: { id: string; name: string }): Promise<LogTarget | undefined> {
  type WorkerPick = vscode.QuickPickItem & { workerId: string };
  const worker = await showPickStep<WorkerPick>({
    title: `RunPod: Show Logs of a worker of ${nameLabel(name)}`,
    placeholder: 'Worker',
    items: {
      reading: `the workers of ${plainName(name)}`,
      read: async (signal) => {
        const workers = await api.listWorkers(id, { cancel: signal });
        if (workers.length === 0) return nothingToPick(signal, `Endpoint ${plainName(name)} runs no worker now: a worker's log exists while it runs.`);
        return {
          items: workers.map((w) => ({ label: pickName(w.id), description: pickName(`${w.status}${w.version !== null ? ` · release ${w.version}` : ''}${w.isStale ? ' · stale' : ''}`), workerId: w.id })),
        };
      },
    },
  });
  return worker.kind === 'accept' ? { kind: 'worker', endpointId: id, workerId: worker.value.workerId, name } : undefined;
}
