/**
 * Every command that lists RunPod files from the workspace (Launch Pod, Deploy Endpoint, Push
 * Template, Update Env, Compare Environments) names the folders its walk could not list, once, in
 * Compare's words (unlistedFolders.ts: the first ten named, the rest counted): a template in such a
 * folder is missing from the picker, and the user learns why instead of seeing it silently gone.
 * A folder deleted or made a file while the walk ran is no such folder (walk.ts isGoneMeanwhile).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => await import('./vscodeFake'));

import { pushTemplate } from '../../client/src/commands/pushTemplate';
import { updateEndpoint } from '../../client/src/commands/updateEndpoint';
import { compareEnvironmentsCommand } from '../../client/src/commands/compareEnvironments';
import { runLaunchWizard, type WizardState } from '../../client/src/launch/ui/launchWizard';
import { runDeployWizard, type DeployState } from '../../client/src/serverless/ui/deployWizard';
import type { RunpodApi } from '../../client/src/runpod/types';
import { fake, FakeDocument, FileSystemError, ui, Uri, workspace } from './vscodeFake';
import { fakeServices } from './flowHelpers';
import { findSecretUsages } from '../../client/src/commands/findUsages';
import { uncheckedNotes } from '../../client/src/commands/deleteFlow';
import { heldAccounts } from './heldAccounts';

const TEMPLATE = '{ "name": "train", "image": "runpod/pytorch", "env": { "A": "1" } }';
const SERVERLESS = '{ "name": "worker", "image": "runpod/worker", "serverless": true, "env": { "A": "1" } }';
const file = (path: string) => Uri.from({ scheme: 'file', path });
const LOCKED = Array.from({ length: 12 }, (_, i) => `locked${String(i).padStart(2, '0')}`);
/** Compare's words, the first ten named and the rest counted. */
const NOTE = `Folders that could not be listed (permissions, an error of the file system, or no answer within 20 s): ${LOCKED.slice(0, 10).join(', ')}, and 2 more.`;

/** Folder path → the FileSystemError code its listing fails with (as VS Code names the errno). */
let failListing: Map<string, string>;

beforeEach(() => {
  fake.reset();
  failListing = new Map();
  const list = workspace.fs.readDirectory;
  vi.spyOn(workspace.fs, 'readDirectory').mockImplementation(async (uri) => {
    const code = failListing.get(uri.path);
    if (code) throw Object.assign(new FileSystemError(`${code}: ${uri.path}`), { code });
    return list(uri);
  });
  fake.files.set('/w/train.runpod.json', TEMPLATE);
  fake.files.set('/w/deploy/worker.runpod.json', SERVERLESS);
  fake.files.set('/w/train.dev.runpod.env', 'A=2\n');
  fake.files.set('/w/train.prod.runpod.env', 'A=3\n');
  // A template in each locked folder: listed by no picker, since its folder cannot be listed.
  for (const dir of LOCKED) {
    fake.files.set(`/w/${dir}/hidden.runpod.json`, TEMPLATE);
    failListing.set(`/w/${dir}`, 'NoPermissions');
  }
  // Gone while the walk ran: nothing there, not named.
  fake.files.set('/w/deleted/gone.runpod.json', TEMPLATE);
  failListing.set('/w/deleted', 'FileNotFound');
});
afterEach(() => vi.restoreAllMocks());

const warnings = () => fake.messages.filter((m) => m.level === 'warning');
const api = { listTemplates: async () => [], listGpuTypes: async () => [], getTemplate: async () => undefined } as unknown as RunpodApi;

describe('the folders a listing could not list', () => {
  it("Find Usages' own search (no index to ask): named among what could not be checked (View Secret, Delete Secret), in the same words", async () => {
    fake.files.set('/w/train.dev.runpod.env', 'A={{ RUNPOD_SECRET_hf }}\n');
    const usages = await findSecretUsages(fakeServices().services, 'hf');
    expect(usages.files.map((f) => f.path)).toEqual(['/w/train.dev.runpod.env']);
    expect(uncheckedNotes(usages)).toContain(NOTE);
    // No warning of its own: the flows show the notes where they show the uses.
    expect(warnings()).toEqual([]);
  });

  it('Launch Pod: named once, in the first ten and a count, though the env step and Back list from the same walk', async () => {
    // Template step, env step, Back to the template step, then Escape.
    ui.quickPickScript = [(pick) => pick.choose(/train\.runpod\.json$/), (pick) => pick.pressBack(), (pick) => pick.hide()];
    const state: WizardState = { count: 1, preset: {}, activeAccount: () => 'default', hasAccount: heldAccounts('default').has, log: { error: vi.fn() } };
    await runLaunchWizard(api, state);
    expect(ui.quickPicks.map((p) => p.step)).toEqual([1, 2, 1]);
    expect(ui.quickPicks[0]!.items.some((l) => l.includes('hidden'))).toBe(false);
    expect(warnings()).toEqual([{ level: 'warning', text: NOTE }]);
  });

  it('Launch Pod from a template file: the env step\'s listing names them', async () => {
    fake.documents.set('file:///w/train.runpod.json', new FakeDocument(file('/w/train.runpod.json'), TEMPLATE));
    ui.quickPickScript = [(pick) => pick.hide()];
    const state: WizardState = { count: 1, preset: { templateFile: file('/w/train.runpod.json') as never }, activeAccount: () => 'default', hasAccount: heldAccounts('default').has, log: { error: vi.fn() } };
    await runLaunchWizard(api, state);
    expect(warnings()).toEqual([{ level: 'warning', text: NOTE }]);
  });

  it('Deploy Endpoint: named once for the source step and the env file step', async () => {
    ui.quickPickScript = [(pick) => pick.choose(/worker\.runpod\.json$/), (pick) => pick.hide()];
    const state = { preset: {}, activeAccount: () => 'default', hasAccount: heldAccounts('default').has, log: { error: vi.fn() } } as DeployState;
    await runDeployWizard(api, state);
    expect(warnings()).toEqual([{ level: 'warning', text: NOTE }]);
  });

  it('Push Template: named once for the picker and the environment question', async () => {
    fake.pickScript = [(items) => items.find((i) => i.label === '/w/train.runpod.json'), () => undefined];
    await pushTemplate(fakeServices().services);
    expect(fake.picks).toHaveLength(2);
    expect(warnings()).toEqual([{ level: 'warning', text: NOTE }]);
  });

  it('Update Env: named with the env file picker', async () => {
    const endpoint = { id: 'ep1', name: 'api', image: 'img:1', env: {} };
    const endpointApi = { getEndpoint: vi.fn(async () => endpoint), updateEndpoint: vi.fn() };
    const services = { ...fakeServices().services, requireApi: async () => endpointApi, getApi: async () => endpointApi };
    await updateEndpoint(services as never, {} as never, 'env', { endpointId: 'ep1' });
    expect(ui.quickPicks).toHaveLength(1);
    expect(warnings()).toEqual([{ level: 'warning', text: NOTE }]);
  });

  it('a walk that listed every folder names none', async () => {
    failListing.clear();
    fake.pickScript = [(items) => items.find((i) => i.label === '/w/train.runpod.json'), () => undefined];
    await pushTemplate(fakeServices().services);
    expect(fake.messages).toEqual([]);
  });

  it('a folder name that is a link or holds an escape sequence or a line break forms no link and stays on one line', async () => {
    failListing.clear();
    const evil = '[Fix](command:workbench.action.terminal.sendSequence)\u001b[31m\nx';
    fake.files.set(`/w/${evil}/t.runpod.json`, TEMPLATE);
    failListing.set(`/w/${evil}`, 'NoPermissions');
    fake.pickScript = [() => undefined];
    await pushTemplate(fakeServices().services);
    const [warning] = warnings();
    expect(warning!.text).toMatch(/^Folders that could not be listed \(permissions, an error of the file system, or no answer within 20 s\): /);
    expect(warning!.text).not.toMatch(/\]\(command:|[\u0000-\u001f]/);
  });

  it('Compare Environments: its document names them all, and no warning says them again', async () => {
    const provider = { set: vi.fn() };
    await compareEnvironmentsCommand(provider, file('/w/train.dev.runpod.env'));
    // What the document is rendered from (compareEnvironments.test.ts reads its sentence).
    expect(provider.set).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ unlisted: LOCKED }), expect.anything());
    expect(fake.messages).toEqual([]);
  });

  it('Compare Environments with nothing to compare: its message ends with the same sentence', async () => {
    fake.files.delete('/w/train.prod.runpod.env');
    await compareEnvironmentsCommand({ set: vi.fn() }, file('/w/train.dev.runpod.env'));
    expect(fake.messages).toEqual([{ level: 'info', text: expect.stringMatching(/^No template with two or more environments /) }]);
    expect(fake.messages[0]!.text.endsWith(` ${NOTE}`)).toBe(true);
  });
});
