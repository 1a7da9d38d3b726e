/**
 * Every flow that writes to RunPod acts under the account it started with, or not at all: a switch
 * of account while its picker, confirmation or prompt is open stops it with the changed-account
 * message (never a network error from the client the switch closed), and nothing reaches either
 * account. Two fake RunPod APIs behind one front that records which account each request went to,
 * in a window wired as activate() wires it (twoAccountWindow.ts).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => {
  const base = await import('./vscodeFake');
  const { configuration } = await import('./settingsBackend');
  return { ...base, workspace: { ...base.workspace, isTrusted: true, getConfiguration: configuration } };
});

import { useAccount } from '../../client/src/auth/accountSwitch';
import { deleteEndpoint } from '../../client/src/commands/deleteEndpoint';
import { podAction } from '../../client/src/commands/podActions';
import { pushTemplate } from '../../client/src/commands/pushTemplate';
import type { EndpointsView } from '../../client/src/views/endpointsView';
import type { FakeRunpod } from '../fake-runpod/index';
import { call } from '../fake-runpod/testHelpers';
import { startTwoAccounts, type AccountFront, type TwoAccounts } from '../helpers/accountFront';
import type { KeyHarness } from './keyHarness';
import { settingsBackend } from './settingsBackend';
import { openWithTwoAccounts, PERSONAL_KEY, TEAM_KEY, typeNext } from './twoAccountWindow';
import { fake, Uri } from './vscodeFake';

let personal: FakeRunpod;
let team: FakeRunpod;
let front: AccountFront;
let accounts: TwoAccounts;
let h: KeyHarness;

beforeAll(async () => {
  accounts = await startTwoAccounts({ personal: PERSONAL_KEY, team: TEAM_KEY });
  ({ personal, team, front } = accounts);
});
afterAll(async () => {
  await accounts?.close();
});
beforeEach(async () => {
  fake.reset();
  front.requests.length = 0;
  settingsBackend.apiUrl = front.url;
  settingsBackend.workspaceAccount = undefined;
  settingsBackend.environments = undefined;
  h = await openWithTwoAccounts(); // team is active
});
afterEach(() => h?.close());

/** Both accounts as the fakes hold them: what a flow must leave alone after a switch. */
const state = () => JSON.stringify([personal.inspect(), team.inspect()].map(({ secrets, templates, pods, endpoints }) => ({ secrets, templates, pods, endpoints })));

/** Switches to `default` as the status bar does, from now on recording only the requests that follow. */
function switchToDefault(): void {
  useAccount(h.core, 'default', 'user');
  front.requests.length = 0;
}

/** Asserts the flow stopped with the changed-account message and wrote nothing to either account after the switch. */
async function expectStopped(before: string, message: string): Promise<void> {
  await h.settled();
  expect(fake.messages.map((m) => m.text).join('\n')).not.toMatch(/Could not reach RunPod|UND_ERR/);
  expect(fake.messages.at(-1)).toMatchObject({ level: 'error', text: message });
  expect(state()).toBe(before);
  expect(front.requests.filter((r) => r.method !== 'GET')).toEqual([]);
}

const RTX = 'NVIDIA GeForce RTX 4090';

describe('a switch of account while a flow asks', () => {
  it('Push Template: at the update confirmation, nothing is pushed to either account', async () => {
    expect((await call(team, 'POST', '/templates', { name: 'train', image: 'runpod/pytorch:1' })).status).toBe(201);
    fake.files.set('/w/train.runpod.json', '{ "name": "train", "image": "runpod/pytorch:2" }');
    const before = state();
    fake.dialogAnswers.push((text) => {
      expect(text).toBe('Update template train on your RunPod account?');
      switchToDefault();
      return 'Update';
    });
    await pushTemplate(h.core, Uri.from({ scheme: 'file', path: '/w/train.runpod.json' }));
    await expectStopped(before, "The active RunPod account changed to default while Push Template was open; nothing was pushed. Run 'RunPod: Push Template...' again.");
  });

  it('Delete Endpoint: while the typed name is asked, neither account loses an endpoint', async () => {
    const created = await call(team, 'POST', '/serverless', { name: 'doomed', image: 'img:1', gpu: { pools: ['ADA_24'] } });
    expect(created.status).toBe(201);
    const before = state();
    fake.dialogAnswers.push('Continue…');
    fake.inputScript.push((box) => {
      switchToDefault();
      box.type('doomed');
      box.accept();
    });
    await deleteEndpoint(h.core, { refresh: () => undefined } as unknown as EndpointsView, { endpointId: (created.json as { id: string }).id });
    await expectStopped(before, "Deleting endpoint doomed failed: The active RunPod account changed to default while Delete Endpoint was open; nothing was deleted. Run 'RunPod: Delete Endpoint...' again.");
  });

  it('Terminate Pod: at the confirmation, no Pod is terminated', async () => {
    const created = await call(team, 'POST', '/pods', { name: 'team-pod', image: 'ubuntu:24.04', gpu: { id: RTX } });
    expect(created.status).toBe(201);
    const before = state();
    fake.dialogAnswers.push(() => {
      switchToDefault();
      return 'Terminate';
    });
    await podAction(h.core, 'terminate', { podId: (created.json as { id: string }).id });
    await expectStopped(before, "The active RunPod account changed to default while Terminate Pod was open; the Pod was not terminated. Run 'RunPod: Terminate Pod' again.");
  });

  it('Stop Pod: a switch while the Pod is picked stops no Pod', async () => {
    expect((await call(team, 'POST', '/pods', { name: 'team-pod', image: 'ubuntu:24.04', gpu: { id: RTX } })).status).toBe(201);
    const before = state();
    fake.pickScript.push((items) => {
      switchToDefault();
      return items[0];
    });
    await podAction(h.core, 'stop');
    await expectStopped(before, "The active RunPod account changed to default while Stop Pod was open; the Pod was not stopped. Run 'RunPod: Stop Pod' again.");
  });
});
