/**
 * A document URI no file can have: a client (buggy or hostile) opens a RunPod file whose URI runs to
 * megabytes of folders. The index counted every parent folder of the path, one map key each (5
 * million keys, 800 MB, and a server that stopped answering for minutes). No file system has such a
 * path, so the server serves no such document, and goes on serving the others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver/node';
import { FRESH, uri } from './fixtures';
import { LspClient, ensureServerBuilt } from './lspClient';
import { CHANGED, DELETED, eventually, INDEX_CAPABILITIES, startOn, TempWorkspace, usages } from './workspace/helpers';

describe('a document whose URI is longer than any path', () => {
  let client: LspClient;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ initializationOptions: { secrets: FRESH } });
  });
  afterAll(() => client.stop());

  it('is not served (no analysis, no index entry), and the other documents are served as before', async () => {
    const long = `${uri('')}${'a/'.repeat(5_000_000)}x.runpod.env`;
    const text = 'A={{ RUNPOD_SECRET_hf-tokn }}\n';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: long, languageId: 'runpod-env', version: 1, text } });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: long, version: 2 }, contentChanges: [{ text: `B=1\n${text}` }] });
    expect(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: long } })).toEqual([]);
    expect(await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: long } })).toMatchObject({ kind: 'full', items: [] });
    const usages = (await client.request('runpod/secretUsages', {})) as { usages: Record<string, unknown> };
    expect(usages.usages).toEqual({});

    const ok = uri('ok.runpod.env');
    const okText = 'HF={{ RUNPOD_SECRET_hf-token }}';
    await client.open(ok, 'runpod-env', okText);
    const hover = await client.hover(ok, okText.indexOf('hf-token'));
    expect((hover!.contents as MarkupContent).value).toContain('hf-token');
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: long } });
    expect(client.alive).toBe(true);
  }, 120_000);
});

/**
 * The same URI through file watching: a path of a hundred thousand folders made the index look at
 * each folder on the way (a link check per component, quadratic in the path's length: 42 s per
 * event at 200 KB) before anything else ruled the path out, and the server answered nothing
 * meanwhile. No file has such a path (MAX_URI_LENGTH), nor a RunPod file the walk would read more
 * than MAX_WALKED_DEPTH folders down: neither costs more than a glance now.
 */
describe('a watched-file event whose URI is longer than any path', () => {
  let ws: TempWorkspace;
  let client: LspClient;
  beforeAll(async () => {
    ws = new TempWorkspace();
    client = await startOn(ws, { initializationOptions: { secrets: FRESH } });
  });
  afterAll(async () => {
    await client.stop();
    ws.dispose();
  });

  it('is passed over, and the next request is answered', async () => {
    const tooLong = `${ws.uri}/${'a/'.repeat(200_000)}x.runpod.env`;
    // Within MAX_URI_LENGTH but far deeper than the walk goes: the depth rule decides first.
    const deep = `${ws.uri}/${'a/'.repeat(30_000)}y.runpod.env`;
    await client.watchedFiles([
      { uri: tooLong, type: CHANGED },
      { uri: deep, type: CHANGED },
      { uri: deep, type: DELETED },
    ]);
    const ok = ws.write('ok.runpod.env', 'HF={{ RUNPOD_SECRET_hf-token }}');
    const okText = 'HF={{ RUNPOD_SECRET_hf-token }}';
    await client.open(ok, 'runpod-env', okText);
    const hover = await client.hover(ok, okText.indexOf('hf-token'));
    expect((hover!.contents as MarkupContent).value).toContain('hf-token');
    expect(client.alive).toBe(true);
  });
});

/**
 * The same bound for workspace folders, at initialize and when they change: a folder URI of
 * megabytes was walked (a failure, the index never complete, its whole path in the log line) and
 * sent back in every watcher registration and settings request. No folder has such a path.
 */
describe('a workspace folder whose URI is longer than any path', () => {
  const tooLong = (ws: TempWorkspace): string => `${ws.uri}/${'a/'.repeat(200_000)}x`;

  it('is left out at initialize and on a change, with a short log line each time, and the other folders is indexed', async () => {
    const ws = new TempWorkspace({ 'a.runpod.env': 'HF={{ RUNPOD_SECRET_hf-token }}\n' });
    const added = new TempWorkspace({ 'b.runpod.env': 'HF={{ RUNPOD_SECRET_hf-token }}\n' });
    const scopes: (string | undefined)[] = [];
    const client = await LspClient.start({
      capabilities: INDEX_CAPABILITIES,
      workspaceFolders: [tooLong(ws), ws.uri],
      initializationOptions: { secrets: FRESH },
      configuration: (scopeUri) => (scopes.push(scopeUri), null),
    });
    try {
      await eventually(async () => (await usages(client)).complete, 'the index of the folder that has a path');
      expect(await usages(client, { names: ['hf-token'] })).toMatchObject({ usages: { 'hf-token': { files: 1 } }, complete: true });

      const folders = [tooLong(added), ws.uri, added.uri];
      client.connection.onRequest('workspace/workspaceFolders', () => folders.map((uri, i) => ({ uri, name: `f${i}` })));
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: added.uri, name: 'f2' }], removed: [] } });
      await eventually(async () => (await usages(client, { names: ['hf-token'] })).usages['hf-token']?.files === 2, 'the added folder indexed');
      expect((await usages(client)).complete).toBe(true);

      expect(scopes.every((scope) => scope === undefined || scope.length < 1000)).toBe(true);
      expect(JSON.stringify(client.watcherRegistrations).length).toBeLessThan(100_000);
      const lines = client.logs.filter((line) => line.includes('longer than'));
      expect(lines).toHaveLength(2);
      expect(lines.every((line) => line.length < 300)).toBe(true);
      expect(client.logs.every((line) => line.length < 100_000)).toBe(true);
    } finally {
      await client.stop();
      ws.dispose();
      added.dispose();
    }
  }, 120_000);
});
