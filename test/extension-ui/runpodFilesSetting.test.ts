/**
 * Find Usages, the CodeLens, Push Template's picker and Launch Pod's file step honour the
 * `runpod.files` setting the way the language server does (server/src/template/fileKinds.ts): a
 * user glob adds its files, and removing a default pattern removes those files everywhere.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => await import('./vscodeFake'));

import { findSecretUsages } from '../../client/src/commands/findUsages';
import { registerCodeLens } from '../../client/src/launch/codeLens';
import { isTemplateDocument, runpodFileKind } from '../../client/src/runpodFiles';
import { deployFileKind } from '../../client/src/serverless/ui/deployWizard';
import { findEnvironments, templateFilesOf } from '../../client/src/environments/workspaceFiles';
import { fake, FakeDocument, Uri } from './vscodeFake';
import { fakeServices } from './flowHelpers';

const REF = 'TOKEN={{ RUNPOD_SECRET_hf-token }}\n';
const JSON_REF = '{ "name": "t", "image": "i", "env": { "TOKEN": "{{ RUNPOD_SECRET_hf-token }}" } }';

function disk(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) fake.files.set(path, text);
}
const doc = (path: string, text = JSON_REF, languageId = 'json') => Object.assign(new FakeDocument(Uri.from({ scheme: 'file', path }), text), { languageId });

beforeEach(() => {
  fake.reset();
  disk({
    '/w/a.runpod.json': JSON_REF,
    '/w/deploy/gpu.pod.json': JSON_REF,
    '/w/.runpod/hub.json': '{ "config": { "env": [{ "key": "TOKEN", "value": "{{ RUNPOD_SECRET_hf-token }}" }] } }',
    '/w/train.runpod.env': REF,
    '/w/.env': REF,
    '/w/notes.txt': REF,
  });
});

describe('Find Usages', () => {
  const paths = async () => (await findSecretUsages(fakeServices().services, 'hf-token')).files.map((f) => f.path);

  it('by default: RunPod env files, the default globs and dotenv files; nothing else', async () => {
    expect(await paths()).toEqual(['/w/.env', '/w/.runpod/hub.json', '/w/a.runpod.json', '/w/train.runpod.env']);
  });

  it('a user glob adds its files and replaces the defaults, as in the language server', async () => {
    fake.settings = { files: ['deploy/*.pod.json'] };
    expect(await paths()).toEqual(['/w/.env', '/w/deploy/gpu.pod.json', '/w/train.runpod.env']);
  });

  it('names the JSON key of a hit in a user-selected template file', async () => {
    fake.settings = { files: ['deploy/*.pod.json'] };
    const usages = await findSecretUsages(fakeServices().services, 'hf-token');
    expect(usages.files.find((f) => f.path === '/w/deploy/gpu.pod.json')?.hits).toEqual([expect.objectContaining({ key: 'TOKEN' })]);
  });
});

const lenses = (path: string, languageId = 'json') => {
  const context = { subscriptions: [] as { dispose(): unknown }[] };
  fake.codeLensProviders = [];
  registerCodeLens(context as never);
  return fake.codeLensProviders.flatMap((p) => p.provider.provideCodeLenses(doc(path, JSON_REF, languageId))).length;
};

describe('the Launch Pod / Push Template CodeLens', () => {
  it('is on *.runpod.json by default, never on hub.json or other JSON', () => {
    expect(lenses('/w/a.runpod.json')).toBe(2);
    expect(lenses('/w/.runpod/hub.json')).toBe(0);
    expect(lenses('/w/package.json')).toBe(0);
  });

  it('follows runpod.files: on the files a user glob selects, off where a default was removed', () => {
    fake.settings = { files: ['deploy/*.pod.json'] };
    expect(lenses('/w/deploy/gpu.pod.json')).toBe(2);
    expect(lenses('/w/a.runpod.json')).toBe(0);
  });
});

describe('runpod.files globs are relative to the workspace folder (/w) in the extension too, as in the server', () => {
  // A glob whose first segment is the folder's own name: matched against the whole path it took
  // every JSON file at the top of the folder.
  beforeEach(() => {
    fake.settings = { files: ['w/*.json'] };
    disk({ '/w/top.json': JSON_REF, '/w/w/inner.json': JSON_REF });
  });

  it('the CodeLens and the active editor: on w/inner.json, not on top.json', () => {
    expect(lenses('/w/w/inner.json')).toBe(2);
    expect(lenses('/w/top.json')).toBe(0);
    expect(isTemplateDocument(doc('/w/top.json') as never)).toBe(false);
  });

  it("Deploy's file kind and the template pickers", async () => {
    expect(deployFileKind(Uri.from({ scheme: 'file', path: '/w/w/inner.json' }) as never)).toBe('runpod-json');
    expect(deployFileKind(Uri.from({ scheme: 'file', path: '/w/top.json' }) as never)).toBeUndefined();
    expect((templateFilesOf(await findEnvironments())).files.map((u) => u.path)).toEqual(['/w/w/inner.json']);
  });

  it('a file outside the workspace folder is read by its whole path, as the server reads a loose file', () => {
    expect(isTemplateDocument(doc('/tmp/w/loose.json') as never)).toBe(true);
  });
});

describe("Push Template's and Launch Pod's template files", () => {
  it('are the runpod-json files of the setting', async () => {
    expect((templateFilesOf(await findEnvironments())).files.map((u) => u.path)).toEqual(['/w/a.runpod.json']);
    fake.settings = { files: ['**/*.json'] };
    expect((templateFilesOf(await findEnvironments())).files.map((u) => u.path).sort()).toEqual(['/w/a.runpod.json', '/w/deploy/gpu.pod.json']);
    fake.settings = { files: [] };
    expect((templateFilesOf(await findEnvironments())).files).toEqual([]);
  });

  it('the active editor is a template file by the same rule', () => {
    fake.settings = { files: ['deploy/*.pod.json'] };
    expect(isTemplateDocument(doc('/w/deploy/gpu.pod.json') as never)).toBe(true);
    expect(isTemplateDocument(doc('/w/a.runpod.json') as never)).toBe(false);
  });
});

describe('multi-root: runpod.files is per folder (resource-scoped), as the server reads it', () => {
  /** The files Find Usages' own search finds the reference in. */
  const usagePaths = async () => (await findSecretUsages(fakeServices().services, 'hf-token')).files.map((f) => f.path);
  beforeEach(() => {
    fake.nested = ['/w/b'];
    fake.files.set('/w/b/deploy/pod.json', JSON_REF);
    fake.files.set('/w/b/deploy/other.json', JSON_REF);
    fake.folderSettings.set('/w/b', { files: ['deploy/pod.json'] });
  });

  it("a folder's own runpod.files gives the template list (Launch Pod, Push Template) and Find Usages' own search its file", async () => {
    expect(runpodFileKind(Uri.from({ scheme: 'file', path: '/w/b/deploy/pod.json' }) as never)).toBe('runpod-json');
    expect((templateFilesOf(await findEnvironments())).files.map((u) => u.path)).toContain('/w/b/deploy/pod.json');
    expect(await usagePaths()).toContain('/w/b/deploy/pod.json');
  });

  it("one folder's glob selects nothing in another folder", async () => {
    fake.folderSettings.set('/w/b', {});
    fake.folderSettings.set('/w', { files: ['**/deploy/other.json', '*.runpod.json'] });
    expect((templateFilesOf(await findEnvironments())).files.map((u) => u.path)).not.toContain('/w/b/deploy/other.json');
    expect(await usagePaths()).not.toContain('/w/b/deploy/other.json');
  });
});

describe('the kind of a file (per file in the pickers, per CodeLens request)', () => {
  it('reads only the two settings that decide it (runpod.files, runpod.environments), not the whole settings parse', async () => {
    const { workspace } = await import('./vscodeFake');
    const read = new Set<string>();
    const getConfiguration = workspace.getConfiguration;
    const spy = vi.spyOn(workspace, 'getConfiguration').mockImplementation((section, scope) => {
      const config = getConfiguration(section, scope);
      return { ...config, get: (key: string) => (read.add(key), config.get(key)) };
    });
    fake.settings = { environments: { prod: 'deploy/prod-vars.txt' } };
    expect(runpodFileKind(Uri.from({ scheme: 'file', path: '/w/deploy/prod-vars.txt' }) as never)).toBe('runpod-env');
    spy.mockRestore();
    expect([...read].sort()).toEqual(['environments', 'files']);
  });
});
