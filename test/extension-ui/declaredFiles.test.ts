/**
 * A file `runpod.environments` declares is a RunPod file for the extension's features as it is for
 * the language server and runpod-check (environments/files.ts declaredOrNamedKind), whatever its
 * name: Find Usages' own search, the CodeLens, the template and env file pickers, Deploy and
 * Move value into a RunPod secret. The declared globs are relative to the file's workspace folder (/w).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => await import('./vscodeFake'));

import { findSecretUsages } from '../../client/src/commands/findUsages';
import { registerSecretCommands } from '../../client/src/commands/index';
import { pushTemplate } from '../../client/src/commands/pushTemplate';
import { registerCodeLens } from '../../client/src/launch/codeLens';
import { runpodFileKind } from '../../client/src/runpodFiles';
import { envFilesOf, findEnvironments, templateFilesOf } from '../../client/src/environments/workspaceFiles';
import { deployFileKind } from '../../client/src/serverless/ui/deployWizard';
import { fake, FakeDocument, Uri, workspace } from './vscodeFake';
import { fakeServices } from './flowHelpers';

const REF = 'TOKEN={{ RUNPOD_SECRET_hf-token }}\n';
const JSON_REF = '{ "name": "t", "image": "i", "env": { "TOKEN": "{{ RUNPOD_SECRET_hf-token }}" } }';
const file = (path: string) => Uri.from({ scheme: 'file', path });
const ENVIRONMENTS = { prod: { files: ['deploy/prod-vars.txt', 'deploy/prod/*.json'] }, dev: 'deploy/dev-vars.txt' };

beforeEach(() => {
  fake.reset();
  fake.settings = { environments: ENVIRONMENTS };
  fake.files.set('/w/deploy/prod-vars.txt', REF);
  fake.files.set('/w/deploy/dev-vars.txt', 'TOKEN=x\n');
  fake.files.set('/w/deploy/prod/pod.json', JSON_REF);
  fake.files.set('/w/notes.txt', REF);
  fake.files.set('/w/train.runpod.env', REF);
});

describe('Find Usages without the language server (its own search)', () => {
  it('finds the reference in a declared deploy/prod-vars.txt and in a declared JSON file, not in an undeclared .txt', async () => {
    const usages = await findSecretUsages(fakeServices().services, 'hf-token');
    expect(usages.files.map((f) => f.path)).toEqual(['/w/deploy/prod-vars.txt', '/w/deploy/prod/pod.json', '/w/train.runpod.env']);
    // Read as its declared kind: the JSON file's hit names its env key.
    expect(usages.files.find((f) => f.path === '/w/deploy/prod/pod.json')?.hits).toEqual([expect.objectContaining({ key: 'TOKEN' })]);
  });

  it('without the declaration the same files are no RunPod files', async () => {
    fake.settings = {};
    const usages = await findSecretUsages(fakeServices().services, 'hf-token');
    expect(usages.files.map((f) => f.path)).toEqual(['/w/train.runpod.env']);
  });
});

describe('the pickers', () => {
  it("Launch Pod's and Deploy's env file list includes the declared env files, sorted by path", async () => {
    expect(envFilesOf(await findEnvironments(), 200).files.map((u) => u.path)).toEqual(['/w/deploy/dev-vars.txt', '/w/deploy/prod-vars.txt', '/w/train.runpod.env']);
  });

  it('the template file list includes a declared JSON file; the env files are not templates', async () => {
    expect((templateFilesOf(await findEnvironments())).files.map((u) => u.path)).toEqual(['/w/deploy/prod/pod.json']);
  });

  it('Push Template with no template file says what one is as Launch Pod does: the runpod.environments setting declares them too', async () => {
    fake.files.delete('/w/deploy/prod/pod.json');
    await pushTemplate(fakeServices().services);
    expect(fake.messages).toEqual([{ level: 'info', text: 'No template file in this workspace (*.runpod.json, or a JSON file of the runpod.files or runpod.environments setting).' }]);
  });

  it('Deploy reads a declared JSON file as a template file', () => {
    expect(deployFileKind(file('/w/deploy/prod/pod.json') as never)).toBe('runpod-json');
  });
});

describe('the Launch Pod / Push Template CodeLens', () => {
  it('is on a declared JSON file', () => {
    const context = { subscriptions: [] as { dispose(): unknown }[] };
    registerCodeLens(context as never);
    const doc = Object.assign(new FakeDocument(file('/w/deploy/prod/pod.json'), JSON_REF), { languageId: 'json' });
    expect(fake.codeLensProviders.flatMap((p) => p.provider.provideCodeLenses(doc))).toHaveLength(2);
  });

  it('is asked again when runpod.environments changes, as when runpod.files does: either decides which files are templates (config.ts, the server restarts on both)', () => {
    const listeners: ((event: { affectsConfiguration(section: string): boolean }) => void)[] = [];
    const spy = vi.spyOn(workspace, 'onDidChangeConfiguration').mockImplementation(((listener: (typeof listeners)[number]) => {
      listeners.push(listener);
      return { dispose() {} };
    }) as never);
    try {
      registerCodeLens({ subscriptions: [] as { dispose(): unknown }[] } as never);
      const provider = fake.codeLensProviders[0]!.provider as unknown as { onDidChangeCodeLenses(listener: () => void): unknown };
      const asked: string[] = [];
      for (const section of ['runpod.files', 'runpod.environments', 'runpod.apiUrl']) {
        let fired = false;
        provider.onDidChangeCodeLenses(() => (fired = true));
        for (const listener of listeners) listener({ affectsConfiguration: (s) => s === section });
        if (fired) asked.push(section);
      }
      expect(asked).toEqual(['runpod.files', 'runpod.environments']);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('the folder decides', () => {
  it('a file outside every workspace folder is declared by no folder (as in the server)', () => {
    expect(runpodFileKind(file('/elsewhere/deploy/prod-vars.txt') as never)).toBeUndefined();
    expect(runpodFileKind(file('/w/deploy/prod-vars.txt') as never, 'plaintext')).toBe('runpod-env');
  });
});

describe('Move value into a RunPod secret in a declared file', () => {
  it('takes the value the server flagged in deploy/prod-vars.txt (a plaintext document)', async () => {
    const uri = 'file:///w/deploy/prod-vars.txt';
    const doc = Object.assign(new FakeDocument(Uri.parse(uri), 'A=1\nHF_TOKEN=hf_live_abcdefgh\n'), { languageId: 'plaintext' });
    fake.documents.set(Uri.parse(uri).toString(), doc);
    const env = fakeServices([]);
    registerSecretCommands(env.services);
    fake.inputScript.push(
      (box) => box.accept(),
      (box) => box.accept(),
    );
    await fake.commands.get('runpod.secrets.createFromValue')!({ uri, range: { start: { line: 1, character: 9 }, end: { line: 1, character: 25 } }, suggestedName: 'hf-token' });
    expect(env.store.create).toHaveBeenCalledWith({ name: 'hf-token', value: 'hf_live_abcdefgh' }, { check: expect.any(Function), writtenIn: undefined });
    expect(doc.text).toBe('A=1\nHF_TOKEN={{ RUNPOD_SECRET_hf-token }}\n');
  });
});
