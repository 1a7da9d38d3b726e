/**
 * A workspace folder URI with an empty path segment (`file:///home//ws`, or `%2F` for a slash: a
 * hand-written editor configuration joins a root and a path that both carry the `/`) names the same
 * folder as the plain URI, as the file system reads it. Its files are the files the editor opens by
 * their plain URIs: one index entry each, so usage counts are not doubled and a rename edits each
 * file once (two edits of one file under two URIs would apply twice to the same text).
 */
import { describe, expect, it } from 'vitest';
import { FRESH } from '../fixtures';
import { LspClient } from '../lspClient';
import { INDEX_CAPABILITIES, TempWorkspace, editsByUri, usages, waitForIndex } from './helpers';

const TEXT = 'A={{ RUNPOD_SECRET_hf-token }}\n';

describe('a workspace folder URI with a doubled slash', () => {
  it.each([
    ['a doubled slash', (uri: string) => uri.replace(/\/([^/]+)$/, '//$1')],
    ['an encoded slash', (uri: string) => uri.replace(/\/([^/]+)$/, '/%2F$1')],
  ])('%s: each file is indexed once, and a rename edits it once', async (_name, spell) => {
    const ws = new TempWorkspace({ 'a.runpod.env': TEXT, 'sub/b.runpod.env': TEXT });
    // The folder and its subfolder, as a multi-root window may hold both, the inner one spelled oddly.
    const client = await LspClient.start({ capabilities: INDEX_CAPABILITIES, workspaceFolders: [ws.uri, spell(ws.uriOf('sub'))], initializationOptions: { secrets: FRESH } });
    try {
      await waitForIndex(client);
      await client.open(ws.uriOf('sub/b.runpod.env'), 'runpod-env', TEXT);
      expect((await usages(client, { names: ['hf-token'] })).usages['hf-token']).toMatchObject({ files: 2, references: 2 });
      const edit = (await client.request('runpod/renameSecret', { from: 'hf-token', to: 'hf-token2' })) as Parameters<typeof editsByUri>[0];
      expect([...editsByUri(edit).keys()].sort()).toEqual([ws.uriOf('a.runpod.env'), ws.uriOf('sub/b.runpod.env')]);
    } finally {
      await client.stop();
      ws.dispose();
    }
  });
});
