/**
 * Launch Pod's template step: a serverless template file (`"serverless": true`) is not offered (it
 * makes an endpoint, not a Pod), and launched from its file it is refused pointing to Deploy
 * Endpoint; started from the palette with a RunPod file open, that file (or the template of the
 * open env file) is the highlighted choice.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => await import('./vscodeFake'));
vi.mock('../../server/src/index/readFile', async (real) => ({ ...(await real<object>()), ...(await import('./vscodeFake')).fakeIndexedReads }));

import { launchArgs } from '../../client/src/launch/args';
import { runLaunchWizard, templateSourceItems, type WizardState } from '../../client/src/launch/ui/launchWizard';
import type { RunpodApi, Template } from '../../client/src/runpod/types';
import { fake, ui, Uri } from './vscodeFake';
import { heldAccounts } from './heldAccounts';

const API = { listTemplates: async () => [], listSecrets: async () => [], listGpuTypes: async () => [], getTemplate: vi.fn() } as unknown as RunpodApi;
const file = (path: string) => Uri.from({ scheme: 'file', path });

beforeEach(() => {
  fake.reset();
  fake.files.set('/w/train.runpod.json', '{ "name": "train", "image": "runpod/pytorch", "env": {} }');
  fake.files.set('/w/serve.runpod.json', '{ "name": "serve", "image": "acme/worker:1", "serverless": true, "env": {} }');
  fake.files.set('/w/train.dev.runpod.env', 'A=1\n');
  fake.files.set('/w/zeta.runpod.json', '{ "name": "zeta", "image": "i", "env": {} }');
});

function state(preset: WizardState['preset'] = {}): WizardState {
  return { count: 1, preset, activeAccount: () => 'default', hasAccount: heldAccounts('default').has, log: { error: vi.fn() } };
}

/** The template step's items and highlighted item, dismissed at once. */
async function templateStep(preset: WizardState['preset'] = {}): Promise<{ items: string[]; active?: string; placeholder?: string }> {
  ui.quickPickScript.push((p) => p.hide());
  await runLaunchWizard(API, state(preset));
  const shown = ui.quickPicks[0]!;
  return { items: shown.items, placeholder: shown.placeholder, ...(shown.active === undefined ? {} : { active: shown.active }) };
}

describe('Launch Pod: the template step', () => {
  it('offers the Pod template file and not the serverless one, saying where that went', async () => {
    const { items, placeholder } = await templateStep();
    expect(items).toContain('$(file) /w/train.runpod.json');
    expect(items.filter((label) => label.includes('serve.runpod.json'))).toEqual([]);
    expect(placeholder).toBe('Template to launch (account template or template file; 1 serverless template file left out: RunPod: Deploy Endpoint)');
  });

  it('launched on a serverless template file (CodeLens, explorer, command), refuses pointing to Deploy Endpoint; nothing else is asked', async () => {
    await runLaunchWizard(API, state({ templateFile: file('/w/serve.runpod.json') as never }));
    expect(fake.messages).toEqual([
      expect.objectContaining({ level: 'error', text: expect.stringMatching(/^.*serve\.runpod\.json: .*serverless template.*not a Pod.*RunPod: Deploy Endpoint/) }),
    ]);
    expect(ui.quickPicks).toEqual([]);
  });

  it('from the palette with a template file open: that file is the highlighted choice (the list still shows, to change it)', async () => {
    const preset = launchArgs(undefined, { uri: file('/w/zeta.runpod.json'), languageId: 'json' });
    expect(preset).toEqual({ activeTemplateFile: file('/w/zeta.runpod.json') });
    const { items, active } = await templateStep(preset as WizardState['preset']);
    expect(active).toBe('$(file) /w/zeta.runpod.json');
    expect(items).toContain('$(file) /w/train.runpod.json');
  });

  it("from the palette with an env file open: its template's file is the highlighted choice", async () => {
    const preset = launchArgs(undefined, { uri: file('/w/train.dev.runpod.env'), languageId: 'runpod-env' });
    expect((await templateStep(preset as WizardState['preset'])).active).toBe('$(file) /w/train.runpod.json');
  });

  it('from the palette with no RunPod file open: nothing is highlighted but the first item', async () => {
    expect((await templateStep()).active).toBeUndefined();
  });
});

describe('the account templates of the template step (Launch Pod, and Deploy Endpoint by the same words)', () => {
  it('count their env variables in words that agree with the number: "1 env variable", "2 env variables", "0 env variables"', () => {
    const template = (name: string, env: Record<string, string>) => ({ id: name, name, image: 'img', env }) as unknown as Template;
    const details = templateSourceItems([template('one', { A: '1' }), template('two', { A: '1', B: '2' }), template('none', {})], [], async () => undefined)
      .filter((item) => 'templateId' in item)
      .map((item) => item.detail);
    expect(details).toEqual(['1 env variable', '2 env variables', '0 env variables']);
  });
});
