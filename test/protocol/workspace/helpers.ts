/**
 * A temporary workspace folder on disk for the workspace index's protocol tests, and a server
 * started on it with the capabilities VS Code's client sends (file watching by dynamic
 * registration, workspace edits with document changes and change annotations, prepare rename).
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { FileChangeType, type ClientCapabilities, type TextDocumentEdit, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import { fileUri } from '../../../server/src/index/uris';
import { applyEdits, LspClient, PULL_CAPABILITIES, type StartOptions } from '../lspClient';
import { WAIT_BOUND_MS } from '../../helpers/until';

export const INDEX_CAPABILITIES: ClientCapabilities = {
  ...PULL_CAPABILITIES,
  textDocument: { ...PULL_CAPABILITIES.textDocument, rename: { prepareSupport: true } },
  workspace: {
    ...PULL_CAPABILITIES.workspace,
    workspaceFolders: true,
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    workspaceEdit: { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } },
  },
};

export class TempWorkspace {
  readonly root: string;

  constructor(files: Record<string, string> = {}) {
    // The real path: the server reports paths as the file system names them (tmpdir may be a link).
    this.root = realpathSync(mkdtempSync(join(tmpdir(), 'runpod-index-')));
    for (const [rel, text] of Object.entries(files)) this.write(rel, text);
  }

  get uri(): string {
    return fileUri(this.root);
  }

  path(rel: string): string {
    return join(this.root, rel);
  }

  uriOf(rel: string): string {
    return fileUri(this.path(rel));
  }

  write(rel: string, text: string): string {
    mkdirSync(dirname(this.path(rel)), { recursive: true });
    writeFileSync(this.path(rel), text);
    return this.uriOf(rel);
  }

  remove(rel: string): void {
    unlinkSync(this.path(rel));
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Starts a server on `workspace` and waits until its first index is complete. */
export async function startOn(workspace: TempWorkspace | TempWorkspace[], options: StartOptions = {}): Promise<LspClient> {
  const folders = (Array.isArray(workspace) ? workspace : [workspace]).map((w) => w.uri);
  const client = await LspClient.start({ capabilities: INDEX_CAPABILITIES, workspaceFolders: folders, ...options });
  await waitForIndex(client);
  return client;
}

/** A workspace on disk and a server indexing it, made before the tests of a suite (or each test) and removed after. */
export interface IndexedWorkspace {
  readonly ws: TempWorkspace;
  readonly client: LspClient;
}

/** Registers the hooks that start a server on a new workspace of `files`; `each`: a fresh one per test. */
export function useIndexedWorkspace(files: Record<string, string>, options: StartOptions = {}, each = false): IndexedWorkspace {
  let ws: TempWorkspace | undefined;
  let client: LspClient | undefined;
  (each ? beforeEach : beforeAll)(async () => {
    ws = new TempWorkspace(files);
    client = await startOn(ws, options);
  });
  (each ? afterEach : afterAll)(async () => {
    await client?.stop();
    ws?.dispose();
  });
  return {
    get ws() {
      return ws!;
    },
    get client() {
      return client!;
    },
  };
}

interface Usages {
  usages: Record<string, { files: number; references: number; locations?: { uri: string; range: unknown; key?: string; substituted: string }[] }>;
  complete: boolean;
  gap?: string;
  readInPart?: true;
}

/** `runpod/secretUsages`. */
export function usages(client: LspClient, params: unknown = {}): Promise<Usages> {
  return client.request('runpod/secretUsages', params) as Promise<Usages>;
}

/** Waits until `runpod/secretUsages` says the index is complete (every file indexed: one read in part counts, its counts then said incomplete). */
export async function waitForIndex(client: LspClient): Promise<void> {
  let complete = false;
  for (let i = 0; i < 150 && !complete; i++) {
    const answer = await usages(client);
    complete = answer.complete || (answer.gap === undefined && answer.readInPart === true);
    if (!complete) await new Promise((r) => setTimeout(r, 100));
  }
  if (!complete) throw new Error('the index never became complete');
}

/** Polls `check` until it holds (the server applies watched-file events asynchronously); `ms` only names a hang (lspClient.ts waitFor). */
export async function eventually(check: () => Promise<boolean>, what: string, ms = WAIT_BOUND_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const CREATED = FileChangeType.Created;
export const CHANGED = FileChangeType.Changed;
export const DELETED = FileChangeType.Deleted;

/** The text edits of a workspace edit, per URI (documentChanges or changes). */
export function editsByUri(edit: WorkspaceEdit): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  for (const change of (edit.documentChanges ?? []) as TextDocumentEdit[]) out.set(change.textDocument.uri, [...(out.get(change.textDocument.uri) ?? []), ...(change.edits as TextEdit[])]);
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) out.set(uri, [...(out.get(uri) ?? []), ...edits]);
  return out;
}

/** Applies a workspace edit to files on disk (as the editor would for files it has not open), returning the new texts. */
export function applyToDisk(workspace: TempWorkspace, edit: WorkspaceEdit, read: (path: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [uri, edits] of editsByUri(edit)) {
    const rel = decodeURIComponent(uri.slice(workspace.uri.length + 1));
    const text = applyEdits(read(workspace.path(rel)), edits);
    writeFileSync(workspace.path(rel), text);
    out.set(rel, text);
  }
  return out;
}
