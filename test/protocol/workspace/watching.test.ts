/**
 * Keeping the index current from `workspace/didChangeWatchedFiles`: the server registers the
 * watchers itself; files created, changed and deleted, a folder deleted or moved in (one event for
 * the folder), and a `.gitignore` edited, each change the answers.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRESH } from '../fixtures';
import type { LspClient } from '../lspClient';
import { CHANGED, CREATED, DELETED, eventually, startOn, TempWorkspace, usages } from './helpers';

describe('file watching', () => {
  let ws: TempWorkspace;
  let client: LspClient;
  const count = async (name: string): Promise<number> => (await usages(client, { names: [name] })).usages[name]?.files ?? 0;

  beforeAll(async () => {
    ws = new TempWorkspace({ 'a.runpod.env': 'A={{ RUNPOD_SECRET_watched }}\n', 'deep/er/b.runpod.env': 'B={{ RUNPOD_SECRET_watched }}\n' });
    client = await startOn(ws, { initializationOptions: { secrets: FRESH }, configuration: () => ({ files: ['**/*.runpod.json', '**/deploy/*.json'] }) });
  });
  afterAll(async () => {
    await client.stop();
    ws.dispose();
  });

  it('registers watchers for the RunPod files of the settings, .gitignore files, and every creation and deletion', () => {
    const [registration] = client.watcherRegistrations as { watchers: { globPattern: string; kind: number }[] }[];
    const globs = registration!.watchers.map((w) => `${w.globPattern} ${w.kind}`);
    expect(globs).toEqual(expect.arrayContaining(['**/*.runpod.env 2', '**/.env 2', '**/deploy/*.json 2', '**/.gitignore 2', '**/* 5']));
  });

  it('a file created, changed and deleted', async () => {
    expect(await count('watched')).toBe(2);
    const uri = ws.write('c.runpod.json', '{ "env": { "C": "{{ RUNPOD_SECRET_watched }}" } }');
    await client.watchedFiles([{ uri, type: CREATED }]);
    expect(await count('watched')).toBe(3);
    ws.write('c.runpod.json', '{ "env": { "C": "{{ RUNPOD_SECRET_other }}" } }');
    await client.watchedFiles([{ uri, type: CHANGED }]);
    expect(await count('watched')).toBe(2);
    expect(await count('other')).toBe(1);
    ws.remove('c.runpod.json');
    await client.watchedFiles([{ uri, type: DELETED }]);
    expect(await count('other')).toBe(0);
  });

  it('a file only a setting makes a RunPod file (runpod.files) is followed too; other files are not read', async () => {
    const uri = ws.write('deploy/pod.json', '{ "env": { "C": "{{ RUNPOD_SECRET_watched }}" } }');
    const ignored = ws.write('other/pod.json', '{ "env": { "C": "{{ RUNPOD_SECRET_watched }}" } }');
    await client.watchedFiles([
      { uri, type: CREATED },
      { uri: ignored, type: CREATED },
    ]);
    expect(await count('watched')).toBe(3);
    ws.remove('deploy/pod.json');
    await client.watchedFiles([{ uri, type: DELETED }]);
  });

  it('a folder deleted: its files leave the index with the one event for the folder', async () => {
    rmSync(ws.path('deep'), { recursive: true });
    await client.watchedFiles([{ uri: ws.uriOf('deep'), type: DELETED }]);
    expect(await count('watched')).toBe(1);
  });

  it('a folder moved in: its files are found with the one event for the folder', async () => {
    const outside = new TempWorkspace({ 'moved/x.runpod.env': 'X={{ RUNPOD_SECRET_watched }}\n', 'moved/y/.env': 'Y={{ RUNPOD_SECRET_watched }}\n' });
    try {
      renameSync(outside.path('moved'), ws.path('moved'));
      await client.watchedFiles([{ uri: ws.uriOf('moved'), type: CREATED }]);
      await eventually(async () => (await count('watched')) === 3, 'the moved files in the index');
    } finally {
      outside.dispose();
    }
  });

  it('a .gitignore edited: a folder it now ignores leaves the index, and comes back when the line goes', async () => {
    const gitignore = ws.write('.gitignore', 'moved/\n');
    await client.watchedFiles([{ uri: gitignore, type: CREATED }]);
    await eventually(async () => (await count('watched')) === 1, 'the ignored folder out of the index');
    writeFileSync(join(ws.root, '.gitignore'), '# nothing ignored\n');
    await client.watchedFiles([{ uri: gitignore, type: CHANGED }]);
    await eventually(async () => (await count('watched')) === 3, 'the folder back in the index');
  });

  it('a .gitignore written inside a skipped folder (a tool in node_modules, a new .venv) walks nothing again', async () => {
    const walks = () => client.logs.filter((l) => /indexed [\d,]+ RunPod file/.test(l)).length;
    const before = walks();
    mkdirSync(ws.path('node_modules/tool'), { recursive: true });
    const ignored = ws.write('node_modules/tool/.gitignore', '*\n');
    await client.watchedFiles([{ uri: ignored, type: CREATED }]);
    // A walk that follows a .gitignore event logs its line; a later event in a walked folder proves this one was handled.
    const probe = ws.write('probe.runpod.env', 'P={{ RUNPOD_SECRET_probe }}\n');
    await client.watchedFiles([{ uri: probe, type: CREATED }]);
    await eventually(async () => (await count('probe')) === 1, 'the probe in the index');
    expect(walks()).toBe(before);
  });

  it('an event for a file in a skipped folder or outside every workspace folder reads nothing', async () => {
    mkdirSync(ws.path('node_modules/pkg'), { recursive: true });
    const uri = ws.write('node_modules/pkg/z.runpod.env', 'Z={{ RUNPOD_SECRET_watched }}\n');
    const elsewhere = new TempWorkspace({ 'w.runpod.env': 'W={{ RUNPOD_SECRET_watched }}\n' });
    try {
      await client.watchedFiles([
        { uri, type: CREATED },
        { uri: elsewhere.uriOf('w.runpod.env'), type: CREATED },
      ]);
      expect(await count('watched')).toBe(3);
    } finally {
      elsewhere.dispose();
    }
  });

  it('a batch with malformed events: those are left out, the well-formed ones around them are taken', async () => {
    const first = ws.write('batch/first.runpod.env', 'F={{ RUNPOD_SECRET_batched }}\n');
    const last = ws.write('batch/last.runpod.env', 'L={{ RUNPOD_SECRET_batched }}\n');
    const before = client.logs.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: first, type: CREATED }, null, 5, 'x', { uri: 5, type: CREATED }, { type: CREATED }, { uri: last, type: CREATED }],
    });
    expect(await count('batched')).toBe(2);
    // Nor does a notification without a list of changes fail.
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', null);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: 'x' });
    expect(await count('batched')).toBe(2);
    expect(client.logs.slice(before).filter((l) => /failed/.test(l))).toEqual([]);
  });
});

describe('the workspace folder itself deleted and created again', () => {
  it('(a clone or checkout made afresh in its place): its files come back into the index', async () => {
    const ws = new TempWorkspace({ 'a.runpod.env': 'A={{ RUNPOD_SECRET_recreated }}\n', 'sub/b.runpod.env': 'B={{ RUNPOD_SECRET_recreated }}\n' });
    const client = await startOn(ws, { initializationOptions: { secrets: FRESH } });
    const count = async (): Promise<number> => (await usages(client, { names: ['recreated'] })).usages['recreated']?.files ?? 0;
    try {
      expect(await count()).toBe(2);
      rmSync(ws.root, { recursive: true });
      await client.watchedFiles([{ uri: ws.uri, type: DELETED }]);
      expect(await count()).toBe(0);
      ws.write('a.runpod.env', 'A={{ RUNPOD_SECRET_recreated }}\n');
      ws.write('sub/b.runpod.env', 'B={{ RUNPOD_SECRET_recreated }}\n');
      await client.watchedFiles([{ uri: ws.uri, type: CREATED }]);
      await eventually(async () => (await count()) === 2, 'the files of the folder created again in the index');
    } finally {
      await client.stop();
      ws.dispose();
    }
  });
});
