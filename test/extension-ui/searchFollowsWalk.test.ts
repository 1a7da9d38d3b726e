/**
 * The pickers (Launch Pod's template and env file steps, Deploy Endpoint's, Update Env's, Push
 * Template's) and Find Usages' own search offer the files the index, Compare Environments and
 * runpod-check walk to, no others (the env file steps list the walk's own files, with no search): VS Code's findFiles knows nothing of `.gitignore` and follows
 * links, so its results are judged by the walk's rules (FolderRules) of each file's innermost folder.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => await import('./vscodeFake'));
// The walk reads a file: folder's .gitignore from disk (readIndexedFileAsync); here the folder is the fake's.
vi.mock('../../server/src/index/readFile', async (real) => ({ ...(await real<object>()), ...(await import('./vscodeFake')).fakeIndexedReads }));

import { findSecretUsages } from '../../client/src/commands/findUsages';
import { pushTemplate } from '../../client/src/commands/pushTemplate';
import { updateEndpoint } from '../../client/src/commands/updateEndpoint';
import { envFilesOf, findEnvironments, templateFilesOf } from '../../client/src/environments/workspaceFiles';
import { runLaunchWizard, type WizardState } from '../../client/src/launch/ui/launchWizard';
import { DEPLOY_STEP, runDeployWizard, type DeployState } from '../../client/src/serverless/ui/deployWizard';
import type { RunpodApi } from '../../client/src/runpod/types';
import { fake, FileType, ui, Uri, workspace } from './vscodeFake';
import { fakeServices } from './flowHelpers';
import { heldAccounts } from './heldAccounts';

const REF = 'TOKEN={{ RUNPOD_SECRET_hf-token }}\n';
const JSON_REF = '{ "name": "t", "image": "i", "env": { "TOKEN": "{{ RUNPOD_SECRET_hf-token }}" } }';
const paths = (uris: { path: string }[]) => uris.map((u) => u.path).sort();

beforeEach(() => {
  fake.reset();
  fake.files.set('/w/.gitignore', 'out/\n');
  fake.files.set('/w/train.dev.runpod.env', REF);
  fake.files.set('/w/train.runpod.json', JSON_REF);
  fake.files.set('/w/out/train.prod.runpod.env', REF);
  fake.files.set('/w/out/train.runpod.json', JSON_REF);
  fake.files.set('/w/deploy/.gitignore', 'gen\n');
  fake.files.set('/w/deploy/gen/api.prod.runpod.env', REF);
  fake.files.set('/w/deploy/api.dev.runpod.env', REF);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the extension's file searches skip what the walk skips", () => {
  it("the env file list (Launch Pod, Deploy, Update Env) leaves out files in .gitignore'd folders, at any level", async () => {
    expect(paths(envFilesOf(await findEnvironments(), 200).files)).toEqual(['/w/deploy/api.dev.runpod.env', '/w/train.dev.runpod.env']);
  });

  it("the template list (Launch Pod, Push Template) leaves out templates in .gitignore'd folders", async () => {
    expect(paths((templateFilesOf(await findEnvironments())).files)).toEqual(['/w/train.runpod.json']);
  });

  it("Find Usages' own search reads no file in a .gitignore'd folder", async () => {
    const usages = await findSecretUsages(fakeServices().services, 'hf-token');
    expect(usages.files.map((f) => f.path).sort()).toEqual(['/w/deploy/api.dev.runpod.env', '/w/train.dev.runpod.env', '/w/train.runpod.json']);
    expect(fake.reads.filter((p) => p.includes('/out/') || p.includes('/gen/'))).toEqual([]);
  });

  it('a link (to a file, or a folder on the way) is offered by none, as the walk follows none', async () => {
    fake.files.set('/w/linked.runpod.env', REF);
    fake.stats.set('/w/linked.runpod.env', { type: FileType.File | FileType.SymbolicLink, size: REF.length });
    fake.files.set('/w/via/x.runpod.env', REF);
    fake.stats.set('/w/via', { type: FileType.Directory | FileType.SymbolicLink, size: 0 });
    expect(paths(envFilesOf(await findEnvironments(), 200).files)).toEqual(['/w/deploy/api.dev.runpod.env', '/w/train.dev.runpod.env']);
  });

  it("a .gitignore that is a link is not read, as the walk reads none", async () => {
    fake.stats.set('/w/.gitignore', { type: FileType.File | FileType.SymbolicLink, size: 5 });
    expect(paths(envFilesOf(await findEnvironments(), 200).files)).toContain('/w/out/train.prod.runpod.env');
  });

  it("nested workspace folders: a file is judged by its innermost folder's .gitignore files, not the outer folder's", async () => {
    // The outer folder ignores every `lib/`; the inner folder is walked on its own, from its own top.
    fake.files.set('/w/.gitignore', 'lib/\n');
    fake.files.set('/w/inner/lib/svc.prod.runpod.env', REF);
    fake.files.set('/w/lib/svc.dev.runpod.env', REF);
    fake.files.set('/w/inner/.gitignore', 'tmp/\n');
    fake.files.set('/w/inner/tmp/svc.dev.runpod.env', REF);
    fake.nested = ['/w/inner'];
    const found = paths(envFilesOf(await findEnvironments(), 200).files);
    expect(found).toContain('/w/inner/lib/svc.prod.runpod.env');
    expect(found).not.toContain('/w/lib/svc.dev.runpod.env');
    expect(found).not.toContain('/w/inner/tmp/svc.dev.runpod.env');
  });

  it('each .gitignore above the files found is read once, whatever the number of files', async () => {
    for (let i = 0; i < 50; i++) fake.files.set(`/w/deploy/s${i}.dev.runpod.env`, REF);
    envFilesOf(await findEnvironments(), 200);
    expect(fake.reads.filter((p) => p.endsWith('.gitignore')).sort()).toEqual(['/w/.gitignore', '/w/deploy/.gitignore']);
  });
});

describe('the env file steps list the walk\'s env files: no search beside the walk', () => {
  const API = { listTemplates: async () => [], listSecrets: async () => [], listGpuTypes: async () => [], getEndpoint: async () => ({ id: 'ep1', name: 'api', image: 'img:1', env: {} }), updateEndpoint: async () => undefined };
  const WALKED = ['/w/deploy/api.dev.runpod.env', '/w/train.dev.runpod.env'];
  const listed = (labels: string[]) => labels.filter((l) => l.startsWith('$(file) ')).map((l) => l.slice('$(file) '.length)).sort();

  it('Launch Pod', async () => {
    const search = vi.spyOn(workspace, 'findFiles');
    const state: WizardState = { count: 1, preset: { templateFile: Uri.from({ scheme: 'file', path: '/w/train.runpod.json' }) as never }, activeAccount: () => 'default', hasAccount: heldAccounts('default').has, log: { error: vi.fn() } };
    await runLaunchWizard(API as unknown as RunpodApi, state);
    expect(listed(ui.quickPicks[0]!.items)).toEqual(WALKED);
    expect(search).not.toHaveBeenCalled();
  });

  it('Deploy Endpoint', async () => {
    const search = vi.spyOn(workspace, 'findFiles');
    const state: DeployState = { source: { kind: 'account', template: { id: 't1', name: 'worker', image: 'img:1', env: {}, serverless: true } } as never, preset: {}, activeAccount: () => 'default', hasAccount: heldAccounts('default').has, log: { error: vi.fn() } };
    await runDeployWizard(API as unknown as RunpodApi, state, DEPLOY_STEP.env);
    expect(listed(ui.quickPicks[0]!.items)).toEqual(WALKED);
    expect(search).not.toHaveBeenCalled();
  });

  it('Update Env', async () => {
    const search = vi.spyOn(workspace, 'findFiles');
    await updateEndpoint({ ...fakeServices().services, requireApi: async () => API, getApi: async () => API } as never, {} as never, 'env', { endpointId: 'ep1' });
    expect(listed(ui.quickPicks.at(-1)!.items)).toEqual(WALKED);
    expect(search).not.toHaveBeenCalled();
  });
});

describe('a picker shows the files it may, when the search found ignored ones first', () => {
  /** An ignored `out/` with more env files than the picker's limit, found before the one that counts. */
  function buildOutput(count: number): void {
    fake.reset();
    fake.files.set('/w/.gitignore', 'out/\n');
    for (let i = 0; i < count; i++) fake.files.set(`/w/out/m${i}.runpod.env`, REF);
    fake.files.set('/w/train.dev.runpod.env', REF);
    fake.files.set('/w/train.runpod.json', JSON_REF);
  }

  it("Find Usages' own search lists the walk's files: the ignored ones crowd none out, and no findFiles search is made", async () => {
    buildOutput(0);
    for (let i = 0; i < 5; i++) fake.files.set(`/w/out/m${i}.runpod.json`, JSON_REF);
    const search = vi.spyOn(workspace, 'findFiles');
    expect((await findSecretUsages(fakeServices().services, 'hf-token')).files.map((f) => f.path)).toEqual(['/w/train.dev.runpod.env', '/w/train.runpod.json']);
    expect(search).not.toHaveBeenCalled();
    expect(fake.reads.filter((p) => p.endsWith('.gitignore'))).toEqual(['/w/.gitignore']);
  });

  it("past the files it reads (2,000), Find Usages' own search says it was cut short", async () => {
    buildOutput(0);
    for (let i = 0; i < 2001; i++) fake.files.set(`/w/many/m${i}.runpod.env`, 'A=1\n');
    const usages = await findSecretUsages(fakeServices().services, 'hf-token');
    expect(usages.filesGap).toBe('search');
  });
});

describe('a picker whose search stopped says its list may be incomplete', () => {
  /** What every picker adds when its search stopped: how many files it lists, and that there may be more. */
  const INCOMPLETE = /\((\d+) files? listed; the search stopped at its limit, so there may be more\)$/;
  const API = { listTemplates: async () => [], listSecrets: async () => [], createTemplate: async () => undefined, getEndpoint: async () => ({ id: 'ep1', name: 'api', image: 'img:1', env: {} }), updateEndpoint: async () => undefined };
  const services = () => ({ ...fakeServices().services, requireApi: async () => API, getApi: async () => API }) as never;

  /**
   * More files in an ignored `out/` than the picker's larger search (5 x 200) looks at, found first,
   * then `count` files of each kind that count: the search stops before it reaches any of them.
   */
  function crowdOut(kind: 'runpod.json' | 'runpod.env', count = 1): void {
    fake.reset();
    fake.files.set('/w/.gitignore', 'out/\n');
    for (let i = 0; i < 1000; i++) fake.files.set(`/w/out/m${i}.${kind}`, '');
    for (let i = 0; i < count; i++) fake.files.set(`/w/app${i}.${kind}`, kind === 'runpod.json' ? JSON_REF : REF);
  }

  it('Push Template lists the template files the walk found: an ignored out/ crowds none out, more than it lists are said to be', async () => {
    crowdOut('runpod.json');
    await pushTemplate(services());
    expect(fake.messages).toEqual([]);
    expect(fake.picks).toHaveLength(1);
    expect(fake.picks[0]!.placeholder).toBe('Template file to push to the account');
    crowdOut('runpod.json', 201);
    await pushTemplate(services());
    expect(fake.picks[0]!.placeholder).toMatch(INCOMPLETE);
    expect(fake.picks[0]!.placeholder).toMatch(/^Template file to push to the account \(200 files listed;/);
  });

  it('Update Env says so in its env file picker when there are more env files than it lists', async () => {
    crowdOut('runpod.env', 201);
    await updateEndpoint(services(), {} as never, 'env', { endpointId: 'ep1' });
    expect(ui.quickPicks.at(-1)!.placeholder).toMatch(INCOMPLETE);
    expect(ui.quickPicks.at(-1)!.placeholder).toContain('(200 files listed;');
  });

  it('Launch Pod says so in its template step, beside the account templates', async () => {
    crowdOut('runpod.json', 201);
    const api = { listTemplates: async () => [], listGpuTypes: async () => [] } as unknown as RunpodApi;
    const state: WizardState = { count: 1, preset: {}, activeAccount: () => 'default', hasAccount: heldAccounts('default').has, log: { error: vi.fn() } };
    await runLaunchWizard(api, state);
    expect(ui.quickPicks[0]!.placeholder).toMatch(INCOMPLETE);
    expect(ui.quickPicks[0]!.placeholder).toContain('(200 files listed;');
  });

  it('Deploy Endpoint says so in its env file step when there are more env files than it lists', async () => {
    crowdOut('runpod.env', 201);
    const api = { listGpuTypes: async () => [], listTemplates: async () => [] } as unknown as RunpodApi;
    const state: DeployState = { source: { kind: 'account', template: { id: 't1', name: 'worker', image: 'img:1', env: {}, serverless: true } } as never, preset: {}, activeAccount: () => 'default', hasAccount: heldAccounts('default').has, log: { error: vi.fn() } };
    await runDeployWizard(api, state, DEPLOY_STEP.env);
    expect(ui.quickPicks[0]!.placeholder).toMatch(/^Merge an env file over the 0 variables of the source\? \(200 files listed; the search stopped/);
  });

  it('a search that found everything adds nothing', async () => {
    crowdOut('runpod.json', 0);
    fake.files.set('/w/train.runpod.json', JSON_REF);
    for (let i = 0; i < 1000; i++) fake.files.delete(`/w/out/m${i}.runpod.json`);
    await pushTemplate(services());
    expect(fake.picks[0]!.placeholder).toBe('Template file to push to the account');
  });
});
