/**
 * Helpers for tests that run inside the extension host: wait for the editor to reach a state,
 * open the sample workspace's files, and read or change the fake RunPod account over HTTP (a
 * second witness beside the editor; the API never returns values).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Secret } from '../../../client/src/runpod/types';

/** `publisher.name` from package.json. */
export const EXTENSION_ID = 'runpod-tools.runpod-templates';

/**
 * Polls `probe` until it returns something other than undefined/false, then returns it. The
 * timeout is a bound on a hung editor, not a performance assertion: the message says what never
 * happened and the last thing seen.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A file of the test workspace (a fresh copy of sample-workspace/). */
export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test must be started with a workspace folder (a copy of sample-workspace/)');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

/** Opens a workspace file in an editor and returns the editor. */
export async function openWorkspaceFile(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Writes a new workspace file (UTF-8) and opens it. */
export async function createWorkspaceFile(relativePath: string, text: string): Promise<vscode.TextEditor> {
  await vscode.workspace.fs.writeFile(workspaceUri(relativePath), new TextEncoder().encode(text));
  return openWorkspaceFile(relativePath);
}

/** The position just after the first occurrence of `needle` in the document (fails when absent). */
export function positionAfter(document: vscode.TextDocument, needle: string): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `${document.uri.path} does not contain ${JSON.stringify(needle)}`);
  return document.positionAt(offset + needle.length);
}

/** The range of the first occurrence of `needle` in the document. */
export function rangeOf(document: vscode.TextDocument, needle: string): vscode.Range {
  const end = positionAfter(document, needle);
  return new vscode.Range(document.positionAt(document.offsetAt(end) - needle.length), end);
}

/** A diagnostic's code as a string (VS Code gives a string, a number or `{ value, target }`). */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** The RunPod diagnostics of a document with `code`. */
export function runpodDiagnostics(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'runpod' && codeOf(d) === code);
}

/** Plain text of hover contents (markdown or marked strings). */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** The fake RunPod account the editor talks to: the user setting's URL and RUNPOD_API_KEY. */
export const fakeAccount = {
  baseUrl(): string {
    const url = vscode.workspace.getConfiguration('runpod').get<string>('apiUrl');
    assert.ok(url && /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url), `runpod.apiUrl must point at the local fake API (got ${url})`);
    return url.replace(/\/+$/, '');
  },
  async request(method: string, path: string, body?: unknown): Promise<Response> {
    const key = process.env.RUNPOD_API_KEY;
    assert.ok(key, 'RUNPOD_API_KEY must be set in the editor environment (the runner sets it to the fake API key)');
    return fetch(`${this.baseUrl()}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  },
  /** The account's secrets (names and metadata; the API never returns values). */
  async secrets(): Promise<Secret[]> {
    const response = await this.request('GET', '/account/secrets');
    assert.equal(response.status, 200, 'GET /account/secrets on the fake API');
    return ((await response.json()) as { secrets: Secret[] }).secrets;
  },
  async secretNames(): Promise<string[]> {
    return (await this.secrets()).map((s) => s.name).sort();
  },
  /** Creates a secret behind the editor's back (as another client of the account would). */
  async createSecret(name: string, value: string, description?: string): Promise<void> {
    const response = await this.request('POST', '/account/secrets', description ? { name, value, description } : { name, value });
    assert.ok(response.status === 200 || response.status === 201, `POST /account/secrets answered ${response.status}`);
  },
};
