/**
 * `runpod.files` globs are workspace-relative (package.json): the language server matches a file's
 * path below its workspace folder, in the index's first walk (its own thread) and later walks (the
 * server's), in file watching and for an open document. The workspace folder here is named like
 * the glob's first segment: matched against the whole path, `templates/*.json` took every JSON
 * file at the top of the folder, where runpod-check run in the folder takes none.
 */
import { describe, expect, it } from 'vitest';
import { fileUri } from '../../../server/src/index/uris';
import { FRESH } from '../fixtures';
import { LspClient } from '../lspClient';
import { CREATED, eventually, INDEX_CAPABILITIES, TempWorkspace, usages, waitForIndex } from './helpers';

const ref = (name: string): string => `{ "env": { "A": "{{ RUNPOD_SECRET_${name} }}" } }\n`;
const GLOBS = ['templates/*.json'];

describe('runpod.files globs match the path below the workspace folder', () => {
  it('a file outside the relative glob is neither indexed, watched nor served; a file inside is', async () => {
    const ws = new TempWorkspace({
      'templates/top.json': ref('at_top'),
      'templates/templates/inner.json': ref('inside'),
      'templates/a/templates/deeper.json': ref('deeper'),
    });
    const folder = fileUri(ws.path('templates'));
    let files: unknown = GLOBS;
    const client = await LspClient.start({
      capabilities: INDEX_CAPABILITIES,
      workspaceFolders: [folder],
      initializationOptions: { secrets: FRESH },
      configuration: () => ({ files }),
    });
    const filesOf = async (name: string): Promise<number> => (await usages(client, { names: [name] })).usages[name]?.files ?? 0;
    try {
      await waitForIndex(client);
      // The first walk (the walk thread, where the machine has two cores or more).
      expect([await filesOf('at_top'), await filesOf('inside'), await filesOf('deeper')]).toEqual([0, 1, 1]);

      // Watched relative to the folder (LSP 3.17 RelativePattern), not anywhere in the whole path.
      const [registration] = client.watcherRegistrations as { watchers: { globPattern: unknown; kind: number }[] }[];
      expect(registration!.watchers).toContainEqual({ globPattern: { baseUri: folder, pattern: '**/templates/*.json' }, kind: 2 });
      expect(registration!.watchers.map((w) => w.globPattern)).not.toContain('**/templates/*.json');

      // A file created at the top stays out; one created in templates/ is read.
      const created = [ws.write('templates/new.json', ref('created_top')), ws.write('templates/templates/new.json', ref('created_inside'))];
      await client.watchedFiles(created.map((uri) => ({ uri, type: CREATED })));
      await eventually(async () => (await filesOf('created_inside')) === 1, 'the created file in templates/ indexed');
      expect(await filesOf('created_top')).toBe(0);

      // Open: the file at the top is not served, the one in templates/ is.
      const top = fileUri(ws.path('templates/top.json'));
      const inner = fileUri(ws.path('templates/templates/inner.json'));
      await client.open(top, 'json', ref('hf-tokn'));
      await client.open(inner, 'json', ref('hf-tokn'));
      expect(await client.diagnostics(top)).toEqual([]);
      expect((await client.diagnostics(inner)).map((d) => d.code)).toEqual(['unknown-secret']);
      expect(await client.hover(top, ref('hf-tokn').indexOf('hf-tokn'))).toBeNull();
      await client.close(top);
      await client.close(inner);

      // A settings change walks again, in the server's own thread: files written with no event
      // are found by that walk, by the same rule.
      ws.write('templates/late.json', ref('late_top'));
      ws.write('templates/templates/late.json', ref('late_inside'));
      files = [...GLOBS, '**/*.none'];
      await client.configurationChanged();
      await eventually(async () => (await filesOf('late_inside')) === 1, 'the second walk found templates/templates/late.json');
      expect([await filesOf('at_top'), await filesOf('late_top'), await filesOf('created_top'), await filesOf('deeper')]).toEqual([0, 0, 0, 1]);
    } finally {
      await client.stop();
      ws.dispose();
    }
  });
});
