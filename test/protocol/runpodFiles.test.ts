/**
 * `runpod.files` over the protocol, as an editor sends it: a user glob turns analysis on for a JSON
 * file the defaults do not cover, and a list without the default patterns turns them off, in an
 * editor that answers `workspace/configuration` (VS Code) and one that pushes its settings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver/node';
import { DEFAULT_FILE_GLOBS } from '../../server/src/template/fileKinds';
import { FRESH, uri } from './fixtures';
import { LspClient, PUSH_CAPABILITIES, ensureServerBuilt } from './lspClient';

/** A pod body as users keep it, with a typo in a secret reference. */
const POD_BODY = `{
  "name": "train-1",
  "templateId": "30zmvf89kd",
  "gpu": { "id": "NVIDIA GeForce RTX 4090", "count": 1 },
  "env": { "HF_TOKEN": "{{ RUNPOD_SECRET_hf-tokn }}" }
}
`;
const USER_GLOBS = ['**/deploy/*.pod.json'];

const unknownSecrets = (diagnostics: Diagnostic[]): string[] =>
  diagnostics.filter((d) => d.code === 'unknown-secret').map((d) => (typeof d.message === 'string' ? d.message : d.message.value));

describe('runpod.files through workspace/configuration (VS Code)', () => {
  let client: LspClient;
  let settings: unknown = { files: [...DEFAULT_FILE_GLOBS] };
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ initializationOptions: { secrets: FRESH }, configuration: () => settings });
  });
  afterAll(() => client.stop());

  it('a user glob turns analysis on for a JSON file, and dropping the defaults turns *.runpod.json off', async () => {
    const podBody = uri('deploy/prod.pod.json');
    const template = uri('gpu.runpod.json');
    await client.open(podBody, 'json', POD_BODY);
    await client.open(template, 'json', POD_BODY);

    // The defaults: the template is a RunPod file, the pod body in deploy/ is not.
    expect(unknownSecrets(await client.diagnostics(template))).toHaveLength(1);
    expect(await client.diagnostics(podBody)).toEqual([]);
    expect(await client.hover(podBody, POD_BODY.indexOf('hf-tokn'))).toBeNull();

    // The user replaces the list with their own glob.
    settings = { files: USER_GLOBS };
    const refreshes = client.refreshCount;
    await client.configurationChanged();
    await client.waitFor(() => client.refreshCount > refreshes, 'refresh after runpod.files changed');

    const [message, ...rest] = unknownSecrets(await client.diagnostics(podBody));
    expect(rest).toEqual([]);
    expect(message).toContain('hf-tokn');
    expect(message).toContain('hf-token');
    const hover = await client.hover(podBody, POD_BODY.indexOf('hf-tokn'));
    expect(JSON.stringify(hover)).toContain('hf-tokn');
    expect(await client.diagnostics(template)).toEqual([]);
  });

  it('an editor that sends no runpod.files gets the defaults', async () => {
    settings = null;
    await client.configurationChanged();
    const template = uri('other.runpod.json');
    await client.open(template, 'json', POD_BODY);
    expect(unknownSecrets(await client.diagnostics(template))).toHaveLength(1);
    const podBody = uri('deploy/prod.pod.json');
    await client.open(podBody, 'json', POD_BODY);
    expect(await client.diagnostics(podBody)).toEqual([]);
  });
});

describe('runpod.files pushed with workspace/didChangeConfiguration (editors without workspace/configuration)', () => {
  let client: LspClient;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ capabilities: PUSH_CAPABILITIES, initializationOptions: { secrets: FRESH } });
  });
  afterAll(() => client.stop());

  it('publishes for a file the pushed glob selects, and nothing once the list no longer has it', async () => {
    const podBody = uri('deploy/stage.pod.json');
    await client.configurationChanged({ runpod: { files: USER_GLOBS } });
    await client.open(podBody, 'json', POD_BODY);
    expect(unknownSecrets(await client.pushedFor(podBody, 1))).toHaveLength(1);

    const published = client.pushed.length;
    await client.configurationChanged({ runpod: { files: [] } });
    await client.waitFor(() => client.pushed.slice(published).some((p) => p.uri === podBody), 're-publish after runpod.files changed');
    expect(client.pushed.filter((p) => p.uri === podBody).at(-1)?.diagnostics).toEqual([]);
  });
});
