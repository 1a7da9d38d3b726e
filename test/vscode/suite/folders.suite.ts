/**
 * The folder rules of which files are RunPod files, in the real editor's API rather than the fake
 * `vscode` module: a workspace folder opened at a template's `.runpod` folder (its files matched as
 * `.runpod/<path>`: the server's classification, the real `findFiles` with a `RelativePattern`),
 * nested workspace folders (a file is judged by its innermost folder's `runpod.files`: the real
 * `getWorkspaceFolder`, the selector's `{ baseUri, pattern }` filters, the server's folder choice),
 * and a file `runpod.environments` declares in the pickers' env file list.
 *
 * The pickers' list is read by calling the extension's own `envFilesOf` over `findEnvironments` (client/src/environments/workspaceFiles.ts,
 * bundled into this suite): a quick pick's items cannot be read through the extension API.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type Mocha from 'mocha';
import { DEFAULT_FILE_GLOBS } from '../../../server/src/template/fileKinds';
import { runpodFileKind } from '../../../client/src/runpodFiles';
import { envFilesOf, findEnvironments } from '../../../client/src/environments/workspaceFiles';
import { hoverText, positionAfter, runpodDiagnostics, waitFor, workspaceUri } from './harness';

const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));

/** Opens `uri` in an editor and returns its document. */
async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** Adds `uri` as the last workspace folder and waits until the editor reports it. */
async function addWorkspaceFolder(uri: vscode.Uri): Promise<void> {
  // A flag the wait probes (never a promise it awaits): a change that never comes ends at the wait's deadline, named.
  let added = false;
  const listener = vscode.workspace.onDidChangeWorkspaceFolders((event) => {
    if (event.added.some((f) => f.uri.toString() === uri.toString())) added = true;
  });
  try {
    const start = vscode.workspace.workspaceFolders?.length ?? 0;
    assert.ok(vscode.workspace.updateWorkspaceFolders(start, 0, { uri }), `the editor refused to add ${uri.path} as a workspace folder`);
    await waitFor(`${uri.path} as a workspace folder`, () => added);
  } finally {
    listener.dispose();
  }
}

/** Removes the workspace folder at `uri` (if it is one) and waits until the editor reports it. */
async function removeWorkspaceFolder(uri: vscode.Uri): Promise<void> {
  const index = (vscode.workspace.workspaceFolders ?? []).findIndex((f) => f.uri.toString() === uri.toString());
  if (index < 0) return;
  let removed = false;
  const listener = vscode.workspace.onDidChangeWorkspaceFolders(() => (removed = true));
  try {
    assert.ok(vscode.workspace.updateWorkspaceFolders(index, 1), `the editor refused to remove ${uri.path} from the workspace folders`);
    await waitFor(`${uri.path} removed from the workspace folders`, () => removed);
  } finally {
    listener.dispose();
  }
}

/** A reference to a secret the fake account does not have (`unknown-secret`) and one to `hf-token`, which it has (a hover shows it). */
const TYPO = '{{ RUNPOD_SECRET_vscode_typo }}';
const KNOWN = '{{ RUNPOD_SECRET_hf-token }}';

/** Hover text of the server at the `hf-token` reference in `document` ('' when nothing answers). */
async function hoverOnKnown(document: vscode.TextDocument): Promise<string> {
  const at = positionAfter(document, 'RUNPOD_SECRET_hf-');
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
  return hoverText(hovers ?? []);
}

export function registerFolderTests({ describe, it }: Mocha.MochaGlobals): void {
  describe('workspace folders', () => {
    it("a .runpod folder opened as a workspace folder: its hub.json is checked and its prod.env is in the pickers' env file list", async () => {
      // Beside the sample's copy, not in it: inside, the sample's folder would match its files as
      // `.runpod/...` by itself, and nothing of the `.runpod` folder rule would be tested.
      const template = vscode.Uri.joinPath(workspaceUri('.'), '..', 'folder-tests', 'llama');
      const runpod = vscode.Uri.joinPath(template, '.runpod');
      const hub = vscode.Uri.joinPath(runpod, 'hub.json');
      const prod = vscode.Uri.joinPath(runpod, 'prod.env');
      await write(hub, JSON.stringify({ title: 'Llama', type: 'serverless', config: { env: [{ key: 'DB', value: TYPO }] } }, null, 2) + '\n');
      await write(prod, 'MODEL=llama\n');
      try {
        await addWorkspaceFolder(runpod);
        // Below that folder the file is `hub.json`; matched as `.runpod/hub.json` (fileKinds.ts
        // folderGlobPath) it is a hub file, whose unknown secret is flagged.
        const document = await open(hub);
        await waitFor('unknown-secret in the .runpod folder\'s hub.json', () => runpodDiagnostics(document.uri, 'unknown-secret').some((d) => d.message.includes('vscode_typo')));
        // The real findFiles matches `**/.runpod/*.env` against `prod.env`, which lacks the folder's
        // name: only the search relative to the folder (runpodFolderPatterns) finds it.
        const found = envFilesOf(await findEnvironments()).files.map((uri) => uri.toString());
        assert.ok(found.includes(prod.toString()), `prod.env is not among the env files found: ${found.join(', ')}`);
        assert.equal(runpodFileKind(prod), 'runpod-env');
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await removeWorkspaceFolder(runpod);
        await vscode.workspace.fs.delete(vscode.Uri.joinPath(template, '..'), { recursive: true });
      }
    });

    it("nested workspace folders: a file of the inner folder is judged by the inner folder's runpod.files, not the outer's", async () => {
      const outer = workspaceUri('.');
      const inner = workspaceUri('inner');
      const selected = workspaceUri('inner/conf/a.json'); // the inner folder's glob `conf/*.json`
      const outerOnly = workspaceUri('inner/other/b.json'); // the outer folder's glob `inner/other/*.json`
      const text = `{ "env": {\n  "DB": "${TYPO}",\n  "HF": "${KNOWN}"\n} }\n`;
      await write(selected, text);
      await write(outerOnly, text);
      const hadSettings = await exists(vscode.Uri.joinPath(outer, '.vscode'));
      try {
        await addWorkspaceFolder(inner);
        const folderFiles = (folder: vscode.Uri, globs: string[]) =>
          vscode.workspace.getConfiguration('runpod', folder).update('files', [...DEFAULT_FILE_GLOBS, ...globs], vscode.ConfigurationTarget.WorkspaceFolder);
        await folderFiles(outer, ['inner/other/*.json']);
        await folderFiles(inner, ['conf/*.json']);
        // The real getWorkspaceFolder answers the innermost folder, whose settings decide.
        assert.equal(vscode.workspace.getWorkspaceFolder(outerOnly)?.uri.toString(), inner.toString());
        assert.equal(runpodFileKind(selected), 'runpod-json');
        assert.equal(runpodFileKind(outerOnly), undefined, "the outer folder's glob made a file of the inner folder a RunPod file");

        const a = await open(selected);
        await waitFor("unknown-secret in the file the inner folder's glob selects", () => runpodDiagnostics(a.uri, 'unknown-secret').some((d) => d.message.includes('vscode_typo')));
        await waitFor('the server\'s hover on hf-token in that file', async () => (await hoverOnKnown(a)).includes('hf-token'));
        // The outer folder's relative pattern hands b.json to the server (its selector takes every
        // folder's globs); the server judges it by the inner folder and answers nothing. The hover
        // is a request, so it is answered after the server has the open document.
        const b = await open(outerOnly);
        assert.equal(await hoverOnKnown(b), '', 'the server serves a file only the outer folder\'s glob selects');
        assert.deepEqual(runpodDiagnostics(b.uri, 'unknown-secret'), []);
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        for (const folder of [inner, outer]) await vscode.workspace.getConfiguration('runpod', folder).update('files', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
        await removeWorkspaceFolder(inner);
        await vscode.workspace.fs.delete(inner, { recursive: true });
        if (!hadSettings) await vscode.workspace.fs.delete(vscode.Uri.joinPath(outer, '.vscode'), { recursive: true });
      }
    });

    it("a file runpod.environments declares (deploy/prod-vars.txt) is in the pickers' env file list", async () => {
      const declared = workspaceUri('deploy/prod-vars.txt');
      await write(declared, 'MODEL=llama\n');
      const config = vscode.workspace.getConfiguration('runpod');
      try {
        assert.ok(!envFilesOf(await findEnvironments()).files.some((uri) => uri.toString() === declared.toString()), 'prod-vars.txt is listed before it is declared');
        await config.update('environments', { prod: { files: ['deploy/prod-vars.txt'] } }, vscode.ConfigurationTarget.Workspace);
        const found = envFilesOf(await findEnvironments()).files.map((uri) => uri.toString());
        assert.ok(found.includes(declared.toString()), `the declared file is not among the env files found: ${found.join(', ')}`);
      } finally {
        await config.update('environments', undefined, vscode.ConfigurationTarget.Workspace);
        await vscode.workspace.fs.delete(workspaceUri('deploy'), { recursive: true });
      }
    });
  });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
