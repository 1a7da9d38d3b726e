/**
 * Cancel while a read is on the wire (a server slow to answer, up to the 30 s request deadline):
 * Launch Pod's and Deploy's reads (the template, the list before the create, the follow's Pod and
 * workers) end at the Cancel at once, and their connection is let go. A create's POST is never cut
 * short: once sent, its answer is what tells whether something was created (and billed).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The checks' UI (launch/ui/findings.ts) is the extension's: it runs on the fake vscode.
vi.mock('vscode', async () => await import('../extension-ui/vscodeFake'));

import { runLaunch } from '../../client/src/launch/launchPlanRunner';
import { checksUi } from '../../client/src/launch/ui/findings';
import { runDeploy } from '../../client/src/serverless/endpointRunner';
import { RunpodClient } from '../../client/src/runpod/client';
import { CallCancelled, CreateCancelled } from '../../client/src/runpod/errors';
import type { CallOptions, RequestLogEvent } from '../../client/src/runpod/types';
import { cancelToken } from '../helpers/cancelToken';
import { rejection } from './helpers';

/** A request the server holds: answer it, or learn that the client let its connection go. */
interface Held {
  method: string;
  path: string;
  answer(status: number, body: unknown): void;
  /** Settles when the client closed the connection. */
  closed: Promise<void>;
}

let server: http.Server;
let client: RunpodClient;
let waiting: ((held: Held) => void)[] = [];
let arrived: Held[] = [];
/** The client's request-log lines (the output channel's). */
let logged: RequestLogEvent[] = [];

/** The next request the server got, held unanswered. */
const nextRequest = (): Promise<Held> => {
  const held = arrived.shift();
  return held ? Promise.resolve(held) : new Promise((resolve) => waiting.push(resolve));
};

beforeEach(async () => {
  waiting = [];
  arrived = [];
  logged = [];
  server = http.createServer((req, res) => {
    const closed = new Promise<void>((resolve) => req.socket.once('close', () => resolve()));
    const held: Held = {
      method: req.method ?? '',
      path: (req.url ?? '').replace(/^\/v2/, ''),
      answer: (status, body) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
      closed,
    };
    const next = waiting.shift();
    if (next) next(held);
    else arrived.push(held);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // A deadline far beyond the test's: only the Cancel can end a held read.
  client = new RunpodClient({ apiKey: 'rp_test_key', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`, timeoutMs: 600_000, onRequest: (event) => logged.push(event) });
});

afterEach(async () => {
  server.closeAllConnections();
  await client.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('Cancel while a read waits for its answer', () => {
  it.each([
    { what: 'a Pod read (the follow)', path: '/pods/p1', read: (c: RunpodClient, o: CallOptions) => c.getPod('p1', o) },
    { what: "an endpoint's workers (the follow)", path: '/serverless/e1/workers', read: (c: RunpodClient, o: CallOptions) => c.listWorkers('e1', o) },
    { what: 'the base template (the checks)', path: '/templates/t1', read: (c: RunpodClient, o: CallOptions) => c.getTemplate('t1', o) },
    { what: 'an endpoint (Show Logs, Update Endpoint)', path: '/serverless/e1', read: (c: RunpodClient, o: CallOptions) => c.getEndpoint('e1', o) },
    { what: "an endpoint's releases", path: '/serverless/e1/releases', read: (c: RunpodClient, o: CallOptions) => c.listReleases('e1', o) },
    { what: 'the GPU catalog (the wizards)', path: '/catalog/gpus', query: '?include=AVAILABILITY&product=POD', read: (c: RunpodClient, o: CallOptions) => c.listGpuTypes({ ...o, availability: true }) },
    { what: 'the templates (Push Template)', path: '/templates', read: (c: RunpodClient, o: CallOptions) => c.listTemplates(o) },
    { what: 'a secret, by its name (its list first)', path: '/account/secrets', read: (c: RunpodClient, o: CallOptions) => c.getSecret('API', o) },
  ] as { what: string; path: string; query?: string; read: (c: RunpodClient, o: CallOptions) => Promise<unknown> }[])('$what ends at the Cancel (CallCancelled), leaving no listener and no connection, and logs its request as cancelled', async ({ path, query, read }) => {
    const cancel = cancelToken();
    const call = rejection(() => read(client, { cancel }));
    const held = await nextRequest();
    expect(held.path).toBe(path + (query ?? ''));
    cancel.cancel();
    const error = await call;
    expect(error).toBeInstanceOf(CallCancelled);
    expect(error).not.toBeInstanceOf(CreateCancelled);
    expect(cancel.listeners.size).toBe(0);
    await held.closed;
    expect(logged).toEqual([{ method: 'GET', path, attempt: 1, durationMs: expect.any(Number), error: 'cancelled' }]);
  });

  it('the list before a create ends at the Cancel as the create would (nothing created), and nothing is posted', async () => {
    const cancel = cancelToken();
    const create = rejection(() => client.createPod({ name: 'train', image: 'x' }, { cancel }));
    const list = await nextRequest();
    expect([list.method, list.path]).toEqual(['GET', '/pods']);
    cancel.cancel();
    expect(await create).toBeInstanceOf(CreateCancelled);
    await list.closed;
    expect(arrived).toEqual([]);
  });
});

describe("Cancel while the checks list the account's secrets (a fresh list, never the cache)", () => {
  const store = { store: { refresh: async () => undefined }, accounts: { active: 'default', names: ['default'] } } as unknown as Parameters<typeof checksUi>[0];
  it.each([
    { flow: 'Launch Pod', run: (ui: Parameters<typeof runLaunch>[2]) => runLaunch(client, { body: { name: 'train', image: 'x' }, templateEnv: {} }, ui) },
    { flow: 'Deploy Endpoint', run: (ui: Parameters<typeof runDeploy>[2]) => runDeploy(client, { body: { name: 'api', image: 'x' }, templateEnv: {} }, ui) },
  ])('$flow ends at once, creating nothing, and lets the list go', async ({ flow, run }) => {
    const cancel = cancelToken();
    const ran = run({ ...checksUi(store, client, [], flow === 'Launch Pod' ? 'launch' : 'deploy'), cancel });
    const list = await nextRequest();
    expect([list.method, list.path]).toEqual(['GET', '/account/secrets']);
    cancel.cancel();
    expect(await ran).toEqual({ kind: 'cancelled', stage: 'before-create' });
    expect(cancel.listeners.size).toBe(0);
    await list.closed;
    expect(arrived).toEqual([]);
  });
});

describe("Cancel does not cut a create's POST short", () => {
  it('a Cancel while the POST waits for its answer leaves it to finish: the Pod it created is returned', async () => {
    const cancel = cancelToken();
    const create = client.createPod({ name: 'train', image: 'x' }, { cancel });
    (await nextRequest()).answer(200, { pods: [] });
    const post = await nextRequest();
    expect([post.method, post.path]).toEqual(['POST', '/pods']);
    cancel.cancel();
    post.answer(201, { id: 'p9', name: 'train', status: 'CREATED' });
    expect(await create).toMatchObject({ id: 'p9', name: 'train' });
  });
});
