/**
 * End-to-end helpers: build `dist/cli.js` once per test file (serialised with a lock so parallel
 * files do not write the bundle at the same time) and run it as a child process, asynchronously so
 * an in-process fake RunPod API can answer it. Every run is bounded by a timeout.
 *
 * The runs use a private copy of the freshly built bundle (it is self-contained): another test
 * file, or another helper's `npm run build`, rewriting dist/cli.js mid-run would otherwise make a
 * test read a half-written file and fail for no reason of its own.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startFakeRunpod, type FakeRunpod, type FakeRunpodOptions } from '../fake-runpod/index';
import { newestMtime } from '../protocol/lspClient';
import { MAX_TIMEOUT_MS } from '../../client/src/runpod/timeout';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

let built: string | undefined;
/** Temporary folders the importing test file made; removed after its tests (hook registered on import). */
const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Whether dist/cli.js is at least as new as every source it bundles. */
function fresh(): boolean {
  try {
    return fs.statSync(CLI).mtimeMs >= Math.max(newestMtime(path.join(ROOT, 'client/src')), newestMtime(path.join(ROOT, 'server/src')));
  } catch {
    return false;
  }
}

/**
 * `npm run build` under a lock when dist/cli.js is older than its sources (`npm test` builds
 * first: then no test file rebuilds), then a checked private copy of dist/cli.js; call from beforeAll.
 */
export function buildOnce(): void {
  const lock = '/tmp/runpod-cli-test-build.lock';
  if (!fresh()) execFileSync('flock', [lock, 'npm', 'run', '--silent', 'build'], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runpod-cli-bin-'));
  temporary.push(dir);
  const copy = path.join(dir, 'cli.js');
  execFileSync('flock', [lock, 'cp', CLI, copy], { stdio: 'pipe', timeout: 30_000 });
  execFileSync(process.execPath, ['--check', copy], { stdio: 'pipe', timeout: 30_000 });
  built = copy;
}

/** The bundle the tests run: the private copy made by `buildOnce`. */
export function cliPath(): string {
  if (!built) throw new Error('call buildOnce() in beforeAll first');
  return built;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Environment on top of a minimal one (PATH, and HOME an empty folder): no RUNPOD_* or ~/.runpod leaks in from the test runner. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Written to standard input, then closed; default: closed empty (not a terminal). */
  input?: string;
  timeoutMs?: number;
}

let emptyHome: string | undefined;
/** A home folder with nothing in it: the runner's own ~/.runpod/config.toml must not count. */
function homeWithoutConfig(): string {
  if (!emptyHome) {
    emptyHome = fs.mkdtempSync(path.join(os.tmpdir(), 'runpod-cli-home-'));
    temporary.push(emptyHome);
  }
  return emptyHome;
}

/**
 * The environment every test gives a CLI it starts (before its own variables): PATH, no runner's
 * ~/.runpod/config.toml, and the secret history in this file's temporary folder, never the user's
 * (test/cli/stateHome.test.ts checks every spawn of the CLI takes it).
 */
export function cliEnv(): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '', HOME: homeWithoutConfig(), XDG_STATE_HOME: stateHome() };
}

/** Runs `node dist/cli.js ...args` and collects its output. */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  const env = cliEnv();
  for (const [k, v] of Object.entries(options.env ?? {})) if (v !== undefined) env[k] = v;
  return runProcess(process.execPath, [cliPath(), ...args], { ...options, env });
}

/**
 * Runs a program with exactly `options.env`, writes `options.input` (or nothing) to its stdin and
 * collects its output; rejects when it runs past `timeoutMs` (then it is killed).
 */
export function runProcess(command: string, args: readonly string[], options: RunOptions & { env: Record<string, string> }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd: options.cwd ?? ROOT, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} timed out; stderr: ${stderr}`));
    }, options.timeoutMs ?? 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined); // the program may exit before reading stdin
    child.stdin.end(options.input ?? '');
  });
}

let state: string | undefined;
/** This test file's XDG_STATE_HOME (the CLI's secret history), made on first use and removed after. */
export function stateHome(): string {
  if (!state) {
    state = fs.mkdtempSync(path.join(os.tmpdir(), 'runpod-cli-state-'));
    temporary.push(state);
  }
  return state;
}

/** A fresh temporary folder with the given files (paths relative to it). */
export function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runpod-cli-'));
  temporary.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return dir;
}

/** Environment pointing the CLI at a fake RunPod API. */
export function apiEnv(fake: { url: string; apiKey: string }): Record<string, string> {
  return { RUNPOD_API_KEY: fake.apiKey, RUNPOD_API_URL: fake.url, RUNPOD_TIMEOUT_MS: '5000' };
}

/**
 * apiEnv with the longest timeout the command line takes, for a command interrupted while a request
 * is held unanswered (a hang fault): no timeout of the command races the signal on a slow machine.
 */
export function patientApiEnv(fake: { url: string; apiKey: string }): Record<string, string> {
  return { ...apiEnv(fake), RUNPOD_TIMEOUT_MS: String(MAX_TIMEOUT_MS) };
}

/** What `withFakeApi` sets up; the fields are filled in before the file's first test. */
export interface CliFixture {
  fake: FakeRunpod;
  /** The workspace folder holding the given files. */
  ws: string;
}

/**
 * Before the test file's tests: builds the CLI, starts a fake RunPod API (seeded unless told
 * otherwise) and writes `files` into a fresh workspace; after them, closes the fake.
 */
export function withFakeApi(files: Record<string, string>, options: FakeRunpodOptions = { seed: true }): CliFixture {
  const fixture = {} as CliFixture;
  beforeAll(async () => {
    buildOnce();
    fixture.fake = await startFakeRunpod(options);
    fixture.ws = workspace(files);
  });
  afterAll(async () => {
    await fixture.fake?.close();
  });
  return fixture;
}

/**
 * The names a launch or a deploy takes when `--name` is not given, each a case of the `--name`
 * rule: template files (of `fields` besides the name) with a 300-character name and a blank one,
 * and a template of the account with a 300-character name, each with the message it must give
 * (where the name came from, and `--name`); plus a file whose padded name must be sent trimmed.
 */
export function namesFromTemplates(fake: FakeRunpod, fields: Record<string, unknown>): { refusals: [string[], RegExp][]; padded: string } {
  const dir = workspace({
    'long.runpod.json': JSON.stringify({ ...fields, name: 'n'.repeat(300) }),
    'blank.runpod.json': JSON.stringify({ ...fields, name: '   ' }),
    'padded.runpod.json': JSON.stringify({ ...fields, name: '   padded-name  ' }),
  });
  const long = fake.addTemplate({ name: 't'.repeat(300), image: 'runpod/base:1', env: {}, ...(fields['serverless'] ? { serverless: true } : {}) });
  return {
    refusals: [
      [['--template-file', path.join(dir, 'long.runpod.json')], /the name from .*long\.runpod\.json: At most 191 characters\. Pass --name NAME/],
      // The file reader refuses it, where it is (templateFile.ts).
      [['--template-file', path.join(dir, 'blank.runpod.json')], /blank\.runpod\.json: "name" must be a non-empty string/],
      [['--template-id', long.id], new RegExp(`the name from template ${long.id}: At most 191 characters\\. Pass --name NAME`)],
    ],
    padded: path.join(dir, 'padded.runpod.json'),
  };
}
