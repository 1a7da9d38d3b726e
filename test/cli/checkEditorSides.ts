/**
 * Both sides of the differential check-vs-editor tests: a fake RunPod API whose secrets have dates
 * (one list for both), `runpod-check check` run in-process on a workspace, and a language server
 * started on it answering `workspace/diagnostic`; each side's findings by file as comparable rows.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Diagnostic, WorkspaceDiagnosticReport, WorkspaceFullDocumentDiagnosticReport } from 'vscode-languageserver/node';
import { checkCommand } from '../../client/src/cli/check/command';
import type { Finding } from '../../client/src/cli/check/findings';
import { createClient, readApiConfig } from '../../client/src/cli/client';
import type { Io } from '../../client/src/cli/io';
import { toSecretMetadata } from '../../client/src/secrets/metadata';
import { oneLine } from '../../server/src/template/displayText';
import type { SecretsChangedParams } from '../../server/src/protocol';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { ensureServerBuilt, spawnServer } from '../protocol/lspClient';
import { fileUri } from '../../server/src/index/uris';
import { startOn, TempWorkspace } from '../protocol/workspace/helpers';
import { apiEnv } from './helpers';
import { accountKeyVariable } from '../../client/src/auth/accountNames';

const DAY = 24 * 60 * 60 * 1000;

/** The account's secrets and the age of each value in days: far from the tests' rotation policies (7 or 90 days), so both clocks give the same verdict. */
export const SECRETS: [name: string, ageDays: number][] = [
  ['hf-token', 120],
  ['openai-key', 30],
  ['db_password_dev', 3],
  ['db_password_prod', 200],
  ['db_password', 3],
];

/** One side's findings: [line, column, endLine, endColumn (1-based, UTF-16), severity, code, message] by workspace-relative path, sorted. */
export type Row = [line: number, column: number, endLine: number, endColumn: number, severity: string, code: string, message: string];
export type Findings = Record<string, Row[]>;

/** The same configuration for both: the editor's `runpod` section and check's flags. */
export interface SideSettings {
  editor: unknown;
  cli: string[];
  /**
   * The secret list: the API's, with dates (default); `file`: its names only, as --secrets-file
   * gives them and as the editor holds a list without dates; `none`: no key, no list.
   */
  list?: 'api' | 'file' | 'none';
  /**
   * The active account's name (with the API list only): the editor's list says it is that
   * account's, check runs with RUNPOD_ACCOUNT and that account's key variable.
   */
  active?: string;
  /**
   * The workspace folders (the editor's, one server for all) and check's working directories (a
   * run in each), below the files' root; default the root. Paths are compared relative to the root.
   */
  folders?: string[];
}

const SEVERITY_NAMES = ['', 'error', 'warning', 'information', 'hint'];

// The CLI prints each message on one line (findings.ts toFindings: oneLine, runs of spaces
// collapsed): an intended difference of the medium, applied to the editor's messages too. And the
// other-account note's "what to do" is the surface's own (accounts.ts otherAccountMessage): the
// editor's command there, --account here.
const printed = (message: string): string =>
  oneLine(message)
    .replace(/ {2,}/g, ' ')
    .replace(/(?:Switch to|Add account) (\S+) \(RunPod: (?:Switch|Add) Account\.\.\.\)/, 'Run with --account $1');

function editorRow(d: Diagnostic): Row {
  const r = d.range;
  return [r.start.line + 1, r.start.character + 1, r.end.line + 1, r.end.character + 1, SEVERITY_NAMES[d.severity ?? 1]!, String(d.code), printed(typeof d.message === 'string' ? d.message : d.message.value)];
}

function cliRow(f: Finding): Row {
  return [f.line, f.column, f.endLine, f.endColumn, f.severity, f.code, f.message];
}

function byFile(pairs: [string, Row][]): Findings {
  const out: Findings = {};
  for (const [file, row] of pairs) (out[file] ??= []).push(row);
  for (const rows of Object.values(out)) rows.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return out;
}

async function runCheck(args: string[], cwd: string, env: Record<string, string>): Promise<Finding[]> {
  let stdout = '';
  const io: Io = {
    env,
    cwd,
    stdout: (t) => void (stdout += t),
    stderr: () => undefined,
    stdinIsTTY: false,
    readStdin: () => Promise.resolve({ bytes: new Uint8Array(0), truncated: false }),
    prompt: () => Promise.reject(new Error('no prompt in a test')),
  };
  await checkCommand(['--format', 'json', ...args], io);
  return JSON.parse(stdout) as Finding[];
}

/** Registers the hooks that build the server and start the fake API with {@link SECRETS}; returns the comparison. */
export function useBothSides(): (files: Record<string, string | Uint8Array>, settings: SideSettings) => Promise<{ editor: Findings; cli: Findings }> {
  let fake: FakeRunpod;
  let clock = Date.now();
  let catalog: SecretsChangedParams;
  // The next case's server, started while this one runs: a server's start (Node and the bundle
  // loading) was most of a case's time, and a run of 40 cases passed 120 s on a loaded machine.
  let spare: ReturnType<typeof spawnServer> | undefined;
  beforeAll(async () => {
    ensureServerBuilt();
    spare = spawnServer();
    fake = await startFakeRunpod({ now: () => clock });
    // Each secret made (and its value last set) that many days ago, by the fake's clock.
    const real = Date.now();
    for (const [name, age] of SECRETS) {
      clock = real - age * DAY;
      fake.addSecret({ name, value: `v-${name}` });
    }
    clock = real;
    // The list the extension would send the server: the one check fetches.
    const client = createClient(readApiConfig(apiEnv(fake)));
    try {
      catalog = { state: 'fresh', secrets: (await client.listSecrets()).map(toSecretMetadata), fetchedAt: new Date().toISOString() };
    } finally {
      await client.close();
    }
  });
  afterAll(async () => {
    spare?.kill('SIGKILL'); // never initialized: nothing to shut down
    await fake?.close();
  });
  const takeSpare = () => {
    const taken = spare ?? spawnServer();
    spare = spawnServer();
    return taken;
  };
  return async (files, settings) => {
    const ws = new TempWorkspace();
    for (const [rel, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(ws.path(rel)), { recursive: true });
      fs.writeFileSync(ws.path(rel), content);
    }
    const list = settings.list ?? 'api';
    const names = `${catalog.secrets.map((s) => s.name).join('\n')}\n`;
    const secrets: SecretsChangedParams =
      list === 'api' ? { ...catalog, ...(settings.active ? { account: settings.active, accounts: [settings.active] } : {}) } : list === 'file' ? { state: 'fresh', secrets: catalog.secrets.map((s) => ({ name: s.name, description: null })) } : { state: 'unknown', secrets: [] };
    // The list file is outside the workspace: the server would index it otherwise (a .env name is not needed, but no chance taken).
    const listFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'runpod-list-')), 'names.txt');
    fs.writeFileSync(listFile, names);
    const roots = (settings.folders ?? ['']).map((f) => path.join(ws.root, f));
    for (const root of roots) fs.mkdirSync(root, { recursive: true });
    const server = await startOn(
      roots.map((root) => ({ uri: fileUri(root) }) as TempWorkspace),
      { initializationOptions: { secrets }, configuration: () => settings.editor, process: takeSpare() },
    );
    try {
      const report: WorkspaceDiagnosticReport = await server.workspaceDiagnostics();
      const full = report.items.filter((i): i is WorkspaceFullDocumentDiagnosticReport => i.kind === 'full');
      const editor = byFile(full.flatMap((r) => r.items.map((d) => [decodeURIComponent(r.uri.slice(ws.uri.length + 1)), editorRow(d)] as [string, Row])));
      const base = { PATH: process.env['PATH'] ?? '', HOME: path.dirname(listFile) };
      const { RUNPOD_API_KEY: key, ...api } = apiEnv(fake);
      const env = list !== 'api' ? base : settings.active ? { ...base, ...api, RUNPOD_ACCOUNT: settings.active, [accountKeyVariable(settings.active)]: key! } : { ...base, ...apiEnv(fake) };
      const args = list === 'file' ? [...settings.cli, '--secrets-file', listFile] : settings.cli;
      const found: [string, Row][] = [];
      for (const root of roots) {
        const below = path.relative(ws.root, root).split(path.sep).join('/');
        for (const f of await runCheck(args, root, env)) found.push([below ? `${below}/${f.file}` : f.file, cliRow(f)]);
      }
      const cli = byFile(found);
      return { editor, cli };
    } finally {
      await server.stop();
      ws.dispose();
      fs.rmSync(path.dirname(listFile), { recursive: true, force: true });
    }
  };
}

/** The default settings on both sides, rotation off: what most examples need. */
export const DEFAULTS: SideSettings = { editor: { secrets: { rotationDays: 0 } }, cli: [] };
