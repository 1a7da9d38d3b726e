/**
 * `npm run fake-api`'s flags, and `--accounts` serving several accounts on one origin (as RunPod
 * serves every account from one URL), one key per account, so Add Account, Switch Account and the
 * command line's --account can be tried by hand.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs, serve } from './commandLine';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-cli-'));
  dirs.push(dir);
  return dir;
}

async function secretNames(url: string, key: string): Promise<{ status: number; names: string[] }> {
  const res = await fetch(`${url}/account/secrets`, { headers: { authorization: `Bearer ${key}` } });
  const body = (await res.json()) as { secrets?: Array<{ name: string }> };
  return { status: res.status, names: (body.secrets ?? []).map((s) => s.name).sort() };
}

describe('flags', () => {
  it('--port takes 0 (any free port) to 65535, and a port past it is a bad flag (exit 2), not a failure to listen later', () => {
    expect(parseArgs(['--port', '65535']).options.port).toBe(65535);
    expect(parseArgs(['--port=0']).options.port).toBe(0);
    expect(() => parseArgs(['--port', '70000'])).toThrow('--port needs a port number from 0 to 65535');
    expect(() => parseArgs(['--port', '65536'])).toThrow('--port needs a port number from 0 to 65535');
    expect(() => parseArgs(['--port', '-1'])).toThrow('--port needs');
    expect(() => parseArgs(['--port='])).toThrow('--port needs');
  });
});

describe('--accounts', () => {
  it('takes account names (the extension\'s rule), each once ignoring case, and not with --api-key', () => {
    expect(parseArgs(['--accounts', 'team,prod']).accounts).toEqual(['team', 'prod']);
    expect(parseArgs(['--accounts=personal']).accounts).toEqual(['personal']);
    expect(parseArgs([]).accounts).toBeUndefined();
    expect(() => parseArgs(['--accounts', 'team,Team'])).toThrow('--accounts names each account once (names ignore case)');
    expect(() => parseArgs(['--accounts', 'team,a/b'])).toThrow(/^--accounts takes account names \(1 to 24 ASCII letters/);
    expect(() => parseArgs(['--accounts', ''])).toThrow(/^--accounts takes account names/);
    expect(() => parseArgs(['--accounts', 'team', '--api-key', 'k'])).toThrow('--accounts gives each account its own key: leave out --api-key');
  });

  it('serves each account behind one URL with its own key and secrets; the first is seeded; a key of none is 401', async () => {
    const { options, accounts } = parseArgs(['--port', '0', '--data-dir', tempDir(), '--accounts', 'team,Prod', '--rate-limit', '10000']);
    const served = await serve(options, accounts);
    try {
      const url = /^RunPod fake API listening on (http:\/\/127\.0\.0\.1:\d+\/v2) \(API key: rp_fake_team_key\)$/.exec(served.lines[0]!)?.[1];
      expect(url).toBeDefined();
      expect(served.lines.slice(1)).toEqual([
        'account team: API key rp_fake_team_key (runpod-check --account team reads RUNPOD_API_KEY_TEAM)',
        'account Prod: API key rp_fake_prod_key (runpod-check --account Prod reads RUNPOD_API_KEY_PROD)',
      ]);
      expect(await secretNames(url!, 'rp_fake_team_key')).toEqual({ status: 200, names: ['db_password', 'hf-token', 'openai-key'] });
      expect(await secretNames(url!, 'rp_fake_prod_key')).toEqual({ status: 200, names: [] });
      const created = await fetch(`${url}/account/secrets`, {
        method: 'POST',
        headers: { authorization: 'Bearer rp_fake_prod_key', 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'prod-db', value: 'v' }),
      });
      expect(created.status).toBe(201);
      expect((await secretNames(url!, 'rp_fake_prod_key')).names).toEqual(['prod-db']);
      expect((await secretNames(url!, 'rp_fake_team_key')).names).not.toContain('prod-db');
      expect((await secretNames(url!, 'rp_fake_demo_key')).status).toBe(401);
      // A mixed-case name's data folder (and key) is its lower-cased name, so `Prod` and `prod` are one account on disk.
      expect(fs.readdirSync(path.join(options.dataDir, 'accounts')).sort()).toEqual(['prod', 'team']);
    } finally {
      await served.close();
    }
  });

  it('without it, one account as before: the one line scripts parse', async () => {
    const { options, accounts } = parseArgs(['--port', '0', '--data-dir', tempDir(), '--no-seed']);
    const served = await serve(options, accounts);
    try {
      expect(served.lines).toHaveLength(1);
      expect(served.lines[0]).toMatch(/^RunPod fake API listening on http:\/\/127\.0\.0\.1:\d+\/v2 \(API key: rp_fake_demo_key\)$/);
    } finally {
      await served.close();
    }
  });
});
