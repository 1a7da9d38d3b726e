/**
 * A 2xx to a write is RunPod's word that it was done, whatever its body says: an empty body, `{}`,
 * `null` or `{"ok":true}` is no more readable than HTML. "Try again" after such an answer would
 * launch a second, billed Pod, so every write whose answer is not the resource goes the way of an
 * unparsable one: a create is looked up, an update says it most likely took effect.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { RunpodClient } from '../../client/src/runpod/client';
import { RunpodApiError } from '../../client/src/runpod/errors';
import { startServer } from './hostileNet';

type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

/** A client on a server whose `route` answers each request (its body read first). */
async function serve(route: Route): Promise<RunpodClient> {
  const server = await startServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => route(req, res, body));
  });
  const client = new RunpodClient({ apiKey: 'rp_write_answer_key_123456', baseUrl: server.url, maxRetries: 0 });
  stop = async () => {
    await client.close();
    await server.close();
  };
  return client;
}

const send = (res: ServerResponse, status: number, text: string) => res.writeHead(status, { 'content-type': 'application/json' }).end(text);

async function rejected(run: () => Promise<unknown>): Promise<RunpodApiError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RunpodApiError)) throw new Error(`expected a RunpodApiError, got ${String(error)}`);
  return error;
}

const wrongAnswers: [string, number, string][] = [
  ['an empty 201', 201, ''],
  ['200 {}', 200, '{}'],
  ['200 null', 200, 'null'],
  ['201 {"ok":true}', 201, '{"ok":true}'],
];

describe('a create answered 2xx with something that is not the resource', () => {
  it.each(wrongAnswers)('a Pod create answered %s is looked up and returned, launched once', async (_what, status, text) => {
    const pods: { id: string; name: string; status: string }[] = [];
    let posts = 0;
    const client = await serve((req, res) => {
      if (req.method === 'POST') {
        posts++;
        pods.push({ id: 'pod-1', name: 'train', status: 'RUNNING' });
        return send(res, status, text);
      }
      send(res, 200, JSON.stringify({ pods }));
    });
    const pod = await client.createPod({ name: 'train', image: 'x' });
    expect(pod.id).toBe('pod-1');
    expect(posts).toBe(1);
  });

  it.each(wrongAnswers)('a Pod create answered %s and not listed yet says RunPod accepted it, not "try again"', async (_what, status, text) => {
    const client = await serve((req, res) => (req.method === 'POST' ? send(res, status, text) : send(res, 200, '{"pods":[]}')));
    const error = await rejected(() => client.createPod({ name: 'train', image: 'x' }));
    expect(error).toMatchObject({ kind: 'bad-response', status, mayHaveSucceeded: true });
    expect(error.message).toMatch(/^RunPod accepted the request to launch pod `train` \(\d+\), but its answer cannot be read/);
    expect(error.message).not.toMatch(/Try again/);
  });

  it('a template create answered 200 {} is looked up and returned', async () => {
    const templates: { id: string; name: string; image: string }[] = [];
    const client = await serve((req, res) => {
      if (req.method === 'POST') {
        templates.push({ id: 't-1', name: 'web', image: 'x' });
        return send(res, 200, '{}');
      }
      send(res, 200, JSON.stringify({ templates }));
    });
    const template = await client.createTemplate({ name: 'web', image: 'x', env: {} });
    expect(template.id).toBe('t-1');
  });
});

describe('an update answered 2xx with something that is not the resource', () => {
  it.each(wrongAnswers)('a template update answered %s says it most likely took effect', async (_what, status, text) => {
    const client = await serve((_req, res) => send(res, status, text));
    const error = await rejected(() => client.updateTemplate('t-1', { image: 'y' }));
    expect(error).toMatchObject({ kind: 'bad-response', status, mayHaveSucceeded: true });
    expect(error.message).toMatch(/^RunPod accepted the request to update template `t-1` \(\d+\), but its answer cannot be read .*most likely taken effect/);
  });

  it.each(wrongAnswers)('an endpoint update answered %s says it most likely took effect', async (_what, status, text) => {
    const client = await serve((_req, res) => send(res, status, text));
    const error = await rejected(() => client.updateEndpoint('e-1', { workersMax: 2 } as never));
    expect(error).toMatchObject({ kind: 'bad-response', status, mayHaveSucceeded: true });
    expect(error.message).toMatch(/^RunPod accepted the request to update endpoint `e-1` \(\d+\), but its answer cannot be read .*most likely taken effect/);
  });
});

describe('a Pod action answered 2xx that cannot be read', () => {
  it('when reading the Pod back fails too, it says RunPod accepted the action, not to try again', async () => {
    const client = await serve((req, res) => (req.method === 'POST' ? send(res, 200, 'not json') : send(res, 500, '{"title":"boom"}')));
    const error = await rejected(() => client.podAction('p-1', 'stop'));
    expect(error).toMatchObject({ kind: 'bad-response', status: 200, mayHaveSucceeded: true });
    expect(error.message).toMatch(/^RunPod accepted the request to stop pod `p-1` \(200\), but its answer cannot be read/);
  });

  it('answered 200 {} it is read back from the Pod', async () => {
    const client = await serve((req, res) => (req.method === 'POST' ? send(res, 200, '{}') : send(res, 200, '{"id":"p-1","status":"EXITED"}')));
    expect(await client.podAction('p-1', 'stop')).toMatchObject({ id: 'p-1', status: 'EXITED' });
  });
});
