/**
 * The command line reads RUNPOD_API_KEY by the editor's key rule (auth/keyRules.ts readApiKey): the
 * whitespace a paste brings around the key is dropped before it is sent (the Authorization header is
 * the key alone), and whitespace inside it refuses the run before any request. A plain server records
 * the header as it arrives: the fake RunPod trims what it is given, so it could not tell.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildOnce, runCli } from './helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

const KEY = 'rpa_WHITESPACE0123456789abcdef';
const seen: (string | undefined)[] = [];
let server: http.Server;
let url: string;

beforeAll(async () => {
  buildOnce();
  server = http.createServer((req, res) => {
    seen.push(req.headers.authorization);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('[]');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const cli = (key: string) => runCli(['secrets', 'list', '--json'], { env: { RUNPOD_API_KEY: key, RUNPOD_API_URL: url, RUNPOD_TIMEOUT_MS: '5000' } });

describe('RUNPOD_API_KEY with whitespace', () => {
  it('around the key (a paste): accepted, the header carries the key alone', async () => {
    seen.length = 0;
    const r = await cli(` ${KEY}\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([`Bearer ${KEY}`]));
  });

  it('inside the key: refused before anything is sent, the key never echoed', async () => {
    seen.length = 0;
    const inner = `${KEY.slice(0, 10)} ${KEY.slice(10)}`;
    const r = await cli(inner);
    expect(r.code).not.toBe(0);
    expect(seen).toEqual([]);
    expect(r.stdout + r.stderr).not.toContain(KEY.slice(10));
  });
});
