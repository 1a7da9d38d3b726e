/**
 * Durability of the fake's data folder: a SIGKILL during a burst of creates loses nothing that was
 * acknowledged; values are encrypted at rest; a tampered, corrupt or foreign state is refused.
 * The fake runs as a real child process built from main.ts (bundled here so the test does not
 * depend on a stale dist/).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeRunpod } from './index';

const KEY = 'rp_durability_test_key';
let work: string;
let bundle: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-runpod-durability-'));
  bundle = path.join(work, 'fake-runpod.cjs');
  await esbuild.build({ entryPoints: [path.join(__dirname, 'main.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function freshDir(): string {
  return fs.mkdtempSync(path.join(work, 'data-'));
}

/** Starts the CLI on an ephemeral port; resolves with its URL once it printed its one line. */
function spawnFake(dataDir: string, extra: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bundle, '--data-dir', dataDir, '--port', '0', '--api-key', KEY, '--no-seed', '--rate-limit', '100000', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000, // never outlive the test run
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^RunPod fake API listening on (\S+) \(API key: (\S+)\)$/m.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`fake exited with ${code}: ${err.trim()}`)));
  });
}

async function createSecret(url: string, name: string, value: string): Promise<number> {
  const res = await fetch(`${url}/account/secrets`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, value }),
  });
  await res.arrayBuffer();
  return res.status;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('durability', () => {
  it('keeps every acknowledged create across a SIGKILL in the middle of a burst', async () => {
    const dataDir = freshDir();
    const { child, url } = await spawnFake(dataDir);
    const acknowledged = new Map<string, string>();
    let killed = false;
    let next = 0;
    const worker = async () => {
      while (!killed) {
        const i = next++;
        const name = `burst_${i}`;
        const value = `durable-MARKER-${i}-${randomBytes(4).toString('hex')}`;
        try {
          if ((await createSecret(url, name, value)) === 201) acknowledged.set(name, value);
        } catch {
          return; // the server died under us
        }
        if (acknowledged.size >= 60 && !killed) {
          killed = true;
          child.kill('SIGKILL'); // other workers still have requests in flight
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));
    expect(child.signalCode).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(60);

    // Restart the CLI on the same folder: every acknowledged name is listed.
    const again = await spawnFake(dataDir);
    const list = (await (await fetch(`${again.url}/account/secrets`, { headers: { Authorization: `Bearer ${KEY}` } })).json()) as { secrets: Array<{ name: string }> };
    const names = new Set(list.secrets.map((s) => s.name));
    for (const name of acknowledged.keys()) expect(names.has(name), name).toBe(true);
    again.child.kill('SIGTERM');
    await new Promise((resolve) => again.child.once('exit', resolve));
    expect(again.child.exitCode).toBe(0);

    // And the values decrypt to what was sent.
    const fake = await startFakeRunpod({ dataDir });
    const stored = new Map(fake.inspect().secrets.map((s) => [s.name, s.value]));
    await fake.close();
    for (const [name, value] of acknowledged) expect(stored.get(name)).toBe(value);

    // No file in the folder holds a value in plain text; temp files were cleaned up.
    for (const file of filesUnder(dataDir)) expect(fs.readFileSync(file).includes('MARKER'), file).toBe(false);
    expect(fs.readdirSync(dataDir).sort()).toEqual(['key', 'state.json']);
  });

  it('creates the key file with mode 0600 and keeps the state across a clean restart', async () => {
    const dataDir = freshDir();
    const first = await startFakeRunpod({ dataDir, seed: true });
    expect(fs.statSync(path.join(dataDir, 'key')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dataDir, 'state.json')).mode & 0o777).toBe(0o600);
    const before = first.inspect();
    await first.close();
    expect(fs.existsSync(dataDir)).toBe(true); // a given dataDir is never removed
    const second = await startFakeRunpod({ dataDir, seed: true });
    expect(second.inspect().secrets).toEqual(before.secrets); // same ids and values, not re-seeded
    expect(second.inspect().templates).toEqual(before.templates);
    await second.close();
  });

  it('seeds only an empty folder', async () => {
    const dataDir = freshDir();
    const first = await startFakeRunpod({ dataDir, seed: false });
    await first.close();
    const second = await startFakeRunpod({ dataDir, seed: true });
    expect(second.inspect().secrets).toEqual([]);
    await second.close();
  });

  describe('refuses a state it cannot trust', () => {
    async function populated(): Promise<string> {
      const dataDir = freshDir();
      const fake = await startFakeRunpod({ dataDir, seed: true });
      await fake.close();
      return dataDir;
    }

    it('a modified state file (valid JSON)', async () => {
      const dataDir = await populated();
      const file = path.join(dataDir, 'state.json');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"hf-token"', '"hf-t0ken"'));
      await expect(startFakeRunpod({ dataDir })).rejects.toThrow(/refusing to start.*failed its integrity check/);
    });

    it('a truncated state file', async () => {
      const dataDir = await populated();
      const file = path.join(dataDir, 'state.json');
      fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
      await expect(startFakeRunpod({ dataDir })).rejects.toThrow(/not valid JSON \(corrupt\)/);
    });

    it('a key file that does not belong to the state, or no key file', async () => {
      const dataDir = await populated();
      const keyFile = path.join(dataDir, 'key');
      fs.writeFileSync(keyFile, randomBytes(32).toString('base64'));
      await expect(startFakeRunpod({ dataDir })).rejects.toThrow(/key file does not belong to it/);
      fs.rmSync(keyFile);
      await expect(startFakeRunpod({ dataDir })).rejects.toThrow(/key file .* is missing/);
    });

    it('reports it from the command line with exit code 1 and no listening line', async () => {
      const dataDir = await populated();
      fs.appendFileSync(path.join(dataDir, 'state.json'), 'garbage');
      await expect(spawnFake(dataDir)).rejects.toThrow(/exited with 1: fake RunPod: refusing to start, state file .*\(corrupt\)/);
    });
  });
});

describe('one fake per data folder', () => {
  it('refuses a second fake on a folder in use and allows it after close', async () => {
    const dataDir = freshDir();
    const first = await startFakeRunpod({ dataDir });
    await expect(startFakeRunpod({ dataDir })).rejects.toThrow(/already in use/);
    await first.close();
    const second = await startFakeRunpod({ dataDir });
    await second.close();
  });

  it('refuses a folder held by another live process, and takes over the lock of a killed one', async () => {
    const dataDir = freshDir();
    const { child } = await spawnFake(dataDir);
    await expect(startFakeRunpod({ dataDir })).rejects.toThrow(new RegExp(`in use by process ${child.pid}`));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const fake = await startFakeRunpod({ dataDir });
    await fake.close();
  });
});
