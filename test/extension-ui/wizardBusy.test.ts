/**
 * The wizards' steps whose items are read from RunPod open their pick at once, busy, saying what
 * is read: on a slow or hanging RunPod the user sees the step (counter and Back as usual) and can
 * leave it; Escape aborts the read through its cancel option and nothing shows after. A catalog
 * read before opens the step as is.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => await import('./vscodeFake'));
vi.mock('../../server/src/index/readFile', async (real) => ({ ...(await real<object>()), ...(await import('./vscodeFake')).fakeIndexedReads }));

import { runLaunchWizard, type WizardState } from '../../client/src/launch/ui/launchWizard';
import { runDeployWizard, type DeployState } from '../../client/src/serverless/ui/deployWizard';
import type { GpuType, RunpodApi, Template } from '../../client/src/runpod/types';
import { hangingRead, heldProgressClock } from './hangingRead';
import { fake, ui, Uri, workspace } from './vscodeFake';
import { heldAccounts } from './heldAccounts';
import { until } from '../helpers/until';

const GPU: GpuType = { id: 'NVIDIA RTX A5000', name: 'RTX A5000', pool: 'AMPERE_24', memory: 24, secure: true, community: true, price: { secure: 0.5, community: 0.3 }, maxCount: 1, availability: { secure: 'High', community: 'High' } };
const TEMPLATE: Template = { id: 't1', name: 'trainer', image: 'img', env: {} } as Template;

/** The user waits on a busy pick (its read answers at once: the account's templates here). */
const waitForItems = () => {};

/** The source step's busy pick, as the user waits: reading the templates, then (they answer at once) listing the workspace. */
const waitForSources = [waitForItems, waitForItems];

/**
 * Lets the fake's scripted steps (on timers of 0) and the wizard's awaits run: only before
 * checking that nothing more happens. What must happen is waited for (`until`): on a loaded
 * machine 20 ms can pass before the wizard got there.
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeEach(() => fake.reset());
const clock = heldProgressClock();

function launchState(extra: Partial<WizardState> = {}): WizardState {
  return { count: 1, preset: {}, activeAccount: () => 'default', hasAccount: heldAccounts('default').has, log: { error: vi.fn() }, ...extra };
}

/** Launch Pod up to the GPU step: the account template, no env file, Continue. */
function toGpuStep(): void {
  ui.quickPickScript.push(
    (p) => p.choose(/trainer/),
    (p) => p.choose(/No env file/),
    (p) => p.choose(/Continue/),
  );
}

describe('Launch Pod: the GPU step', () => {
  it('opens busy at once while the catalog is read; Escape ends the launch and aborts the read, whose answer then shows nothing', async () => {
    const gpus = hangingRead<GpuType[]>();
    const api = { listTemplates: async () => [TEMPLATE], listGpuTypes: gpus.read } as unknown as RunpodApi;
    toGpuStep();
    ui.busyPickScript.push(...waitForSources, (p) => p.hide());
    expect(await runLaunchWizard(api, launchState())).toBe(false);
    expect(ui.busyPicks.slice(2)).toEqual([expect.objectContaining({ step: 3, totalSteps: 6, back: true, items: [], placeholder: 'Reading the GPU catalog from RunPod…' })]);
    expect(gpus.seen).toEqual({ calls: 1, aborted: true });
    const shown = ui.quickPicks.length;
    gpus.answer([GPU]);
    await settle();
    expect(ui.quickPicks).toHaveLength(shown);
    expect(ui.busyPicks).toHaveLength(3);
  });

  it('shows the catalog when the read answers, and keeps it for the next visit, which opens without busy', async () => {
    const gpus = hangingRead<GpuType[]>();
    const api = { listTemplates: async () => [TEMPLATE], listGpuTypes: gpus.read } as unknown as RunpodApi;
    const state = launchState();
    toGpuStep();
    ui.quickPickScript.push((p) => p.hide());
    const launched = runLaunchWizard(api, state);
    await until(() => gpus.seen.calls === 1, 'the catalog read');
    expect(ui.busyPicks.map((p) => p.step)).toEqual([1, 1, 3]);
    expect(ui.busyPicks[2]!.placeholder).toBe('Reading the GPU catalog from RunPod…');
    expect(ui.quickPicks.map((p) => p.step)).toEqual([1, 2, 2]);
    gpus.answer([GPU]);
    expect(await launched).toBe(false);
    const loaded = ui.quickPicks.at(-1)!;
    expect(loaded.step).toBe(3);
    expect(loaded.placeholder).toBe('GPU type (memory · price per hour per cloud · availability)');
    expect(loaded.items).toEqual([expect.stringContaining('RTX A5000'), expect.stringContaining('CPU')]);
    expect(gpus.seen.aborted).toBe(false);

    // Again at the GPU step with the catalog kept in the state: it is not read again, and no busy pick shows.
    const before = ui.quickPicks.length;
    ui.quickPickScript.push((p) => p.hide());
    await runLaunchWizard(api, state, 2);
    expect(gpus.seen.calls).toBe(1);
    expect(ui.quickPicks.slice(before)).toEqual([expect.objectContaining({ step: 3, items: [expect.stringContaining('RTX A5000'), expect.stringContaining('CPU')] })]);
    expect(ui.busyPicks).toHaveLength(3);
  });

  it('a catalog that fails to read fails the wizard as before (its caller says it)', async () => {
    const error = new Error('RunPod answered 500');
    const api = { listTemplates: async () => [TEMPLATE], listGpuTypes: async () => Promise.reject(error) } as unknown as RunpodApi;
    toGpuStep();
    await expect(runLaunchWizard(api, launchState())).rejects.toBe(error);
  });
});

const SERVERLESS: Template = { id: 's1', name: 'worker', image: 'img:1', env: {}, serverless: true } as Template;

function deployState(extra: Partial<DeployState> = {}): DeployState {
  return { preset: {}, activeAccount: () => 'default', hasAccount: heldAccounts('default').has, log: { error: vi.fn() }, ...extra };
}

describe('Deploy Endpoint', () => {
  it('the GPU pools step opens busy at once while the catalog is read; Escape ends the deploy and aborts the read', async () => {
    const gpus = hangingRead<GpuType[]>();
    const api = { listTemplates: async () => [SERVERLESS], listGpuTypes: gpus.read } as unknown as RunpodApi;
    // The source is an account template with an image: no image step; then no env file.
    ui.quickPickScript.push(
      (p) => p.choose(/worker/),
      (p) => p.choose(/No env file/),
    );
    ui.busyPickScript.push(...waitForSources, (p) => p.hide());
    expect(await runDeployWizard(api, deployState())).toBe(false);
    expect(ui.busyPicks.slice(2)).toEqual([expect.objectContaining({ step: 4, back: true, canSelectMany: true, items: [], placeholder: 'Reading the GPU catalog from RunPod…' })]);
    expect(gpus.seen).toEqual({ calls: 1, aborted: true });
    const shown = ui.quickPicks.length;
    gpus.answer([GPU]);
    await settle();
    expect(ui.quickPicks).toHaveLength(shown);
  });

  it('the source step reads no catalog for an account template; the pools show when the catalog answers, and a catalog read before opens them as is', async () => {
    const gpus = hangingRead<GpuType[]>();
    const api = { listTemplates: async () => [SERVERLESS], listGpuTypes: gpus.read } as unknown as RunpodApi;
    ui.quickPickScript.push(
      (p) => p.choose(/worker/),
      (p) => p.choose(/No env file/),
      (p) => p.hide(),
    );
    const deployed = runDeployWizard(api, deployState());
    await until(() => gpus.seen.calls === 1, 'the catalog read');
    expect(ui.busyPicks.map((p) => p.step)).toEqual([1, 1, 4]);
    gpus.answer([GPU]);
    expect(await deployed).toBe(false);
    expect(ui.quickPicks.at(-1)).toEqual(expect.objectContaining({ step: 4, items: ['AMPERE_24'], placeholder: expect.stringMatching(/^GPU pools the workers may run on/) }));

    const cached = deployState({ gpus: [GPU], source: { kind: 'account', template: SERVERLESS } });
    ui.quickPickScript.push((p) => p.hide());
    await runDeployWizard(api, cached, 3);
    expect(ui.busyPicks).toHaveLength(3);
    expect(ui.quickPicks.at(-1)).toEqual(expect.objectContaining({ step: 4, items: ['AMPERE_24'] }));
    expect(gpus.seen.calls).toBe(1);
  });

  it('from a file, the catalog its GPU ids map by is read under a cancellable notification: Cancel ends the deploy quietly and aborts the read', async () => {
    fake.files.set('/w/worker.runpod.json', '{ "name": "worker", "image": "img:1", "serverless": true, "env": {} }');
    const gpus = hangingRead<GpuType[]>();
    const api = { listTemplates: async () => [], listGpuTypes: gpus.read, getTemplate: vi.fn() } as unknown as RunpodApi;
    const deployed = runDeployWizard(api, deployState({ preset: { file: Uri.from({ scheme: 'file', path: '/w/worker.runpod.json' }) as never } }));
    const progress = await clock.fire();
    expect(progress).toMatchObject({ title: 'Reading the GPU catalog from RunPod…', cancellable: true });
    progress.cancel();
    expect(await deployed).toBe(false);
    expect(gpus.seen.aborted).toBe(true);
    expect(ui.quickPicks).toEqual([]);
    expect(fake.messages).toEqual([]);
  });
});

describe('the source steps: the account\'s templates', () => {
  const wizards = [
    { name: 'Launch Pod', template: TEMPLATE, run: (api: RunpodApi) => runLaunchWizard(api, launchState()) },
    { name: 'Deploy Endpoint', template: SERVERLESS, run: (api: RunpodApi) => runDeployWizard(api, deployState()) },
  ];

  for (const wizard of wizards) {
    it(`${wizard.name}: the first step opens busy while they are read; Escape ends the wizard and aborts the read`, async () => {
      const templates = hangingRead<Template[]>();
      const api = { listTemplates: templates.read, listGpuTypes: async () => [GPU] } as unknown as RunpodApi;
      ui.busyPickScript.push((p) => p.hide());
      expect(await wizard.run(api)).toBe(false);
      expect(ui.busyPicks).toEqual([expect.objectContaining({ step: 1, back: false, items: [], placeholder: "Reading the account's templates from RunPod…" })]);
      expect(templates.seen).toEqual({ calls: 1, aborted: true });
      templates.answer([wizard.template]);
      await settle();
      expect(ui.quickPicks).toEqual([]);
      expect(fake.messages).toEqual([]);
    });

    it(`${wizard.name}: the templates show when the read answers`, async () => {
      const templates = hangingRead<Template[]>();
      const api = { listTemplates: templates.read, listGpuTypes: async () => [GPU] } as unknown as RunpodApi;
      const ran = wizard.run(api);
      await until(() => templates.seen.calls === 1, "the templates' read");
      templates.answer([wizard.template]);
      expect(await ran).toBe(false);
      expect(ui.quickPicks).toEqual([expect.objectContaining({ step: 1, items: expect.arrayContaining([expect.stringContaining(wizard.template.name)]) })]);
      expect(templates.seen.aborted).toBe(false);
    });
  }
});

describe('the source steps: Escape once the templates answered, while the workspace is still listed', () => {
  const wizards = [
    { name: 'Launch Pod', template: TEMPLATE, run: (api: RunpodApi) => runLaunchWizard(api, launchState()) },
    { name: 'Deploy Endpoint', template: SERVERLESS, run: (api: RunpodApi) => runDeployWizard(api, deployState()) },
  ];

  for (const wizard of wizards) {
    it(`${wizard.name}: the busy pick says it lists the workspace; Escape stops the walk, and no notification shows later`, async () => {
      for (let i = 0; i < 5; i++) fake.files.set(`/w/src/m${i}/index.ts`, '');
      // The walk is held at its second folder until the test lets it go on.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const list = workspace.fs.readDirectory;
      vi.spyOn(workspace.fs, 'readDirectory').mockImplementation(async (uri) => {
        if (fake.listed.length === 1) await held;
        return list(uri);
      });
      const templates = hangingRead<Template[]>();
      const api = { listTemplates: templates.read, listGpuTypes: async () => [GPU] } as unknown as RunpodApi;
      ui.busyPickScript.push(waitForItems, (p) => p.hide());
      const ran = wizard.run(api);
      await until(() => templates.seen.calls === 1, "the templates' read");
      templates.answer([wizard.template]);
      expect(await ran).toBe(false);
      expect(ui.busyPicks.map((p) => p.placeholder)).toEqual(["Reading the account's templates from RunPod…", 'Listing RunPod files in the workspace…']);
      // The wizard has closed: the listing's notification will not open, though the walk is still held.
      expect(clock.timers.filter((t) => !t.stopped)).toEqual([]);
      const listedWhenClosed = fake.listed.length;
      release();
      await until(() => fake.listed.length > listedWhenClosed, "the held folder's entries");
      await settle();
      // The held folder's entries come back; no folder is listed after it.
      expect(fake.listed).toHaveLength(listedWhenClosed + 1);
      expect(ui.progress).toEqual([]);
      expect(ui.quickPicks).toEqual([]);
      expect(fake.messages).toEqual([]);
    });
  }
});
