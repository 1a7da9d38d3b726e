/**
 * The language server starts without the extension host's environment. vscode-languageclient lays
 * `options.env` over a copy of `process.env`, so the builder must name every variable to drop; the
 * last test starts a real Node process with the environment the library builds, to show the dropped
 * ones are gone.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { serverEnvironment } from '../../client/src/lsp/serverEnvironment';

const HOST_ENV = {
  PATH: '/usr/bin',
  HOME: '/home/u',
  TMPDIR: '/tmp',
  LANG: 'de_DE.UTF-8',
  LC_ALL: 'C',
  RUNPOD_API_KEY: 'rpa_host_key_0123456789',
  RUNPOD_API_URL: 'https://gateway.example/v2',
  NODE_OPTIONS: '--require /tmp/evil.js',
  HTTPS_PROXY: 'http://user:pass@proxy:3128',
  AWS_SECRET_ACCESS_KEY: 'aws-secret',
  VSCODE_IPC_HOOK: '/run/vscode.sock',
  ELECTRON_RUN_AS_NODE: '1',
};

describe('serverEnvironment', () => {
  it('an inherited variable named __proto__ is named undefined too (on a plain object it was lost, so the merge kept it)', () => {
    const env = serverEnvironment(JSON.parse('{ "PATH": "/usr/bin", "__proto__": "x" }'));
    expect(Object.keys(env)).toEqual(['PATH', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(env, '__proto__')).toMatchObject({ value: undefined });
  });

  it('keeps the path, home, temp and locale; names everything else undefined so the merge drops it', () => {
    expect(serverEnvironment(HOST_ENV)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/u',
      TMPDIR: '/tmp',
      LANG: 'de_DE.UTF-8',
      LC_ALL: 'C',
      RUNPOD_API_KEY: undefined,
      RUNPOD_API_URL: undefined,
      NODE_OPTIONS: undefined,
      HTTPS_PROXY: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      VSCODE_IPC_HOOK: undefined,
    });
  });

  it('leaves the variables the client library sets for the fork to it (Electron must run as Node)', () => {
    expect(Object.keys(serverEnvironment({ ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ASAR: '1' }))).toEqual([]);
  });

  it('matches names without regard to case, as Windows does (Path, SystemRoot)', () => {
    expect(serverEnvironment({ Path: 'C:\\Windows', SystemRoot: 'C:\\Windows', runpod_api_key: 'k' })).toEqual({
      Path: 'C:\\Windows',
      SystemRoot: 'C:\\Windows',
      runpod_api_key: undefined,
    });
  });

  it('a Node process started with the host environment overlaid by it sees no key, no URL and no NODE_OPTIONS', async () => {
    const host = { ...process.env, ...HOST_ENV, PATH: process.env.PATH ?? '', NODE_OPTIONS: '' };
    // What vscode-languageclient does for a forked server: the host's environment, its own
    // Electron flags, then options.env on top.
    const merged = { ...host, ELECTRON_RUN_AS_NODE: '1', ...serverEnvironment(host) };
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', 'process.stdout.write(JSON.stringify(Object.keys(process.env)))'], {
      env: merged,
    });
    const seen = JSON.parse(stdout) as string[];
    expect(seen).toContain('PATH');
    expect(seen).toContain('ELECTRON_RUN_AS_NODE');
    for (const dropped of ['RUNPOD_API_KEY', 'RUNPOD_API_URL', 'NODE_OPTIONS', 'HTTPS_PROXY', 'AWS_SECRET_ACCESS_KEY']) {
      expect(seen).not.toContain(dropped);
    }
  });
});
