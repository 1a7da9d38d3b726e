/** The v2 subset the fake serves: path patterns to handlers per method. */
import { listGpus } from './catalog';
import type { Handler } from './context';
import { podLogs } from './logs';
import { createPod, deletePod, getPod, listPods, podAction } from './pods';
import { createSecret, deleteSecret, getSecret, listSecrets, updateSecret } from './secrets';
import { createEndpoint, deleteEndpoint, getEndpoint, listEndpoints, listReleases, updateEndpoint } from './serverless';
import { createTemplate, deleteTemplate, getTemplate, listTemplates, updateTemplate } from './templates';
import { listWorkers, workerLogs } from './workers';

interface Route {
  pattern: RegExp;
  methods: Record<string, Handler>;
}

const ID = '([A-Za-z0-9_-]+)';

const ROUTES: Route[] = [
  { pattern: /^\/v2\/account\/secrets$/, methods: { GET: listSecrets, POST: createSecret } },
  { pattern: new RegExp(`^/v2/account/secrets/${ID}$`), methods: { GET: getSecret, PATCH: updateSecret, DELETE: deleteSecret } },
  { pattern: /^\/v2\/templates$/, methods: { GET: listTemplates, POST: createTemplate } },
  { pattern: new RegExp(`^/v2/templates/${ID}$`), methods: { GET: getTemplate, PATCH: updateTemplate, DELETE: deleteTemplate } },
  { pattern: /^\/v2\/pods$/, methods: { GET: listPods, POST: createPod } },
  { pattern: new RegExp(`^/v2/pods/${ID}$`), methods: { GET: getPod, DELETE: deletePod } },
  { pattern: new RegExp(`^/v2/pods/${ID}/action$`), methods: { POST: podAction } },
  { pattern: /^\/v2\/catalog\/gpus$/, methods: { GET: listGpus } },
  { pattern: new RegExp(`^/v2/pods/${ID}/logs$`), methods: { GET: podLogs } },
  { pattern: /^\/v2\/serverless$/, methods: { GET: listEndpoints, POST: createEndpoint } },
  { pattern: new RegExp(`^/v2/serverless/${ID}$`), methods: { GET: getEndpoint, PATCH: updateEndpoint, DELETE: deleteEndpoint } },
  { pattern: new RegExp(`^/v2/serverless/${ID}/workers$`), methods: { GET: listWorkers } },
  { pattern: new RegExp(`^/v2/serverless/${ID}/releases$`), methods: { GET: listReleases } },
  { pattern: new RegExp(`^/v2/serverless/${ID}/workers/${ID}/logs$`), methods: { GET: workerLogs } },
];

export type RouteMatch =
  | { kind: 'found'; handler: Handler; params: string[] }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

/** Finds the handler for a method and path (trailing slash tolerated). */
export function matchRoute(method: string, path: string): RouteMatch {
  const normalized = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  for (const route of ROUTES) {
    const m = route.pattern.exec(normalized);
    if (!m) continue;
    const handler = route.methods[method];
    if (!handler) return { kind: 'method-not-allowed', allow: Object.keys(route.methods) };
    return { kind: 'found', handler, params: m.slice(1).map(decodeURIComponent) };
  }
  return { kind: 'not-found' };
}
