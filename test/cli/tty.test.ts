/**
 * Terminal prompts, under a real pseudo-terminal (util-linux `script`): the hidden value prompt
 * does not echo what is typed, and typed confirmation gates delete. Input is typed only after the
 * prompt appears, as a person would, so the terminal's own echo would show if it were left on.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { apiEnv, buildOnce, cliPath, runCli, stateHome } from './helpers';

// Each test starts several processes; on two shared cores that can take a while (not a timing assertion).
vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

let fake: FakeRunpod;
beforeAll(async () => {
  buildOnce();
  fake = await startFakeRunpod({ seed: true });
});
afterAll(async () => {
  await fake?.close();
});

/** Runs the CLI on a pseudo-terminal; types `answer` + Enter when `prompt` shows up. */
function onTerminal(args: string[], prompt: string, answer: string, env: Record<string, string> = {}): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, cliPath(), ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { PATH: process.env['PATH'] ?? '', TERM: 'dumb', XDG_STATE_HOME: stateHome(), ...apiEnv(fake), ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let typed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no exit; screen: ${screen}`));
    }, 15_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      screen += d;
      if (!typed && screen.includes(prompt)) {
        typed = true;
        child.stdin.write(`${answer}\r`);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}

describe('prompts on a terminal', () => {
  it('secrets create asks for the value with echo off; the value reaches RunPod, not the screen', async () => {
    const value = 'typed-at-the-prompt-5e1d';
    const r = await onTerminal(['secrets', 'create', 'tty_secret'], '(input hidden): ', value);
    expect(r.code).toBe(0);
    expect(r.screen).toContain('Created secret tty_secret');
    expect(r.screen).not.toContain(value);
    expect(fake.inspect().secrets.find((s) => s.name === 'tty_secret')?.value).toBe(value);
  });

  it('secrets delete asks to type the name: a wrong answer cancels, the right one deletes', async () => {
    fake.addTemplate({ name: 'tty-template', image: 'runpod/base:1', env: { KEY: '{{ RUNPOD_SECRET_tty_secret }}' } });
    const wrong = await onTerminal(['secrets', 'delete', 'tty_secret'], 'to confirm: ', 'tty_secrex');
    expect(wrong.code).toBe(2);
    // What breaks is named before the question, so the answer is an informed one.
    expect(wrong.screen.indexOf('template "tty-template"')).toBeGreaterThan(-1);
    expect(wrong.screen.indexOf('template "tty-template"')).toBeLessThan(wrong.screen.indexOf('to confirm: '));
    expect(wrong.screen).toContain('cancelled');
    expect(fake.inspect().secrets.some((s) => s.name === 'tty_secret')).toBe(true);
    // Ctrl+C at the question cancels with the exit code --help documents, and deletes nothing.
    const interrupted = await onTerminal(['secrets', 'delete', 'tty_secret'], 'to confirm: ', '\u0003');
    expect(interrupted.code).toBe(130);
    expect(fake.inspect().secrets.some((s) => s.name === 'tty_secret')).toBe(true);
    const help = await runCli(['secrets', '--help']);
    expect(help.stdout).toMatch(/Exit codes: .*\n?.*130 cancelled at a prompt \(Ctrl\+C\)/);
    // A key RunPod rejects read nothing of the account: said before any question, which would only
    // lead to the same refusal after the user typed the name.
    const rejected = await onTerminal(['secrets', 'delete', 'tty_secret'], 'to confirm: ', 'tty_secret', { RUNPOD_API_KEY: 'rejected-key-0000' });
    expect(rejected.code).toBe(2);
    expect(rejected.screen).not.toContain('to confirm: ');
    expect(rejected.screen).toMatch(/401/);
    expect(rejected.screen).not.toContain('rejected-key-0000');
    // A wrong RUNPOD_API_URL (every list a 404) is a configuration to fix first too, as check says.
    const wrongUrl = await onTerminal(['secrets', 'delete', 'tty_secret'], 'to confirm: ', 'tty_secret', { RUNPOD_API_URL: `${fake.url}/no-such-api` });
    expect(wrongUrl.code).toBe(2);
    expect(wrongUrl.screen).not.toContain('to confirm: ');
    expect(wrongUrl.screen).toMatch(/404/);
    expect(fake.inspect().secrets.some((s) => s.name === 'tty_secret')).toBe(true);
    const right = await onTerminal(['secrets', 'delete', 'tty_secret'], 'to confirm: ', 'tty_secret');
    expect(right.code).toBe(0);
    expect(fake.inspect().secrets.some((s) => s.name === 'tty_secret')).toBe(false);
  });
});
