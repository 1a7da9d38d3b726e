/**
 * `secrets rotate`, `secrets usage` and `envs compare` under hostile standard input, through the
 * real CLI against the fake API: every run ends (the deadline of runProcess fails a hang) with one
 * clear line, sends no write RunPod would refuse, and never prints the value. readValue's rule
 * (value-input.test.ts) is the one rotate uses; this checks rotate keeps to it end to end, and that
 * the commands that take no value do not read standard input at all (an endless pipe ends them not).
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { apiEnv, cliEnv, cliPath, runProcess, withFakeApi, type CliResult } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

const MARK = 'HOSTILEVALUE';
const fx = withFakeApi({ 'a.runpod.env': 'A={{ RUNPOD_SECRET_hf-token }}\n', 'adir/x': 'x' });

beforeAll(() => {
  execFileSync('mkfifo', [path.join(fx.ws, 'fifo')]);
});

/** `sh -c script` in the workspace with the built CLI as $CLI and the fake's key, bounded by a deadline. */
function shell(script: string): Promise<CliResult> {
  return runProcess('sh', ['-c', script], { cwd: fx.ws, env: { ...cliEnv(), ...apiEnv(fx.fake), CLI: cliPath(), NODE: process.execPath }, timeoutMs: 60_000 });
}

/** The secret writes the fake was sent. */
function writes(): number {
  return fx.fake.inspect().requests.filter((r) => r.method !== 'GET' && r.path.includes('/secrets')).length;
}

describe('secrets rotate refuses a value RunPod cannot take, before any write, in one line', () => {
  it.each([
    ['50 MB on standard input', `head -c 50000000 /dev/zero | tr '\\000' 'x' | "$NODE" "$CLI" secrets rotate hf-token`, /standard input: the value is too large/],
    ['a NUL', `printf '${MARK}\\000x' | "$NODE" "$CLI" secrets rotate hf-token`, /standard input: the value holds a NUL character/],
    ['invalid UTF-8', `printf '${MARK}\\377\\376' | "$NODE" "$CLI" secrets rotate hf-token`, /standard input: the value is not UTF-8 text/],
    ['--value-file a FIFO', `"$NODE" "$CLI" secrets rotate hf-token --value-file fifo`, /--value-file: not a regular file/],
    ['--value-file /dev/zero', `"$NODE" "$CLI" secrets rotate hf-token --value-file /dev/zero`, /--value-file: not a regular file/],
    ['--value-file a folder', `"$NODE" "$CLI" secrets rotate hf-token --value-file adir`, /--value-file: a folder, not a file/],
  ])('%s', async (_label, script, message) => {
    const before = writes();
    const r = await shell(script);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
    expect(r.stdout).toBe('');
    expect(writes()).toBe(before);
  });
});

describe('secrets rotate takes a value without a trailing line break, or with CRLF, and never prints it', () => {
  it.each([
    ['no trailing line break', `printf '${MARK}1' | "$NODE" "$CLI" secrets rotate hf-token`, `${MARK}1`],
    ['CRLF', `printf '${MARK}2\\r\\n' | "$NODE" "$CLI" secrets rotate hf-token`, `${MARK}2`],
  ])('%s', async (_label, script, stored) => {
    const r = await shell(script);
    expect(r.code, r.stderr).toBe(0);
    expect(fx.fake.inspect().secrets.find((s) => s.name === 'hf-token')?.value).toBe(stored);
    expect(r.stdout + r.stderr).not.toContain(MARK);
  });
});

describe('commands that take no value do not read standard input', () => {
  it.each([
    ['secrets usage', 'secrets usage hf-token'],
    ['envs compare', 'envs compare'],
  ])('%s ends under an endless pipe and under /dev/zero', async (_label, command) => {
    for (const script of [`yes ${MARK} | "$NODE" "$CLI" ${command}`, `"$NODE" "$CLI" ${command} < /dev/zero`]) {
      const r = await shell(script);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(MARK);
    }
  });
});
