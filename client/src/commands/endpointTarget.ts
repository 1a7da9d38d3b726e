/**
 * The endpoint an endpoint command acts on: the Endpoints view's node, `{ endpointId }` or an id,
 * read fresh from RunPod (its env is what an update merges into); from the palette, a picker.
 */
import * as vscode from 'vscode';
import type { Endpoint, RunpodApi } from '../runpod/types';
import { endpointTypeText } from '../runpod/endpointTypes';
import { withReadProgress } from './progress';

/** The endpoint id a command was invoked with, if any. */
function endpointIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg.trim() || undefined;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const id = (arg as { endpointId?: unknown }).endpointId;
  return typeof id === 'string' && id ? id : undefined;
}

/** The endpoint read fresh, under a notification whose Cancel calls the read off (undefined then). */
function readEndpoint(api: Pick<RunpodApi, 'getEndpoint'>, id: string, name: string): Promise<Endpoint | undefined> {
  return withReadProgress(`endpoint ${name}`, (cancel) => api.getEndpoint(id, { cancel }));
}

/** @returns the endpoint, or undefined when the user picked none or cancelled a read (or the account has none, said so) */
export async function resolveEndpoint(api: Pick<RunpodApi, 'getEndpoint' | 'listEndpoints'>, arg: unknown, title: string): Promise<Endpoint | undefined> {
  const id = endpointIdOf(arg);
  if (id) return readEndpoint(api, id, id);
  const endpoints = await withReadProgress('the endpoints', (cancel) => api.listEndpoints({ cancel }));
  if (!endpoints) return undefined;
  if (endpoints.length === 0) {
    void vscode.window.showInformationMessage('This RunPod account has no serverless endpoint. Deploy one with "RunPod: Deploy Endpoint...".');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    endpoints.map((e) => ({ label: e.name || e.id, description: `${endpointTypeText(e.type)} · workers ${e.workers.min}..${e.workers.max}`, detail: e.id, endpoint: e })),
    { title, placeHolder: 'Endpoint' },
  );
  return picked ? readEndpoint(api, picked.endpoint.id, picked.endpoint.name || picked.endpoint.id) : undefined;
}
