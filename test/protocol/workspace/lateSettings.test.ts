/**
 * Settings the editor answers only after the server's deadline (lsp/settings.ts): requests were
 * served by the defaults meanwhile, so once the answer comes the index walks again and the file
 * watchers follow the real `runpod.files`, or edits on disk to a file only they name never reach the index.
 */
import { describe, expect, it } from 'vitest';
import { FRESH } from '../fixtures';
import { LspClient } from '../lspClient';
import { CHANGED, INDEX_CAPABILITIES, TempWorkspace, usages, waitForIndex } from './helpers';

/** The glob patterns of the watchers the server registered last (the ones in effect). */
function lastWatchedGlobs(client: LspClient): string[] {
  const last = client.watcherRegistrations.at(-1) as { watchers: { globPattern: unknown }[] } | undefined;
  return (last?.watchers ?? []).map((w) => (typeof w.globPattern === 'string' ? w.globPattern : JSON.stringify(w.globPattern)));
}

/** The walks the server finished: each says how many files it indexed. */
function walks(client: LspClient): number {
  return client.logs.filter((l) => /indexed \d+ RunPod files? in/.test(l)).length;
}

/** A server for `ws` whose editor answers workspace/configuration with `settings` only once the test calls `answer`. */
async function startAnsweringLate(ws: TempWorkspace, settings: object): Promise<{ client: LspClient; answer: () => void }> {
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  const client = await LspClient.start({
    capabilities: INDEX_CAPABILITIES,
    workspaceFolders: [ws.uri],
    initializationOptions: { secrets: FRESH },
    configuration: async () => {
      await answered;
      return settings;
    },
  });
  return { client, answer };
}

describe('settings answered after the deadline', () => {
  it("watches the late settings' runpod.files, and an edit on disk to such a file reaches the usages", async () => {
    const ws = new TempWorkspace({ 'deploy/pod.json': '{ "env": { "C": "{{ RUNPOD_SECRET_late }}" } }' });
    const { client, answer } = await startAnsweringLate(ws, { files: ['**/deploy/*.json'] });
    const count = async (name: string): Promise<number> => (await usages(client, { names: [name] })).usages[name]?.files ?? 0;
    try {
      // The server's deadline (10 s) passes first: it says so, and watches by the defaults.
      await client.waitFor(() => client.logs.some((l) => l.includes('has not answered workspace/configuration')), 'the configuration deadline', 30_000);
      await client.waitFor(() => walks(client) === 1, 'the walk by the default settings', 10_000);
      answer();
      await client.waitFor(() => lastWatchedGlobs(client).includes('**/deploy/*.json'), "watchers by the late settings' runpod.files", 10_000);
      // The walk by the late settings follows once the other late answers had their moment (server.ts LATE_ANSWERS_SETTLE_MS).
      await client.waitFor(() => walks(client) === 2, 'the walk by the late settings', 10_000);
      await waitForIndex(client);
      expect(await count('late')).toBe(1);
      ws.write('deploy/pod.json', '{ "env": { "C": "{{ RUNPOD_SECRET_edited }}" } }');
      await client.watchedFiles([{ uri: ws.uriOf('deploy/pod.json'), type: CHANGED }]);
      expect(await count('late')).toBe(0);
      expect(await count('edited')).toBe(1);
    } finally {
      await client.stop();
      ws.dispose();
    }
  }, 60_000);

  it('several late answers close together walk the index once', async () => {
    const ws = new TempWorkspace({ 'pod.json': '{ "env": { "C": "{{ RUNPOD_SECRET_a }}" } }' });
    const { client, answer } = await startAnsweringLate(ws, {});
    try {
      // Two reads wait past the deadline: the folder's (the first walk goes on by the defaults) and an open document's (its symbols).
      const uri = ws.uriOf('pod.json');
      await client.open(uri, 'json', '{ "env": { "C": "{{ RUNPOD_SECRET_a }}" } }');
      await client.symbols(uri);
      await client.waitFor(() => walks(client) === 1, 'the walk by the default settings', 30_000);
      const registered = client.watcherRegistrations.length;
      answer();
      await client.waitFor(() => walks(client) >= 2, 'the walk by the late settings', 10_000);
      await waitForIndex(client);
      expect(client.configurationRequests).toBe(2);
      // One walk and one registration of the watchers for both answers (each answer used to restart the walk and register again).
      expect(walks(client)).toBe(2);
      expect(client.watcherRegistrations.length).toBe(registered + 1);
    } finally {
      await client.stop();
      ws.dispose();
    }
  }, 60_000);
});
