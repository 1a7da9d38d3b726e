/**
 * The Secrets tree's usage counts follow every listing of the account, not only our own writes: a
 * Pod stopped elsewhere (the console, runpod-check) and found stopped by Delete Secret's fresh look
 * is counted as a stopped Pod, not still as a running one (the tree, the real account scan, the
 * real API client against the fake RunPod API).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { registerSecretCommands } from '../../client/src/commands/index';
import { registerSecretsView } from '../../client/src/views/secretsView';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { call } from '../fake-runpod/testHelpers';
import { fakeApiServices } from './fakeApiServices';
import { fake as editor, ui } from './vscodeFake';

let api: FakeRunpod;
let env: Awaited<ReturnType<typeof fakeApiServices>> | undefined;

beforeAll(async () => {
  api = await startFakeRunpod({ seed: false, podBootMs: 0, rateLimitPerMinute: 10_000 });
});
afterAll(() => api.close());
beforeEach(() => editor.reset());
afterEach(async () => {
  for (const d of env?.services.context.subscriptions ?? []) d.dispose();
  await env?.close();
});

/** The description of the secret's row, as the tree shows it. */
async function rowOf(name: string): Promise<string> {
  const items = (await ui.treeViews.get('runpod.secrets')!.provider.getChildren()) as { secretName?: string; description?: string }[];
  return items.find((item) => item.secretName === name)?.description ?? '';
}

describe('Secrets tree usage counts', () => {
  it("a Pod stopped elsewhere and found stopped by Delete Secret's look at the account is counted as stopped", async () => {
    await call(api, 'POST', '/account/secrets', { name: 'tree-told', value: 'v1' });
    const res = await call(api, 'POST', '/pods', { name: 'tree-told-pod', image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090' }, env: { T: '{{ RUNPOD_SECRET_tree-told }}' } });
    const pod = res.json.id as string;
    env = await fakeApiServices(api);
    registerSecretCommands(env.services);
    registerSecretsView(env.services);
    await vi.waitFor(async () => expect(await rowOf('tree-told')).toContain('1 running Pod'), { timeout: 10_000, interval: 50 });

    // Stopped from the console: no write of ours, so nothing tells the tree.
    await call(api, 'POST', `/pods/${pod}/action`, { action: 'stop' });
    // Delete Secret lists the account afresh to name what still uses it; the user cancels.
    editor.dialogAnswers.push(undefined);
    await editor.commands.get('runpod.secrets.delete')!('tree-told');
    expect(editor.messages.at(-1)?.detail).toContain('Pod "tree-told-pod" (EXITED)');

    await vi.waitFor(async () => expect(await rowOf('tree-told')).toContain('1 stopped Pod'), { timeout: 10_000, interval: 50 });
    expect(await rowOf('tree-told')).not.toContain('running Pod');
  });
});

describe('Secrets tree repaints', () => {
  // VS Code drops every row's handle when the root repaints: a right-click > Edit Value in that
  // window gets no secret and asks for one. A refresh that changes nothing repaints nothing, and a
  // changed secret repaints its row alone (the same item).
  it('a refresh with nothing new repaints nothing; a new description repaints that row alone', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'calm-a', value: 'v1' });
    await call(api, 'POST', '/account/secrets', { name: 'calm-b', value: 'v2', description: 'first' });
    env = await fakeApiServices(api);
    registerSecretsView(env.services);
    const provider = ui.treeViews.get('runpod.secrets')!.provider as {
      getChildren(): Promise<{ secretName?: string; description?: string }[]>;
      onDidChangeTreeData(listener: (event: unknown) => void): unknown;
    };
    await vi.waitFor(async () => expect(await rowOf('calm-b')).toContain('first'), { timeout: 10_000, interval: 50 });
    const rows = await provider.getChildren();
    const events: unknown[] = [];
    provider.onDidChangeTreeData((event) => events.push(event));
    await vi.waitFor(async () => expect(await rowOf('calm-a')).toContain('files not indexed'), { timeout: 10_000, interval: 50 }); // the counts are in
    events.length = 0;
    await env.store.refresh(); // loading, then fresh: the same secrets
    expect(events).toEqual([]);

    const secretB = rows.find((row) => row.secretName === 'calm-b')!;
    const { secrets } = (await call(api, 'GET', '/account/secrets')).json as { secrets: { id: string; name: string }[] };
    await call(api, 'PATCH', `/account/secrets/${secrets.find((s) => s.name === 'calm-b')!.id}`, { description: 'second' });
    await env.store.refresh();
    await vi.waitFor(async () => expect(await rowOf('calm-b')).toContain('second'), { timeout: 10_000, interval: 50 });
    expect(events.filter((event) => event === undefined)).toEqual([]);
    expect(events).toContainEqual([secretB]);
    expect((await provider.getChildren()).find((row) => row.secretName === 'calm-b')).toBe(secretB);
  });
});
