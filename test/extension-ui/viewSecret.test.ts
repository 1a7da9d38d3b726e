/**
 * View Secret in the editor: the document opens at once with the metadata and "Searching…", and the
 * usage search fills it in when done, however the editor's opening of the preview and the search
 * interleave (the stand-in keeps virtual documents as VS Code's extension host does).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { registerSecretCommands } from '../../client/src/commands/index';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { fakeApiServices } from './fakeApiServices';
import { scriptedIndex } from './lifecycleHelpers';
import { tooDeepText } from '../../server/src/index/walk';
import { fake as editor, ui, virtualDocs } from './vscodeFake';
import { until } from '../helpers/until';

let api: FakeRunpod;
let env: Awaited<ReturnType<typeof fakeApiServices>>;

beforeAll(async () => {
  api = await startFakeRunpod({ seed: true, podBootMs: 0, rateLimitPerMinute: 10_000 });
});
afterAll(() => api.close());
beforeEach(() => editor.reset());
afterEach(async () => env?.close());

const hfTokenInRunpodEnv = {
  complete: true,
  usages: { 'hf-token': { files: 1, references: 1, locations: [{ uri: 'file:///w/runpod.env', range: { start: { line: 2, character: 26 }, end: { line: 2, character: 34 } }, substituted: 'yes' }] } },
};

describe('View Secret', () => {
  it('fills in "Where it is used" when the search ends before the preview has finished opening the document', async () => {
    env = await fakeApiServices(api, { index: scriptedIndex({ usages: hfTokenInRunpodEnv }) });
    registerSecretCommands(env.services);

    // The preview asks the content ("Searching…"), the search ends and says so, and only then is
    // the preview's document open: the change said before it was open counts for nothing.
    await editor.commands.get('runpod.secrets.view')!({ secretName: 'hf-token' });
    const shown = ui.executed.find((c) => c.id === 'markdown.showPreview')!.args[0]!;
    expect(virtualDocs.text(shown as never)).toContain('Searching…');
    virtualDocs.finishOpening();
    await new Promise((resolve) => setTimeout(resolve, 0));

    const text = virtualDocs.text(shown as never)!;
    expect(text).not.toContain('Searching…');
    expect(text).toContain('runpod.env, line 3');
    expect(text).toContain('### Account templates');
  });

  it('names the first folder too deep for the index when the index says it has one', async () => {
    env = await fakeApiServices(api, { index: scriptedIndex({ usages: { ...hfTokenInRunpodEnv, complete: false, gap: 'limit', deepFolder: '/w/gen/d' } }) });
    registerSecretCommands(env.services);
    await editor.commands.get('runpod.secrets.view')!({ secretName: 'hf-token' });
    const shown = ui.executed.find((c) => c.id === 'markdown.showPreview')!.args[0]!;
    virtualDocs.finishOpening();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(virtualDocs.text(shown as never)!.replace(/\\/g, '')).toContain(tooDeepText('/w/gen/d'));
  });
});

describe('View Secret after the workspace changed', () => {
  it('"Where it is used" follows the index: a file renamed after the view opened is shown under its new name, the old one gone', async () => {
    const index = scriptedIndex({ usages: hfTokenInRunpodEnv });
    env = await fakeApiServices(api, { index });
    registerSecretCommands(env.services);
    await editor.commands.get('runpod.secrets.view')!({ secretName: 'hf-token' });
    const shown = ui.executed.find((c) => c.id === 'markdown.showPreview')!.args[0]!;
    virtualDocs.finishOpening();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(virtualDocs.text(shown as never)).toContain('runpod.env, line 3');

    // The file is renamed: the server re-indexes and says runpod/usagesChanged.
    const moved = { ...hfTokenInRunpodEnv.usages['hf-token'].locations[0]!, uri: 'file:///w/moved.runpod.env' };
    index.script.usages = { complete: true, usages: { 'hf-token': { files: 1, references: 1, locations: [moved] } } };
    index.fire();
    await until(() => virtualDocs.text(shown as never)?.includes('moved.runpod.env') === true, 'the view to show the renamed file');
    expect(virtualDocs.text(shown as never)).not.toMatch(/[^.]runpod\.env, line 3/);
  });
});
