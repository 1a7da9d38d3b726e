/**
 * A faithful fake of the RunPod REST v2 subset this project uses (shared runpod-api.md), served
 * over real HTTP on 127.0.0.1 for the client tests, the end-to-end tests and the demo.
 *
 *   const fake = await startFakeRunpod({ seed: true, podBootMs: 200 });
 *   // fake.url === 'http://127.0.0.1:PORT/v2', fake.apiKey
 *   fake.faults.inject({ status: 503 }, { method: 'GET', path: '/account/secrets', times: 2 });
 *   await fake.close();
 */
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Pod, Template, TemplateInput } from '../../client/src/runpod/types';
import { accessProblem, isKeyAccess, KEY_ACCESS_LEVELS, type KeyAccess } from './access';
import { defaultCatalog } from './catalog';
import type { CatalogGpu, Ctx, Reply } from './context';
import { serveEventStream } from './eventStream';
import { FaultQueue, type Fault, type FaultInjector } from './faults';
import { observePodLogs } from './logs';
import { toEndpoint } from './serverless';
import { observeWorkers, toWorker, workersOf } from './workers';
import { advancePods, toPod } from './pods';
import { ProblemError } from './problem';
import { RateLimiter } from './rateLimit';
import { addSecret } from './secrets';
import { matchRoute } from './routes';
import { seed as seedState } from './seed';
import { Store } from './store';
import { addTemplate, toTemplate } from './templates';
import { RATE_LIMIT_PER_MINUTE, REQUEST_BODY_MAX_BYTES } from './limits';

export type { Fault, FaultInjector, FaultMatch } from './faults';
export type { CatalogGpu, Availability } from './context';
export type { KeyAccess } from './access';

export interface FakeRunpodOptions {
  /** Default 0 = ephemeral; always binds 127.0.0.1. */
  port?: number;
  /** State folder; default a fresh temp dir (removed on close). State survives restarts with the same dataDir. */
  dataDir?: string;
  /** The accepted Bearer key; default random. */
  apiKey?: string;
  /** Seed demo secrets and templates when the data dir has no state yet. Default false. */
  seed?: boolean;
  /** PROVISIONING -> STARTING -> RUNNING over this many ms in total (default 3000). */
  podBootMs?: number;
  /** Requests per minute before 429 (default 600). */
  rateLimitPerMinute?: number;
  /**
   * What the key may do (default `read-write`): `read-only` answers every POST/PUT/PATCH/DELETE with
   * 403, `none` every /v2 request. A wrong key is 401 whatever this says.
   */
  keyAccess?: KeyAccess;
  /** Account balance in USD (default 100); a pod costing more per hour gets 402. */
  balance?: number;
  /** Clock in ms since the epoch (default Date.now): lets tests move pods through their boot without sleeping. */
  now?: () => number;
  /** Replace the GPU catalog (default: RTX 4090, A100 80GB, H100, RTX A6000 with no capacity). */
  catalog?: CatalogGpu[];
  /** A running Pod or worker prints a log line this often (ms, default 1000, at least 100). */
  logIntervalMs?: number;
  /** Worker n (from 0) of an endpoint cycles onto a new release n times this after it (ms, default 1500). */
  workerCycleMs?: number;
  /** How often an open log stream looks for new lines (real ms, default 100). */
  streamPollMs?: number;
  /** A quiet log stream sends a keep-alive comment this often (real ms, default 15000). */
  keepAliveMs?: number;
}

/** A pod as `inspect()` shows it: the public shape plus what only the fake knows. */
export interface InspectedPod extends Pod {
  /** Secret names referenced in env that did not exist when the pod booted. */
  unresolvedSecrets: string[];
  /** The env the container got at boot, references substituted (null until RUNNING in this process). */
  bootEnv: Record<string, string> | null;
}

/** A serverless worker as `inspect()` shows it: like a Pod, what it booted with. */
export interface InspectedWorker {
  id: string;
  status: string;
  version: number;
  isStale: boolean;
  /** Secret names its env referenced that did not exist when it came up (null until it did). */
  unresolvedSecrets: string[] | null;
  /** The env it got, references substituted (null until it came up in this process). */
  bootEnv: Record<string, string> | null;
}

export interface InspectedState {
  secrets: Array<{ id: string; name: string; value: string; description: string | null }>;
  pods: InspectedPod[];
  /** Endpoints as the API shows them, plus the workers running now (`workers` stays the scaling bounds). */
  endpoints: Array<Record<string, unknown> & { id: string; name: string; runningWorkers: InspectedWorker[] }>;
  templates: Template[];
  requests: Array<{ method: string; path: string; status: number }>;
}

export interface FakeRunpod {
  /** Base URL including `/v2`, e.g. `http://127.0.0.1:43123/v2`. */
  url: string;
  apiKey: string;
  dataDir: string;
  faults: FaultInjector;
  /** Test-only view of the state (never served over HTTP), including decrypted secret values. Status 0 = connection reset. */
  inspect(): InspectedState;
  /** Changes the account balance (USD) to exercise 402 on pod create. */
  setBalance(usd: number): void;
  /**
   * Adds a template directly (test set-up). `owner: 'other'` makes it another account's: not in the
   * list, readable by id only when `public`, not editable.
   */
  addTemplate(input: TemplateInput, owner?: 'self' | 'other'): Template;
  /**
   * Adds a secret directly (test set-up), skipping the name rule: stands for a secret made before
   * RunPod's rule changed (`2fa_seed`, `RUNPOD_KEY`), which the API can no longer create.
   */
  addSecret(input: { name: string; value: string }): void;
  close(): Promise<void>;
}

/** The request log keeps the most recent entries only, so a long demo run does not grow without bound. */
const MAX_LOGGED_REQUESTS = 10_000;

/** Starts the fake; rejects with a clear error when the data dir holds a corrupt or foreign state. */
export async function startFakeRunpod(options: FakeRunpodOptions = {}): Promise<FakeRunpod> {
  const keyAccess = options.keyAccess ?? 'read-write';
  if (!isKeyAccess(keyAccess)) throw new Error(`keyAccess must be one of ${KEY_ACCESS_LEVELS.join(', ')}`);
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fake-runpod-'));
  const store = Store.open(dataDir);
  const apiKey = options.apiKey ?? `rp_fake_${randomBytes(18).toString('hex')}`;
  const ctx: Ctx = {
    store,
    now: options.now ?? (() => Date.now()),
    podBootMs: options.podBootMs ?? 3000,
    balance: options.balance ?? 100,
    catalog: options.catalog ?? defaultCatalog(),
    bootEnv: new Map(),
    workerBootEnv: new Map(),
    logIntervalMs: Math.max(100, options.logIntervalMs ?? 1000),
    workerCycleMs: options.workerCycleMs ?? 1500,
  };
  /** Brings computed state (pod boots, logs, workers) up to the clock; true when it changed. */
  const advance = (): boolean => [advancePods(ctx), observePodLogs(ctx), observeWorkers(ctx)].some(Boolean);
  // A pod action or an endpoint change shows in the logs and workers in the write that acknowledges it.
  store.beforeCommit = advance;
  if (store.fresh) {
    if (options.seed) seedState(ctx);
    store.commit(); // the folder now has a state: later starts never re-seed
  }
  const faults = new FaultQueue();
  const limiter = new RateLimiter(options.rateLimitPerMinute ?? RATE_LIMIT_PER_MINUTE);
  const requests: InspectedState['requests'] = [];
  const keyDigest = digest(apiKey);

  const server = http.createServer((req, res) => {
    readBody(req)
      .then((body) => handle(req, res, body))
      .catch((err: unknown) => {
        // Never let one bad request take the server down.
        process.stderr.write(`fake RunPod: ${(err as Error).stack ?? String(err)}\n`);
        if (!res.headersSent && !res.destroyed) send(res, 500, { 'Content-Type': 'application/problem+json' }, JSON.stringify(new ProblemError(500, 'internal error in the fake RunPod API').toProblem()));
        else res.destroy();
      });
  });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer | 'too-large'): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://fake.invalid');
    } catch {
      return send(res, 400, { 'Content-Type': 'application/problem+json' }, JSON.stringify(new ProblemError(400, 'malformed request target').toProblem()));
    }
    const record = (status: number): void => {
      requests.push({ method, path: url.pathname, status });
      if (requests.length > MAX_LOGGED_REQUESTS) requests.splice(0, requests.length - MAX_LOGGED_REQUESTS);
    };
    const fault = faults.take(method, url.pathname);
    const gone = () => res.destroyed || req.socket.destroyed;
    /** Resolves once the client has gone: the connection closed (the answer, when there was one, not taken). */
    const untilGone = () => new Promise<void>((resolve) => (gone() ? resolve() : res.once('close', () => resolve())));

    if (fault?.latencyMs && !fault.afterHandling) {
      await sleep(fault.latencyMs);
      if (gone()) return record(0); // the client gave up: the request never reached the "backend"
    }
    if (fault?.hang && !fault.afterHandling) {
      await untilGone();
      return record(0); // never reached the "backend"
    }
    if (fault?.reset && !fault.afterHandling) return resetConnection(res, record);
    const early = fault && !fault.afterHandling ? faultReply(fault) : undefined;
    if (early) {
      record(early.status);
      return send(res, early.status, early.headers, early.body);
    }

    let reply: Reply;
    let headers: Record<string, string> = {};
    try {
      const auth = req.headers.authorization;
      if (!auth || !/^Bearer\s+\S/i.test(auth)) throw new ProblemError(401, 'missing bearer token');
      const presented = auth.replace(/^Bearer\s+/i, '').trim();
      if (!timingSafeEqual(digest(presented), keyDigest)) throw new ProblemError(401, 'invalid API key: the key was not recognised');
      const rate = limiter.hit(ctx.now());
      headers = rate.headers;
      if (!rate.allowed) {
        throw new ProblemError(429, `rate limit exceeded; retry after ${rate.retryAfter} seconds`, undefined, { 'Retry-After': String(rate.retryAfter) });
      }
      // An authenticated answer: a 403 counts against the quota and carries the RateLimit headers.
      const denied = accessProblem(keyAccess, method, url.pathname);
      if (denied) throw denied;
      const route = matchRoute(method, url.pathname);
      if (route.kind === 'not-found') throw new ProblemError(404, `no route for ${url.pathname}`);
      if (route.kind === 'method-not-allowed') {
        throw new ProblemError(405, `${method} is not allowed on ${url.pathname}`, undefined, { Allow: route.allow.join(', ') });
      }
      if (body === 'too-large') throw new ProblemError(413, `request body exceeds ${REQUEST_BODY_MAX_BYTES} bytes`);
      const json = parseJson(method, body);
      if (advance()) store.commit();
      reply = route.handler(ctx, route.params, json, url.searchParams, req.headers);
    } catch (err) {
      const problem = err instanceof ProblemError ? err : new ProblemError(500, 'internal error in the fake RunPod API');
      if (!(err instanceof ProblemError)) process.stderr.write(`fake RunPod: ${(err as Error).stack ?? String(err)}\n`);
      headers = { ...headers, ...problem.headers };
      reply = { status: problem.status, body: problem.toProblem() };
    }

    if (fault?.afterHandling) {
      if (fault.latencyMs) await sleep(fault.latencyMs);
      if (fault.hang) await untilGone();
      if (fault.reset) return resetConnection(res, record);
      if (gone()) return record(0);
      // The write took effect; its answer arrives unreadable (a proxy that rewrote or cut it).
      if (fault.malformedBody && reply.status < 300) {
        record(reply.status);
        return send(res, reply.status, { ...headers, 'Content-Type': 'text/html' }, '<html>OK</html>');
      }
    }
    record(reply.status);
    if (reply.stream) {
      const source = reply.stream;
      const poll = () => {
        if (advance()) store.commit();
        return source.poll();
      };
      return serveEventStream(res, headers, { poll }, {
        pollMs: options.streamPollMs ?? 100,
        keepAliveMs: options.keepAliveMs ?? 15_000,
        ...(fault?.dropAfterEvents !== undefined ? { dropAfterEvents: fault.dropAfterEvents, dropCleanly: fault.dropCleanly === true } : {}),
      });
    }
    if (reply.body === undefined) return send(res, reply.status, headers);
    const isProblem = reply.status >= 400;
    send(res, reply.status, { ...headers, 'Content-Type': isProblem ? 'application/problem+json' : 'application/json' }, JSON.stringify(reply.body));
  };

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (err) {
    store.close(); // e.g. the port is taken: free the data folder again
    throw err;
  }
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v2`,
    apiKey,
    dataDir,
    faults,
    setBalance(usd: number) {
      ctx.balance = usd;
    },
    addTemplate(input: TemplateInput, owner: 'self' | 'other' = 'self') {
      const stored = addTemplate(ctx, input, owner);
      store.commit();
      return toTemplate(stored);
    },
    addSecret(input: { name: string; value: string }) {
      addSecret(ctx, input);
      store.commit();
    },
    inspect() {
      if (advance()) store.commit();
      const state = store.state;
      const now = ctx.now();
      return {
        secrets: state.secrets.map((s) => ({ id: s.id, name: s.name, value: store.vault.open(s.value, s.id), description: s.description })),
        pods: state.pods.map((p) => ({ ...toPod(ctx, p), unresolvedSecrets: [...p.unresolvedSecrets], bootEnv: ctx.bootEnv.get(p.id) ?? null })),
        templates: state.templates.map(toTemplate),
        endpoints: state.endpoints.map((e) => ({
          ...(toEndpoint(e) as { id: string; name: string }),
          runningWorkers: workersOf(ctx, e, now).running.map((w) => ({
            ...(toWorker(ctx, e, w) as { id: string; status: string; version: number; isStale: boolean }),
            unresolvedSecrets: e.workerEcho[w.id] ? [...new Set(e.workerEcho[w.id]!.flatMap((v) => v.names))].sort() : null,
            bootEnv: ctx.workerBootEnv.get(w.id) ?? null,
          })),
        })),
        requests: requests.map((r) => ({ ...r })),
      };
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
      if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Short-circuit answer for a status / body / malformed fault; undefined when the fault does not answer. */
function faultReply(fault: Fault): { status: number; headers: Record<string, string>; body: string } | undefined {
  if (fault.malformedBody) return { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"secrets": [{"id": "trunc' };
  if (fault.status === undefined) return undefined;
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
  if (fault.body !== undefined) {
    return { status: fault.status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers, ...fault.headers }, body: fault.body };
  }
  const problem = new ProblemError(fault.status, fault.status === 429 ? 'rate limit exceeded (injected)' : 'injected failure').toProblem();
  return { status: fault.status, headers: { 'Content-Type': 'application/problem+json', ...headers, ...fault.headers }, body: JSON.stringify(problem) };
}

/** Reads the whole body; beyond the limit it keeps draining (so the client reads a 413) but keeps nothing. */
function readBody(req: http.IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= REQUEST_BODY_MAX_BYTES) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => resolve(size > REQUEST_BODY_MAX_BYTES ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(method: string, body: Buffer): unknown {
  if (method !== 'POST' && method !== 'PATCH' && method !== 'PUT') return undefined;
  if (body.length === 0) throw new ProblemError(400, 'request body is required (JSON)');
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new ProblemError(400, 'request body is not valid JSON');
  }
}

function send(res: http.ServerResponse, status: number, headers: Record<string, string>, body?: string): void {
  if (res.destroyed) return;
  res.writeHead(status, body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function resetConnection(res: http.ServerResponse, record: (status: number) => void): void {
  record(0);
  // A TCP RST, what clients see as ECONNRESET.
  res.socket?.resetAndDestroy();
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
