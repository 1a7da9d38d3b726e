/**
 * A client that answers `workspace/configuration` with an error (a window reloading): the index's
 * walk asks again rather than taking the defaults silently (lsp/settings.ts forFolder). Failing
 * once, the retry's answer is used: the folder's `runpod.files` count. Failing always, the folder
 * is walked by the defaults and the index says so (the gap `settings`), never "complete".
 */
import { describe, expect, it } from 'vitest';
import { FRESH } from '../fixtures';
import { LspClient } from '../lspClient';
import { INDEX_CAPABILITIES, TempWorkspace, usages } from './helpers';

/** A server for `ws` whose client fails its first `failures` configuration requests, then answers `settings`. */
async function startFailing(ws: TempWorkspace, failures: number, settings: object): Promise<LspClient> {
  let left = failures;
  return LspClient.start({
    capabilities: INDEX_CAPABILITIES,
    workspaceFolders: [ws.uri],
    initializationOptions: { secrets: FRESH },
    configuration: () => {
      if (left-- > 0) throw new Error('reloading');
      return settings;
    },
  });
}

/** The usages of `name` once the first walk ended (the gap no longer `indexing`). */
async function afterWalk(client: LspClient, name: string) {
  let answer = await usages(client, { names: [name] });
  for (let i = 0; i < 150 && answer.gap === 'indexing'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    answer = await usages(client, { names: [name] });
  }
  return { files: answer.usages[name]?.files ?? 0, gap: answer.gap, complete: answer.complete };
}

describe('workspace/configuration answered with an error', () => {
  const files = { 'deploy/pod.json': '{ "env": { "C": "{{ RUNPOD_SECRET_custom }}" } }' };

  it('once: the retry asks again, and the folder is walked by its own runpod.files', async () => {
    const ws = new TempWorkspace(files);
    const client = await startFailing(ws, 1, { files: ['**/deploy/*.json'] });
    try {
      expect(await afterWalk(client, 'custom')).toEqual({ files: 1, gap: undefined, complete: true });
    } finally {
      await client.stop();
      ws.dispose();
    }
  }, 30_000);

  it('always: walked by the defaults, and the index says its settings could not be read', async () => {
    const ws = new TempWorkspace(files);
    const client = await startFailing(ws, Infinity, { files: ['**/deploy/*.json'] });
    try {
      expect(await afterWalk(client, 'custom')).toEqual({ files: 0, gap: 'settings', complete: false });
    } finally {
      await client.stop();
      ws.dispose();
    }
  }, 30_000);
});
