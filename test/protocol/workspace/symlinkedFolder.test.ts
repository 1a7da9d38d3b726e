/**
 * A file reached through a symbolic link inside the workspace folder (`linked-trainer -> trainer`, a
 * link to a file) is not a second file of the index: opened (Quick Open lists it), closed, or named
 * by a file watching event, it is not counted, listed by references, workspace symbols or workspace
 * diagnostics. Opened, it still gets its own diagnostics as any open document, and a rename edits
 * it (its tab, with its text and version) in place of the real path, which VS Code has no document
 * for: an edit there would write the disk under the tab, which would not reload. A workspace folder
 * opened through a link is indexed as usual.
 */
import { linkSync, mkdtempSync, realpathSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TextDocumentEdit, WorkspaceDiagnosticReport, WorkspaceEdit, WorkspaceFullDocumentDiagnosticReport } from 'vscode-languageserver/node';
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

/** Each edited document's version in a workspace edit (null: a file on disk), by URI; a document edited twice fails. */
function versions(edit: WorkspaceEdit): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const change of edit.documentChanges as TextDocumentEdit[]) {
    expect(out.has(change.textDocument.uri), `${change.textDocument.uri} edited twice`).toBe(false);
    out.set(change.textDocument.uri, change.textDocument.version);
  }
  return out;
}

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
    it(`opened as ${through}: counted once, listed once by references and symbols, F2 there edits the tab once, not the real path`, async () => {
      const uri = ws.uriOf(through);
      await client.open(uri, 'runpod-env', TRAIN);
      expect(await files()).toBe(3);
      expect(await located()).toEqual(everyFile.map((f) => ws.uriOf(f)).sort());

      const references = (await client.references(uri, TRAIN.indexOf('wandb-key')))!;
      expect(references.map((l) => l.uri).sort()).toEqual(everyFile.map((f) => ws.uriOf(f)).sort());

      const symbols = (await client.workspaceSymbols('WANDB')) as { location: { uri: string } }[];
      // The key WANDB and the secret wandb-key, in each file.
      expect(symbols.map((s) => s.location.uri).sort()).toEqual(everyFile.flatMap((f) => [ws.uriOf(f), ws.uriOf(f)]).sort());

      await client.change(uri, 0, 0, '# edited in the tab\n');
      const edit = (await client.rename(uri, TRAIN.indexOf('wandb-key') + '# edited in the tab\n'.length, 'wandb-token'))!;
      // The tab the user pressed F2 in is edited, with its version and text; the real path is not
      // (VS Code would write the disk under the tab, which would not reload, and a save would undo it).
      expect(versions(edit)).toEqual(new Map([...everyFile.filter((f) => f !== REAL).map((f) => [ws.uriOf(f), null] as const), [uri, 2]]));
      expect(editsByUri(edit).get(uri)!.map((e) => e.range.start.line)).toEqual([1]);
      // F2's follow-up judges the same reach: the tab stands for the file, which is covered whole.
      expect(await client.request('runpod/renameLeftOut', { textDocument: { uri }, position: client.doc(uri).positionAt(TRAIN.indexOf('wandb-key') + 20) })).toEqual({ leftOut: [] });
    });

    it(`opened as ${through} beside the real file: each tab is edited once with its own version, the disk not at all`, async () => {
      const uri = ws.uriOf(through);
      await client.open(uri, 'runpod-env', TRAIN);
      await client.open(ws.uriOf(REAL), 'runpod-env', TRAIN);
      await client.change(ws.uriOf(REAL), 0, 0, '\n');
      const expected = new Map([...everyFile.filter((f) => f !== REAL).map((f) => [ws.uriOf(f), null] as const), [ws.uriOf(REAL), 2], [uri, 1]]);
      for (const edit of [
        (await client.rename(uri, TRAIN.indexOf('wandb-key'), 'wandb-token'))!,
        (await client.rename(ws.uriOf(REAL), TRAIN.indexOf('wandb-key') + 1, 'wandb-token'))!,
        (await client.request('runpod/renameSecret', { from: 'wandb-key', to: 'wandb-token' })) as WorkspaceEdit,
      ]) {
        expect(versions(edit)).toEqual(expected);
        const byUri = editsByUri(edit);
        expect(byUri.get(uri)!.map((e) => e.range.start.line)).toEqual([0]);
        expect(byUri.get(ws.uriOf(REAL))!.map((e) => e.range.start.line)).toEqual([1]);
      }
    });

    it(`opened as ${through}: runpod/renameSecret edits the tab, not the real path`, async () => {
      const uri = ws.uriOf(through);
      await client.open(uri, 'runpod-env', TRAIN);
      const edit = (await client.request('runpod/renameSecret', { from: 'wandb-key', to: 'wandb-token' })) as WorkspaceEdit;
      expect(versions(edit)).toEqual(new Map([...everyFile.filter((f) => f !== REAL).map((f) => [ws.uriOf(f), null] as const), [uri, 1]]));
    });

    it(`opened as ${through}: it gets its own diagnostics; workspace diagnostics list the real file, not the path through the link, also once it is closed`, async () => {
      const uri = ws.uriOf(through);
      await client.open(uri, 'runpod-env', TRAIN);
      expect((await client.diagnostics(uri)).map((d) => [d.code, d.range.start.line])).toEqual([
        ['unknown-secret', 0],
        ['unknown-secret', 1],
      ]);
      let last: WorkspaceFullDocumentDiagnosticReport[] = [];
      const listed = async (): Promise<string[]> => {
        last = full(await client.workspaceDiagnostics());
        return last.filter((i) => i.items.length > 0).map((i) => i.uri).sort();
      };
      // Each file's unknown `wandb-key`: every real file is listed, the path through the link is not.
      expect(await listed()).toEqual(everyFile.map((f) => ws.uriOf(f)).sort());

      await client.close(uri);
      expect(await files()).toBe(3);
      expect(await listed()).toEqual(everyFile.map((f) => ws.uriOf(f)).sort());
      // The closed tab's problems, which VS Code keeps under the link's path, are cleared once.
      expect(last.filter((i) => i.uri === uri).map((i) => i.items.length)).toEqual([0]);
    });
  }

  it('a link to a file outside the workspace, opened: F2 there edits the tab by its own text (no file of the index stands for it)', async () => {
    const outside = new TempWorkspace({ 'far.runpod.env': 'X=1\nW={{ RUNPOD_SECRET_wandb-key }}\n' });
    try {
      symlinkSync(outside.path('far.runpod.env'), ws.path('far.runpod.env'));
      const uri = ws.uriOf('far.runpod.env');
      const text = 'W={{ RUNPOD_SECRET_wandb-key }}\n';
      await client.open(uri, 'runpod-env', text);
      const edit = (await client.rename(uri, text.indexOf('wandb-key'), 'wandb-token'))!;
      expect(versions(edit)).toEqual(new Map([...everyFile.map((f) => [ws.uriOf(f), null] as const), [uri, 1]]));
      expect(editsByUri(edit).get(uri)!.map((e) => e.range.start.line)).toEqual([0]);
      expect(await files()).toBe(3);
    } finally {
      outside.dispose();
    }
  });

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

/**
 * The workspace with `linked-trainer -> trainer` inside and `proj` a link to it elsewhere, served
 * for the describe it is called in with the workspace folders `folders` names (the link's URI given).
 */
function linkedProject(folders: (ws: TempWorkspace, proj: string) => string[]): { ws: TempWorkspace; linkDir: string; client: LspClient } {
  const project = {} as { ws: TempWorkspace; linkDir: string; client: LspClient };
  beforeAll(async () => {
    project.ws = new TempWorkspace(FILES);
    project.linkDir = realpathSync(mkdtempSync(join(tmpdir(), 'runpod-link-')));
    symlinkSync(project.ws.root, join(project.linkDir, 'proj'));
    symlinkSync('trainer', project.ws.path('linked-trainer'));
    const workspaceFolders = folders(project.ws, fileUri(join(project.linkDir, 'proj')));
    project.client = await startOn(project.ws, { initializationOptions: { secrets: FRESH }, workspaceFolders });
  });
  afterAll(async () => {
    await project.client.stop();
    project.ws.dispose();
    rmSync(project.linkDir, { recursive: true, force: true });
  });
  return project;
}

describe('a workspace folder opened through a symbolic link (`~/proj` a link)', () => {
  const project = linkedProject((_, proj) => [proj]);

  it('is walked, and a file opened under it is the index entry of that file (counted once)', async () => {
    const { linkDir, client } = project;
    const through = (rel: string): string => fileUri(join(linkDir, 'proj', rel));
    expect((await usages(client, { names: ['wandb-key'] })).usages['wandb-key']?.files).toBe(3);
    await client.open(through(REAL), 'runpod-env', TRAIN.replace('wandb-key', 'wandb-key-2'));
    const result = await usages(client, { names: ['wandb-key', 'wandb-key-2'] });
    expect(result.usages['wandb-key']?.files).toBe(2);
    expect(result.usages['wandb-key-2']?.files).toBe(1);
    await client.close(through(REAL));
  });

  it('F2 in a tab through a link inside it edits the tab, not the real path (written under the folder as it was opened)', async () => {
    const { linkDir, client } = project;
    const through = (rel: string): string => fileUri(join(linkDir, 'proj', rel));
    await client.open(through(THROUGH_FOLDER), 'runpod-env', TRAIN);
    const edit = (await client.rename(through(THROUGH_FOLDER), TRAIN.indexOf('wandb-key'), 'wandb-token'))!;
    const edited = (edit.documentChanges as TextDocumentEdit[]).map((c) => [c.textDocument.uri, c.textDocument.version]);
    expect(edited.sort()).toEqual([[through(THROUGH_FOLDER), 1], [through('pod.runpod.json'), null], [through('serve/serve.runpod.env'), null]].sort());
    await client.close(through(THROUGH_FOLDER));
  });
});

describe('a workspace folder opened twice (once through a link), with a tab open through a third link', () => {
  const project = linkedProject((ws, proj) => [ws.uri, proj]);

  it('F2 in the tab edits it once (the file has two index entries, both standing for it): VS Code refuses overlapping edits', async () => {
    const { ws, client } = project;
    const uri = ws.uriOf(THROUGH_FOLDER);
    await client.open(uri, 'runpod-env', TRAIN);
    const edit = (await client.rename(uri, TRAIN.indexOf('wandb-key'), 'wandb-token'))!;
    expect(versions(edit).get(uri)).toBe(1);
    expect(editsByUri(edit).get(uri)!.map((e) => e.range.start.line)).toEqual([0]);
    const left = (await client.request('runpod/renameLeftOut', { textDocument: { uri }, position: client.doc(uri).positionAt(TRAIN.indexOf('wandb-key')) })) as { leftOut: unknown[]; notWhole?: unknown[] };
    expect(left).toEqual({ leftOut: [] });
    await client.close(uri);
  });

  /** The files an edit writes, as the disk knows them (real paths), one per document change. */
  const realFiles = (edit: WorkspaceEdit): string[] => (edit.documentChanges as TextDocumentEdit[]).map((c) => realpathSync(fileURLToPath(c.textDocument.uri))).sort();

  it('a rename with nothing open edits each file once on disk, though the index holds it under both folders', async () => {
    const { ws, client } = project;
    const edit = (await client.request('runpod/renameSecret', { from: 'wandb-key', to: 'wandb-token' })) as WorkspaceEdit;
    expect(realFiles(edit)).toEqual(everyReal(ws));
  });

  it('F2 in a tab of one folder edits the tab, and not the same file on disk under the other folder', async () => {
    const { ws, client } = project;
    const uri = ws.uriOf(REAL);
    await client.open(uri, 'runpod-env', TRAIN);
    await client.change(uri, 0, 0, '\n');
    const edit = (await client.rename(uri, TRAIN.indexOf('wandb-key') + 1, 'wandb-token'))!;
    expect(realFiles(edit)).toEqual(everyReal(ws));
    expect(versions(edit).get(uri)).toBe(2);
    await client.close(uri);
  });
});

/** The real paths of the files referencing wandb-key, sorted. */
function everyReal(ws: TempWorkspace): string[] {
  return [REAL, 'serve/serve.runpod.env', 'pod.runpod.json'].map((f) => realpathSync(ws.path(f))).sort();
}

describe('a workspace folder opened twice (once through a link), where the first folder says the file is another account\'s', () => {
  let ws: TempWorkspace;
  let linkDir: string;
  let client: LspClient;
  beforeAll(async () => {
    ws = new TempWorkspace(FILES);
    linkDir = realpathSync(mkdtempSync(join(tmpdir(), 'runpod-link-')));
    symlinkSync(ws.root, join(linkDir, 'proj'));
    symlinkSync('trainer', ws.path('linked-trainer'));
    const proj = fileUri(join(linkDir, 'proj'));
    // Folder A declares trainer/ as prod's (account Prod); A', the same files through the link, declares nothing.
    const environments = { prod: { files: ['trainer/*.runpod.env'], account: 'Prod' } };
    client = await startOn(ws, {
      initializationOptions: { secrets: { ...FRESH, account: 'dev' } },
      workspaceFolders: [ws.uri, proj],
      configuration: (scope) => (scope === ws.uri ? { environments } : null),
    });
  });
  afterAll(async () => {
    await client.stop();
    ws.dispose();
    rmSync(linkDir, { recursive: true, force: true });
  });
  const real = (edit: WorkspaceEdit): string[] => (edit.documentChanges as TextDocumentEdit[]).map((c) => realpathSync(fileURLToPath(c.textDocument.uri))).sort();
  const others = (): string[] => ['serve/serve.runpod.env', 'pod.runpod.json'].map((f) => realpathSync(ws.path(f))).sort();

  it('a rename leaves the file out under both paths, and says so once', async () => {
    const answer = (await client.request('runpod/renameSecret', { from: 'wandb-key', to: 'wandb-token' })) as WorkspaceEdit & { leftOut?: { uri: string }[] };
    expect(real(answer)).toEqual(others());
    expect(answer.leftOut!.map((l) => l.uri)).toEqual([ws.uriOf(REAL)]);
  });

  it('its tab open under the first folder (left out): the same file is not edited on disk under the other', async () => {
    const uri = ws.uriOf(REAL);
    await client.open(uri, 'runpod-env', TRAIN);
    const answer = (await client.request('runpod/renameSecret', { from: 'wandb-key', to: 'wandb-token' })) as WorkspaceEdit & { leftOut?: { uri: string }[] };
    expect(real(answer)).toEqual(others());
    expect(answer.leftOut!.map((l) => l.uri)).toEqual([uri]);
    await client.close(uri);
  });

  it('its tab open under the other folder (which declares nothing): F2 there is refused as in the first, naming the path that makes it Prod\'s', async () => {
    // The rename would leave the file out under both paths, the tab included: F2 must not look as if it renamed it.
    for (const uri of [fileUri(join(linkDir, 'proj', REAL)), fileUri(join(linkDir, 'proj', 'linked-trainer/train.dev.runpod.env'))]) {
      await client.open(uri, 'runpod-env', TRAIN);
      const why = new RegExp(`for account Prod, and dev is active\\. Switch to Prod.*${ws.path(REAL).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
      await expect(client.prepareRename(uri, TRAIN.indexOf('wandb-key'))).rejects.toThrow(why);
      await expect(client.rename(uri, TRAIN.indexOf('wandb-key'), 'wandb-token')).rejects.toThrow(why);
      await client.close(uri);
    }
  });
});

describe('two hard links to one file', () => {
  // A hard link is a second path that only the device and inode tell (links.ts): the index keeps it as
  // another file, and a rename edits it under each path (README). Telling them costs a stat per file,
  // and the tests' 20,000-file workspaces are hard links of one file (distinct files take 5-20 times as long to make).
  it('a rename edits the file under each of its paths, on disk', async () => {
    const ws = new TempWorkspace({ 'a.runpod.env': TRAIN });
    linkSync(ws.path('a.runpod.env'), ws.path('b.runpod.env'));
    const client = await startOn(ws, { initializationOptions: { secrets: FRESH } });
    try {
      const edit = (await client.request('runpod/renameSecret', { from: 'wandb-key', to: 'wandb-token' })) as WorkspaceEdit;
      expect(versions(edit)).toEqual(new Map([[ws.uriOf('a.runpod.env'), null], [ws.uriOf('b.runpod.env'), null]]));
    } finally {
      await client.stop();
      ws.dispose();
    }
  });
});
