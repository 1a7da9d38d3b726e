/**
 * Before the unit run: a temporary HOME and XDG_STATE_HOME for every test worker and every process
 * it starts with the inherited environment, removed after the run. The CLI's secret history
 * (secrets/historyFile.ts: $XDG_STATE_HOME, else ~/.local/state) must never get a test's entries:
 * Show Secret History would list them under "other accounts". A test that runs the CLI in process
 * with an empty environment falls back to os.homedir(), which reads HOME. Tests that spawn the CLI
 * with an environment of their own give it test/cli/helpers.ts cliEnv() (test/cli/stateHome.test.ts
 * holds them to it).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'runpod-test-home-'));
  for (const name of ['HOME', 'XDG_STATE_HOME'] as const) {
    const dir = join(root, name.toLowerCase());
    mkdirSync(dir);
    process.env[name] = dir;
  }
  return () => rmSync(root, { recursive: true, force: true });
}
