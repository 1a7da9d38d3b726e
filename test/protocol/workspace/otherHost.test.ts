/**
 * A `file:` URI naming another host (`file://server/share/x.runpod.env`, a UNC path on Windows) is
 * no local path: an event or a workspace folder with one reads nothing from this machine's disk
 * (it was read as `/share/x.runpod.env`). `localhost` is this machine.
 */
import { describe, expect, it } from 'vitest';
import { FRESH } from '../fixtures';
import { LspClient, ensureServerBuilt } from '../lspClient';
import { CREATED, INDEX_CAPABILITIES, TempWorkspace, startOn, usages, waitForIndex } from './helpers';

ensureServerBuilt();

const TEXT = 'X={{ RUNPOD_SECRET_hosted }}\n';
const count = async (client: LspClient): Promise<number> => (await usages(client, { names: ['hosted'] })).usages['hosted']?.files ?? 0;

describe('a file URI with a host', () => {
  it('in a watched-file event: another host is not read from the local disk, localhost is', async () => {
    const ws = new TempWorkspace({ 'a.runpod.env': TEXT });
    const client = await startOn(ws, { initializationOptions: { secrets: FRESH } });
    try {
      ws.write('x.runpod.env', TEXT);
      await client.watchedFiles([{ uri: `file://server${ws.root}/x.runpod.env`, type: CREATED }]);
      // Then an event the server does read: once it is in, the one before was handled.
      ws.write('y.runpod.env', 'Y={{ RUNPOD_SECRET_probe }}\n');
      await client.watchedFiles([{ uri: ws.uriOf('y.runpod.env'), type: CREATED }]);
      expect((await usages(client, { names: ['probe'] })).usages['probe']?.files).toBe(1);
      expect(await count(client)).toBe(1);
      await client.watchedFiles([{ uri: `file://localhost${ws.root}/x.runpod.env`, type: CREATED }]);
      expect(await count(client)).toBe(2);
    } finally {
      await client.stop();
      ws.dispose();
    }
  });

  it('as a workspace folder: another host is not walked on the local disk', async () => {
    const local = new TempWorkspace({ 'a.runpod.env': TEXT });
    const remote = new TempWorkspace({ 'b.runpod.env': TEXT, 'sub/c.runpod.env': TEXT });
    const client = await LspClient.start({
      capabilities: INDEX_CAPABILITIES,
      workspaceFolders: [local.uri, `file://server${remote.root}`],
      initializationOptions: { secrets: FRESH },
    });
    try {
      await waitForIndex(client);
      expect(await count(client)).toBe(1);
    } finally {
      await client.stop();
      local.dispose();
      remote.dispose();
    }
  });
});
