/**
 * `workspace/didChangeWorkspaceFolders`: a folder removed while the first walk may still be reading
 * it (thousands of files) leaves the index whole: none of its files is counted or renamed, the walk
 * of the folder kept ends, and the index says it is complete. (No fix was needed: this pins it.)
 */
import { describe, expect, it } from 'vitest';
import type { WorkspaceEdit } from 'vscode-languageserver/node';
import { FRESH } from '../fixtures';
import { ensureServerBuilt, LspClient } from '../lspClient';
import { editsByUri, eventually, INDEX_CAPABILITIES, TempWorkspace, usages } from './helpers';

ensureServerBuilt();
const REF = 'A={{ RUNPOD_SECRET_hf }}\n';

describe('a workspace folder removed during the first walk', () => {
  it('its files leave the index; the folder kept is indexed whole', async () => {
    const kept = new TempWorkspace({ 'a.runpod.env': REF });
    const removed = new TempWorkspace(Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`s${i % 30}/x${i}.runpod.env`, REF])));
    let folders = [removed.uri, kept.uri];
    const client = await LspClient.start({ capabilities: INDEX_CAPABILITIES, workspaceFolders: folders, initializationOptions: { secrets: FRESH } });
    try {
      // The server asks the client for the folders when told they changed.
      client.connection.onRequest('workspace/workspaceFolders', () => folders.map((uri, i) => ({ uri, name: `f${i}` })));
      folders = [kept.uri];
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: removed.uri, name: 'f0' }] } });
      await eventually(async () => (await usages(client)).complete, 'the index of the folder kept');
      expect(await usages(client, { names: ['hf'] })).toEqual({ usages: { hf: { files: 1, references: 1 } }, complete: true });
      const edit = (await client.request('runpod/renameSecret', { from: 'hf', to: 'hf2' })) as WorkspaceEdit;
      expect([...editsByUri(edit).keys()]).toEqual([kept.uriOf('a.runpod.env')]);
    } finally {
      await client.stop();
      kept.dispose();
      removed.dispose();
    }
  });
});
