/**
 * Retry Restart after a restart that failed for us yet went through (the answer lost: a timeout, a
 * reset connection): the Pod is RUNNING again, started after the value changed, so it already has
 * the new value. Retry must not restart it a second time (rotatePlan.ts recheckRestart, by the
 * Pod's `startedAt` against the secret's `valueLastUpdatedAt`, both RunPod's clock).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { registerSecretCommands } from '../../client/src/commands/index';
import { podAction } from '../../client/src/commands/podActions';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { call } from '../fake-runpod/testHelpers';
import { fakeApiServices } from './fakeApiServices';
import { fake as editor, type FakeInputBox } from './vscodeFake';

let clock = Date.parse('2026-03-01T10:00:00Z');
let api: FakeRunpod;
let env: Awaited<ReturnType<typeof fakeApiServices>> | undefined;

beforeAll(async () => {
  api = await startFakeRunpod({ seed: true, podBootMs: 0, rateLimitPerMinute: 10_000, now: () => clock });
});
afterAll(() => api.close());
beforeEach(() => editor.reset());
afterEach(async () => env?.close());

const run = (id: string, ...args: unknown[]) => editor.commands.get(id)!(...args) as Promise<unknown>;
const typeAndAccept = (text: string) => (box: FakeInputBox) => {
  box.type(text);
  box.accept();
};

async function rotateWithLostRestartAnswer(secret: string, wentThrough: boolean): Promise<{ pod: string; actions: () => number }> {
  await call(api, 'POST', '/account/secrets', { name: secret, value: 'old' });
  const res = await call(api, 'POST', '/pods', { name: `${secret}-pod`, image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090' }, env: { TOKEN: `{{ RUNPOD_SECRET_${secret} }}` } });
  const pod = res.json.id as string;
  env = await fakeApiServices(api);
  registerSecretCommands(env.services);
  editor.inputScript.push(typeAndAccept('new'));
  editor.dialogAnswers.push(
    () => {
      // The restart is sent a few seconds after the value changed; its answer is lost.
      clock += 5_000;
      api.faults.inject(wentThrough ? { reset: true, afterHandling: true } : { reset: true }, { method: 'POST', path: /\/pods\/[^/]+\/action$/, times: 5 });
      return 'Restart 1 Pod';
    },
    () => {
      api.faults.clear();
      clock += 5_000;
      return 'Retry Restart';
    },
  );
  await run('runpod.secrets.rotate', secret);
  const actions = () => api.inspect().requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/pods/${pod}/action`)).length;
  return { pod, actions };
}

describe('Retry Restart after a restart that went through', () => {
  it('a Pod started after the value changed is not restarted again, and the result says it restarted since', async () => {
    const { pod, actions } = await rotateWithLostRestartAnswer('rs-through', true);
    expect(editor.messages.find((m) => m.text === 'Restarted 0 of 1 Pod.')).toMatchObject({ buttons: ['Retry Restart'] });
    const tried = actions();
    expect(api.inspect().pods.find((p) => p.id === pod)!.bootEnv).toEqual({ TOKEN: 'new' });
    expect(editor.messages.at(-1)).toEqual({
      level: 'info',
      text: 'No Pod needs a restart for the new value of rs-through. Restarted since; they boot with the new value: Pod "rs-through-pod" (RUNNING).',
    });
    // No restart after the one that went through (the client may have retried it; none came after Retry).
    expect(actions()).toBe(tried);
  });

  it('a restart that never happened: the Pod started before the value changed, and Retry restarts it', async () => {
    const { pod, actions } = await rotateWithLostRestartAnswer('rs-lost', false);
    const boots = api.inspect().pods.find((p) => p.id === pod)!;
    expect(boots.bootEnv).toEqual({ TOKEN: 'new' });
    expect(actions()).toBeGreaterThan(0);
    expect(editor.messages.at(-1)).toMatchObject({ level: 'info', text: 'Restarted 1 of 1 Pod. It boots with the new value of rs-lost.' });
  });
});

describe('The report of a restart whose outcome is unknown', () => {
  it('a 500 to the restart (RunPod may have acted) says the Pod may not have restarted and may still be on the old value, not that it is', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'rs-unknown', value: 'old' });
    const res = await call(api, 'POST', '/pods', { name: 'rs-unknown-pod', image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090' }, env: { TOKEN: '{{ RUNPOD_SECRET_rs-unknown }}' } });
    const pod = res.json.id as string;
    env = await fakeApiServices(api);
    registerSecretCommands(env.services);
    editor.inputScript.push(typeAndAccept('new'));
    editor.dialogAnswers.push(() => {
      api.faults.inject({ status: 500 }, { method: 'POST', path: /\/pods\/[^/]+\/action$/, times: 5 });
      return 'Restart 1 Pod';
    }, () => {
      api.faults.clear();
      return undefined;
    });
    await run('runpod.secrets.rotate', 'rs-unknown');
    const report = editor.messages.find((m) => m.text === 'Restarted 0 of 1 Pod.');
    expect(report?.detail).toBe(
      [
        `Pod rs-unknown-pod (${pod}) may not have restarted: RunPod had a server error (500). It may or may not have taken effect.`,
        'Perhaps still on the old value of rs-unknown (its restart may have gone through): Pod "rs-unknown-pod".',
      ].join('\n'),
    );
  });
});

describe("The reminder's restart after the Pods view restarted the Pod in the second of the change", () => {
  /** A secret `secret` and a running Pod referencing it, started in the second the value then changes (the clock stands still), and the new value typed. */
  async function runningPodOf(secret: string) {
    await call(api, 'POST', '/account/secrets', { name: secret, value: 'old' });
    const res = await call(api, 'POST', '/pods', { name: `${secret}-pod`, image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090' }, env: { TOKEN: `{{ RUNPOD_SECRET_${secret} }}` } });
    env = await fakeApiServices(api);
    registerSecretCommands(env.services);
    editor.inputScript.push(typeAndAccept('new'));
    return { pod: res.json.id as string, services: env.services };
  }

  it('RunPod dates both to the second: the editor knows it restarted the Pod itself, so it is not restarted again', async () => {
    const secret = 'rs-same-second';
    const { pod, services } = await runningPodOf(secret);
    editor.dialogAnswers.push(
      undefined, // the offer dismissed: the reminder stays
      async () => {
        // Restart Pod from the Pods view, in the same second as the value change (the clock does not move), confirmed.
        editor.dialogAnswers.push('Restart');
        await podAction(services, 'restart', { podId: pod });
        return 'Restart 1 Pod';
      },
    );
    await run('runpod.secrets.rotate', secret);
    const restarts = api.inspect().requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/pods/${pod}/action`));
    expect(restarts).toHaveLength(1);
    expect(api.inspect().pods.find((p) => p.id === pod)!.bootEnv).toEqual({ TOKEN: 'new' });
    expect(editor.messages.at(-1)).toEqual({
      level: 'info',
      text: `No Pod needs a restart for the new value of ${secret}. Restarted since; they boot with the new value: Pod "${secret}-pod" (RUNNING).`,
    });
  });

  it('without the editor\'s restart, a Pod started in the second of the change is restarted (it may have booted on the old value)', async () => {
    const secret = 'rs-same-second-other';
    const { pod } = await runningPodOf(secret);
    editor.dialogAnswers.push(undefined, 'Restart 1 Pod');
    await run('runpod.secrets.rotate', secret);
    expect(api.inspect().requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/pods/${pod}/action`))).toHaveLength(1);
    expect(editor.messages.at(-1)).toMatchObject({ level: 'info', text: `Restarted 1 of 1 Pod. It boots with the new value of ${secret}.` });
  });
});
