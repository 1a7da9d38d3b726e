/**
 * Small real sockets for the transport tests: a proxy that records what reaches it (and either
 * refuses or drops every CONNECT), servers that misbehave the ways a network can, and a helper that
 * sets the proxy variables for one test. Nothing here goes beyond 127.0.0.1.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface RecordingProxy {
  url: string;
  /** TCP connections accepted so far. */
  connections(): number;
  /** The request line of every CONNECT or proxied request, e.g. `CONNECT api.runpod.invalid:443 HTTP/1.1`. */
  requestLines: string[];
  /** Every byte clients sent, as text: to check what a proxy would see. */
  received(): string;
  close(): Promise<void>;
}

/**
 * `refuse`: answers every request with 502, as a proxy that cannot reach the target does.
 * `drop`: closes the connection as soon as the CONNECT arrives (undici 7 then reconnects in a loop).
 */
/** `refusal`: the status line a refusing proxy answers every CONNECT with. */
export async function startRecordingProxy(mode: 'refuse' | 'drop', refusal = '502 Bad Gateway'): Promise<RecordingProxy> {
  let connections = 0;
  const requestLines: string[] = [];
  const bytes: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      bytes.push(chunk);
      const text = chunk.toString('latin1');
      const line = text.split('\r\n', 1)[0];
      if (line && /^[A-Z]+ \S+ HTTP\/1\.[01]$/.test(line)) requestLines.push(line);
      if (mode === 'drop') socket.destroy();
      else if (text.includes('\r\n\r\n')) socket.end(`HTTP/1.1 ${refusal}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    });
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    requestLines,
    received: () => Buffer.concat(bytes).toString('latin1'),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** An HTTP server on loopback whose handler decides how to (mis)behave; closes every socket on close. */
export async function startServer(handler: http.RequestListener): Promise<{ url: string; requests(): number; close(): Promise<void> }> {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    handler(req, res);
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/v2`,
    requests: () => requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A raw TCP server for answers no HTTP server would send (headers without end). */
export async function startRawServer(onSocket: (socket: net.Socket) => void): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/v2`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'] as const;

/** Runs `fn` with exactly these proxy variables set (all others of the kind unset), then restores them. */
export async function withProxyEnv<T>(vars: Partial<Record<(typeof PROXY_VARIABLES)[number], string>>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of PROXY_VARIABLES) delete process.env[name];
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const name of PROXY_VARIABLES) {
      const value = saved[name];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
