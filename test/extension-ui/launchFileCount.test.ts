/**
 * Launch Pod on a template file starts the count step at the file's `gpu.count`, as
 * `runpod-check pods launch --template-file` sends it: the same file is not 1 GPU in the editor and
 * 2 on the command line. What a cancelled launch of the same file chose still comes first, and a
 * count over what the catalog allows one Pod starts at that maximum.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => await import('./vscodeFake'));
vi.mock('../../server/src/index/readFile', async (real) => ({ ...(await real<object>()), ...(await import('./vscodeFake')).fakeIndexedReads }));

import { runLaunchWizard, STEP, type WizardState } from '../../client/src/launch/ui/launchWizard';
import type { GpuType, RunpodApi } from '../../client/src/runpod/types';
import { fake, ui, Uri } from './vscodeFake';
import { heldAccounts } from './heldAccounts';

const GPU: GpuType = { id: 'NVIDIA RTX 4090', name: 'RTX 4090', pool: 'ADA_24', memory: 24, secure: true, community: true, price: { secure: 0.69, community: 0.44 }, maxCount: 4, availability: { secure: 'High', community: 'High' } };
const API = { listGpuTypes: async () => [GPU] } as unknown as RunpodApi;
const URI = Uri.from({ scheme: 'file', path: '/w/train.runpod.json' });

beforeEach(() => fake.reset());

/** At the GPU step with the file chosen; the file asks for `count` of the GPU. */
function fileState(count: number, recalled?: WizardState['recalled']): WizardState {
  return {
    count: 1,
    preset: {},
    activeAccount: () => 'default',
    hasAccount: heldAccounts('default').has,
    log: { error: vi.fn() },
    gpus: [GPU],
    source: { kind: 'file', uri: URI as never, text: '{}', name: 'train', dropped: [], template: { env: {}, gpu: { id: GPU.id, count } } },
    ...(recalled ? { recalled } : {}),
  };
}

/** The count step's highlighted item, after Enter on the GPU step's highlighted type. */
async function countStepStart(state: WizardState): Promise<string | undefined> {
  ui.quickPickScript.push(
    (p) => p.accept(),
    (p) => p.hide(),
  );
  await runLaunchWizard(API, state, STEP.gpu);
  const [gpuStep, countStep] = ui.quickPicks;
  expect(gpuStep!.active).toMatch(/RTX 4090/);
  expect(countStep!.placeholder).toBe('How many RTX 4090? (up to 4)');
  return countStep!.active;
}

describe("Launch Pod: the count step of a template file's GPU", () => {
  it("starts at the file's gpu.count, the count the command line's launch sends", async () => {
    expect(await countStepStart(fileState(2))).toBe('2 × RTX 4090');
  });

  it('a count over what one Pod can have starts at the most it can have', async () => {
    expect(await countStepStart(fileState(9))).toBe('4 × RTX 4090');
  });

  it('what a cancelled launch of the same file chose of that GPU comes first', async () => {
    expect(await countStepStart(fileState(2, { template: `file:${URI.toString()}`, gpu: GPU.id, count: 3 }))).toBe('3 × RTX 4090');
  });
});
