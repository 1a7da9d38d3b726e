/**
 * A Pod or endpoint create that RunPod completes after the client stopped waiting. The request
 * went out whole; the answer did not come in time (a slow backend, a proxy holding it). One list
 * right after the deadline does not show the new Pod yet, and it appears a moment later: the
 * client said "nothing was created" and Launch Pod offered Retry, which rents a second, billed
 * Pod. Names are not unique for Pods and endpoints, so nothing on RunPod's side refuses the second.
 */
import * as http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { RunpodClient } from '../../client/src/runpod/client';
import { adviceFor } from '../../client/src/launch/errorAdvice';
import { listen } from './hostileNet';
import { rejection } from './helpers';

const KEY = 'rp_late_create_key_123456';

interface LateServer {
  url: string;
  stored(): number;
  close(): Promise<void>;
}

/**
 * Lists what it stored; a create (POST to `createPath`) is never answered (or, with `gateway`, a
 * gateway in front answers it with that status, as a proxy that gave up waiting for RunPod does),
 * and stored just after the next list is answered (the client's look after its deadline): no
 * clock decides the order.
 */
async function lateServer(createPath: string, gateway?: number): Promise<LateServer> {
  const items: { id: string; name: string }[] = [];
  let pending: string | undefined;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === `/v2${createPath}`) {
        pending = (JSON.parse(body) as { name: string }).name;
        if (gateway !== undefined) res.writeHead(gateway, { 'content-type': 'text/html' }).end('<html>Gateway Timeout</html>');
        return; // the backend is slow: its answer never comes in time
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(items.map((item) => ({ ...item, status: 'RUNNING', workers: { min: 0, max: 1 } }))));
      if (pending !== undefined) items.push({ id: `late-${items.length + 1}`, name: pending });
      pending = undefined;
    });
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/v2`,
    stored: () => items.length,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

let open: LateServer | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

describe('a create RunPod completes after the deadline', () => {
  const cases = [
    { what: 'a Pod', path: '/pods', phase: 'create-pod' as const, check: 'open-pods', create: (c: RunpodClient) => c.createPod({ name: 'train', image: 'x' }) },
    {
      what: 'an endpoint',
      path: '/serverless',
      phase: 'deploy-endpoint' as const,
      check: 'open-endpoints',
      create: (c: RunpodClient) => c.createEndpoint({ name: 'api', templateId: 't1', gpu: { pools: ['ADA_24'] } }),
    },
  ];

  const noAnswers = [
    { how: 'no answer in time', gateway: undefined, kind: 'timeout' },
    { how: "a gateway's 504", gateway: 504, kind: 'server' },
    { how: "a gateway's 502", gateway: 502, kind: 'server' },
    // Cloudflare's own: the request reached the origin, which gave no (520) or no timely (524) answer.
    { how: "Cloudflare's 524", gateway: 524, kind: 'server' },
    { how: "Cloudflare's 520", gateway: 520, kind: 'server' },
  ];

  for (const { what, path, phase, check, create } of cases) {
    for (const { how, gateway, kind } of noAnswers) {
      it(`${what}, ${how}: not listed right after is no proof, so no Retry is offered, only the list to check first`, async () => {
        open = await lateServer(path, gateway);
        const client = new RunpodClient({ apiKey: KEY, baseUrl: open.url, timeoutMs: 1_000 });
        try {
          const error = await rejection(() => create(client));
          expect(error.kind).toBe(kind);
          expect(error.mayHaveSucceeded).toBe(true);
          expect(error.message).not.toMatch(/nothing was created/);
          expect(error.message).toMatch(/may still/);
          if (gateway !== undefined) expect(error.message).toContain(`got no answer from RunPod (a gateway answered ${gateway})`);
          const advice = adviceFor(error, phase);
          expect(advice.actions).not.toContain('retry');
          expect(advice.actions).toContain(check);
        } finally {
          await client.close();
        }
        // What the message must allow for: it exists now.
        expect(open.stored()).toBe(1);
      });
    }
  }
});

/**
 * RunPod's own verdict, or a request that never went out: only a gateway that gave up (502, 504)
 * leaves the outcome open. A 500 or 503 is RunPod answering, so one list that does not show the
 * object proves nothing was created and Retry is safe; a refused connection sent nothing at all.
 */
describe('a create that certainly did not happen', () => {
  const cases = [
    { what: 'a Pod', path: '/pods', phase: 'create-pod' as const, create: (c: RunpodClient) => c.createPod({ name: 'train', image: 'x' }) },
    {
      what: 'an endpoint',
      path: '/serverless',
      phase: 'deploy-endpoint' as const,
      create: (c: RunpodClient) => c.createEndpoint({ name: 'api', templateId: 't1', gpu: { pools: ['ADA_24'] } }),
    },
  ];

  /** Answers a create with `status` and stores nothing; lists what it has (nothing). */
  async function refusingServer(createPath: string, status: number): Promise<LateServer & { creates(): number }> {
    let creates = 0;
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.method === 'POST' && req.url === `/v2${createPath}`) {
          creates++;
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'internal error' }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
      });
    });
    const port = await listen(server);
    return {
      url: `http://127.0.0.1:${port}/v2`,
      stored: () => 0,
      creates: () => creates,
      close: async () => {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  }

  for (const { what, path, phase, create } of cases) {
    // 522: Cloudflare never connected to the origin, so the request did not reach RunPod either.
    for (const status of [500, 503, 522]) {
      it(`${what}, RunPod's ${status}, not listed after: nothing was created, and Retry is offered`, async () => {
        const server = await refusingServer(path, status);
        open = server;
        const client = new RunpodClient({ apiKey: KEY, baseUrl: server.url, timeoutMs: 1_000, sleep: async () => {} });
        try {
          const error = await rejection(() => create(client));
          expect(error.kind).toBe('server');
          expect(error.mayHaveSucceeded).toBe(false);
          expect(error.message).toMatch(/nothing was created/);
          expect(error.message).not.toMatch(/may still/);
          expect(adviceFor(error, phase).actions).toContain('retry');
        } finally {
          await client.close();
        }
        expect(server.creates()).toBeGreaterThan(0);
      });
    }

    it(`${what} on a refused connection: nothing was sent, so Retry is offered and nothing "may still" happen`, async () => {
      // A port that was listening a moment ago and is closed now: the connection is refused.
      const server = http.createServer();
      const port = await listen(server);
      await new Promise((resolve) => server.close(resolve));
      const client = new RunpodClient({ apiKey: KEY, baseUrl: `http://127.0.0.1:${port}/v2`, timeoutMs: 1_000, sleep: async () => {} });
      try {
        const error = await rejection(() => create(client));
        expect(error.code).toBe('ECONNREFUSED');
        expect(error.mayHaveSucceeded).not.toBe(true);
        expect(error.message).not.toMatch(/may still/);
        expect(adviceFor(error, phase).actions).toContain('retry');
      } finally {
        await client.close();
      }
    });
  }
});
