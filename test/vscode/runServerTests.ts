/**
 * `npm run test:vscode:server`: the integration suite inside the VS Code server that code-server
 * ships, with no desktop VS Code. How: code-server passes `--vscode-option enable-smoke-test-driver`
 * (here through its VSCODE_OPTIONS environment variable) to the VS Code server, whose web workbench
 * then honours the `payload` query parameter, like a desktop window honours command-line flags. The
 * payload carries `extensionDevelopmentPath` (this repository, so the fresh dist/extension.js) and
 * `extensionTestsPath` (dist/test/vscode/suite.js) as vscode-remote URIs, so the REMOTE extension
 * host (Node 24, on this machine) loads the extension under development and runs the suite's `run()`.
 * When it returns, the workbench calls `window.codeAutomationExit(code)`, which playwright exposes.
 * The suite writes its per-test results to a JSON file named in the environment. Masked input boxes
 * (secret values) are filled by the runner through the page, see pasteIntoEmptyValueBoxes.
 *
 * Exit code: the number of failed tests (at least 1 when the suite did not report at all).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  REPO_ROOT,
  codeServerEnv,
  copySampleWorkspace,
  editorTools,
  freePort,
  startCodeServer,
  startFakeApi,
  writeUserSettings,
  type Child,
} from '../../scripts/editor/stack.mjs';
import { RESULTS_ENV, TYPED_VALUE_ENV, formatResults, parseResults } from './results';
import { writeWorkspaceFile } from './workspaceFile';

/** Upper bound on the whole suite inside the editor (a hung editor, not a performance limit). */
const SUITE_TIMEOUT_MS = 5 * 60_000;
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

const log = (line: string) => process.stdout.write(`[test:vscode:server] ${line}\n`);

async function main(): Promise<number> {
  const suite = join(REPO_ROOT, 'dist', 'test', 'vscode', 'suite.js');
  for (const file of [suite, join(REPO_ROOT, 'dist', 'extension.js'), join(REPO_ROOT, 'dist', 'server.js')]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run 'npm run build && node test/vscode/build.mjs' first.`);
  }
  const tools = editorTools();
  const keep = process.env.RUNPOD_VSCODE_KEEP === '1';
  const root = mkdtempSync(join(tmpdir(), 'runpod-vscode-server-'));
  const dirs = {
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    fakeData: join(root, 'fake-runpod-data'),
    logs: join(root, 'logs'),
    profile: join(root, 'chromium-profile'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const resultsFile = join(root, 'results.json');
  const timings: Record<string, number> = {};
  const typedValue = `vscode-test-${randomBytes(18).toString('base64url')}`;
  const started: Child[] = [];
  const t0 = Date.now();
  let browser: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;
  let failed = false;
  try {
    const fake = await startFakeApi({ port: 0, dataDir: dirs.fakeData, logFile: join(dirs.logs, 'fake-runpod.log') });
    started.push(fake);
    writeUserSettings(dirs.userData, { 'runpod.apiUrl': fake.url });
    const workspace = copySampleWorkspace(join(root, 'workspace'));
    const workspaceFile = writeWorkspaceFile(root, workspace);
    const port = await freePort();
    const t1 = Date.now();
    const codeServer = await startCodeServer({
      tools,
      port,
      userDataDir: dirs.userData,
      extensionsDir: dirs.extensions,
      workspace,
      // The key reaches the extension only through the environment, as in `npm start`.
      // Its own secret history too (codeServerEnv), as the e2e stack's.
      env: { ...codeServerEnv(process.env, { root, apiKey: fake.apiKey }), VSCODE_OPTIONS: 'enable-smoke-test-driver', [RESULTS_ENV]: resultsFile, [TYPED_VALUE_ENV]: typedValue },
      logFile: join(dirs.logs, 'code-server.log'),
    });
    started.push(codeServer);
    timings.codeServerStartMs = Date.now() - t1;

    const authority = `127.0.0.1:${port}`;
    const remote = (path: string) => `vscode-remote://${authority}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(REPO_ROOT)],
      ['extensionTestsPath', remote(suite)],
    ];
    const url = `http://${authority}/?workspace=${encodeURIComponent(workspaceFile)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    const t2 = Date.now();
    browser = await chromium.launchPersistentContext(dirs.profile, {
      executablePath: tools.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      // The paste step of the "Create secret" test goes through the browser clipboard.
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = browser.pages()[0] ?? (await browser.newPage());
    let resolveExit: (code: number) => void = () => {};
    const exited = new Promise<number>((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    const stopPasting = pasteIntoEmptyValueBoxes(page, typedValue);
    await page.goto(url);
    const code = await Promise.race([
      exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`the suite did not finish within ${SUITE_TIMEOUT_MS / 60_000} min; see ${dirs.logs}`)), SUITE_TIMEOUT_MS),
      ),
    ]);
    timings.suiteMs = Date.now() - t2;
    stopPasting();
    log(`extension host exited with code ${code}`);

    if (!existsSync(resultsFile)) {
      throw new Error(`the suite wrote no results (${resultsFile}); extension host exit code ${code}. See ${dirs.logs}/code-server.log`);
    }
    const results = parseResults(readFileSync(resultsFile, 'utf8'));
    timings.totalMs = Date.now() - t0;
    log(`timings: ${Object.entries(timings).map(([k, v]) => `${k}=${v}`).join(' ')}`);
    process.stdout.write(formatResults(results) + '\n');
    failed = results.failed > 0;
    return results.tests.length === 0 ? 1 : results.failed;
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    await browser?.close().catch(() => undefined);
    await Promise.all(started.reverse().map((child) => child.stop()));
    // Keep the logs of a failed run (or on request) for the developer to read.
    if (failed || keep) log(`logs kept in ${dirs.logs}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

/**
 * The one thing the extension API cannot do in a browser: paste into an input box (the workbench's
 * paste command has no DOM implementation on the web, and the extension host's clipboard does not
 * reach the page's). So the runner plays the user: whenever a masked (password) input box shows
 * empty, it enters `value`, a throwaway test value the suite also receives (TYPED_VALUE_ENV) and
 * expects. It is never logged. Returns a function that stops watching.
 */
function pasteIntoEmptyValueBoxes(page: import('playwright-core').Page, value: string): () => void {
  let stopped = false;
  const box = page.locator('.quick-input-widget input[type="password"]');
  void (async () => {
    while (!stopped) {
      try {
        if ((await box.count()) === 1 && (await box.isVisible()) && (await box.inputValue()) === '') {
          await box.fill(value);
        }
      } catch {
        // The page navigated or closed; try again on the next tick.
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  })();
  return () => {
    stopped = true;
  };
}

main().then(
  (failures) => process.exit(Math.min(failures, 100)),
  (error: unknown) => {
    process.stderr.write(`[test:vscode:server] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
