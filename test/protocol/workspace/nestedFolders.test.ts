/**
 * Nested workspace folders (a multi-root window with `/a` and `/a/b`): a file belongs to the
 * innermost folder holding it, as VS Code's getWorkspaceFolder answers and the server reads its
 * settings, so `/a/b`'s own `runpod.files` decide which of its files are RunPod files. The outer
 * folder's walk leaves `/a/b` to its own walk, in the first walk (the walk thread) and later ones.
 */
import { describe, expect, it } from 'vitest';
import { FRESH } from '../fixtures';
import { LspClient } from '../lspClient';
import { INDEX_CAPABILITIES, TempWorkspace, eventually, usages, waitForIndex } from './helpers';

const ref = (name: string): string => `{ "env": { "A": "{{ RUNPOD_SECRET_${name} }}" } }\n`;

describe('nested workspace folders', () => {
  it('the inner folder\'s files are judged by its own runpod.files only, never by the outer folder\'s', async () => {
    const ws = new TempWorkspace({
      'a/top.runpod.json': ref('outer_top'),
      'a/b/t.runpod.json': ref('inner_default'),
      'a/b/custom/x.json': ref('inner_custom'),
      'a/c/custom/y.json': ref('outer_custom'),
    });
    const outer = ws.uriOf('a');
    const inner = ws.uriOf('a/b');
    let innerFiles = ['custom/*.json'];
    const client = await LspClient.start({
      capabilities: INDEX_CAPABILITIES,
      workspaceFolders: [outer, inner],
      initializationOptions: { secrets: FRESH },
      // The inner folder's list replaces the defaults: its *.runpod.json files are no RunPod files.
      configuration: (scope) => (scope === inner || scope?.startsWith(`${inner}/`) ? { files: innerFiles } : null),
    });
    const filesOf = async (name: string): Promise<number> => (await usages(client, { names: [name] })).usages[name]?.files ?? 0;
    const counts = async (...names: string[]): Promise<number[]> => Promise.all(names.map(filesOf));
    try {
      await waitForIndex(client);
      expect(await counts('outer_top', 'inner_default', 'inner_custom', 'outer_custom')).toEqual([1, 0, 1, 0]);

      // A later walk (the server's own thread) by the same rule.
      ws.write('a/b/late.runpod.json', ref('inner_late'));
      ws.write('a/b/custom/late.json', ref('inner_custom_late'));
      innerFiles = ['custom/*.json', '**/*.none'];
      await client.configurationChanged();
      await eventually(async () => (await filesOf('inner_custom_late')) === 1, 'the second walk found a/b/custom/late.json');
      expect(await counts('outer_top', 'inner_default', 'inner_custom', 'inner_late', 'outer_custom')).toEqual([1, 0, 1, 0, 0]);
    } finally {
      await client.stop();
      ws.dispose();
    }
  });
});
