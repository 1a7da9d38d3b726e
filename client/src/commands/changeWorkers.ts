/**
 * "Change Workers..." on an endpoint: the worker range and the idle timeout (Back between them), each box opening on the
 * endpoint's current value (the idle box empty when it names none) and checked by Deploy's rules
 * (endpointBody.ts), old -> new in a modal, then a PATCH of `workers` as workersPatch
 * (serverless/workersChange.ts) says. Unlike Update Env and Change Image it
 * makes no release, so no worker restarts and there is no rollout to follow. Bound to the account
 * it started under.
 */
import * as vscode from 'vscode';
import { assertActiveAfterCancel, requireBoundApi, type BoundFlow } from '../auth/accountBound';
import { IDLE_TIMEOUT_BOX, MIN_WORKERS_BILLED, WORKER_RANGE_BOX, workerRangeText } from '../serverless/endpointBody';
import { askRetrying } from '../launch/ui/fileRefusal';
import type { Endpoint } from '../runpod/types';
import { runningWorkersNote, workersChanges, workersPatch, workersText, type Workers } from '../serverless/workersChange';
import type { Services } from '../services';
import { showInputStep } from '../ui/multiStepInput';
import { runSteps, stepOutcome } from '../ui/stepMachine';
import { plainName } from '../ui/plainName';
import type { EndpointsView } from '../views/endpointsView';
import { keptEndpointTarget } from './endpointTarget';
import { withApiProgress } from './progress';

export const CHANGE_WORKERS_COMMAND = 'runpod.endpoints.changeWorkers';

const CHANGE_WORKERS_FLOW: BoundFlow = { name: 'Change Workers', title: 'RunPod: Change Workers...', nothing: 'the endpoint was not changed' };


export function register(services: Services, view: EndpointsView): void {
  services.context.subscriptions.push(vscode.commands.registerCommand(CHANGE_WORKERS_COMMAND, (arg?: unknown) => changeWorkers(services, view, arg)));
}

/**
 * The confirmation's detail for `now` -> `next`: each change, then what it does to running workers
 * (serverless/workersChange.ts, the command line's words too); undefined when nothing changes.
 */
export function changeWorkersDetail(now: Workers, next: Workers): string | undefined {
  const changes = workersChanges(now, next);
  if (changes.length === 0) return undefined;
  return [...changes, '', `${MIN_WORKERS_BILLED} ${runningWorkersNote(now, next)}`].join('\n');
}

/** Runs the flow; never throws (errors become notifications). */
export async function changeWorkers(services: Services, view: EndpointsView, arg?: unknown): Promise<void> {
  const api = await requireBoundApi(services, CHANGE_WORKERS_FLOW);
  if (!api) return;
  const account = services.accounts.active;
  // The reads come first (the endpoint's list, the endpoint): Retry asks them again, nothing answered is lost.
  const target = keptEndpointTarget(arg);
  const asked = await askRetrying(
    services,
    async () => {
      const endpoint = await target(api, 'RunPod: Change Workers');
      const next = endpoint && (await askWorkers(endpoint));
      // Switch Account is a quick pick too: showing it closes this box, which ends as a cancel. Say why.
      if (next === undefined) await assertActiveAfterCancel(services.accounts, account, CHANGE_WORKERS_FLOW);
      return { endpoint, next };
    },
    'update',
    'update-checks',
  );
  if (!asked) return;
  const { endpoint, next } = asked.answer;
  if (!endpoint || !next) return;
  const name = plainName(endpoint.name || endpoint.id);
  const now = endpoint.workers;
  const detail = changeWorkersDetail(now, next);
  if (detail === undefined) {
    void vscode.window.showInformationMessage(`Endpoint ${name} already runs ${workersText(now)}: nothing to change.`);
    return;
  }
  if ((await vscode.window.showWarningMessage(`Change the workers of endpoint ${name}?`, { modal: true, detail }, 'Update')) !== 'Update') return;
  const id = endpoint.id;
  const workers = workersPatch(now, next);
  const updated = await withApiProgress(services, `Changing the workers of ${name}…`, `Changing the workers of endpoint ${name}`, () => api.updateEndpoint(id, { workers }));
  view.refresh();
  if (!updated) return;
  services.log.info(`Changed the workers of endpoint ${id}.`);
  void vscode.window.showInformationMessage(`Endpoint ${name} now runs ${workersText(updated.workers)}.`);
}

/**
 * The range, then the idle timeout (with Back to the range), each from the endpoint's current value
 * or what was typed before Back; undefined on Escape.
 */
async function askWorkers(endpoint: Endpoint): Promise<Workers | undefined> {
  const title = `RunPod: Change Workers of ${endpoint.name || endpoint.id}`;
  // An endpoint that names no idle timeout runs on RunPod's default: the box opens empty and saying
  // so, empty keeps it (sending one would set a timeout nobody asked for), and any number typed sets it.
  const unset = endpoint.workers.idleTimeout === undefined;
  let range = workerRangeText(endpoint.workers);
  let idle = unset ? '' : String(endpoint.workers.idleTimeout);
  const done = await runSteps([
    async () =>
      stepOutcome(
        await showInputStep({ title, step: 1, totalSteps: 2, value: range, prompt: WORKER_RANGE_BOX.prompt, validate: WORKER_RANGE_BOX.validate }),
        (typed) => {
          range = typed;
          return 'next';
        },
      ),
    async () =>
      stepOutcome(
        await showInputStep({
          title,
          step: 2,
          totalSteps: 2,
          back: true,
          value: idle,
          prompt: IDLE_TIMEOUT_BOX.prompt,
          ...(unset ? { placeholder: "Empty keeps RunPod's default, which applies while the endpoint names none" } : {}),
          validate: (text) => (unset && text.trim() === '' ? undefined : IDLE_TIMEOUT_BOX.validate(text)),
          onBack: (typed) => (idle = typed),
        }),
        (typed) => {
          idle = typed;
          return 'next';
        },
      ),
  ]);
  if (!done) return undefined;
  const { min, max } = WORKER_RANGE_BOX.read(range);
  if (unset && idle.trim() === '') return { min, max };
  return { min, max, idleTimeout: IDLE_TIMEOUT_BOX.read(idle) };
}
