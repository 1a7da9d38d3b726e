/**
 * A file reached through a symbolic link inside the workspace folder (`linked-trainer -> trainer`, a
 * link to a file) is not a second file of the index: opened (Quick Open lists it), closed, or named
 * by a file watching event, it is not counted, listed by references, workspace symbols or workspace
 * diagnostics, nor edited by rename (the real file is, once). Opened, it still gets its own
 * diagnostics as any open document. A workspace folder opened through a link is indexed as usual.
 */
import { mkdtempSync, realpathSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WorkspaceDiagnosticReport, WorkspaceFullDocumentDiagnosticReport } from 'vscode-languageserver/node';
import { fileUri } from '../../../server/src/index/uris';
import { FRESH } from '../fixtures';
import type { LspClient } from '../lspClient';
import { CHANGED, CREATED, DELETED, editsByUri, startOn, TempWorkspace, usages } from './helpers';

const TRAIN = 'WANDB={{ RUNPOD_SECRET_wandb-key }}\nHF={{ RUNPOD_SECRET_hf-tokn }}\n';
const FILES = {
  'trainer/train.dev.runpod.env': TRAIN,
  'serve/serve.runpod.env': 'WANDB={{ RUNPOD_SECRET_wandb-key }}\n',
  'pod.runpod.json': '{ "env": { "WANDB": "{{ RUNPOD_SECRET_wandb-key }}" } }\n',
};
const REAL = 'trainer/train.dev.runpod.env';
const THROUGH_FOLDER = 'linked-trainer/train.dev.runpod.env';
const THROUGH_FILE = 'twin.runpod.env';

function full(report: WorkspaceDiagnosticReport): WorkspaceFullDocumentDiagnosticReport[] {
  return report.items.filter((i): i is WorkspaceFullDocumentDiagnosticReport => i.kind === 'full');
}

describe('a file reached through a symbolic link inside the workspace folder', () => {
  let ws: TempWorkspace;
  let client: LspClient;
  const files = async (): Promise<number> => (await usages(client, { names: ['wandb-key'] })).usages['wandb-key']?.files ?? 0;
  const located = async (): Promise<string[]> => (await usages(client, { names: ['wandb-key'], withLocations: true })).usages['wandb-key']!.locations!.map((l) => l.uri).sort();
  const everyFile = [REAL, 'serve/serve.runpod.env', 'pod.runpod.json'];

  beforeEach(async () => {
    ws = new TempWorkspace(FILES);
    symlinkSync('trainer', ws.path('linked-trainer')); // relative, as `ln -s trainer linked-trainer` makes it
    symlinkSync(ws.path(REAL), ws.path(THROUGH_FILE));
    client = await startOn(ws, { initializationOptions: { secrets: FRESH } });
  });
  afterEach(async () => {
    await client.stop();
    ws.dispose();
  });

  it('the walk counts the real file once', async () => {
    expect(await files()).toBe(3);
  });

  for (const through of [THROUGH_FOLDER, THROUGH_FILE]) {
    it(`opened as ${through}: counted once, listed once by references and symbols, renamed once through the real file`, async () => {
      const uri = ws.uriOf(through);
      await client.open(uri, 'runpod-env', TRAIN);
      expect(await files()).toBe(3);
      expect(await located()).toEqual(everyFile.map((f) => ws.uriOf(f)).sort());

      const references = (await client.references(uri, TRAIN.indexOf('wandb-key')))!;
      expect(references.map((l) => l.uri).sort()).toEqual(everyFile.map((f) => ws.uriOf(f)).sort());

      const symbols = (await client.workspaceSymbols('WANDB')) as { location: { uri: string } }[];
      // The key WANDB and the secret wandb-key, in each file.
      expect(symbols.map((s) => s.location.uri).sort()).toEqual(everyFile.flatMap((f) => [ws.uriOf(f), ws.uriOf(f)]).sort());

      const edit = (await client.rename(uri, TRAIN.indexOf('wandb-key'), 'wandb-token'))!;
      const byUri = editsByUri(edit);
      expect([...byUri.keys()].sort()).toEqual(everyFile.map((f) => ws.uriOf(f)).sort());
      expect(byUri.get(ws.uriOf(REAL))).toHaveLength(1);
    });

    it(`opened as ${through}: it gets its own diagnostics; workspace diagnostics list the real file, not the path through the link, also once it is closed`, async () => {
      const uri = ws.uriOf(through);
      await client.open(uri, 'runpod-env', TRAIN);
      expect((await client.diagnostics(uri)).map((d) => [d.code, d.range.start.line])).toEqual([
        ['unknown-secret', 0],
        ['unknown-secret', 1],
      ]);
      const listed = (): Promise<string[]> => client.workspaceDiagnostics().then((r) => full(r).map((i) => i.uri).sort());
      // Each file's unknown `wandb-key`: every real file is listed, the path through the link is not.
      expect(await listed()).toEqual(everyFile.map((f) => ws.uriOf(f)).sort());

      await client.close(uri);
      expect(await files()).toBe(3);
      expect(await listed()).toEqual(everyFile.map((f) => ws.uriOf(f)).sort());
    });
  }

  it('a file watching event for a path through the link (the target changed) changes nothing; the real path\'s event is taken', async () => {
    await client.watchedFiles([
      { uri: ws.uriOf(THROUGH_FOLDER), type: CHANGED },
      { uri: ws.uriOf(THROUGH_FOLDER), type: CREATED },
      { uri: ws.uriOf(THROUGH_FILE), type: CHANGED },
      { uri: ws.uriOf('linked-trainer'), type: CREATED },
    ]);
    expect(await files()).toBe(3);
    expect(await located()).toEqual(everyFile.map((f) => ws.uriOf(f)).sort());

    ws.write(THROUGH_FOLDER, 'WANDB={{ RUNPOD_SECRET_wandb-key-2 }}\n');
    await client.watchedFiles([
      { uri: ws.uriOf(THROUGH_FOLDER), type: CHANGED },
      { uri: ws.uriOf(THROUGH_FILE), type: CHANGED },
      { uri: ws.uriOf(REAL), type: CHANGED },
    ]);
    const result = await usages(client, { names: ['wandb-key', 'wandb-key-2'] });
    expect([result.usages['wandb-key']?.files, result.usages['wandb-key-2']?.files]).toEqual([2, 1]);
  });

  it('a folder replaced by a link: the deletion events take its files out (the rule never keeps a deletion from the index)', async () => {
    const elsewhere = new TempWorkspace({});
    try {
      renameSync(ws.path('trainer'), join(elsewhere.root, 'trainer'));
      symlinkSync(join(elsewhere.root, 'trainer'), ws.path('trainer'));
      // One event for the deleted folder (as VS Code sends it), whose path is now the link.
      await client.watchedFiles([
        { uri: ws.uriOf('trainer'), type: DELETED },
        { uri: ws.uriOf('trainer'), type: CREATED },
      ]);
      expect(await files()).toBe(2);
    } finally {
      elsewhere.dispose();
    }
  });

  it('a document open while its folder is replaced by a link: closing it does not read the disk through the link', async () => {
    await client.open(ws.uriOf(REAL), 'runpod-env', TRAIN);
    expect(await files()).toBe(3);
    const elsewhere = new TempWorkspace({ 'trainer/train.dev.runpod.env': TRAIN });
    try {
      rmSync(ws.path('trainer'), { recursive: true });
      symlinkSync(join(elsewhere.root, 'trainer'), ws.path('trainer'));
      await client.close(ws.uriOf(REAL));
      expect(await files()).toBe(2);
    } finally {
      elsewhere.dispose();
    }
  });

  it('a link that loops on itself is neither followed nor a cause of failure', async () => {
    symlinkSync('loop', ws.path('loop'));
    await client.watchedFiles([{ uri: ws.uriOf('loop/x.runpod.env'), type: CREATED }]);
    const uri = ws.uriOf('loop/y.runpod.env');
    await client.open(uri, 'runpod-env', TRAIN);
    expect(await files()).toBe(3);
    expect((await client.diagnostics(uri)).map((d) => d.code)).toEqual(['unknown-secret', 'unknown-secret']);
  });
});

describe('a workspace folder opened through a symbolic link (`~/proj` a link)', () => {
  let ws: TempWorkspace;
  let linkDir: string;
  let client: LspClient;

  beforeAll(async () => {
    ws = new TempWorkspace(FILES);
    linkDir = realpathSync(mkdtempSync(join(tmpdir(), 'runpod-link-')));
    symlinkSync(ws.root, join(linkDir, 'proj'));
    const root = fileUri(join(linkDir, 'proj'));
    client = await startOn(ws, { initializationOptions: { secrets: FRESH }, workspaceFolders: [root] });
  });
  afterAll(async () => {
    await client.stop();
    ws.dispose();
    rmSync(linkDir, { recursive: true, force: true });
  });

  it('is walked, and a file opened under it is the index entry of that file (counted once)', async () => {
    const through = (rel: string): string => fileUri(join(linkDir, 'proj', rel));
    expect((await usages(client, { names: ['wandb-key'] })).usages['wandb-key']?.files).toBe(3);
    await client.open(through(REAL), 'runpod-env', TRAIN.replace('wandb-key', 'wandb-key-2'));
    const result = await usages(client, { names: ['wandb-key', 'wandb-key-2'] });
    expect(result.usages['wandb-key']?.files).toBe(2);
    expect(result.usages['wandb-key-2']?.files).toBe(1);
  });
});
