/** Help, version and usage errors: exit codes and one-line reasons. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildOnce, runCli } from './helpers';

// Each test starts several processes; on two shared cores that can take a while (not a timing assertion).
vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

beforeAll(() => buildOnce());

describe('usage', () => {
  it('--help for the program and every command exits 0 on stdout', async () => {
    const cases: [string[], RegExp][] = [
      [['--help'], /Commands:[\s\S]*check[\s\S]*secrets[\s\S]*RUNPOD_API_KEY/],
      [['check', '--help'], /--format text\|json\|sarif[\s\S]*--strict[\s\S]*--secrets-file[\s\S]*--severity/],
      [['secrets', '--help'], /list\|get\|create\|update\|delete/],
      [['templates', 'list', '--help'], /templates list/],
      [['gpus', 'list', '--help'], /--available/],
      [['pods', '--help'], /launch/],
      [['pods', 'launch', '--help'], /refused[\s\S]*--vars-file/],
      [['pods', 'terminate', '--help'], /--yes/],
    ];
    for (const [args, pattern] of cases) {
      const r = await runCli(args);
      expect({ args, code: r.code }).toEqual({ args, code: 0 });
      expect(r.stdout).toMatch(pattern);
    }
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(r.stdout).toBe(`${version}\n`);
  });

  it('usage errors exit 2 with one line pointing at --help', async () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /unknown command "frobnicate"/],
      [['check', '--format', 'xml'], /--format must be text, json or sarif/],
      [['check', '--bogus'], /unknown option --bogus/],
      [['secrets'], /missing secrets command/],
      [['secrets', 'get'], /missing NAME/],
      [['pods', 'stop'], /missing ID/],
      [['pods', 'launch', '--template-id', 't', '--gpu', 'g', '--cloud', 'MOON'], /--cloud must be SECURE or COMMUNITY/],
      [['pods', 'launch', '--template-id', 't', '--gpu', 'g', '--gpu-count', '0'], /--gpu-count must be a positive integer/],
      [['pods', 'list', '--gpu', 'g'], /--gpu does not apply to pods list \(only to pods launch\)/],
    ];
    for (const [args, pattern] of cases) {
      const r = await runCli(args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).toMatch(/--help/);
    }
  });

  it('RUNPOD_TIMEOUT_MS must be a positive number; an unsafe http:// URL is refused', async () => {
    const timeout = await runCli(['secrets', 'list'], { env: { RUNPOD_API_KEY: 'k', RUNPOD_TIMEOUT_MS: 'soon' } });
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toMatch(/RUNPOD_TIMEOUT_MS/);
    const url = await runCli(['secrets', 'list'], { env: { RUNPOD_API_KEY: 'k', RUNPOD_API_URL: 'http://example.com/v2' } });
    expect(url.code).toBe(2);
    expect(url.stderr.trim().split('\n')).toHaveLength(1);
  });
});
