/**
 * The endpoint an endpoint command acts on: the Endpoints view's node, `{ endpointId }` or an id,
 * read fresh from RunPod (its env is what an update merges into); from the palette, a picker.
 */
import * as vscode from 'vscode';
import type { Endpoint, RunpodApi } from '../runpod/types';
import { endpointTypeText } from '../runpod/endpointTypes';
import { workerRangeText } from '../serverless/endpointBody';
import { withReadProgress } from './progress';
import { nothingToPick, showPickStep, type PickContent } from '../ui/multiStepInput';
import { pickName } from '../ui/plainName';

/** The endpoint a command was invoked with (an id, `{ endpointId }`), if any. */
interface EndpointArg {
  endpointId?: unknown;
  /** Its name, when the argument knows it (the Endpoints view's node, an endpoint kept for Retry): what its read is shown as. */
  endpointName?: unknown;
}

/** The endpoint id a command was invoked with, if any, and the name its read is shown under (the id when none is known). */
function endpointOf(arg: unknown): { id: string; name: string } | undefined {
  if (typeof arg === 'string') {
    const id = arg.trim();
    return id ? { id, name: id } : undefined;
  }
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { endpointId: id, endpointName: name } = arg as EndpointArg;
  if (typeof id !== 'string' || !id) return undefined;
  return { id, name: typeof name === 'string' && name ? name : id };
}

/** The endpoint read fresh, under a notification whose Cancel calls the read off (undefined then). */
function readEndpoint(api: Pick<RunpodApi, 'getEndpoint'>, id: string, name: string): Promise<Endpoint | undefined> {
  return withReadProgress(`endpoint ${name}`, (cancel) => api.getEndpoint(id, { cancel }));
}

type EndpointItem = vscode.QuickPickItem & { endpoint: Endpoint };

/**
 * @returns the endpoint, or undefined when the user picked none or cancelled a read (or the account has none, said so).
 * From the palette the endpoints are listed in the pick itself, open and busy at once (a notification
 * over a picker could stay on top of it); Escape while busy calls the listing off.
 */
export async function resolveEndpoint(api: Pick<RunpodApi, 'getEndpoint' | 'listEndpoints'>, arg: unknown, title: string, picked?: (endpoint: Required<EndpointArg>) => void): Promise<Endpoint | undefined> {
  const given = endpointOf(arg);
  if (given) return readEndpoint(api, given.id, given.name);
  const read = async (signal: AbortSignal): Promise<PickContent<EndpointItem> | undefined> => {
    const endpoints = await api.listEndpoints({ cancel: signal });
    if (endpoints.length === 0) return nothingToPick(signal, 'This RunPod account has no serverless endpoint. Deploy one with "RunPod: Deploy Endpoint...".');
    // The API's names and ids by the quick pick's label rule, as Show Logs lists them (one line, no icon of theirs drawn).
    return { items: endpoints.map((e) => ({ label: pickName(e.name || e.id), description: `${endpointTypeText(e.type)} · workers ${workerRangeText(e.workers)}`, detail: pickName(e.id), endpoint: e })) };
  };
  const chosen = await showPickStep<EndpointItem>({ title, placeholder: 'Endpoint', items: { reading: 'the endpoints', read } });
  if (chosen.kind !== 'accept') return undefined;
  const { endpoint } = chosen.value;
  const name = endpoint.name || endpoint.id;
  picked?.({ endpointId: endpoint.id, endpointName: name });
  return readEndpoint(api, endpoint.id, name);
}

/**
 * The endpoint of a flow that asks again on Retry (askRetrying, readRetrying): an endpoint picked from the list
 * is kept, id and name, so a Retry after its read failed reads it again, under the name the pick
 * showed (not its id), instead of listing and asking the pick again.
 */
export function keptEndpointTarget(arg: unknown): (api: Pick<RunpodApi, 'getEndpoint' | 'listEndpoints'>, title: string) => Promise<Endpoint | undefined> {
  let target = arg;
  return (api, title) => resolveEndpoint(api, target, title, (picked) => (target = picked));
}
