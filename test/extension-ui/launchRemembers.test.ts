/**
 * Escape in Launch Pod no longer drops every answer: the next Launch Pod in the window offers what
 * the cancelled one chose (ui/wizardMemory.ts) as each step's default: template, GPU type and count,
 * cloud, Pod name. A launch that went through forgets them.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { launchPod } from '../../client/src/commands/launchPod';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { call } from '../fake-runpod/testHelpers';
import { fakeApiServices } from './fakeApiServices';
import { fake as editor, ui, type FakeQuickPick } from './vscodeFake';
import { recallAnswers } from '../../client/src/ui/wizardMemory';

let api: FakeRunpod;
let env: Awaited<ReturnType<typeof fakeApiServices>> | undefined;

beforeAll(async () => {
  api = await startFakeRunpod({ seed: true, podBootMs: 0, rateLimitPerMinute: 10_000 });
  await call(api, 'POST', '/templates', { name: 'remembered-tpl', image: 'img', env: { A: '1' } });
  await call(api, 'POST', '/templates', { name: 'other-tpl', image: 'img', env: { B: '1' } });
});
afterAll(() => api.close());
beforeEach(() => editor.reset());
afterEach(async () => env?.close());

/** The picks of a launch of remembered-tpl with no env file, RTX 4090 × 2, on Community: up to the Pod name. */
const TO_POD_NAME: Array<(p: FakeQuickPick) => void> = [
  (p) => p.choose(/remembered-tpl/),
  (p) => p.choose(/No env file/),
  (p) => p.choose(/Continue/),
  (p) => p.choose(/RTX 4090/),
  (p) => p.choose(/^2\b/),
  (p) => p.choose(/Community/),
];

/** A launch of remembered-tpl with RTX 4090 × 2 on Community, named `podName`, cancelled at the summary (or `atSummary` there). */
async function launchThenEscape(services: NonNullable<typeof env>, atSummary: (p: FakeQuickPick) => void = (p) => p.hide(), podName = 'kept-name'): Promise<void> {
  ui.quickPickScript.push(...TO_POD_NAME, atSummary);
  editor.inputScript.push((box) => {
    box.type(podName);
    box.accept();
  });
  await launchPod(services.services);
}

/** The fake account's id of the template named `name`: what the wizard keeps of it. */
const templateId = (name: string) => api.inspect().templates.find((t) => t.name === name)!.id;

describe('Launch Pod, Back from the Pod name', () => {
  it('keeps the name typed (not yet accepted) for the way back, after another cloud was chosen', async () => {
    env = await fakeApiServices(api);
    ui.quickPickScript.push(
      ...TO_POD_NAME,
      // Back from the name: the cloud again, another one.
      (p) => p.choose(/Secure/),
      (p) => p.hide(),
    );
    editor.inputScript.push(
      (box) => {
        box.type('typed-before-back');
        box.pressBack();
      },
      (box) => box.accept(),
    );
    await launchPod(env.services);
    // (A box's value as it opened: the fallback, the template's name, then what was typed.)
    expect(editor.boxes.map((b) => b.value)).toEqual(['remembered-tpl', 'typed-before-back']);
  });
});

describe('Launch Pod after Escape', () => {
  it('offers the cancelled run\'s template, GPU and count, cloud and Pod name; a launch forgets them', async () => {
    env = await fakeApiServices(api);
    await launchThenEscape(env);
    // Escape at the first step of the next run answered nothing: the answers stand.
    ui.quickPickScript.push((p) => p.hide());
    await launchPod(env.services);
    const first = ui.quickPicks.length - 1;
    ui.quickPickScript.push(
      (p) => p.accept(),
      (p) => p.choose(/No env file/),
      (p) => p.choose(/Continue/),
      (p) => p.accept(),
      (p) => p.accept(),
      (p) => p.accept(),
      (p) => p.choose(/Launch/),
    );
    editor.inputScript.push((box) => box.accept());
    await launchPod(env.services);
    const again = ui.quickPicks.slice(first);
    const activeAt = (step: number) => again.filter((p) => p.step === step).map((p) => p.active);
    expect(activeAt(1)).toEqual([expect.stringMatching(/remembered-tpl/), expect.stringMatching(/remembered-tpl/)]);
    expect(activeAt(3)).toEqual([expect.stringMatching(/RTX 4090/), expect.stringMatching(/^2\b/)]);
    expect(activeAt(4)).toEqual([expect.stringMatching(/Community/)]);
    expect(editor.boxes.map((b) => b.value)).toEqual(['remembered-tpl', 'kept-name']);
    const pod = api.inspect().pods.find((p) => p.name === 'kept-name')!;
    expect(pod).toMatchObject({ cloud: 'COMMUNITY', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 2 } });
    // Launched: forgotten. The next run offers the defaults again.
    ui.quickPickScript.push((p) => p.hide());
    await launchPod(env.services);
    expect(ui.quickPicks.at(-1)!.active).toBeUndefined();
  });

  it('offers the GPU, count and cloud only to the same template: another starts from its own defaults', async () => {
    env = await fakeApiServices(api);
    await launchThenEscape(env);
    const first = ui.quickPicks.length;
    ui.quickPickScript.push(
      (p) => p.choose(/other-tpl/),
      (p) => p.choose(/No env file/),
      (p) => p.choose(/Continue/),
      (p) => p.choose(/RTX 4090/),
      (p) => p.choose(/^1\b/),
      (p) => p.hide(), // Escape at the cloud step
    );
    await launchPod(env.services);
    const again = ui.quickPicks.slice(first);
    const activeAt = (step: number) => again.filter((p) => p.step === step).map((p) => p.active);
    // Not the other template's 4090 × 2 on Community: its own defaults (none for a template that names no GPU).
    expect(activeAt(3)).toEqual([undefined, expect.stringMatching(/^1\b/)]);
    expect(activeAt(4)).toEqual([undefined]);
    expect(editor.boxes.map((b) => b.value)).toEqual(['remembered-tpl']);
    // What this run kept is other-tpl's: not remembered-tpl's Community cloud or Pod name.
    const kept = recallAnswers(env.services.context, 'launch-pod', env.services.accounts.active);
    // All of it, exactly: no cloud or Pod name of remembered-tpl's cancelled run.
    expect(kept).toEqual({ template: `account:${templateId('other-tpl')}`, gpu: 'NVIDIA GeForce RTX 4090', count: 1 });
  });

  it('keeps the answers of a launch RunPod refused (nothing was created): the next run offers them again', async () => {
    env = await fakeApiServices(api);
    api.faults.inject({ status: 422, body: JSON.stringify({ title: 'Unprocessable Entity', status: 422, detail: 'invalid pod' }), headers: { 'content-type': 'application/problem+json' } }, { method: 'POST', path: '/pods', times: 1 });
    editor.dialogAnswers.push('Show Output'); // the advice: not Retry, so the flow ends
    await launchThenEscape(env, (p) => p.choose(/Launch/), 'refused-name');
    expect(api.inspect().pods.find((p) => p.name === 'refused-name')).toBeUndefined();
    expect(recallAnswers(env.services.context, 'launch-pod', env.services.accounts.active)).toEqual({
      template: `account:${templateId('remembered-tpl')}`,
      gpu: 'NVIDIA GeForce RTX 4090',
      count: 2,
      cloud: 'COMMUNITY',
      podName: 'refused-name',
    });
  });

  it('forgets the answers as soon as the launch is confirmed: while the new Pod is followed, a second Launch Pod offers none of them', async () => {
    // A Pod that never finishes booting: the follow runs until its progress is cancelled.
    const slow = await startFakeRunpod({ seed: true, podBootMs: 3_600_000, rateLimitPerMinute: 10_000 });
    try {
      await call(slow, 'POST', '/templates', { name: 'remembered-tpl', image: 'img', env: { A: '1' } });
      env = await fakeApiServices(slow);
      const services = env.services;
      await launchThenEscape(env);
      expect(recallAnswers(services.context, 'launch-pod', services.accounts.active)).not.toEqual({});
      let whileFollowing: unknown;
      // "Pod ... was created": shown while the follow runs. What a Launch Pod started now would offer.
      editor.dialogAnswers.push((text) => {
        expect(text).toMatch(/was created/);
        whileFollowing = recallAnswers(services.context, 'launch-pod', services.accounts.active);
        ui.progress.find((p) => p.title.startsWith('Launching'))!.cancel();
        return undefined;
      });
      await launchThenEscape(env, (p) => p.choose(/Launch/), 'followed-name');
      expect(slow.inspect().pods.find((p) => p.name === 'followed-name')).toMatchObject({ status: expect.stringMatching(/PROVISIONING|CREATED|STARTING/) });
      expect(whileFollowing).toEqual({});
      expect(recallAnswers(services.context, 'launch-pod', services.accounts.active)).toEqual({});
    } finally {
      await env?.close();
      env = undefined;
      slow.close();
    }
  });

  it('forgets the answers of a launch RunPod answered 2xx with a body that is not JSON: the Pod may exist', async () => {
    env = await fakeApiServices(api);
    api.faults.inject({ status: 200, body: 'created, but this is not JSON', headers: { 'content-type': 'text/plain' } }, { method: 'POST', path: '/pods', times: 1 });
    editor.dialogAnswers.push('Show Output'); // the advice: not Retry, so the flow ends
    await launchThenEscape(env, (p) => p.choose(/Launch/), 'unreadable-name');
    expect(recallAnswers(env.services.context, 'launch-pod', env.services.accounts.active)).toEqual({});
    // Not found by the look-up yet: the error offers the Pods view, to check whether a Pod was rented, besides the log.
    expect(editor.messages.find((m) => m.level === 'error' && /cannot be read/.test(m.text))).toMatchObject({ buttons: ['Show Pods', 'Show Output'] });
  });
});
