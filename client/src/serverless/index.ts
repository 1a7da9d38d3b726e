/**
 * Everything of serverless endpoints and logs in one call from activate(): the Endpoints view, Deploy,
 * Update (env, image), Change Workers and Delete Endpoint, Show Logs (Pods and workers), and the Deploy CodeLens.
 */
import * as changeWorkers from '../commands/changeWorkers';
import * as deleteEndpoint from '../commands/deleteEndpoint';
import * as deployEndpoint from '../commands/deployEndpoint';
import * as showLogs from '../commands/showLogs';
import * as updateEndpoint from '../commands/updateEndpoint';
import type { Services } from '../services';
import { registerEndpointsView } from '../views/endpointsView';
import { registerDeployCodeLens } from './codeLens';

export function registerServerless(services: Services): void {
  const view = registerEndpointsView(services);
  deployEndpoint.register(services, view);
  updateEndpoint.register(services, view);
  changeWorkers.register(services, view);
  deleteEndpoint.register(services, view);
  showLogs.register(services);
  registerDeployCodeLens(services.context);
}
