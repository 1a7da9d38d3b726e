/**
 * A workspace folder opened at a template's `.runpod` folder itself (users open it): its `hub.json`,
 * `tests.json` and env files are RunPod files by the default globs (`**\/.runpod/hub.json`), though
 * their path below the folder is just `hub.json`: a folder named `.runpod` keeps its name in front
 * of the paths its globs match (fileKinds.ts folderGlobPath). The files of a folder beside it stay
 * out: the rule matches only files below the folder.
 */
import { braceExpand, minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { FRESH } from '../fixtures';
import { LspClient } from '../lspClient';
import { INDEX_CAPABILITIES, TempWorkspace, usages, waitForIndex } from './helpers';

const hub = (name: string): string => `{ "config": { "env": [{ "key": "HF_TOKEN", "value": "{{ RUNPOD_SECRET_${name} }}" }] } }\n`;

describe('a workspace folder opened at .runpod', () => {
  it('indexes and diagnoses its hub.json, tests.json and env files by the default globs; nothing beside it', async () => {
    const ws = new TempWorkspace({
      'my-hub/.runpod/hub.json': hub('in_hub'),
      'my-hub/.runpod/tests.json': hub('in_tests'),
      'my-hub/.runpod/dev.env': 'HF_TOKEN={{ RUNPOD_SECRET_in_env }}\n',
      'my-hub/.runpod/sub/hub.json': hub('in_sub'),
      'my-hub/other/.runpod/hub.json': hub('beside'),
    });
    const folder = ws.uriOf('my-hub/.runpod');
    const client = await LspClient.start({ capabilities: INDEX_CAPABILITIES, workspaceFolders: [folder], initializationOptions: { secrets: FRESH } });
    const filesOf = async (name: string): Promise<number> => (await usages(client, { names: [name] })).usages[name]?.files ?? 0;
    try {
      await waitForIndex(client);
      // hub.json and tests.json by their place; `.runpod/sub/hub.json` is no hub file (as at any depth).
      expect([await filesOf('in_hub'), await filesOf('in_tests'), await filesOf('in_env'), await filesOf('in_sub'), await filesOf('beside')]).toEqual([1, 1, 1, 0, 0]);

      // Open, hub.json is read as a Hub listing (`config.env[].value`), not as a template body.
      const hubUri = ws.uriOf('my-hub/.runpod/hub.json');
      await client.open(hubUri, 'json', hub('hf-tokn'));
      expect((await client.diagnostics(hubUri)).map((d) => d.code)).toEqual(['unknown-secret']);
      await client.close(hubUri);

    } finally {
      await client.stop();
      ws.dispose();
    }
  });

  it('watches its files by globs anchored in the whole path for a client without relative patterns', async () => {
    const ws = new TempWorkspace({ 'my-hub/.runpod/a.json': '{}\n' });
    const folder = ws.uriOf('my-hub/.runpod');
    const capabilities = { ...INDEX_CAPABILITIES, workspace: { ...INDEX_CAPABILITIES.workspace, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: false } } };
    const client = await LspClient.start({ capabilities, workspaceFolders: [folder], initializationOptions: { secrets: FRESH }, configuration: () => ({ files: ['{.runpod,deploy}/*.json'] }) });
    try {
      await waitForIndex(client);
      const [registration] = client.watcherRegistrations as { watchers: { globPattern: unknown }[] }[];
      const plain = registration!.watchers.map((w) => w.globPattern).filter((g): g is string => typeof g === 'string');
      // Matched against the whole path: a glob relative to the folder (`*.json`) would take nothing there
      // (a joined `{a,b}` pattern: none of its alternatives).
      expect(plain.flatMap((g) => braceExpand(g)).filter((g) => !g.startsWith('**') && !g.startsWith('/'))).toEqual([]);
      expect(plain.some((g) => minimatch(ws.path('my-hub/.runpod/a.json'), g, { dot: true }))).toBe(true);
    } finally {
      await client.stop();
      ws.dispose();
    }
  });
});
