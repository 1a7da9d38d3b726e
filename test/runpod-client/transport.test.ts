/**
 * Transport properties users rely on without seeing them: one connection reused across calls
 * (keep-alive), the Bearer header, and an HTTP(S) proxy from the environment. Real sockets: a
 * small counting server and a CONNECT proxy in this file, the fake behind them.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeRunpod } from '../fake-runpod/index';
import { RunpodClient } from '../../client/src/runpod/client';
import { startFake } from './helpers';

let fake: FakeRunpod;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(async () => {
  await fake.close();
});

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('transport', () => {
  it('reuses keep-alive connections across sequential calls and sends the Bearer header', async () => {
    let connections = 0;
    const auth: (string | undefined)[] = [];
    const server = http.createServer((req, res) => {
      auth.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"secrets": []}');
    });
    server.on('connection', () => connections++);
    const port = await listen(server);
    const client = new RunpodClient({ apiKey: 'rp_reuse_key_123456', baseUrl: `http://127.0.0.1:${port}/v2/` });
    try {
      for (let i = 0; i < 10; i++) await client.listSecrets();
      // Back-to-back calls can open a second socket while the first is being released (undici's
      // pool does not wait for it); without reuse there would be one per call.
      expect(connections).toBeLessThanOrEqual(2);
      expect(auth).toEqual(Array(10).fill('Bearer rp_reuse_key_123456'));
    } finally {
      await client.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('goes through HTTP_PROXY from the environment, and not when NO_PROXY lists the host', async () => {
    const tunnels: string[] = [];
    const proxy = http.createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      tunnels.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = net.connect(Number(port), host, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    const proxyPort = await listen(proxy);
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, http_proxy: process.env.http_proxy, NO_PROXY: process.env.NO_PROXY, no_proxy: process.env.no_proxy };
    const restore = () => {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    };
    try {
      delete process.env.http_proxy;
      delete process.env.no_proxy;
      delete process.env.NO_PROXY;
      process.env.HTTP_PROXY = `http://127.0.0.1:${proxyPort}`;
      const proxied = new RunpodClient({ apiKey: fake.apiKey, baseUrl: fake.url });
      expect((await proxied.listSecrets()).length).toBeGreaterThan(0);
      await proxied.close();
      expect(tunnels).toEqual([new URL(fake.url).host]);

      process.env.NO_PROXY = '127.0.0.1';
      const direct = new RunpodClient({ apiKey: fake.apiKey, baseUrl: fake.url });
      await direct.listSecrets();
      await direct.close();
      expect(tunnels).toHaveLength(1);
    } finally {
      restore();
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});
