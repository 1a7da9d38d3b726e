/**
 * One origin in front of several fake RunPod APIs, one per account, as RunPod serves every account
 * from one URL: each request goes to the fake whose key its `Authorization` header carries. A key
 * with no route gets a 401 problem document and is never forwarded. Every request is recorded with
 * its header and the account it went to, so tests assert which key each request carried.
 *
 *   const front = await startAccountFront();
 *   front.route('personal', personal);  // a FakeRunpod (its url and apiKey)
 *   front.route('team', team);
 *   // point the client at front.url; later: front.requests, front.keysSeen()
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeRunpod, type FakeRunpod, type FakeRunpodOptions } from '../fake-runpod/index';

export interface FrontRequest {
  method: string;
  path: string;
  /** The Authorization header as received (undefined when absent). */
  authorization: string | undefined;
  /** The account it was routed to; undefined when no route matched (answered 401). */
  account: string | undefined;
}

export interface AccountFront {
  /** `http://127.0.0.1:PORT/v2` */
  url: string;
  origin: string;
  /** Sends requests carrying `fake.apiKey` to `fake.url`, recorded as `account`. */
  route(account: string, fake: { url: string; apiKey: string }): void;
  /** Every request that reached the front, in order. */
  requests: FrontRequest[];
  /** Distinct Authorization headers seen. */
  keysSeen(): Set<string | undefined>;
  /**
   * Opens a front started with `{ held: true }`: requests that arrived before wait until now (so a
   * front can be configured in settings before the fakes behind it exist).
   */
  open(): void;
  close(): Promise<void>;
}

/** Passes one request on to `target` (its host and port; the path as received) and the answer back. */
export function forwardTo(target: URL, req: http.IncomingMessage, res: http.ServerResponse): void {
  const forward = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  forward.on('error', () => res.destroy());
  req.pipe(forward);
}

/**
 * @param options.held wait for open() before answering; `port` to listen on (default any free
 *   port); `record: false` keeps no `requests` (a front that runs for hours, the fake's --accounts)
 */
export async function startAccountFront(options: { held?: boolean; port?: number; record?: boolean } = {}): Promise<AccountFront> {
  const routes = new Map<string, { account: string; target: URL }>();
  const requests: FrontRequest[] = [];
  let release: () => void = () => undefined;
  const opened = options.held ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();

  const server = http.createServer((req, res) => {
    const authorization = req.headers.authorization;
    const bearer = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    void opened.then(() => {
      const route = bearer === undefined ? undefined : routes.get(bearer);
      if (options.record !== false) requests.push({ method: req.method ?? '', path: req.url ?? '', authorization, account: route?.account });
      if (!route) {
        req.resume();
        res.writeHead(401, { 'content-type': 'application/problem+json' });
        res.end(JSON.stringify({ title: 'Unauthorized', status: 401, detail: 'invalid api key' }));
        return;
      }
      forwardTo(route.target, req, res);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject); // a port in use
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/v2`,
    origin,
    route: (account, fake) => routes.set(fake.apiKey, { account, target: new URL(fake.url) }),
    requests,
    keysSeen: () => new Set(requests.map((r) => r.authorization)),
    open: () => release(),
    close: async () => {
      release();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Two accounts behind one front. */
export interface TwoAccounts {
  /** The fake's seeded secrets: db_password, hf-token, openai-key. */
  personal: FakeRunpod;
  /** One secret, `team-db`. */
  team: FakeRunpod;
  front: AccountFront;
  close(): Promise<void>;
}

/** Starts `personal` and `team`, each a fake RunPod API with its own key (and `options`), routed by one front. */
export async function startTwoAccounts(keys: { personal: string; team: string }, options: Omit<FakeRunpodOptions, 'seed' | 'apiKey'> = {}): Promise<TwoAccounts> {
  const personal = await startFakeRunpod({ ...options, seed: true, apiKey: keys.personal });
  const team = await startFakeRunpod({ ...options, apiKey: keys.team });
  const created = await fetch(`${team.url}/account/secrets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${keys.team}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'team-db', value: 'team-db-value' }),
  });
  if (created.status !== 201) throw new Error(`the team fake answered ${created.status} to a create`);
  const front = await startAccountFront();
  front.route('personal', personal);
  front.route('team', team);
  return { personal, team, front, close: async () => void (await Promise.all([front.close(), personal.close(), team.close()])) };
}
