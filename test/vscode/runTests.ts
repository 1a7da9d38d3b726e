/**
 * `npm run test:vscode`: the integration suite in desktop VS Code through @vscode/test-electron.
 * `runTests` DOWNLOADS VS Code desktop (from Microsoft's update service) on first use, so this needs
 * internet access; machines with only the npm registry cannot run it (use `npm run
 * test:vscode:server`, the same suite in code-server's VS Code server). Set VSCODE_EXECUTABLE to
 * an installed `code` binary to skip the download. See docs/vscode-tests.md.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT, startFakeApi, writeUserSettings } from '../../scripts/editor/stack.mjs';
import { RESULTS_ENV, formatResults, parseResults } from './results';
import { writeWorkspaceFile } from './workspaceFile';

async function main(): Promise<number> {
  const root = mkdtempSync(join(tmpdir(), 'runpod-vscode-desktop-'));
  const userData = join(root, 'user-data');
  const workspace = join(root, 'workspace');
  const fakeData = join(root, 'fake-runpod-data');
  mkdirSync(fakeData, { recursive: true });
  cpSync(join(REPO_ROOT, 'sample-workspace'), workspace, { recursive: true });
  const resultsFile = join(root, 'results.json');
  const fake = await startFakeApi({ port: 0, dataDir: fakeData, logFile: join(root, 'fake-runpod.log') });
  try {
    writeUserSettings(userData, { 'runpod.apiUrl': fake.url });
    await runTests({
      ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : {}),
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: join(REPO_ROOT, 'dist', 'test', 'vscode', 'suite.js'),
      launchArgs: [writeWorkspaceFile(root, workspace), '--user-data-dir', userData, '--disable-extensions', '--disable-workspace-trust'],
      // The secret history in `root`, never the user's (scripts/editor/stack.mjs codeServerEnv).
      extensionTestsEnv: { RUNPOD_API_KEY: fake.apiKey, [RESULTS_ENV]: resultsFile, XDG_STATE_HOME: join(root, 'state') },
    });
    return report(resultsFile);
  } catch (error) {
    // runTests rejects with the exit code of VS Code (1 when a test failed) or a download error.
    process.stderr.write(`[test:vscode] ${error instanceof Error ? error.message : String(error)}\n`);
    return existsSync(resultsFile) ? Math.max(1, report(resultsFile)) : 1;
  } finally {
    await fake.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

/** Prints the suite's results with the closing `N passed, N failed` line; returns the failure count. */
function report(resultsFile: string): number {
  const results = parseResults(readFileSync(resultsFile, 'utf8'));
  process.stdout.write(formatResults(results) + '\n');
  return results.tests.length === 0 ? 1 : results.failed;
}

main().then((code) => process.exit(code));
