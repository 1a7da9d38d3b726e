/**
 * The secret lifecycle commands end to end against the fake RunPod API (real HTTP, real client,
 * store, account scan and history), driven through the scripted `vscode` stand-in; the language
 * server's index is scripted (its own tests live with the server).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { registerSecretCommands } from '../../client/src/commands/index';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { call } from '../fake-runpod/testHelpers';
import { fakeApiServices } from './fakeApiServices';
import { fake as editor } from './vscodeFake';

const RTX = 'NVIDIA GeForce RTX 4090';
let api: FakeRunpod;
let env: Awaited<ReturnType<typeof fakeApiServices>>;

beforeAll(async () => {
  api = await startFakeRunpod({ seed: true, podBootMs: 0, rateLimitPerMinute: 10_000 });
});
afterAll(() => api.close());
beforeEach(() => editor.reset());
afterEach(async () => env?.close());

async function setup(options: Parameters<typeof fakeApiServices>[1] = {}) {
  env = await fakeApiServices(api, options);
  registerSecretCommands(env.services);
  return env;
}
const run = (id: string, ...args: unknown[]) => editor.commands.get(id)!(...args) as Promise<unknown>;

async function launchPod(name: string, secret: string): Promise<string> {
  const res = await call(api, 'POST', '/pods', { name, image: 'ubuntu:24.04', gpu: { id: RTX }, env: { TOKEN: `{{ RUNPOD_SECRET_${secret} }}` } });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

describe('Delete Secret against the fake API', () => {
  it('names the account templates and the running Pod that will fail at their next boot, then deletes on the typed name', async () => {
    expect((await call(api, 'POST', '/account/secrets', { name: 'del-token', value: 'del-value-1' })).status).toBe(201);
    await call(api, 'POST', '/templates', { name: 'del-template', image: 'img', env: { A: '{{ RUNPOD_SECRET_del-token }}' } });
    await launchPod('del-pod', 'del-token');
    const { store, lifecycle } = await setup();
    editor.dialogAnswers.push('Continue…');
    editor.inputScript.push((box) => {
      box.type('del-token');
      box.accept();
    });
    await run('runpod.secrets.delete', { secretName: 'del-token' });
    const warning = editor.messages.find((m) => m.level === 'warning')!;
    expect(warning.detail).toContain('template "del-template" (A): Pods launched from it fail at boot');
    expect(warning.detail).toContain('Pod "del-pod" (RUNNING) (TOKEN): fails at its next restart');
    expect(api.inspect().secrets.map((s) => s.name)).not.toContain('del-token');
    expect(store.secrets.map((s) => s.name)).not.toContain('del-token');
    await Promise.resolve();
    expect(lifecycle.history.all().entries.map((e) => [e.action, e.secret])).toEqual([['deleted', 'del-token']]);
    expect(editor.shown.join('\n')).not.toContain('del-value-1');
  });
});
