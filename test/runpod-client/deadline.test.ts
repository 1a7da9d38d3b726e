/**
 * Nothing hangs: whatever a proxy or a server does, a call settles by its deadline (or at the size
 * cap) with an error that says so, and nothing keeps running after it. The CLI and the extension
 * share this client and transport, so these hold for both. Real sockets on 127.0.0.1 only; the
 * bounds below are generous limits on a hang, not speed assertions.
 */
import { describe, expect, it } from 'vitest';
import { RunpodClient } from '../../client/src/runpod/client';
import { DEFAULT_RETRY_POLICY } from '../../client/src/runpod/retry';
import type { RequestLogEvent, RunpodClientOptions } from '../../client/src/runpod/types';
import { delay, startRawServer, startRecordingProxy, startServer, withProxyEnv } from './hostileNet';
import { rejection } from './helpers';

const KEY = 'rp_deadline_key_123456';

/** A client that does not retry, so one exchange is what is measured. */
function client(baseUrl: string, options: Partial<RunpodClientOptions> = {}): RunpodClient {
  return new RunpodClient({ apiKey: KEY, baseUrl, maxRetries: 0, timeoutMs: 500, ...options });
}

async function failureOf(make: () => RunpodClient): Promise<Error & Record<string, unknown>> {
  const c = make();
  try {
    return await rejection(() => c.listSecrets());
  } finally {
    await c.close();
  }
}

/**
 * How many of each kind of handle keeps the process busy: sockets, connects, timers, immediates,
 * lookups, the things a retry, a reconnect loop or a late request would hold.
 */
function busyHandles(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) {
    if (/TCP|Connect|Timeout|Immediate|GetAddrInfo/.test(type)) counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return counts;
}

/**
 * Waits until the process holds no more handles of any kind than `baseline` allows. The 10 s bound
 * is a limit on a hang, not a speed assertion: a client still connecting or waiting to retry never
 * gets there, and the failure names what is left.
 */
async function untilIdle(baseline: Map<string, number>): Promise<void> {
  const excess = (): string[] => [...busyHandles()].filter(([type, count]) => count > (baseline.get(type) ?? 0)).map(([type, count]) => `${type} x${count}`);
  for (const giveUp = Date.now() + 10_000; excess().length > 0; await delay(25)) {
    if (Date.now() > giveUp) throw new Error(`still busy after 10 s: ${excess().join(', ')}`);
  }
}

/** Timers and immediates: what schedules work for later (a retry, a late request). */
const timers = (handles: Map<string, number>): number => (handles.get('Timeout') ?? 0) + (handles.get('Immediate') ?? 0);

describe('a proxy that drops every CONNECT', () => {
  it.each([
    ['no retries', { maxRetries: 0 }, 1],
    ['the default retry policy', { maxRetries: undefined }, 1 + DEFAULT_RETRY_POLICY.maxRetries],
  ] as const)('%s: the call fails with a timeout at the deadline, and nothing is left pending that could reach the proxy', async (_name, options, attempts) => {
    const proxy = await startRecordingProxy('drop');
    // Start from no timer at all (another test's may still be running out), the proxy listening.
    const baseline = new Map([...busyHandles()].filter(([type]) => type !== 'Timeout' && type !== 'Immediate'));
    await untilIdle(baseline);
    const events: RequestLogEvent[] = [];
    // An address that needs no DNS; the proxy is the only way there.
    const c = client('https://10.255.255.1/v2', { ...options, onRequest: (event) => events.push(event) });
    try {
      const error = await withProxyEnv({ HTTPS_PROXY: proxy.url }, () => rejection(() => c.listSecrets()));
      expect(error.kind).toBe('timeout');
      // One attempt says its timeout; after retries the message counts them (the total waited is longer).
      expect(error.message).toMatch(attempts === 1 ? /did not answer within 0\.5 s/ : new RegExp(`did not answer ${attempts} attempts to list secrets, each given 0\\.5 s: `));
      expect(events).toHaveLength(attempts);
      expect(proxy.connections()).toBeGreaterThan(0);
      // No retry and no late request is scheduled, and nothing keeps the process alive: the last
      // attempt's grace before its stuck dispatcher is destroyed (transport.ts retire) is unref'd, so
      // a CLI exits at once instead of lingering for it.
      expect(timers(busyHandles())).toBe(0);
      // The sockets of the dispatcher the deadline destroyed close soon after. The client is still
      // open (as the extension keeps it): once none of its handles is left, nothing can open
      // another connection to the proxy.
      await untilIdle(baseline);
      const settled = proxy.connections();
      await new Promise((resolve) => setImmediate(resolve));
      expect(proxy.connections()).toBe(settled);
    } finally {
      await c.close();
      await proxy.close();
    }
  }, 30_000);
});

describe('servers that never finish', () => {
  it('accepts and never answers: a timeout', async () => {
    const server = await startServer(() => undefined);
    try {
      expect((await failureOf(() => client(server.url))).kind).toBe('timeout');
    } finally {
      await server.close();
    }
  });

  it("one request's deadline does not cut another request to the same server that answers within its own", async () => {
    // /account/secrets trickles its body (a byte every 200 ms keeps undici's own timeouts away), so
    // only its deadline ends it: 1 s + the margin after its start. /pods is asked 1.7 s in and answers
    // 600 ms later: after the first request's deadline, well within its own 1 s (undici's timers fire
    // up to half a second late, never early by more than a tick).
    const timers = new Set<ReturnType<typeof setInterval>>();
    const server = await startServer((req, res) => {
      if (req.url?.includes('/pods')) {
        setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('[]'), 600);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      const timer = setInterval(() => res.write(' '), 200);
      timers.add(timer);
      res.on('close', () => clearInterval(timer));
    });
    const c = client(server.url, { timeoutMs: 1_000 });
    try {
      const hung = rejection(() => c.listSecrets());
      await delay(1_700);
      const pods = c.listPods();
      const error = await hung;
      expect(error.kind).toBe('timeout');
      expect(error.code).toBe('CLIENT_TIMEOUT');
      await expect(pods).resolves.toEqual([]);
    } finally {
      for (const timer of timers) clearInterval(timer);
      await c.close();
      await server.close();
    }
  });

  it('trickles the body one byte per second (each byte in time for the body timeout): a timeout at the deadline', async () => {
    const timers = new Set<ReturnType<typeof setInterval>>();
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{');
      const timer = setInterval(() => res.write(' '), 1_000);
      timers.add(timer);
      res.on('close', () => clearInterval(timer));
    });
    try {
      const error = await failureOf(() => client(server.url, { timeoutMs: 1_500 }));
      expect(error.kind).toBe('timeout');
      expect(error.code).toBe('CLIENT_TIMEOUT');
    } finally {
      for (const timer of timers) clearInterval(timer);
      await server.close();
    }
  });

  it('sends headers without end: refused at the header size cap', async () => {
    const server = await startRawServer((socket) => {
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\n');
        const pump = () => {
          while (!socket.destroyed && socket.write(`X-Filler: ${'a'.repeat(1000)}\r\n`));
        };
        socket.on('drain', pump);
        pump();
      });
    });
    try {
      const error = await failureOf(() => client(server.url));
      expect(error.kind).toBe('network');
      expect(error.code).toBe('UND_ERR_HEADERS_OVERFLOW');
    } finally {
      await server.close();
    }
  });

  it('streams an endless event stream slowly: a timeout at the deadline', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const timer = setInterval(() => res.write('data: {"line": "still going"}\n\n'), 50);
      res.on('close', () => clearInterval(timer));
    });
    try {
      expect((await failureOf(() => client(server.url))).code).toBe('CLIENT_TIMEOUT');
    } finally {
      await server.close();
    }
  });

  it('streams an endless body fast: refused at the size cap, long before the deadline', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
      };
      res.on('drain', pump);
      pump();
    });
    try {
      const error = await failureOf(() => client(server.url, { timeoutMs: 60_000 }));
      expect(error.kind).toBe('bad-response');
      expect(error.message).toMatch(/too large/);
    } finally {
      await server.close();
    }
  });
});

describe('after a deadline', () => {
  it('the same client works again: the next request gets a fresh connection pool', async () => {
    let answer = false;
    const server = await startServer((_req, res) => {
      if (!answer) return; // the first request hangs
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"secrets": []}');
    });
    const c = client(server.url);
    try {
      expect((await rejection(() => c.listSecrets())).kind).toBe('timeout');
      answer = true;
      expect(await c.listSecrets()).toEqual([]);
    } finally {
      await c.close();
      await server.close();
    }
  });
});
