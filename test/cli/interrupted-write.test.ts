/**
 * Ctrl+C while a write is on its way (a slow `secrets create`): the write may still happen on
 * RunPod, so the command says so in the words a timed-out write gets, with the list to check,
 * then exits 130 as at a prompt; never a silent exit that leaves the user guessing.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { apiEnv, buildOnce, cliPath, ROOT, stateHome } from './helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

let fake: FakeRunpod;
beforeAll(async () => {
  buildOnce();
  fake = await startFakeRunpod({ seed: true });
});
afterAll(async () => {
  await fake?.close();
});

describe('Ctrl+C during a write', () => {
  it('secrets create: says the create may or may not have taken effect and how to check, exit 130', async () => {
    // The create is carried out, and its answer held back: the command is interrupted while it waits.
    fake.faults.inject({ latencyMs: 5_000, afterHandling: true }, { method: 'POST', path: '/account/secrets' });
    const child = spawn(process.execPath, [cliPath(), 'secrets', 'create', 'slow_secret'], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', XDG_STATE_HOME: stateHome(), ...apiEnv(fake) },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdin.end('not-a-real-value');
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    while (!fake.inspect().secrets.some((s) => s.name === 'slow_secret')) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/^runpod-check: Interrupted while trying to create secret `slow_secret`\. It may or may not have taken effect: run `runpod-check secrets list` to check before trying again\.\n$/);
    expect(stderr).not.toContain('not-a-real-value');
  });
});
