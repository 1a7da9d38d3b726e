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
import { createSecret } from '../../client/src/commands/create';
import { register as registerCreateFromValue } from '../../client/src/commands/createFromValue';
import { deleteEndpoint } from '../../client/src/commands/deleteEndpoint';
import { podAction } from '../../client/src/commands/podActions';
import { pushTemplate } from '../../client/src/commands/pushTemplate';
import { register as registerRename } from '../../client/src/commands/rename';
import { register as registerRotate } from '../../client/src/commands/rotate';
import { AccountScan, accountListers } from '../../client/src/secrets/accountScan';
import { findReferencesInText } from '../../client/src/secrets/references';
import type { EndpointsView } from '../../client/src/views/endpointsView';
import type { FakeRunpod } from '../fake-runpod/index';
import { call } from '../fake-runpod/testHelpers';
import { startTwoAccounts, type AccountFront, type TwoAccounts } from '../helpers/accountFront';
import type { KeyHarness } from './keyHarness';
import { scriptedIndex } from './lifecycleHelpers';
import { settingsBackend } from './settingsBackend';
import { openWithTwoAccounts, PERSONAL_KEY, TEAM_KEY, typeNext } from './twoAccountWindow';
import { fake, FakeDocument, Uri } from './vscodeFake';

let personal: FakeRunpod;
let team: FakeRunpod;
let front: AccountFront;
let accounts: TwoAccounts;
let h: KeyHarness;

beforeAll(async () => {
  accounts = await startTwoAccounts({ personal: PERSONAL_KEY, team: TEAM_KEY }, { podBootMs: 0 });
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

/** The secret lifecycle as activate() wires it: the account scan lists with the window's client at the moment it lists. */
function scanWithWindowClient(index = h.core.lifecycle.index): void {
  h.core.lifecycle = {
    ...h.core.lifecycle,
    index,
    account: new AccountScan({
      connect: async () => {
        const api = await h.core.getApi();
        return api ? { identity: api, listers: accountListers(api) } : { unavailable: 'no API key' };
      },
      now: () => Date.now(),
      describeError: (error) => String(error),
    }),
  };
}

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

describe('a switch of account while a secret is being created', () => {
  const VALUE = 'hf_live_bound_value_4242';
  const secretNames = (account: FakeRunpod) => account.inspect().secrets.map((s) => s.name);

  it('Create Secret: a switch while the value is typed creates it in neither account', async () => {
    const before = state();
    typeNext('shared-token');
    fake.inputScript.push((box) => {
      switchToDefault(); // from the status bar, while the masked value box is open
      box.type(VALUE);
      box.accept();
    });
    typeNext('');
    expect(await createSecret(h.core)).toBeUndefined();
    await expectStopped(before, "Creating secret shared-token failed: The active RunPod account changed to default while Create Secret was open; nothing was created. Run 'RunPod: Create Secret...' again.");
    expect([...secretNames(personal), ...secretNames(team)]).not.toContain('shared-token');
    expect([...fake.shown, ...h.logged].join('\n')).not.toContain(VALUE);

    // Under the account active from the start, the same flow creates it there.
    typeNext('shared-token');
    typeNext(VALUE);
    typeNext('');
    expect(await createSecret(h.core)).toMatchObject({ name: 'shared-token' });
    expect(secretNames(personal)).toContain('shared-token');
    expect(secretNames(team)).not.toContain('shared-token');
  });

  it('Move Value into a Secret: a switch while it is named creates nothing and leaves the document as it was', async () => {
    const uri = Uri.parse('file:///w/train.runpod.env');
    const text = `A=1\nHF_TOKEN="${VALUE}"\nB=2\n`;
    const doc = new FakeDocument(uri, text);
    fake.documents.set(uri.toString(), doc);
    registerCreateFromValue(h.core);
    const before = state();
    fake.inputScript.push((box) => {
      switchToDefault(); // while the name is asked
      box.type('moved-token');
      box.accept();
    });
    typeNext('');
    await fake.commands.get('runpod.secrets.createFromValue')!({ uri: uri.toString(), range: { start: { line: 1, character: 9 }, end: { line: 1, character: 9 + VALUE.length + 2 } }, suggestedName: 'hf-token' });
    await expectStopped(before, "Creating secret moved-token failed: The active RunPod account changed to default while Move Value into a Secret was open; nothing was created. Run the quick fix again.");
    expect(doc.text).toBe(text);
    expect([...fake.shown, ...h.logged].join('\n')).not.toContain(VALUE);
  });
});

describe('a switch of account during Rename Secret', () => {
  /** `name` in both accounts, each with a template that references it; a workspace file references it too. */
  async function renameSetup(name: string) {
    for (const account of [personal, team]) {
      expect((await call(account, 'POST', '/account/secrets', { name, value: `${name}-value` })).status).toBe(201);
      const template = { name: `${name}-tpl`, image: 'img', env: { DB: `{{ RUNPOD_SECRET_${name} }}` } };
      expect((await call(account, 'POST', '/templates', template)).status).toBe(201);
    }
    await h.store.refresh();
    const uri = Uri.parse('file:///w/app.runpod.env');
    const doc = new FakeDocument(uri, `DB={{ RUNPOD_SECRET_${name} }}\n`);
    fake.documents.set(uri.toString(), doc);
    const edits = (from: string, to: string) =>
      findReferencesInText(doc.text, from).map((hit) => {
        const character = hit.column + 'RUNPOD_SECRET_'.length;
        return { range: { start: { line: hit.line, character }, end: { line: hit.line, character: character + from.length } }, newText: to };
      });
    scanWithWindowClient(scriptedIndex({ rename: ({ from, to }: { from: string; to: string }) => ({ changes: { [uri.toString()]: edits(from, to) } }) }));
    registerRename(h.core);
    return { doc, run: () => fake.commands.get('runpod.secrets.rename')!(name) as Promise<void> };
  }
  const secretNames = (account: FakeRunpod) => account.inspect().secrets.map((s) => s.name);
  const envOf = (account: FakeRunpod, template: string) => account.inspect().templates.find((t) => t.name === template)?.env;

  it('while the value is typed: the new secret is created in neither account, nothing is changed', async () => {
    const { doc, run } = await renameSetup('ren-a');
    const text = doc.text;
    const before = state();
    typeNext('ren-a2');
    fake.inputScript.push((box) => {
      switchToDefault();
      box.type('ren-a2-value');
      box.accept();
    });
    await run();
    await expectStopped(before, "Creating secret ren-a2 failed: The active RunPod account changed to default while Rename Secret was open; nothing was changed. Run 'RunPod: Rename Secret...' again.");
    expect(doc.text).toBe(text);
  });

  /** Renames `name` with team active, switching to default as the dialog `at` shows; answers every dialog to go on. */
  async function renameSwitchingAt(name: string, at: RegExp) {
    const { doc, run } = await renameSetup(name);
    const personalBefore = JSON.stringify(personal.inspect().templates);
    typeNext(`${name}2`);
    typeNext(`${name}2-value`);
    const answer = (label: string) => (text: string) => {
      if (at.test(text)) switchToDefault();
      return label;
    };
    fake.dialogAnswers.push(answer('Rename'), answer('Update Templates'), answer('Continue…'));
    typeNext(name); // the typed confirmation of the delete, if it came
    await run();
    await h.settled();
    // Nothing reached the account switched to: no new secret, its template untouched, no write.
    expect(secretNames(personal)).not.toContain(`${name}2`);
    expect(secretNames(personal)).toContain(name);
    expect(JSON.stringify(personal.inspect().templates)).toBe(personalBefore);
    expect(front.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    // In the account it started under: the new secret exists, the old one was not deleted.
    expect(secretNames(team)).toEqual(expect.arrayContaining([name, `${name}2`]));
    expect(doc.text).toBe(`DB={{ RUNPOD_SECRET_${name}2 }}\n`);
    const report = fake.messages.at(-1)!;
    expect(report).toMatchObject({
      level: 'warning',
      text: "The active RunPod account changed to default while Rename Secret was open; it stopped there. See what was done in account team and what is left.",
    });
    expect(report.detail).toContain(`Created secret ${name}2 with the new value.`);
    expect(report.detail).toContain('Renamed 1 reference in 1 workspace file');
    expect(report.detail).toContain(`The old secret ${name} still exists`);
    expect(report.detail).toMatch(/All of the above is in account team\.$/);
    expect(fake.messages.map((m) => m.text).join('\n')).not.toMatch(/Could not reach RunPod|UND_ERR|ren-[ab]2-value/);
    return report;
  }

  it("while the workspace edit is asked: the other account's templates are neither listed nor patched; the report says what was done where", async () => {
    const report = await renameSwitchingAt('ren-b', /^Rename 1 reference/);
    expect(envOf(team, 'ren-b-tpl')).toEqual({ DB: '{{ RUNPOD_SECRET_ren-b }}' });
    expect(report.detail).toContain('Account templates: not checked yet.');
  });

  it('while the template update is asked: no template is patched in either account', async () => {
    const report = await renameSwitchingAt('ren-c', /^Update 1 account template/);
    expect(envOf(team, 'ren-c-tpl')).toEqual({ DB: '{{ RUNPOD_SECRET_ren-c }}' });
    expect(report.detail).toContain('Template ren-c-tpl still references ren-c (not updated).');
  });

  it('while the old secret\'s deletion is confirmed: it is deleted in neither account; the templates already updated are named', async () => {
    const report = await renameSwitchingAt('ren-d', /^Delete the RunPod secret ren-d\?/);
    expect(envOf(team, 'ren-d-tpl')).toEqual({ DB: '{{ RUNPOD_SECRET_ren-d2 }}' });
    expect(report.detail).toContain('Updated account template ren-d-tpl.');
  });
});

describe('a switch of account during Rotate Secret', () => {
  it('at the offer to restart: no Pod is restarted in either account, and the message says where the value changed', async () => {
    for (const account of [personal, team]) {
      expect((await call(account, 'POST', '/account/secrets', { name: 'rot-a', value: 'rot-a-old' })).status).toBe(201);
      const pod = await call(account, 'POST', '/pods', { name: 'rot-pod', image: 'ubuntu:24.04', gpu: { id: RTX }, env: { T: '{{ RUNPOD_SECRET_rot-a }}' } });
      expect(pod.status).toBe(201);
    }
    await h.store.refresh();
    scanWithWindowClient();
    registerRotate(h.core);
    const personalBefore = JSON.stringify(personal.inspect().pods);
    typeNext('rot-a-new');
    fake.dialogAnswers.push((text) => {
      expect(text).toBe('Updated the value of rot-a. Running Pods keep the old value until they restart.');
      switchToDefault();
      return 'Restart 1 Pod';
    });
    await fake.commands.get('runpod.secrets.rotate')!('rot-a');
    await h.settled();
    expect(fake.messages.at(-1)).toMatchObject({
      level: 'warning',
      text: 'The active RunPod account changed to default while Rotate Secret was open; the value was updated in account team; no further Pod was restarted. Restart its Pods from the Pods view once account team is active.',
    });
    expect(front.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(JSON.stringify(personal.inspect().pods)).toBe(personalBefore);
    expect(team.inspect().secrets.find((s) => s.name === 'rot-a')?.value).toBe('rot-a-new');
    expect(personal.inspect().secrets.find((s) => s.name === 'rot-a')?.value).toBe('rot-a-old');
    expect(fake.shown.join('\n')).not.toMatch(/rot-a-(new|old)|Could not reach RunPod/);
  });
});
