/**
 * `npm start` as a user runs it: it prints the editor URL, both servers answer, and Ctrl+C (SIGINT)
 * stops everything it started and removes its temporary folder. No browser needed.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, REPO_ROOT } from '../../scripts/editor/stack.mjs';

async function answers(url: string): Promise<number | 'refused'> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(3000) })).status;
  } catch {
    return 'refused';
  }
}

describe('npm start', () => {
  it('serves the editor and the fake API, and Ctrl+C stops both', async () => {
    const [port, fakePort] = [await freePort(), await freePort()];
    // The e2e script packaged the extension already; reuse that vsix.
    const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'start.mjs')], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: String(port), RUNPOD_FAKE_PORT: String(fakePort), RUNPOD_START_SKIP_PACKAGE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 60_000;
      while (!/Press Ctrl\+C to stop/.test(output) && Date.now() < deadline && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(output).toContain(`Open http://127.0.0.1:${port}/?folder=`);
      const workspace = /Workspace copy: (\S+)/.exec(output)?.[1];
      expect(workspace && existsSync(join(workspace, 'runpod.env'))).toBe(true);
      expect(await answers(`http://127.0.0.1:${port}/healthz`)).toBe(200);
      // The fake API is up and wants a key.
      expect(await answers(`http://127.0.0.1:${fakePort}/v2/account/secrets`)).toBe(401);
      // The key is handed over in the environment, never printed.
      expect(output).not.toMatch(/API key: /);

      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(output).toContain('Stopped.');
      expect(await answers(`http://127.0.0.1:${port}/healthz`)).toBe('refused');
      expect(await answers(`http://127.0.0.1:${fakePort}/v2/account/secrets`)).toBe('refused');
      expect(existsSync(workspace!)).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
