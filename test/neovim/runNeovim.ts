/**
 * Runs test/neovim/check.lua in a headless Neovim against the built language server, on a fresh
 * copy of test/neovim/fixture, and returns what the script recorded. Neovim is an independent LSP
 * client (its own JSON-RPC, its own document sync, push diagnostics only), so passing here means
 * the server works outside VS Code.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SERVER_NODE_FLAGS } from '../../server/src/youngGeneration';

export const REPO = resolve(__dirname, '../..');
export const FIXTURE = join(REPO, 'test/neovim/fixture');
const SCRIPT = join(REPO, 'test/neovim/check.lua');
const SERVER = join(REPO, 'dist/server.js');

/** Neovim's own limit (the `timeout` command) and ours around it, in case `timeout` itself hangs. */
const NVIM_TIMEOUT_S = 60;
const HARD_KILL_MS = (NVIM_TIMEOUT_S + 10) * 1000;

/**
 * Throws a clear, actionable error when nvim (0.7 or newer) or the built server is missing, so
 * `npm run test:neovim` fails loudly instead of skipping.
 */
export function requireNeovimAndServer(): string {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'nvim was not found on PATH (or did not run): the Neovim LSP test needs Neovim 0.7+. ' +
        "Install it with 'npm run setup' (scripts/editor/install.sh adds Debian's neovim) or " +
        "'apt-get install --no-install-recommends neovim'." +
        (probe.error ? ` (${probe.error.message})` : ''),
    );
  }
  const version = /NVIM v(\d+)\.(\d+)\.(\d+)/.exec(probe.stdout);
  if (!version || (Number(version[1]) === 0 && Number(version[2]) < 7)) {
    throw new Error(`Neovim 0.7 or newer is needed (vim.lsp.start_client, vim.diagnostic); found: ${probe.stdout.split('\n')[0]}`);
  }
  if (!existsSync(SERVER)) {
    throw new Error(`${SERVER} is missing: run 'npm run build' first ('npm run test:neovim' does).`);
  }
  return probe.stdout.split('\n')[0] ?? '';
}

/** A diagnostic as vim.diagnostic holds it (0-based lines, 0-based byte columns). */
export interface VimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  message: string;
  source?: string;
  code?: string;
}

/** A diagnostic exactly as the server published it (LSP, UTF-16 columns). */
export interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  source?: string;
  code?: string | number;
  severity?: number;
}

export interface TextEdit {
  range: LspDiagnostic['range'];
  newText: string;
}

/** What check.lua writes (see the script for how each part is obtained). */
export interface NeovimReport {
  error?: string;
  steps: string[];
  timings: Record<string, number>;
  total_ms?: number;
  server_exit_code?: number;
  env?: { uri: string; language_id: string; vim: VimDiagnostic[]; lsp?: { version?: number; diagnostics: LspDiagnostic[] } };
  hub?: { uri: string; language_id: string; vim: VimDiagnostic[]; lsp?: { version?: number; diagnostics: LspDiagnostic[] } };
  completion?: {
    line: number;
    character: number;
    typed: string;
    items: { label: string; textEdit?: TextEdit; detail?: string }[];
    applied_line?: string;
    diagnostics_after?: VimDiagnostic[];
  };
  hover?: { line: number; character: number; result: { contents: { kind?: string; value: string } | string; range?: LspDiagnostic['range'] } | null };
}

export interface NeovimRun {
  report: NeovimReport;
  /** The report file's text as written, for checks over everything the server said. */
  raw: string;
  exitCode: number | null;
  stderr: string;
  /** Wall time of the whole nvim process, start to exit. */
  wallMs: number;
}

/** Keeps the last part of a stream: enough to explain a failure, bounded whatever nvim prints. */
function tail(chunks: string[], limit = 8000): string {
  const text = chunks.join('');
  return text.length > limit ? `…${text.slice(-limit)}` : text;
}

/**
 * Runs nvim once. `canary` is passed to the script as a stand-in secret value that the client
 * (wrongly) includes in the secret list; the caller checks it never comes back.
 */
export async function runNeovim(canary: string): Promise<NeovimRun> {
  const root = mkdtempSync(join(tmpdir(), 'runpod-nvim-'));
  try {
    const workspace = join(root, 'workspace');
    cpSync(FIXTURE, workspace, { recursive: true });
    const out = join(root, 'report.json');
    const luaCommand = `lua local ok, e = pcall(dofile, ${JSON.stringify(SCRIPT)}) if not ok then io.stderr:write(e) vim.cmd("cquit 3") end`;
    const started = performance.now();
    // Its own process group (detached), so a hang is ended with nvim's server child too.
    const child = spawn('timeout', ['--kill-after=5', String(NVIM_TIMEOUT_S), 'nvim', '--headless', '--clean', '-n', '-c', luaCommand], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        RUNPOD_NVIM_NODE: process.execPath,
        // Started as the README says any editor starts it: with the server's Node flags.
        RUNPOD_NVIM_NODE_FLAGS: SERVER_NODE_FLAGS.join(' '),
        RUNPOD_NVIM_SERVER: SERVER,
        RUNPOD_NVIM_ROOT: workspace,
        RUNPOD_NVIM_OUT: out,
        RUNPOD_NVIM_CANARY: canary,
        // Neovim's lsp.log and state go to the temporary folder, not the user's home.
        XDG_CACHE_HOME: join(root, 'cache'),
        XDG_STATE_HOME: join(root, 'state'),
        XDG_DATA_HOME: join(root, 'data'),
        XDG_CONFIG_HOME: join(root, 'config'),
      },
    });
    const stderr: string[] = [];
    child.stdout.setEncoding('utf8').on('data', () => undefined);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
    const exitCode = await new Promise<number | null>((resolvePromise, reject) => {
      const killer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, HARD_KILL_MS);
      child.on('error', (error) => {
        clearTimeout(killer);
        reject(error);
      });
      child.on('close', (code) => {
        clearTimeout(killer);
        resolvePromise(code);
      });
    });
    const wallMs = Math.round(performance.now() - started);
    if (!existsSync(out)) {
      throw new Error(`nvim exited with ${exitCode} and wrote no report. stderr:\n${tail(stderr)}`);
    }
    const raw = readFileSync(out, 'utf8');
    return { report: JSON.parse(raw) as NeovimReport, raw, exitCode, stderr: tail(stderr), wallMs };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Applies one LSP text edit to a single line of text (the edit must stay on `line`). */
export function applyOnLine(text: string, line: number, edit: TextEdit): string {
  if (edit.range.start.line !== line || edit.range.end.line !== line) {
    throw new Error(`edit spans lines ${edit.range.start.line}-${edit.range.end.line}, expected only line ${line}`);
  }
  return text.slice(0, edit.range.start.character) + edit.newText + text.slice(edit.range.end.character);
}
