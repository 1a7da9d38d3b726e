/**
 * A Refresh the user asks for is never refused inside the client alone: after a hostile server's
 * `RateLimit` header made the client believe the quota is used up for a day, RunPod: Refresh
 * Secrets, Refresh Pods and Refresh Endpoints each send one request, whose answer replaces the belief.
 * Real HTTP on loopback; the client's clock is virtual.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => {
  const base = await import('./vscodeFake');
  return { ...base, workspace: { ...base.workspace, isTrusted: true } };
});

import { RunpodClient } from '../../client/src/runpod/client';
import { register as registerRefresh } from '../../client/src/commands/refresh';
import { registerPodsView, PODS_REFRESH_COMMAND } from '../../client/src/views/podsView';
import { registerEndpointsView, ENDPOINTS_REFRESH_COMMAND } from '../../client/src/views/endpointsView';
import type { CoreServices } from '../../client/src/auth/session';
import type { Services } from '../../client/src/services';
import { startServer } from '../runpod-client/hostileNet';
import { fake } from './vscodeFake';

const clock = 1_700_000_000_000;
let hostile = true;
let server: Awaited<ReturnType<typeof startServer>>;
let api: RunpodClient;

beforeAll(async () => {
  server = await startServer((_req, res) => {
    // First a day's window said to be used up; then a server back to normal.
    res.writeHead(200, { 'content-type': 'application/json', RateLimit: hostile ? '"day";r=0;t=86400' : '"minute";r=59;t=60' });
    res.end('{"secrets": [], "pods": [], "endpoints": []}');
  });
});
beforeEach(async () => {
  fake.reset();
  hostile = true;
  api = new RunpodClient({ apiKey: 'rp_refresh_probe_key', baseUrl: server.url, maxRetries: 0, now: () => clock, sleep: async () => undefined });
  await api.listSecrets();
  hostile = false;
  await expect(api.listSecrets()).rejects.toMatchObject({ kind: 'rate-limited' });
});
afterEach(async () => {
  await api.close();
});
afterAll(async () => {
  await server.close();
});

function services(): CoreServices & Services {
  return {
    context: { subscriptions: [] },
    getApi: async () => api,
    requireApi: async () => api,
    log: { info() {}, warn() {}, error() {}, addSensitive() {} },
    store: { state: { kind: 'fresh', fetchedAt: '' }, onDidChange: () => ({ dispose() {} }), refresh: async () => void (await api.listSecrets()) },
    lifecycle: { account: { invalidate() {}, onDidList: () => ({ dispose() {} }), onDidInvalidate: () => ({ dispose() {} }) } },
  } as unknown as CoreServices & Services;
}

describe('a Refresh while the client believes the quota is used up', () => {
  it('Refresh Secrets sends one request and the list comes back', async () => {
    registerRefresh(services());
    const before = server.requests();
    await fake.commands.get('runpod.secrets.refresh')!();
    expect(server.requests()).toBe(before + 1);
    expect(fake.messages).toEqual([]);
    expect(api.rateLimit?.windows[0]).toMatchObject({ name: 'minute', remaining: 59 });
  });

  it.each([
    ['Pods', PODS_REFRESH_COMMAND, registerPodsView],
    ['Endpoints', ENDPOINTS_REFRESH_COMMAND, registerEndpointsView],
  ] as const)('Refresh %s lets the next request through', async (_view, command, registerView) => {
    registerView(services());
    await fake.commands.get(command)!();
    const before = server.requests();
    await api.listSecrets();
    expect(server.requests()).toBe(before + 1);
  });
});
