/**
 * The GPU catalog a broken or hostile server lists (GPU names and ids, availability words, pool
 * names) in Launch Pod's GPU step and Deploy Endpoint's pools step, and in the notification a GPU
 * without capacity gets: by the quick pick's label rule and the notification's, as the template
 * and Pod names beside them are (hostileLabels.test.ts). No escape sequence acts, no line break or
 * 5,000 characters make a label, no `$(icon)` code draws, no `[text](command:...)` forms a link.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { runLaunchWizard, STEP, type WizardState } from '../../client/src/launch/ui/launchWizard';
import { runDeployWizard, type DeployState } from '../../client/src/serverless/ui/deployWizard';
import type { GpuType, RunpodApi } from '../../client/src/runpod/types';
import { fake, ui } from './vscodeFake';
import { heldAccounts } from './heldAccounts';

const HOSTILE = {
  osc: 'a\u001b]52;c;ZXZpbA==\u0007b',
  bidi: 'invoice\u202Etxt.exe',
  newline: 'RTX\n  $(pass) verified by RunPod',
  link: '$(alert) [Fix](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D)',
  long: 'n'.repeat(5000),
};
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** A `$(name)` VS Code would draw as an icon: not preceded by its escape, a backslash. */
const LIVE_ICON = /(?<!\\)\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g;

/** A GPU type whose every text is `text`: `free` in Community Cloud with `text` as its availability, else free nowhere. */
function gpu(text: string, free: boolean): GpuType {
  const availability = { secure: 'None', community: free ? text : 'None' };
  return { id: free ? `${text}-2` : text, name: text, pool: text, memory: 24, secure: true, community: true, price: { secure: 0.69, community: 0.34 }, maxCount: 2, availability } as GpuType;
}

const API = { listGpuTypes: async () => [], listTemplates: async () => [], listSecrets: async () => [] } as unknown as RunpodApi;
const accounts = { activeAccount: () => 'default', hasAccount: heldAccounts('default').has, log: { error: vi.fn() } };

/** Every label of every quick pick shown: one safe line of at most a label's length, no icon but the step's own first one. */
function expectSafePicks(): void {
  expect(ui.quickPicks.length).toBeGreaterThan(0);
  for (const pick of ui.quickPicks) {
    for (const label of pick.items) {
      expect(label).not.toMatch(UNSAFE);
      expect(label.length).toBeLessThanOrEqual(260);
      expect((label.match(LIVE_ICON) ?? []).filter((icon, i) => i > 0 || !label.startsWith(icon))).toEqual([]);
    }
  }
}

beforeEach(() => fake.reset());

describe.each(Object.entries(HOSTILE))('a catalog text (%s)', (_what, text) => {
  it("Launch Pod's GPU step lists it safely, and its no-capacity notification forms no link", async () => {
    const catalog = [gpu(text, false), gpu(text, true)];
    // Picks the hostile GPU type (no capacity: a notification, the step again), then leaves.
    ui.quickPickScript.push((p) => p.choose(/^\$\(warning\)/), (p) => p.hide());
    await runLaunchWizard(API, { count: 1, preset: {}, gpus: catalog, ...accounts } as WizardState, STEP.gpu);
    expectSafePicks();
    const notice = fake.messages.find((m) => m.text.includes('no capacity'));
    expect(notice).toBeDefined();
    expect(notice!.text).not.toMatch(UNSAFE);
    expect(notice!.text).not.toMatch(/\]\(/);
    expect(notice!.text.length).toBeLessThanOrEqual(300);
  });

  it("Launch Pod's count and cloud steps name it safely, and the cloud without capacity's notification forms no link", async () => {
    // The free GPU type, 2 of it, then Secure Cloud (no capacity there: a notification, the step again), then leaves.
    ui.quickPickScript.push((p) => p.choose(/^\$\(circuit-board\)/), (p) => p.choose(/^2 /), (p) => p.choose(/^\$\(warning\)/), (p) => p.hide());
    await runLaunchWizard(API, { count: 1, preset: {}, gpus: [gpu(text, true)], ...accounts } as WizardState, STEP.gpu);
    expect(ui.quickPicks.map((p) => p.step)).toEqual([3, 3, 4, 4]);
    expectSafePicks();
    const notice = fake.messages.find((m) => m.text.includes('Secure Cloud'));
    expect(notice!.text).not.toMatch(UNSAFE);
    expect(notice!.text).not.toMatch(/\]\(/);
  });

  it("Deploy Endpoint's pools step lists its pool and GPU names safely", async () => {
    await runDeployWizard(API, { preset: {}, gpus: [gpu(text, true)], ...accounts } as unknown as DeployState, 3);
    expectSafePicks();
  });
});
