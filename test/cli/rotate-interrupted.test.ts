/**
 * `secrets rotate` stopped by a signal, in process (run(), against the fake over HTTP): the signal
 * is emitted to the command's listeners (stopSignals) at a known step, from the line the command
 * writes there, so where it lands is certain; process.exit is intercepted.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../client/src/cli/run';
import type { Io } from '../../client/src/cli/io';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { call } from '../fake-runpod/testHelpers';

let api: FakeRunpod;
let home: string;
beforeAll(async () => {
  api = await startFakeRunpod({ seed: true, podBootMs: 0 });
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'runpod-rotate-cut-'));
});
afterAll(async () => {
  await api.close();
  fs.rmSync(home, { recursive: true, force: true });
});
afterEach(() => {
  api.faults.clear();
  vi.restoreAllMocks();
});

const RESTART = { method: 'POST', path: /\/pods\/[^/]+\/action$/ };

/** A secret, a template and `pods` running Pods that reference it (`<secret>-0`, ...), by id. */
async function secretWithPods(secret: string, pods: number): Promise<string[]> {
  expect((await call(api, 'POST', '/account/secrets', { name: secret, value: 'old' })).status).toBe(201);
  expect((await call(api, 'POST', '/templates', { name: `${secret}-tpl`, image: 'img', env: { TOKEN: `{{ RUNPOD_SECRET_${secret} }}` } })).status).toBe(201);
  const ids: string[] = [];
  for (let i = 0; i < pods; i++) {
    const res = await call(api, 'POST', '/pods', { name: `${secret}-${i}`, image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090' }, env: { TOKEN: `{{ RUNPOD_SECRET_${secret} }}` } });
    ids.push(res.json.id as string);
  }
  return ids;
}

/**
 * Runs `secrets rotate ...args` with `signalAt(line, emit)` seeing each line written; ends when run()
 * returns, or when the command exits the process (the interrupted way).
 */
async function rotate(args: string[], signalAt: (line: string, emit: (s: NodeJS.Signals) => void) => void): Promise<{ code: number; exited: boolean; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const emit = (s: NodeJS.Signals) => void process.emit(s as 'SIGINT', s);
  let exitWith!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (exitWith = resolve));
  vi.spyOn(process, 'exit').mockImplementation(((code?: number) => void exitWith(code ?? 0)) as typeof process.exit);
  const io: Io = {
    env: { HOME: home, XDG_STATE_HOME: path.join(home, 'state'), RUNPOD_API_URL: api.url, RUNPOD_API_KEY: api.apiKey, RUNPOD_TIMEOUT_MS: '5000' },
    cwd: home,
    stdout: (t) => {
      stdout += t;
      signalAt(t, emit);
    },
    stderr: (t) => {
      stderr += t;
      signalAt(t, emit);
    },
    stdinIsTTY: false,
    readStdin: async () => ({ bytes: new TextEncoder().encode('new'), truncated: false }),
    prompt: async () => {
      throw new Error('no terminal');
    },
  };
  const outcome = await Promise.race([run(['secrets', 'rotate', ...args], io).then((code) => ({ code, exited: false })), exited.then((code) => ({ code, exited: true }))]);
  return { ...outcome, stdout, stderr };
}

describe('secrets rotate --restart interrupted', () => {
  it('a signal just after the last restart was answered is a complete run: the normal report and exit, no "Interrupted"', async () => {
    const ids = await secretWithPods('cut-last', 2);
    const r = await rotate(['cut-last', '--restart'], (line, emit) => {
      if (line.includes(`(${ids[1]})`)) emit('SIGINT');
    });
    expect(r.exited, r.stdout).toBe(false);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Restarted 2 of 2 Pods.');
    expect(r.stdout).not.toContain('Interrupted');
  });

  it("the text report keeps what a normal one says of the answered restarts (the failed one's command, the old-value line, the next boot), then the Pods never sent", async () => {
    const ids = await secretWithPods('cut-fail', 3);
    // Refused (409): RunPod did nothing, so the Pod is still on the old value (a 5xx may have restarted it: secrets-lifecycle.test.ts).
    api.faults.inject({ status: 409 }, { ...RESTART, times: 1 });
    const r = await rotate(['cut-fail', '--restart'], (line, emit) => {
      if (line.startsWith('did not restart:')) emit('SIGINT');
    });
    expect(r.exited).toBe(true);
    expect(r.code).toBe(130);
    expect(r.stdout).toContain('Template "cut-fail-tpl" picks up the new value when its Pods next boot.');
    expect(r.stdout).toContain('Still on the old value of cut-fail until restarted: Pod "cut-fail-0".');
    expect(r.stdout).toContain(`runpod-check pods restart ${ids[0]}\n`);
    expect(r.stdout).toContain('Interrupted: 0 of 3 Pods restarted.');
    expect(r.stdout).toContain(`runpod-check pods restart ${ids[1]} ${ids[2]}\n`);
    expect(r.stdout.indexOf('Interrupted')).toBeGreaterThan(r.stdout.indexOf('Still on the old value'));
  });
});

describe('secrets rotate interrupted while the account is listed', () => {
  /** The listing held back, and `signal` sent as soon as the command takes the signals over (the listing then under way). */
  function signalWhileListing(signal: NodeJS.Signals): void {
    api.faults.inject({ latencyMs: 3_000 }, { method: 'GET', path: /\/(pods|templates|endpoints)/, times: 10 });
    const on = process.on.bind(process);
    vi.spyOn(process, 'on').mockImplementation(((event: string, listener: (...a: unknown[]) => void) => {
      on(event as 'SIGHUP', listener);
      if (event === 'SIGHUP') setImmediate(() => process.emit(signal as 'SIGINT', signal));
      return process;
    }) as typeof process.on);
  }

  it('--json: the document help promises, its lists empty and every kind unchecked, beside the value change', async () => {
    await secretWithPods('cut-list-json', 1);
    signalWhileListing('SIGTERM');
    const r = await rotate(['cut-list-json', '--restart', '--json'], () => undefined);
    expect(r.exited).toBe(true);
    expect(r.code).toBe(143);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ secret: { name: 'cut-list-json' }, restart: [], booting: [], nextBoot: [], interrupted: 'SIGTERM' });
    expect(doc.unchecked.map((u: { kind: string }) => u.kind)).toEqual(['template', 'pod', 'endpoint']);
  });

  it('text: says no Pod was restarted and how to find the ones that use the secret', async () => {
    await secretWithPods('cut-list', 1);
    signalWhileListing('SIGINT');
    const r = await rotate(['cut-list', '--restart'], () => undefined);
    expect(r.exited).toBe(true);
    expect(r.code).toBe(130);
    expect(r.stdout).toContain('Updated the value of secret cut-list.');
    expect(r.stdout).toContain('interrupted before the Pods were listed, so none was restarted. `runpod-check secrets usage cut-list` names them');
  });
});
