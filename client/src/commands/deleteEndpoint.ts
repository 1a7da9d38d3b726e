/**
 * "RunPod: Delete Endpoint": says what goes (its workers, its queue), then asks for the endpoint's
 * name typed exactly, as Delete Secret and the RunPod console do. Anything else deletes nothing.
 */
import { count } from '../../../server/src/template/counts';
import * as vscode from 'vscode';
import { readRetrying } from '../launch/ui/notify';
import type { Services } from '../services';
import { showInputStep } from '../ui/multiStepInput';
import type { EndpointsView } from '../views/endpointsView';
import { checkDeleteConfirmation, confirmationMessage } from './deleteFlow';
import { keptEndpointTarget } from './endpointTarget';
import { withApiProgress } from './progress';
import { nameLabel, plainName } from '../ui/plainName';
import type { Worker } from '../runpod/types';
import { workerCounts } from '../views/endpoints/endpointNodes';
import { requireBoundApi, type BoundFlow } from '../auth/accountBound';
import { endpointDeleted } from '../logs/ui/logTerminal';

const DELETE_ENDPOINT_COMMAND = 'runpod.endpoints.delete';
/** A switch of account while the endpoint is picked or the deletion confirmed stops the flow (auth/accountBound.ts). */
const DELETE_ENDPOINT_FLOW: BoundFlow = { name: 'Delete Endpoint', title: 'RunPod: Delete Endpoint...', nothing: 'nothing was deleted' };

export function register(services: Services, view: EndpointsView): void {
  services.context.subscriptions.push(vscode.commands.registerCommand(DELETE_ENDPOINT_COMMAND, (arg?: unknown) => deleteEndpoint(services, view, arg)));
}

export async function deleteEndpoint(services: Services, view: EndpointsView, arg?: unknown): Promise<void> {
  const api = await requireBoundApi(services, DELETE_ENDPOINT_FLOW);
  if (!api) return;
  // The endpoint's reads run again on Retry (nothing is deleted before the typed confirmation); an
  // endpoint picked from the palette is kept, so Retry reads it again rather than asking the pick again.
  const target = keptEndpointTarget(arg);
  const read = await readRetrying(services, async () => {
    const endpoint = await target(api, 'RunPod: Delete Endpoint');
    const workers: Worker[] | undefined = endpoint ? await api.listWorkers(endpoint.id).catch(() => undefined) : undefined;
    return { endpoint, workers };
  });
  if (!read?.answer.endpoint) return;
  const { endpoint, workers } = read.answer;
  // What to type: the name, unless it cannot be typed (empty, or shown otherwise by the label rule:
  // escapes, invisible characters such as the U+200B that makes `pr\u200bod` read as prod, a cut): then the id,
  // by the same label rule (it is the API's too): what is shown is what is typed, and the deletion goes by the id itself.
  const trimmed = endpoint.name.trim();
  const name = trimmed !== '' && nameLabel(trimmed) === trimmed ? trimmed : nameLabel(endpoint.id);
  // Counted as the Endpoints view counts them: an idle or starting worker is not called running.
  const stops =
    workers === undefined
      ? 'This stops its workers, drops'
      : workers.length === 0
        ? 'No worker is up. This drops'
        : `This stops its ${count(workers.length, 'worker')} (${workerCounts(workers)}), drops`;
  const proceed = await vscode.window.showWarningMessage(
    `Delete the endpoint ${name}?`,
    { modal: true, detail: `${stops} the jobs in its queue and removes endpoint ${nameLabel(endpoint.id)}. Requests to its URL fail from then on. It cannot be undone.` },
    'Continue…',
  );
  if (proceed !== 'Continue…') return;
  const outcome = await showInputStep({
    title: `RunPod: Delete Endpoint ${name}`,
    prompt: `Type ${name} to confirm. This cannot be undone.`,
    placeholder: name,
    validate: (typed) => confirmationMessage(typed, name, 'endpoint'),
  });
  const confirmation = checkDeleteConfirmation(outcome.kind === 'accept' ? outcome.value : undefined, name, 'endpoint');
  if (confirmation.kind !== 'confirmed') {
    if (confirmation.kind === 'mismatch') void vscode.window.showInformationMessage(`Nothing was deleted: ${plainName(confirmation.message)}`);
    return;
  }
  const id = endpoint.id;
  const done = await withApiProgress(services, `Deleting endpoint ${name}…`, `Deleting endpoint ${name}`, async () => {
    await api.deleteEndpoint(id);
    return true;
  });
  view.refresh();
  if (done) {
    services.log.info(`Deleted endpoint ${id}.`);
    // Its workers' open log views would otherwise sit there offering f, which can only 404.
    endpointDeleted(id, name);
    void vscode.window.showInformationMessage(`Deleted endpoint ${plainName(name)}.`);
  }
}
