/**
 * A workspace folder opened at a template's `.runpod` folder itself: VS Code's findFiles matches a
 * string glob against the path below the folder (`dev.env`), which lacks the name the globs are
 * matched with (`.runpod/dev.env`: fileKinds.ts folderGlobPath). The extension's listings (the env
 * and template pickers, Find Usages' own search: all the walk's) take the files the language server and
 * runpod-check take there, and nothing beside the folder.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => await import('./vscodeFake'));

import { findSecretUsages } from '../../client/src/commands/findUsages';
import { envFilesOf, findEnvironments, templateFilesOf } from '../../client/src/environments/workspaceFiles';
import { fake, workspace } from './vscodeFake';
import { fakeServices } from './flowHelpers';

const REF = 'TOKEN={{ RUNPOD_SECRET_hf-token }}\n';
const JSON_REF = '{ "name": "t", "image": "i", "env": { "TOKEN": "{{ RUNPOD_SECRET_hf-token }}" } }';
const HUB_REF = '{ "config": { "env": [{ "key": "TOKEN", "value": "{{ RUNPOD_SECRET_hf-token }}" }] } }';

beforeEach(() => {
  fake.reset();
  fake.folder = '/x/.runpod';
  fake.files.set('/x/.runpod/dev.env', REF);
  fake.files.set('/x/.runpod/hub.json', HUB_REF);
  fake.files.set('/x/.runpod/pod.json', JSON_REF);
  fake.files.set('/x/.runpod/notes.txt', REF);
  // Beside the folder: no file of the workspace.
  fake.files.set('/x/other.env', REF);
});

describe('a workspace folder opened at .runpod', () => {
  it("Launch Pod's, Deploy's and Update Env's env file list has its .env files", async () => {
    expect(envFilesOf(await findEnvironments(), 200).files.map((u) => u.path)).toEqual(['/x/.runpod/dev.env']);
  });

  it('a runpod.files glob naming the folder (`.runpod/*.json`, `{.runpod,deploy}/*.json`) gives the template list its files', async () => {
    expect((templateFilesOf(await findEnvironments())).files).toEqual([]);
    fake.settings = { files: ['.runpod/*.json'] };
    expect((templateFilesOf(await findEnvironments())).files.map((u) => u.path)).toEqual(['/x/.runpod/pod.json']);
    fake.settings = { files: ['{.runpod,deploy}/pod.json'] };
    expect((templateFilesOf(await findEnvironments())).files.map((u) => u.path)).toEqual(['/x/.runpod/pod.json']);
  });

  it("Find Usages' own search finds the reference in hub.json and the env file by the default globs", async () => {
    const usages = await findSecretUsages(fakeServices().services, 'hf-token');
    expect(usages.files.map((f) => f.path).sort()).toEqual(['/x/.runpod/dev.env', '/x/.runpod/hub.json']);
  });

  it("Find Usages' own search lists the walk's files, no findFiles search: a runpod.files glob with a literal comma (`.runpod/a,b.json`) finds its file", async () => {
    const search = vi.spyOn(workspace, 'findFiles');
    fake.files.set('/x/.runpod/a,b.json', JSON_REF);
    fake.settings = { files: ['.runpod/a,b.json', '.runpod/pod.json'] };
    const usages = await findSecretUsages(fakeServices().services, 'hf-token');
    // As the index reads the folder with these globs (workspaceWalk.ts: indexedFileKind).
    expect(usages.files.map((f) => f.path).sort()).toEqual(['/x/.runpod/a,b.json', '/x/.runpod/dev.env', '/x/.runpod/pod.json']);
    expect(search).not.toHaveBeenCalled();
    search.mockRestore();
  });

  it('a runpod.files glob with a literal comma (`.runpod/a,b.json`) finds its file: braces would read the comma as syntax', async () => {
    fake.files.set('/x/.runpod/a,b.json', JSON_REF);
    fake.settings = { files: ['.runpod/a,b.json', '.runpod/pod.json'] };
    expect((templateFilesOf(await findEnvironments())).files.map((u) => u.path)).toEqual(['/x/.runpod/a,b.json', '/x/.runpod/pod.json']);
  });

  it('so does one in a folder opened above it (the main include glob)', async () => {
    fake.folder = '/x';
    fake.files.set('/x/deploy/a,b.json', JSON_REF);
    fake.files.set('/x/t.runpod.json', JSON_REF);
    fake.settings = { files: ['deploy/a,b.json', '**/*.runpod.json'] };
    expect((templateFilesOf(await findEnvironments())).files.map((u) => u.path)).toEqual(['/x/deploy/a,b.json', '/x/t.runpod.json']);
  });

  it('the searches stop at the most files asked for', async () => {
    for (let i = 0; i < 5; i++) fake.files.set(`/x/.runpod/e${i}.env`, REF);
    expect(envFilesOf(await findEnvironments(), 3).files).toHaveLength(3);
  });
});
