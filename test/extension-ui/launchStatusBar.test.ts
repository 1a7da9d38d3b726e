/**
 * Launch Pod's status bar item while the Pod boots names the Pod as the API gives it: the status bar
 * draws `$(icon)` codes, so the text takes the quick pick's rule (pickName), and the tooltip the
 * label rule (nameLabel): no line break, escape sequence or icon of the name's own is drawn.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { launchPod } from '../../client/src/commands/launchPod';
import { nameLabel, pickName } from '../../client/src/ui/plainName';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { call } from '../fake-runpod/testHelpers';
import { fakeApiServices } from './fakeApiServices';
import { fake as editor, ui } from './vscodeFake';
import { scriptLaunchAfterTemplate } from './launchScript';

const HOSTILE = 'a\n\u001b[2K$(alert) b';
let api: FakeRunpod;
let env: Awaited<ReturnType<typeof fakeApiServices>> | undefined;

beforeAll(async () => {
  api = await startFakeRunpod({ seed: true, podBootMs: 0, rateLimitPerMinute: 10_000 });
  await call(api, 'POST', '/templates', { name: 'status-tpl', image: 'img', env: { A: '1' } });
});
afterAll(() => api.close());
beforeEach(() => editor.reset());
afterEach(async () => env?.close());

describe("Launch Pod's status bar item and a hostile Pod name from the API", () => {
  it('shows the name by pickName in its text and by nameLabel in its tooltip', async () => {
    env = await fakeApiServices(api);
    ui.quickPickScript.push((p) => p.choose(/status-tpl/));
    scriptLaunchAfterTemplate(HOSTILE);
    await launchPod(env.services);
    const pod = api.inspect().pods.find((p) => p.name === HOSTILE)!;
    expect(pod).toBeDefined();
    const texts = editor.statusBar.flatMap((s) => (s.text === undefined ? [] : [s.text]));
    const tooltips = editor.statusBar.flatMap((s) => (s.tooltip === undefined ? [] : [s.tooltip]));
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toMatch(new RegExp(`^\\$\\(loading~spin\\) RunPod: ${escape(pickName(HOSTILE))} [A-Z]+$`));
    for (const tooltip of tooltips) expect(tooltip).toBe(`Following Pod ${nameLabel(HOSTILE)} (${pod.id}) until it runs. Click for its logs.`);
  });
});

/** `text` as a regular expression that matches it literally. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
