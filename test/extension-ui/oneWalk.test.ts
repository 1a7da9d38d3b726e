/**
 * Launch Pod, Deploy Endpoint and Push Template traverse the workspace once: the template (or
 * source) picker lists from the walk the env step lists from (workspaceWalk.ts), with no findFiles
 * search beside it, and each folder is listed once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => await import('./vscodeFake'));

import { pushTemplate } from '../../client/src/commands/pushTemplate';
import { runLaunchWizard, type WizardState } from '../../client/src/launch/ui/launchWizard';
import { runDeployWizard, type DeployState } from '../../client/src/serverless/ui/deployWizard';
import type { RunpodApi } from '../../client/src/runpod/types';
import { fake, ui, workspace } from './vscodeFake';
import { fakeServices } from './flowHelpers';
import { heldAccounts } from './heldAccounts';

const TEMPLATE = '{ "name": "train", "image": "runpod/pytorch", "env": { "A": "1" } }';
const SERVERLESS = '{ "name": "worker", "image": "runpod/worker", "serverless": true, "env": { "A": "1" } }';

beforeEach(() => {
  fake.reset();
  fake.files.set('/w/train.runpod.json', TEMPLATE);
  fake.files.set('/w/deploy/worker.runpod.json', SERVERLESS);
  fake.files.set('/w/train.dev.runpod.env', 'A=2\n');
  fake.files.set('/w/train.prod.runpod.env', 'A=3\n');
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Spies on the searches and folder listings of `run`: what it searched, and each folder listed once. */
async function traversals(run: () => Promise<unknown>): Promise<{ searches: number; listed: string[] }> {
  const search = vi.spyOn(workspace, 'findFiles');
  const list = vi.spyOn(workspace.fs, 'readDirectory');
  await run();
  return { searches: search.mock.calls.length, listed: list.mock.calls.map(([uri]) => uri.path).sort() };
}

const api = { listTemplates: async () => [], listGpuTypes: async () => [], getTemplate: async () => undefined } as unknown as RunpodApi;

describe('one walk per command', () => {
  it('Launch Pod: the template step and the env step', async () => {
    ui.quickPickScript = [(pick) => pick.choose(/train\.runpod\.json$/), (pick) => pick.hide()];
    const state: WizardState = { count: 1, preset: {}, activeAccount: () => 'default', hasAccount: heldAccounts('default').has, log: { error: vi.fn() } };
    const seen = await traversals(() => runLaunchWizard(api, state));
    expect(ui.quickPicks[0]!.items).toContain('$(file) /w/train.runpod.json');
    expect(ui.quickPicks[1]!.step).toBe(2); // the env step was reached
    expect(seen).toEqual({ searches: 0, listed: ['/w', '/w/deploy'] });
  });

  it('Deploy Endpoint: the source step and the env file step', async () => {
    ui.quickPickScript = [(pick) => pick.choose(/worker\.runpod\.json$/), (pick) => pick.hide()];
    const state: DeployState = { preset: {}, activeAccount: () => 'default', hasAccount: heldAccounts('default').has, log: { error: vi.fn() } } as DeployState;
    const seen = await traversals(() => runDeployWizard(api, state));
    // Only the serverless template file is a source.
    expect(ui.quickPicks[0]!.items.filter((l) => l.startsWith('$(file)'))).toEqual(['$(file) /w/deploy/worker.runpod.json']);
    expect(seen.searches).toBe(0);
    expect(seen.listed).toEqual(['/w', '/w/deploy']);
  });

  it('Push Template: the picker and the environment question', async () => {
    fake.pickScript = [(items) => items.find((i) => i.label === '/w/train.runpod.json'), () => undefined];
    const seen = await traversals(() => pushTemplate(fakeServices().services));
    expect(seen).toEqual({ searches: 0, listed: ['/w', '/w/deploy'] });
  });
});
