/**
 * The workspace listing behind Push Template, Launch Pod, Deploy Endpoint, Update Env and Compare
 * Environments on a large tree:
 * a walk that outlasts its delay shows a cancellable progress that counts folders; Cancel stops the
 * walk before its next folder and ends the command quietly; a quick walk shows no progress; a walk
 * that stopped at its bound says so. The delay's timer is the test's (listingClock): it fires at a
 * point of the walk the test chooses, never by waiting.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => await import('./vscodeFake'));
// A small bound, so a walk that stops at it needs a thousand files, not half a million.
vi.mock('../../server/src/index/walk', async (original) => ({ ...(await original<object>()), MAX_WALKED_ENTRIES: 1000 }));

import { pushTemplate } from '../../client/src/commands/pushTemplate';
import { updateEndpoint } from '../../client/src/commands/updateEndpoint';
import { DEPLOY_STEP, runDeployWizard, type DeployState } from '../../client/src/serverless/ui/deployWizard';
import { compareEnvironmentsCommand } from '../../client/src/commands/compareEnvironments';
import { runLaunchWizard, type WizardState } from '../../client/src/launch/ui/launchWizard';
import { LISTING_PROGRESS_DELAY_MS, LISTING_PROGRESS_TITLE, listingClock } from '../../client/src/environments/listingProgress';
import { TRUNCATED_LISTING_MESSAGE } from '../../client/src/environments/workspaceFiles';
import { findSecretUsages } from '../../client/src/commands/findUsages';
import type { RunpodApi } from '../../client/src/runpod/types';
import { fake, FakeDocument, ui, Uri, workspace } from './vscodeFake';
import { fakeServices } from './flowHelpers';
import { heldAccounts } from './heldAccounts';

const file = (path: string) => Uri.from({ scheme: 'file', path });
const TEMPLATE = '{ "name": "train", "image": "runpod/pytorch", "env": { "HF_HOME": "/workspace/hf" } }';
const FOLDERS = 30;

/** The delay's timer: `fire()` is the moment passing; `stopped` once the listing ended it. */
let timer: { run?: () => void; ms?: number; stopped: boolean };

beforeEach(() => {
  fake.reset();
  timer = { stopped: false };
  vi.spyOn(listingClock, 'schedule').mockImplementation((run, ms) => {
    Object.assign(timer, { run, ms });
    return () => (timer.stopped = true);
  });
  onListing = new Map();
  const list = workspace.fs.readDirectory;
  vi.spyOn(workspace.fs, 'readDirectory').mockImplementation(async (uri) => {
    onListing.get(fake.listed.length + 1)?.();
    return list(uri);
  });
  fake.files.set('/w/train.runpod.json', TEMPLATE);
  fake.files.set('/w/train.dev.runpod.env', 'A=1\n');
  fake.files.set('/w/train.prod.runpod.env', 'A=2\n');
  for (let i = 0; i < FOLDERS; i++) fake.files.set(`/w/src/m${i}/index.ts`, '');
  fake.documents.set('file:///w/train.runpod.json', new FakeDocument(file('/w/train.runpod.json'), TEMPLATE));
});

afterEach(() => vi.restoreAllMocks());

/** What happens when the walk asks for a folder's entries, by the folder's number (1: the first). */
let onListing: Map<number, () => void>;

/** Runs `action` once the walk has asked for its `n`th folder's entries (before it gets them). */
function whenListing(n: number, action: () => void): void {
  onListing.set(n, action);
}

/** The user presses Cancel on the listing's progress after three folders, the progress having opened after two. */
function cancelAfterThreeFolders(): void {
  whenListing(2, () => timer.run!());
  whenListing(3, () => ui.progress[0]!.cancel());
}

function pushApi() {
  const api = { listTemplates: vi.fn(async () => []), listSecrets: vi.fn(async () => []), createTemplate: vi.fn() };
  return { api, services: { ...fakeServices().services, requireApi: async () => api, getApi: async () => api } };
}

describe('the listing of RunPod files', () => {
  it('a quick walk shows no progress: the delay is stopped when the walk ends first', async () => {
    const { services } = pushApi();
    await pushTemplate(services as never, file('/w/train.runpod.json'));
    expect(timer).toMatchObject({ ms: LISTING_PROGRESS_DELAY_MS, stopped: true });
    expect(ui.progress).toEqual([]);
    // The walk was whole: the environment question came.
    expect(fake.listed).toHaveLength(FOLDERS + 2);
    expect(fake.picks.at(-1)?.labels).toEqual(['$(server-environment) dev', '$(server-environment) prod', '$(circle-slash) No environment']);
  });

  it('a walk that outlasts the delay shows a cancellable notification counting the folders listed', async () => {
    whenListing(4, () => timer.run!());
    const { services } = pushApi();
    await pushTemplate(services as never, file('/w/train.runpod.json'));
    expect(ui.progress).toHaveLength(1);
    expect(ui.progress[0]).toMatchObject({ title: LISTING_PROGRESS_TITLE, cancellable: true });
    expect(ui.progress[0]!.messages.slice(0, 2)).toEqual(['3 folders', '4 folders']);
    expect(ui.progress[0]!.messages.at(-1)).toBe(`${FOLDERS + 2} folders`);
  });

  it('Push Template: Cancel stops the walk before its next folder and pushes nothing, with no message', async () => {
    cancelAfterThreeFolders();
    const { api, services } = pushApi();
    await pushTemplate(services as never, file('/w/train.runpod.json'));
    expect(fake.listed).toHaveLength(3);
    expect(fake.picks).toEqual([]);
    expect(fake.messages).toEqual([]);
    expect(api.listTemplates).not.toHaveBeenCalled();
    expect(api.createTemplate).not.toHaveBeenCalled();
  });

  it('Launch Pod: Cancel on the listing ends the wizard at the env step, with no message', async () => {
    cancelAfterThreeFolders();
    const api = { getTemplate: vi.fn(), listTemplates: vi.fn(async () => []), listGpuTypes: vi.fn(async () => []) } as unknown as RunpodApi;
    const state: WizardState = { count: 1, preset: { templateFile: file('/w/train.runpod.json') as never }, activeAccount: () => 'default', hasAccount: heldAccounts('default').has, log: { error: vi.fn() } };
    expect(await runLaunchWizard(api, state)).toBe(false);
    expect(fake.listed).toHaveLength(3);
    expect(ui.quickPicks).toEqual([]);
    expect(fake.messages).toEqual([]);
    expect(api.listGpuTypes).not.toHaveBeenCalled();
  });

  it('Compare Environments: Cancel on the listing shows no comparison and no message', async () => {
    cancelAfterThreeFolders();
    const provider = { set: vi.fn(), known: () => undefined };
    await compareEnvironmentsCommand(provider, file('/w/train.runpod.json'));
    expect(fake.listed).toHaveLength(3);
    expect(provider.set).not.toHaveBeenCalled();
    expect(fake.messages).toEqual([]);
    expect(ui.executed).toEqual([]);
  });

  it("Find Usages' own search (no index): the walk shows the same progress, and Cancel leaves the files not checked, never 'unused'", async () => {
    fake.files.set('/w/train.dev.runpod.env', 'A={{ RUNPOD_SECRET_hf }}\n');
    cancelAfterThreeFolders();
    const usages = await findSecretUsages(fakeServices().services, 'hf');
    expect(fake.listed).toHaveLength(3);
    expect(ui.progress.map((p) => p.title)).toEqual([LISTING_PROGRESS_TITLE]);
    expect(usages.files).toEqual([]);
    expect(usages.filesGap).toBe('stopped');
  });

  it("Find Usages' own search: the progress lasts through the reads, and Cancel stops them before the next file", async () => {
    fake.files.set('/w/train.dev.runpod.env', 'A={{ RUNPOD_SECRET_hf }}\n');
    fake.files.set('/w/train.prod.runpod.env', 'A={{ RUNPOD_SECRET_hf }}\n');
    whenListing(2, () => timer.run!());
    // The user presses Cancel while the first file is read.
    const push = fake.reads.push.bind(fake.reads);
    vi.spyOn(fake.reads, 'push').mockImplementation((...read) => {
      ui.progress[0]!.cancel();
      return push(...read);
    });
    const usages = await findSecretUsages(fakeServices().services, 'hf');
    expect(fake.reads).toHaveLength(1);
    expect(usages.files).toEqual([]);
    expect(usages.filesGap).toBe('stopped');
  });

  it('Deploy Endpoint: Cancel on the listing ends the wizard at the env step, with no message and no API call', async () => {
    cancelAfterThreeFolders();
    const api = { listGpuTypes: vi.fn(async () => []), listTemplates: vi.fn(async () => []), createEndpoint: vi.fn() } as unknown as RunpodApi;
    const template = { id: 't1', name: 'worker', image: 'img:1', env: {}, serverless: true };
    const state: DeployState = { source: { kind: 'account', template } as never, preset: {}, activeAccount: () => 'default', hasAccount: heldAccounts('default').has, log: { error: vi.fn() } };
    expect(await runDeployWizard(api, state, DEPLOY_STEP.env)).toBe(false);
    expect(fake.listed).toHaveLength(3);
    expect(ui.quickPicks).toEqual([]);
    expect(fake.messages).toEqual([]);
    expect(api.listGpuTypes).not.toHaveBeenCalled();
    expect(api.createEndpoint).not.toHaveBeenCalled();
  });

  /** An account listing that fails when the walk asks for its third folder: the walk is running, its progress open. */
  function templatesFailingMidWalk() {
    let fail!: (error: Error) => void;
    const listTemplates = vi.fn(() => new Promise<never>((_, reject) => (fail = reject)));
    whenListing(2, () => timer.run!());
    whenListing(3, () => fail(new Error('RunPod API: HTTP 500')));
    return listTemplates;
  }

  it('Launch Pod: when the account\'s templates fail, the walk stops before its next folder and its progress ends before the error is shown', async () => {
    const api = { getTemplate: vi.fn(), listTemplates: templatesFailingMidWalk(), listGpuTypes: vi.fn(async () => []) } as unknown as RunpodApi;
    const state: WizardState = { count: 1, preset: {}, activeAccount: () => 'default', hasAccount: heldAccounts('default').has, log: { error: vi.fn() } };
    await expect(runLaunchWizard(api, state)).rejects.toThrow('HTTP 500');
    // Ended, not counting on in the background: the listing's finally ran, no folder after the failure.
    expect(timer.stopped).toBe(true);
    expect(fake.listed).toHaveLength(3);
    expect(ui.quickPicks).toEqual([]);
  });

  it('Deploy Endpoint: when the account\'s templates fail, the walk stops before its next folder and its progress ends before the error is shown', async () => {
    const api = { listGpuTypes: vi.fn(async () => []), listTemplates: templatesFailingMidWalk(), createEndpoint: vi.fn() } as unknown as RunpodApi;
    const state: DeployState = { preset: {}, activeAccount: () => 'default', hasAccount: heldAccounts('default').has, log: { error: vi.fn() } };
    await expect(runDeployWizard(api, state)).rejects.toThrow('HTTP 500');
    expect(timer.stopped).toBe(true);
    expect(fake.listed).toHaveLength(3);
    expect(ui.quickPicks).toEqual([]);
    expect(api.createEndpoint).not.toHaveBeenCalled();
  });

  it('Update Env: Cancel on the listing stops the walk (its env files are the walk\'s: no search beside it), with no message, no picker and no update', async () => {
    cancelAfterThreeFolders();
    const search = vi.spyOn(workspace, 'findFiles');
    const endpoint = { id: 'ep1', name: 'api', image: 'img:1', env: {} };
    const api = { getEndpoint: vi.fn(async () => endpoint), updateEndpoint: vi.fn() };
    const services = { ...fakeServices().services, requireApi: async () => api, getApi: async () => api };
    await updateEndpoint(services as never, {} as never, 'env', { endpointId: 'ep1' });
    expect(search).not.toHaveBeenCalled();
    expect(fake.listed).toHaveLength(3);
    expect(ui.quickPicks).toEqual([]);
    expect(fake.messages).toEqual([]);
    expect(api.updateEndpoint).not.toHaveBeenCalled();
  });

  /**
   * A file outside every workspace folder: once the walk of /w is done (its FOLDERS + 2 folders),
   * the file's own folder is listed; the moment passes while it is listed, and the user presses Cancel.
   */
  function cancelOwnFolderListing(): void {
    fake.files.set('/outside/train.runpod.json', TEMPLATE);
    fake.files.set('/outside/train.dev.runpod.env', 'A=1\n');
    fake.files.set('/outside/train.prod.runpod.env', 'A=2\n');
    whenListing(FOLDERS + 3, () => {
      timer.run!();
      ui.progress.at(-1)!.cancel();
    });
  }

  it('Launch Pod: the listing of an outside file\'s own folder shows the same cancellable progress; Cancel ends the wizard, nothing launched, no message', async () => {
    cancelOwnFolderListing();
    const api = { getTemplate: vi.fn(), listTemplates: vi.fn(async () => []), listGpuTypes: vi.fn(async () => []), createPod: vi.fn() } as unknown as RunpodApi;
    const state: WizardState = { count: 1, preset: { templateFile: file('/w/train.runpod.json') as never, envFile: file('/outside/train.prod.runpod.env') as never }, activeAccount: () => 'default', hasAccount: heldAccounts('default').has, log: { error: vi.fn() } };
    expect(await runLaunchWizard(api, state)).toBe(false);
    expect(ui.progress.map((p) => [p.title, p.cancelled])).toEqual([[LISTING_PROGRESS_TITLE, true]]);
    // Stopped at the folder being listed: its `.runpod` folder is not listed after the Cancel.
    expect(fake.listed).toHaveLength(FOLDERS + 3);
    expect(ui.quickPicks).toEqual([]);
    expect(fake.messages).toEqual([]);
    expect(api.listGpuTypes).not.toHaveBeenCalled();
    expect(api.createPod).not.toHaveBeenCalled();
  });

  it('Push Template: Cancel on the listing of an outside template\'s own folder pushes nothing, with no question and no message', async () => {
    cancelOwnFolderListing();
    fake.documents.set('file:///outside/train.runpod.json', new FakeDocument(file('/outside/train.runpod.json'), TEMPLATE));
    const { api, services } = pushApi();
    await pushTemplate(services as never, file('/outside/train.runpod.json'));
    expect(ui.progress.map((p) => [p.title, p.cancelled])).toEqual([[LISTING_PROGRESS_TITLE, true]]);
    expect(fake.picks).toEqual([]);
    expect(fake.messages).toEqual([]);
    expect(api.createTemplate).not.toHaveBeenCalled();
  });

  it('Deploy Endpoint: Cancel on the listing of an outside source\'s own folder ends the wizard at the env step, nothing created, no message', async () => {
    cancelOwnFolderListing();
    const api = { listGpuTypes: vi.fn(async () => []), listTemplates: vi.fn(async () => []), createEndpoint: vi.fn() } as unknown as RunpodApi;
    const source = { kind: 'file', uri: file('/outside/train.runpod.json'), text: TEMPLATE, docKind: 'runpod-json', fields: { env: {} } };
    const state: DeployState = { source: source as never, preset: {}, activeAccount: () => 'default', hasAccount: heldAccounts('default').has, log: { error: vi.fn() } };
    expect(await runDeployWizard(api, state, DEPLOY_STEP.env)).toBe(false);
    expect(ui.progress.map((p) => [p.title, p.cancelled])).toEqual([[LISTING_PROGRESS_TITLE, true]]);
    expect(ui.quickPicks).toEqual([]);
    expect(fake.messages).toEqual([]);
    expect(api.createEndpoint).not.toHaveBeenCalled();
  });

  it('Update Env: Cancel on the listing of a browsed env file\'s own folder updates nothing, with no message', async () => {
    cancelOwnFolderListing();
    const endpoint = { id: 'ep1', name: 'api', image: 'img:1', env: {} };
    const api = { getEndpoint: vi.fn(async () => endpoint), updateEndpoint: vi.fn() };
    const services = { ...fakeServices().services, requireApi: async () => api, getApi: async () => api };
    ui.quickPickScript.push((p) => p.choose(/Browse/));
    fake.openDialogAnswers.push([file('/outside/train.prod.runpod.env')]);
    await updateEndpoint(services as never, {} as never, 'env', { endpointId: 'ep1' });
    expect(ui.progress.map((p) => [p.title, p.cancelled])).toEqual([[LISTING_PROGRESS_TITLE, true]]);
    expect(ui.quickPicks).toHaveLength(1);
    expect(fake.messages).toEqual([]);
    expect(api.updateEndpoint).not.toHaveBeenCalled();
  });

  it('a walk that stopped at its bound says so, and the command goes on with what it found', async () => {
    for (let i = 0; i < 1000; i++) fake.files.set(`/w/src/big/f${i}.ts`, '');
    const { services } = pushApi();
    await pushTemplate(services as never, file('/w/train.runpod.json'));
    expect(fake.messages[0]).toEqual({ level: 'warning', text: TRUNCATED_LISTING_MESSAGE });
    expect(TRUNCATED_LISTING_MESSAGE).toMatch(/more than 1,000 files and folders.*a file in the rest is not listed/);
    expect(fake.picks.at(-1)?.labels).toContain('$(server-environment) prod');
  });

  it('an env file picker over a walk that stopped at its bound says its list may be incomplete', async () => {
    for (let i = 0; i < 1000; i++) fake.files.set(`/w/src/big/f${i}.ts`, '');
    const endpoint = { id: 'ep1', name: 'api', image: 'img:1', env: {} };
    const api = { getEndpoint: vi.fn(async () => endpoint), updateEndpoint: vi.fn() };
    const services = { ...fakeServices().services, requireApi: async () => api, getApi: async () => api };
    await updateEndpoint(services as never, {} as never, 'env', { endpointId: 'ep1' });
    expect(ui.quickPicks.at(-1)!.placeholder).toMatch(/^Env file \(KEY=value lines\) \(\d+ files? listed; the search stopped at its limit, so there may be more\)$/);
  });

  it('Compare Environments says so too, once', async () => {
    for (let i = 0; i < 1000; i++) fake.files.set(`/w/src/big/f${i}.ts`, '');
    await compareEnvironmentsCommand({ set: vi.fn() }, file('/w/train.runpod.json'));
    expect(fake.messages.filter((m) => m.level === 'warning')).toEqual([{ level: 'warning', text: TRUNCATED_LISTING_MESSAGE }]);
  });
});
