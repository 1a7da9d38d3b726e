/**
 * The environment Launch Pod's checks judge a launch as: the file's own, by the rule the file check
 * uses (environmentFileOf), even when no other environment's file is beside it and no account is
 * declared for it. `solo.prod.runpod.json` referencing dev's password asks first, as `check` warns.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => await import('./vscodeFake'));

import { launchPod } from '../../client/src/commands/launchPod';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { fakeApiServices } from './fakeApiServices';
import { fake as editor, Uri } from './vscodeFake';
import { scriptLaunchAfterTemplate } from './launchScript';

const TEMPLATE = JSON.stringify({ name: 'solo', image: 'acme/solo:1', env: { DB_PASSWORD: '{{ RUNPOD_SECRET_db_password_dev }}' } });

let api: FakeRunpod;
let env: Awaited<ReturnType<typeof fakeApiServices>> | undefined;

beforeAll(async () => {
  api = await startFakeRunpod({ seed: true, podBootMs: 0, rateLimitPerMinute: 10_000 });
  api.addSecret({ name: 'db_password_dev', value: 'dev-password-value' });
});
afterAll(() => api.close());
beforeEach(() => editor.reset());
afterEach(async () => env?.close());

describe("Launch Pod: the checks' environment is the file's own", () => {
  it("a template file of prod alone (no dev file beside it, no account declared) referencing dev's secret asks first; Cancel launches nothing", async () => {
    env = await fakeApiServices(api);
    const uri = Uri.from({ scheme: 'file', path: '/w/solo.prod.runpod.json' });
    editor.files.set(uri.path, TEMPLATE);
    scriptLaunchAfterTemplate('solo-crossing');
    editor.dialogAnswers.push(undefined); // the warning: dismissed (Cancel)
    const before = api.inspect().pods.length;
    await launchPod(env.services, uri);
    const dialog = editor.messages.find((m) => m.level === 'warning');
    expect(dialog?.text).toBe('1 secret named for another environment: the Pod would boot with it.');
    expect(api.inspect().pods.length).toBe(before);
  });
});
