/**
 * Files `runpod.environments` declares are RunPod files whatever their names, in the language server
 * as in the command line and Compare Environments (environments/files.ts declaredOrNamedKind): the
 * workspace index reads them (Problems for an unopened file, references, usage counts), file
 * watching follows them, an open one is served, and a change of the setting walks again. The same
 * names undeclared stay out.
 */
import { symlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { WorkspaceDiagnosticReport, WorkspaceFullDocumentDiagnosticReport } from 'vscode-languageserver/node';
import { FRESH } from '../fixtures';
import { fileUri } from '../../../server/src/index/uris';
import { LspClient } from '../lspClient';
import { CHANGED, CREATED, eventually, INDEX_CAPABILITIES, startOn, TempWorkspace, usages, useIndexedWorkspace, waitForIndex } from './helpers';

const TYPO = 'HF_TOKEN={{ RUNPOD_SECRET_hf-tokn }}\nDB={{ RUNPOD_SECRET_db_password }}\n';
const POD = '{ "env": { "HF": "{{ RUNPOD_SECRET_hf-token }}", "DB": "{{ RUNPOD_SECRET_db_password }}" } }\n';
const FILES = {
  'deploy/prod-vars.txt': TYPO,
  'envs/dev.vars.jsonc': '{ "env": { "HF_TOKEN": "{{ RUNPOD_SECRET_hf-token }}", /* dev */ "DB": "{{ RUNPOD_SECRET_db_password }}" } }\n',
  // The same names, declared by no environment: no RunPod files.
  'other/prod-vars.txt': TYPO,
  'other/dev.vars.jsonc': '{ "env": { "HF_TOKEN": "{{ RUNPOD_SECRET_hf-token }}" } }\n',
  'pod.runpod.json': POD,
};
const ENVIRONMENTS = { prod: ['deploy/*.txt', 'deploy/*.toml'], dev: { files: ['envs/*.vars.jsonc'] } };

function full(report: WorkspaceDiagnosticReport): WorkspaceFullDocumentDiagnosticReport[] {
  return report.items.filter((i): i is WorkspaceFullDocumentDiagnosticReport => i.kind === 'full');
}

describe('files declared by runpod.environments, whatever their names', () => {
  const session = useIndexedWorkspace(FILES, { initializationOptions: { secrets: FRESH }, configuration: () => ({ environments: ENVIRONMENTS }) });
  const files = async (name: string): Promise<number> => (await usages(session.client, { names: [name] })).usages[name]?.files ?? 0;

  it('an unopened declared file with a typo is listed in workspace/diagnostic; the same file undeclared is not', async () => {
    const { ws, client } = session;
    const byUri = new Map(full(await client.workspaceDiagnostics()).map((r) => [r.uri, r.items]));
    expect(byUri.get(ws.uriOf('deploy/prod-vars.txt'))?.map((d) => [d.code, d.range.start.line])).toEqual([['unknown-secret', 0]]);
    expect(byUri.has(ws.uriOf('other/prod-vars.txt'))).toBe(false);
  });

  it('references and usage counts include the declared files (env lines and JSON with comments), not the undeclared ones', async () => {
    const { ws, client } = session;
    const uri = ws.uriOf('pod.runpod.json');
    await client.open(uri, 'json', POD);
    try {
      const locations = (await client.references(uri, POD.indexOf('db_password')))!;
      expect(new Set(locations.map((l) => l.uri))).toEqual(new Set([uri, ws.uriOf('deploy/prod-vars.txt'), ws.uriOf('envs/dev.vars.jsonc')]));
      expect(await files('db_password')).toBe(3);
      expect(await files('hf-token')).toBe(2);
    } finally {
      await client.close(uri);
    }
  });

  it('the server watches the declared globs, and follows a declared file changed or created on disk; an undeclared one is not read', async () => {
    const { ws, client } = session;
    const [registration] = client.watcherRegistrations as { watchers: { globPattern: unknown; kind: number }[] }[];
    // Relative to the workspace folder (LSP 3.17 RelativePattern), as the globs are documented.
    expect(registration!.watchers).toEqual(
      expect.arrayContaining([
        { globPattern: { baseUri: ws.uri, pattern: '**/deploy/*.txt' }, kind: 2 },
        { globPattern: { baseUri: ws.uri, pattern: '**/envs/*.vars.jsonc' }, kind: 2 },
      ]),
    );
    const fixed = ws.write('deploy/prod-vars.txt', TYPO.replace('hf-tokn', 'hf-token'));
    await client.watchedFiles([{ uri: fixed, type: CHANGED }]);
    expect(await files('hf-token')).toBe(3);
    expect(full(await client.workspaceDiagnostics()).some((r) => r.uri === fixed && r.items.length > 0)).toBe(false);
    const created = ws.write('deploy/extra.txt', 'X={{ RUNPOD_SECRET_watched }}\n');
    const undeclared = ws.write('other/extra.txt', 'X={{ RUNPOD_SECRET_watched }}\n');
    // Declared, but a link out of the workspace: never read (the index opens no link).
    const outside = new TempWorkspace({ 'secret.txt': 'X={{ RUNPOD_SECRET_watched }}\n' });
    symlinkSync(outside.path('secret.txt'), ws.path('deploy/link.txt'));
    try {
      await client.watchedFiles([
        { uri: created, type: CREATED },
        { uri: undeclared, type: CREATED },
        { uri: ws.uriOf('deploy/link.txt'), type: CREATED },
      ]);
      expect(await files('watched')).toBe(1);
    } finally {
      outside.dispose();
    }
  });

  it('an open declared file is served (read by its extension, whatever its language); an open undeclared one is not', async () => {
    const { ws, client } = session;
    const declared = ws.uriOf('envs/typo.vars.jsonc');
    const text = '{ "env": { "DB": "{{ RUNPOD_SECRET_db_pasword }}" } }\n';
    await client.open(declared, 'plaintext', text);
    const undeclared = ws.uriOf('other/prod-vars.txt');
    await client.open(undeclared, 'plaintext', TYPO);
    try {
      expect((await client.diagnostics(declared)).map((d) => [d.code, d.range.start.line])).toEqual([['unknown-secret', 0]]);
      expect(await client.diagnostics(undeclared)).toEqual([]);
      // The open text is what the index holds (the file is not even on disk).
      await eventually(async () => (await files('db_pasword')) === 1, 'the open declared file in the index');
    } finally {
      await client.close(declared);
      await client.close(undeclared);
    }
  });

  it('an open declared TOML file is read as runpod.toml (as runpod.files reads one), not as env lines', async () => {
    const { ws, client } = session;
    const uri = ws.uriOf('deploy/app.toml');
    await client.open(uri, 'plaintext', '[project]\nname = "app"\n\n[project.env_vars]\nDB = "{{ RUNPOD_SECRET_db_pasword }}"\n');
    try {
      expect((await client.diagnostics(uri)).map((d) => [d.code, d.range.start.line])).toEqual([['unknown-secret', 4]]);
    } finally {
      await client.close(uri);
    }
  });
});

describe('a change of runpod.environments', () => {
  it('walks again: a file declared now is indexed, and leaves when the declaration goes', async () => {
    const ws = new TempWorkspace({ 'deploy/prod-vars.txt': 'X={{ RUNPOD_SECRET_declared }}\n' });
    let environments: unknown = {};
    const client = await startOn(ws, { initializationOptions: { secrets: FRESH }, configuration: () => ({ environments }) });
    const files = async (): Promise<number> => (await usages(client, { names: ['declared'] })).usages['declared']?.files ?? 0;
    try {
      expect(await files()).toBe(0);
      environments = { prod: ['deploy/prod-vars.txt'] };
      await client.configurationChanged();
      await eventually(async () => (await files()) === 1, 'the declared file in the index');
      const registrations = client.watcherRegistrations as { watchers: { globPattern: { baseUri?: string; pattern?: string } }[] }[];
      await client.waitFor(() => registrations.some((r) => r.watchers.some((w) => w.globPattern.baseUri === ws.uri && w.globPattern.pattern === '**/deploy/prod-vars.txt')), 'a watcher for the declared file');
      environments = {};
      await client.configurationChanged();
      await eventually(async () => (await files()) === 0, 'the file out of the index');
    } finally {
      await client.stop();
      ws.dispose();
    }
  });
});

describe('declared globs are relative to the workspace folder', () => {
  // The workspace folder sits under a parent named like the glob's first segment: a glob matched
  // against the absolute path (or anchored anywhere in it) took every file of the workspace.
  const FOLDER = 'deploy/app';
  const files = async (client: Awaited<ReturnType<typeof startOn>>, name: string): Promise<number> => (await usages(client, { names: [name] })).usages[name]?.files ?? 0;

  it('indexes and serves only the files below the declared folder inside the workspace, and watches the globs relative to it', async () => {
    const ws = new TempWorkspace({
      [`${FOLDER}/main.py`]: 'X = "{{ RUNPOD_SECRET_outside }}"\n',
      [`${FOLDER}/package.json`]: '{ "x": "{{ RUNPOD_SECRET_outside }}" }\n',
      [`${FOLDER}/deploy/prod-vars.txt`]: 'X={{ RUNPOD_SECRET_inside }}\n',
    });
    const folder = fileUri(ws.path(FOLDER));
    const client = await LspClient.start({ capabilities: INDEX_CAPABILITIES, workspaceFolders: [folder], initializationOptions: { secrets: FRESH }, configuration: () => ({ environments: { prod: ['deploy/**'] } }) });
    try {
      await waitForIndex(client);
      expect(await files(client, 'inside')).toBe(1);
      expect(await files(client, 'outside')).toBe(0);
      const main = ws.uriOf(`${FOLDER}/main.py`);
      await client.open(main, 'python', 'X = "{{ RUNPOD_SECRET_outsde }}"\n');
      const declared = ws.uriOf(`${FOLDER}/deploy/prod-vars.txt`);
      await client.open(declared, 'plaintext', 'X={{ RUNPOD_SECRET_insde }}\n');
      expect(await client.diagnostics(main)).toEqual([]);
      expect((await client.diagnostics(declared)).map((d) => d.code)).toEqual(['unknown-secret']);
      const [registration] = client.watcherRegistrations as { watchers: { globPattern: unknown; kind: number }[] }[];
      const patterns = registration!.watchers.map((w) => w.globPattern);
      expect(patterns).toContainEqual({ baseUri: folder, pattern: '**/deploy/**' });
      expect(patterns).not.toContain('**/deploy/**');
    } finally {
      await client.stop();
      ws.dispose();
    }
  });

  it('a client without relative patterns watches the glob anywhere, and the folder\'s rule still judges each file', async () => {
    const ws = new TempWorkspace({ [`${FOLDER}/main.py`]: 'X = "{{ RUNPOD_SECRET_outside }}"\n' });
    const capabilities = { ...INDEX_CAPABILITIES, workspace: { ...INDEX_CAPABILITIES.workspace, didChangeWatchedFiles: { dynamicRegistration: true } } };
    const client = await LspClient.start({ capabilities, workspaceFolders: [fileUri(ws.path(FOLDER))], initializationOptions: { secrets: FRESH }, configuration: () => ({ environments: { prod: ['deploy/**'] } }) });
    try {
      await waitForIndex(client);
      const [registration] = client.watcherRegistrations as { watchers: { globPattern: unknown }[] }[];
      expect(registration!.watchers.map((w) => w.globPattern)).toContain('**/deploy/**');
      const changed = ws.write(`${FOLDER}/main.py`, 'X = "{{ RUNPOD_SECRET_outside }}"\nY = 1\n');
      const declared = ws.write(`${FOLDER}/deploy/vars.txt`, 'X={{ RUNPOD_SECRET_inside }}\n');
      await client.watchedFiles([{ uri: changed, type: CHANGED }, { uri: declared, type: CREATED }]);
      await eventually(async () => (await files(client, 'inside')) === 1, 'the declared file created');
      expect(await files(client, 'outside')).toBe(0);
    } finally {
      await client.stop();
      ws.dispose();
    }
  });
});
