/**
 * Every flow that writes to RunPod acts under the account it started with, or not at all: a switch
 * of account while its picker, confirmation or prompt is open stops it with the changed-account
 * message (never a network error from the client the switch closed), and nothing reaches either
 * account. Two fake RunPod APIs behind one front that records which account each request went to,
 * in a window wired as activate() wires it (twoAccountWindow.ts).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => {
  const base = await import('./vscodeFake');
  const { configuration } = await import('./settingsBackend');
  return { ...base, workspace: { ...base.workspace, isTrusted: true, getConfiguration: configuration } };
});

import * as vscode from 'vscode';
import { switchAccount } from '../../client/src/auth/accountSwitch';
import { createSecret } from '../../client/src/commands/create';
import { register as registerDeleteSecret } from '../../client/src/commands/delete';
import { register as registerCreateFromValue } from '../../client/src/commands/createFromValue';
import { changeWorkers } from '../../client/src/commands/changeWorkers';
import { deployEndpoint } from '../../client/src/commands/deployEndpoint';
import { launchPod } from '../../client/src/commands/launchPod';
import { updateEndpoint } from '../../client/src/commands/updateEndpoint';
import { deleteEndpoint } from '../../client/src/commands/deleteEndpoint';
import { runSwitchAccount } from '../../client/src/commands/switchAccount';
import { podAction } from '../../client/src/commands/podActions';
import { pushTemplate } from '../../client/src/commands/pushTemplate';
import { register as registerRename } from '../../client/src/commands/rename';
import { register as registerRotate } from '../../client/src/commands/rotate';
import { register as registerEditValue } from '../../client/src/commands/editValue';
import { register as registerEditDescription } from '../../client/src/commands/editDescription';
import { AccountScan, accountListers } from '../../client/src/secrets/accountScan';
import { findReferencesInFile } from '../../client/src/secrets/references';
import { SecretHistory, windowAccount } from '../../client/src/secrets/historyStore';
import type { EndpointsView } from '../../client/src/views/endpointsView';
import type { FakeRunpod } from '../fake-runpod/index';
import { call } from '../fake-runpod/testHelpers';
import type { AccountFront, FrontRequest } from '../helpers/accountFront';
import type { KeyHarness } from './keyHarness';
import { scriptedIndex } from './lifecycleHelpers';
import { typeNext, useTwoAccountWindow } from './twoAccountWindow';
import { workspaceFile } from './serverlessHarness';
import { VALUE_CHANGE_MEANING } from '../../client/src/secrets/rotatePlan';
import { fake, FakeDocument, ui, Uri } from './vscodeFake';

let personal: FakeRunpod;
let team: FakeRunpod;
let front: AccountFront;
let h: KeyHarness;

useTwoAccountWindow((accounts, window) => {
  ({ personal, team, front } = accounts);
  h = window; // team is active
});

/** Both accounts as the fakes hold them: what a flow must leave alone after a switch. */
const state = () => JSON.stringify([personal.inspect(), team.inspect()].map(({ secrets, templates, pods, endpoints }) => ({ secrets, templates, pods, endpoints })));

/**
 * Switches to `default` as the status bar does (the account's cached list at once, then its
 * refresh, not awaited), from now on recording only the requests that follow.
 */
function switchToDefault(): void {
  void switchAccount(h.core, 'default', 'user');
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

/** Switch Account's picker item for `default`. */
const pickDefault = (items: { label: string }[]) => items.find((item) => / default$/.test(item.label) || item.label === 'default');

/**
 * Opens Switch Account as the status bar does (its picker hides the flow's box or picker), which
 * answers `answer` a moment later, as a user picks: a flow that checked the account right after its
 * cancel, without waiting for the pick, would find the old one still active (not a timed assertion).
 */
function openSwitchAccount(answer: (items: { label: string }[]) => unknown): Promise<void> {
  fake.pickScript.push(async (items) => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    return answer(items);
  });
  return runSwitchAccount(h.core);
}

const RTX = 'NVIDIA GeForce RTX 4090';

/**
 * Runs `action` once, as the first request matching `method` and `path` reaches the front: it is
 * in flight then (the account's fake holds it while a latency fault lasts).
 */
function whenRequested(method: string, path: RegExp, action: () => void): void {
  const requests = front.requests;
  const push = Array.prototype.push;
  requests.push = (...items: FrontRequest[]) => {
    const n = push.apply(requests, items);
    if (items.some((r) => r.method === method && path.test(r.path))) {
      delete (requests as { push?: unknown }).push;
      action();
    }
    return n;
  };
}
afterEach(() => void delete (front.requests as { push?: unknown }).push);

/** The text of every message shown, in order. */
const texts = () => fake.messages.map((m) => m.text);

/** What the user does as the account scan lists: `connecting` before it takes the window's client, `connected` once it took it (n: the how-manyth listing). */
interface ScanMoments {
  connecting?: (n: number) => void;
  connected?: (n: number) => void;
}

/** The secret lifecycle as activate() wires it: the account scan lists with the window's client at the moment it lists. */
function scanWithWindowClient(index = h.core.lifecycle.index, moments: ScanMoments = {}): void {
  let listings = 0;
  h.core.lifecycle = {
    ...h.core.lifecycle,
    index,
    account: new AccountScan({
      connect: async () => {
        const n = ++listings;
        moments.connecting?.(n);
        const api = await h.core.getApi();
        moments.connected?.(n);
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

  it("Launch Pod's Stop or Terminate, clicked after a switch (the offer names the flow's account): says whose Pod it is; nothing is asked of the active account", async () => {
    const created = await call(team, 'POST', '/pods', { name: 'team-pod', image: 'ubuntu:24.04', gpu: { id: RTX } });
    const podId = (created.json as { id: string }).id;
    const before = state();
    switchToDefault();
    await h.settled();
    front.requests.length = 0;
    fake.dialogAnswers.push(undefined);
    await podAction(h.core, 'stop', { podId, account: 'team' });
    await h.settled();
    // It read team's Pod with default's key, and said it no longer exists.
    expect(front.requests.filter((r) => r.path.includes(podId))).toEqual([]);
    expect(state()).toBe(before);
    expect(fake.messages.at(-1)).toMatchObject({
      level: 'warning',
      text: `Pod ${podId} is account team's, and the active account is default. Switch to account team first (RunPod: Switch Account...), then Stop Pod again.`,
      buttons: ['Switch Account…'],
    });
  });

  it("Push Template's Launch Pod, clicked after a switch: says whose template it is; no launch opens in the active account", async () => {
    fake.files.set('/w/pushed.runpod.json', '{ "name": "pushed", "image": "runpod/pytorch:2" }');
    fake.dialogAnswers.push((text) => {
      expect(text).toMatch(/^Created template pushed /);
      switchToDefault();
      return 'Launch Pod';
    }, undefined);
    await pushTemplate(h.core, Uri.from({ scheme: 'file', path: '/w/pushed.runpod.json' }));
    await h.settled();
    expect(ui.executed.filter((c) => c.id === 'runpod.launchPod')).toEqual([]);
    expect(fake.messages.at(-1)).toMatchObject({
      level: 'warning',
      text: "Template pushed is account team's, and the active account is default. Switch to account team first (RunPod: Switch Account...), then Launch Pod again.",
      buttons: ['Switch Account…'],
    });
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

  it('Move value into a RunPod secret: a switch while it is named creates nothing and leaves the document as it was', async () => {
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
    await expectStopped(before, "Creating secret moved-token failed: The active RunPod account changed to default while Move value into a RunPod secret was open; nothing was created. Run the quick fix again.");
    expect(doc.text).toBe(text);
    expect([...fake.shown, ...h.logged].join('\n')).not.toContain(VALUE);
  });
});

describe('a switch of account during Rename Secret', () => {
  /** `name` in both accounts, each with a template that references it; a workspace file references it too. */
  async function renameSetup(name: string, moments: ScanMoments = {}) {
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
      findReferencesInFile(doc.text, from, undefined).hits.map((hit) => {
        const character = hit.column;
        return { range: { start: { line: hit.line, character }, end: { line: hit.line, character: character + from.length } }, newText: to };
      });
    scanWithWindowClient(scriptedIndex({ rename: ({ from, to }: { from: string; to: string }) => ({ changes: { [uri.toString()]: edits(from, to) } }) }), moments);
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

  it('while the new name is checked (the listing in flight): the closed client is not blamed; the switch is, and nothing is created', async () => {
    const { doc, run } = await renameSetup('ren-i');
    const text = doc.text;
    const before = state();
    typeNext('ren-i2');
    fake.inputScript.push((box) => {
      // The create lists the secrets first; the switch comes while that listing hangs.
      team.faults.inject({ latencyMs: 50 }, { method: 'GET', path: '/account/secrets' });
      whenRequested('GET', /\/account\/secrets(\?|$)/, switchToDefault);
      box.type('ren-i2-value');
      box.accept();
    });
    await run();
    await expectStopped(before, "Creating secret ren-i2 failed: The active RunPod account changed to default while Rename Secret was open; nothing was changed. Run 'RunPod: Rename Secret...' again.");
    expect(doc.text).toBe(text);
  });

  it('continuing a rename stopped partway: a switch while the question is open moves and deletes nothing in either account', async () => {
    const { doc, run } = await renameSetup('ren-r');
    expect((await call(team, 'POST', '/account/secrets', { name: 'ren-r2', value: 'ren-r2-value' })).status).toBe(201);
    await h.store.refresh();
    const text = doc.text;
    const before = state();
    typeNext('ren-r2');
    fake.dialogAnswers.push((asked) => {
      expect(asked).toBe('Continue the rename of ren-r into the existing secret ren-r2?');
      switchToDefault();
      return 'Continue Rename';
    });
    await run();
    await expectStopped(before, "The active RunPod account changed to default while Rename Secret was open; nothing was changed. Run 'RunPod: Rename Secret...' again.");
    expect(doc.text).toBe(text);
  });

  const RENAME_STOPPED = 'The active RunPod account changed to default while Rename Secret was open; it stopped there. See what was done in account team and what is left.';

  /**
   * Renames `name` with team active, switching to default as the dialog `at` shows (or the typed
   * confirmation of the delete, or a moment of the account scan); answers every dialog to go on.
   */
  async function renameSwitchingAt(name: string, at: RegExp | 'typed name' | 'name box hidden' | ScanMoments) {
    const { doc, run } = await renameSetup(name, typeof at === 'object' && !(at instanceof RegExp) ? at : {});
    const personalBefore = JSON.stringify(personal.inspect().templates);
    typeNext(`${name}2`);
    typeNext(`${name}2-value`);
    const answer = (label: string) => (text: string) => {
      if (at instanceof RegExp && at.test(text)) switchToDefault();
      return label;
    };
    fake.dialogAnswers.push(answer('Rename'), answer('Update Templates'), answer('Continue…'));
    let switching: Promise<void> | undefined;
    fake.inputScript.push((box) => {
      // the typed confirmation of the delete, if it came
      if (at === 'name box hidden') {
        switching = openSwitchAccount(pickDefault);
        front.requests.length = 0; // the requests that follow alone, as switchToDefault records them
        box.hide();
        return;
      }
      if (at === 'typed name') switchToDefault();
      box.type(name);
      box.accept();
    });
    await run();
    await switching;
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
    expect(report).toMatchObject({ level: 'warning', text: RENAME_STOPPED });
    expect(report.detail).toContain(`Created secret ${name}2 with the new value.`);
    expect(report.detail).toContain('Renamed 1 reference in 1 workspace file');
    expect(report.detail).toContain(`The old secret ${name} still exists`);
    expect(report.detail).toMatch(/All of the above is in account team\.$/);
    // The next steps' buttons would act in the account switched to: none is offered.
    expect(report.buttons).toBeUndefined();
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

  it('while the old secret\'s deletion is confirmed: it is deleted in neither account, the name is not asked; the report is the one message after it', async () => {
    const report = await renameSwitchingAt('ren-d', /^Delete the RunPod secret ren-d\?/);
    expect(envOf(team, 'ren-d-tpl')).toEqual({ DB: '{{ RUNPOD_SECRET_ren-d2 }}' });
    expect(report.detail).toContain('Updated account template ren-d-tpl.');
    expect(texts()).toEqual(['Rename 1 reference in 1 workspace file from ren-d to ren-d2?', 'Update 1 account template to use ren-d2?', 'Delete the RunPod secret ren-d?', RENAME_STOPPED]);
    expect(fake.boxes.map((b) => b.title)).not.toContain('RunPod: Delete Secret ren-d');
  });

  it('while the old secret\'s name is typed: deleted in neither account; the report is the one message, no error toast', async () => {
    const report = await renameSwitchingAt('ren-g', 'typed name');
    expect(report.detail).toContain('Updated account template ren-g-tpl.');
    expect(texts()).toEqual(['Rename 1 reference in 1 workspace file from ren-g to ren-g2?', 'Update 1 account template to use ren-g2?', 'Delete the RunPod secret ren-g?', RENAME_STOPPED]);
  });

  it("when Switch Account's picker hides the old secret's typed-name box: the switch is said in the report, not a cancel", async () => {
    const report = await renameSwitchingAt('ren-k', 'name box hidden');
    expect(report.detail).toContain('Updated account template ren-k-tpl.');
    expect(texts()).toEqual(['Rename 1 reference in 1 workspace file from ren-k to ren-k2?', 'Update 1 account template to use ren-k2?', 'Delete the RunPod secret ren-k?', RENAME_STOPPED]);
  });

  it('while the account templates are listed (the request in flight): no template is offered or patched; the report says they were not checked', async () => {
    team.faults.inject({ latencyMs: 50 }, { method: 'GET', path: '/templates' });
    whenRequested('GET', /\/templates(\?|$)/, switchToDefault);
    const report = await renameSwitchingAt('ren-e', {});
    expect(texts()).toEqual(['Rename 1 reference in 1 workspace file from ren-e to ren-e2?', RENAME_STOPPED]);
    expect(envOf(team, 'ren-e-tpl')).toEqual({ DB: '{{ RUNPOD_SECRET_ren-e }}' });
    expect(report.detail).toContain('Account templates: not checked yet.');
  });

  it("while the old secret's delete is in flight: deleted in team alone; the one report says the rename was done in team", async () => {
    const { run } = await renameSetup('ren-h');
    team.faults.inject({ latencyMs: 50 }, { method: 'DELETE', path: '/account/secrets/' });
    whenRequested('DELETE', /\/account\/secrets\//, switchToDefault);
    typeNext('ren-h2');
    typeNext('ren-h2-value');
    fake.dialogAnswers.push('Rename', 'Update Templates', 'Continue…');
    typeNext('ren-h');
    await run();
    await h.settled();
    expect(h.core.accounts.active).toBe('default');
    expect(secretNames(team)).toEqual(expect.arrayContaining(['ren-h2']));
    expect(secretNames(team)).not.toContain('ren-h');
    expect(secretNames(personal)).toContain('ren-h');
    expect(texts()).toEqual([
      'Rename 1 reference in 1 workspace file from ren-h to ren-h2?',
      'Update 1 account template to use ren-h2?',
      'Delete the RunPod secret ren-h?',
      'Renamed ren-h to ren-h2. This was done in account team; the active account is now default.',
    ]);
    // Every reference moved before the delete started: the rename is recorded, under team.
    expect(h.core.lifecycle.history.all().entries.map((e) => [e.action, e.secret, e.account.label])).toContainEqual(['renamed', 'ren-h', 'team']);
    expect(front.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it("when the listing of what still uses the old secret connects after a switch: the new account's uses are not reported as the old one's", async () => {
    const report = await renameSwitchingAt('ren-f', { connecting: (n) => n === 2 && switchToDefault() });
    expect(texts()).toEqual(['Rename 1 reference in 1 workspace file from ren-f to ren-f2?', 'Update 1 account template to use ren-f2?', RENAME_STOPPED]);
    expect(report.detail).toContain('Updated account template ren-f-tpl.');
    expect(report.detail).not.toMatch(/still used by/);
  });
});

describe('a switch of account during Rotate Secret', () => {
  const ROTATE_STOPPED =
    'The active RunPod account changed to default while Rotate Secret was open; the value was updated in account team; no further Pod was restarted. Restart its Pods from the Pods view once account team is active.';

  /** `secret` in both accounts, and in team the running Pods `pods` referencing it; the scan as activate() wires it. */
  async function rotateSetup(secret: string, pods: string[], moments: ScanMoments = {}) {
    for (const account of [personal, team]) {
      expect((await call(account, 'POST', '/account/secrets', { name: secret, value: `${secret}-old` })).status).toBe(201);
    }
    const ids: Record<string, string> = {};
    for (const pod of pods) {
      const created = await call(team, 'POST', '/pods', { name: pod, image: 'ubuntu:24.04', gpu: { id: RTX }, env: { T: `{{ RUNPOD_SECRET_${secret} }}` } });
      expect(created.status).toBe(201);
      ids[pod] = (created.json as { id: string }).id;
    }
    await h.store.refresh();
    scanWithWindowClient(undefined, moments);
    registerRotate(h.core);
    typeNext(`${secret}-new`);
    return { ids, run: () => fake.commands.get('runpod.secrets.rotate')!(secret) as Promise<void> };
  }

  it('during the restarts: the message names the Pods restarted, failed and not restarted, and the log says the same', async () => {
    const { ids, run } = await rotateSetup('rot-b', ['rot-p1', 'rot-p2', 'rot-p3']);
    team.faults.inject({ status: 409 }, { method: 'POST', path: `/pods/${ids['rot-p1']}/action` });
    // rot-p2's restart reaches RunPod, then the user switches; rot-p3's is never sent.
    team.faults.inject({ latencyMs: 50 }, { method: 'POST', path: `/pods/${ids['rot-p2']}/action` });
    whenRequested('POST', new RegExp(`/pods/${ids['rot-p2']}/action$`), switchToDefault);
    fake.dialogAnswers.push('Restart 3 Pods');
    await run();
    await h.settled();
    expect(texts()).toEqual(['Updated the value of rot-b. Running Pods keep the old value until they restart.', ROTATE_STOPPED]);
    const detail = fake.messages.at(-1)!.detail ?? '';
    expect(detail.split('\n')).toEqual([
      'Restarted with the new value: rot-p2.',
      expect.stringMatching(new RegExp(`^Still on the old value: Pod rot-p1 \\(${ids['rot-p1']}\\) did not restart: The pod cannot do that`)),
      'Still on the old value, not restarted: rot-p3.',
    ]);
    expect(fake.messages.at(-1)!.level).toBe('warning');
    expect(h.logged.join('\n')).toContain(`Rotate rot-b: ${ROTATE_STOPPED}\n${detail}`);
    expect(front.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(team.inspect().requests.filter((r) => r.path.includes(ids['rot-p3']!))).toEqual([]);
    expect([...fake.shown, ...h.logged].join('\n')).not.toMatch(/rot-b-(new|old)/);
  });

  it('during the restarts, after a restart RunPod may have acted on (500): that Pod is perhaps still on the old value, as the report without a switch says (268bcad1)', async () => {
    const { ids, run } = await rotateSetup('rot-u', ['rot-u1', 'rot-u2', 'rot-u3']);
    team.faults.inject({ status: 500 }, { method: 'POST', path: `/pods/${ids['rot-u1']}/action` });
    team.faults.inject({ latencyMs: 50 }, { method: 'POST', path: `/pods/${ids['rot-u2']}/action` });
    whenRequested('POST', new RegExp(`/pods/${ids['rot-u2']}/action$`), switchToDefault);
    fake.dialogAnswers.push('Restart 3 Pods');
    await run();
    await h.settled();
    expect(fake.messages.at(-1)!.detail?.split('\n')).toEqual([
      'Restarted with the new value: rot-u2.',
      expect.stringMatching(new RegExp(`^Perhaps still on the old value: Pod rot-u1 \\(${ids['rot-u1']}\\) may not have restarted: RunPod had a server error`)),
      'Still on the old value, not restarted: rot-u3.',
    ]);
  });

  it('while the value update is in flight: the value changes in team alone, one message says where, no Pod of either account is restarted', async () => {
    const { ids, run } = await rotateSetup('rot-e', ['rot-e-pod']);
    const personalPods = JSON.stringify(personal.inspect().pods);
    team.faults.inject({ latencyMs: 50 }, { method: 'PATCH', path: '/account/secrets/' });
    whenRequested('PATCH', /\/account\/secrets\//, switchToDefault);
    fake.dialogAnswers.push('Restart 1 Pod');
    await run();
    await h.settled();
    expect(h.core.accounts.active).toBe('default');
    expect(fake.messages.map((m) => [m.level, m.text])).toEqual([['warning', ROTATE_STOPPED]]);
    // The list the tree and the server see is the account now active, not team's written secret.
    const listed = await (await h.core.getApi())!.listSecrets();
    expect(h.store.secrets.find((s) => s.name === 'rot-e')).toEqual(listed.find((s) => s.name === 'rot-e'));
    expect(team.inspect().secrets.find((s) => s.name === 'rot-e')?.value).toBe('rot-e-new');
    expect(personal.inspect().secrets.find((s) => s.name === 'rot-e')?.value).toBe('rot-e-old');
    expect(front.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(team.inspect().requests.filter((r) => r.path.includes(ids['rot-e-pod']!))).toEqual([]);
    expect(JSON.stringify(personal.inspect().pods)).toBe(personalPods);
    expect([...fake.shown, ...h.logged].join('\n')).not.toMatch(/rot-e-(new|old)|Could not reach RunPod|UND_ERR/);
  });

  it("while the Pods are listed (the request in flight): the account's Pods are not offered for a restart", async () => {
    const { run } = await rotateSetup('rot-c', ['rot-c-pod']);
    team.faults.inject({ latencyMs: 50 }, { method: 'GET', path: '/pods' });
    whenRequested('GET', /\/pods(\?|$)/, switchToDefault);
    fake.dialogAnswers.push('Restart 1 Pod');
    await run();
    await h.settled();
    expect(texts()).toEqual([ROTATE_STOPPED]);
    expect(front.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('when the switch closes the client the Pods are being listed with: the message is the switch, not a network error', async () => {
    const { run } = await rotateSetup('rot-d', ['rot-d-pod'], { connected: switchToDefault });
    fake.dialogAnswers.push('Restart 1 Pod');
    await run();
    await h.settled();
    expect(texts()).toEqual([ROTATE_STOPPED]);
    expect(fake.messages.at(-1)!.detail).toBeUndefined();
    expect(front.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('"Not Now": the reminder, which outlives a switch (the notification center keeps it), names the account whose Pods it means', async () => {
    const { run } = await rotateSetup('rot-f', ['rot-f-pod']);
    fake.dialogAnswers.push('Not Now', undefined);
    await run();
    await h.settled();
    // Both accounts hold rot-f: without the name, under default it reads as default's Pods.
    expect(fake.messages.at(-1)).toEqual({ level: 'warning', text: '1 running Pod still uses the old value of rot-f (account team).', buttons: ['Restart 1 Pod'] });
  });

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

describe('a switch of account during Delete Secret', () => {
  const DELETE_STOPPED = "The active RunPod account changed to default while Delete Secret was open; nothing was deleted. Run 'RunPod: Delete Secret...' again.";

  /** `name` in both accounts; Delete Secret registered. */
  async function deleteSetup(name: string, moments: ScanMoments = {}) {
    for (const account of [personal, team]) {
      expect((await call(account, 'POST', '/account/secrets', { name, value: `${name}-value` })).status).toBe(201);
    }
    await h.store.refresh();
    scanWithWindowClient(undefined, moments);
    registerDeleteSecret(h.core);
    return () => fake.commands.get('runpod.secrets.delete')!(name) as Promise<void>;
  }

  it('at the warning: the name is not asked, one message says why', async () => {
    const run = await deleteSetup('del-a');
    const before = state();
    fake.dialogAnswers.push(() => {
      switchToDefault();
      return 'Continue…';
    });
    typeNext('del-a');
    await run();
    await expectStopped(before, DELETE_STOPPED);
    expect(texts()).toEqual(['Delete the RunPod secret del-a?', DELETE_STOPPED]);
    expect(fake.boxes.map((b) => b.title)).not.toContain('RunPod: Delete Secret del-a');
  });

  it('while the name is typed: one message says why', async () => {
    const run = await deleteSetup('del-b');
    const before = state();
    fake.dialogAnswers.push('Continue…');
    fake.inputScript.push((box) => {
      switchToDefault();
      box.type('del-b');
      box.accept();
    });
    await run();
    await expectStopped(before, DELETE_STOPPED);
    expect(texts()).toEqual(['Delete the RunPod secret del-b?', DELETE_STOPPED]);
  });

  it('as the delete starts (its progress shown): refused, one message says why, no "Deleting secret ... failed:"', async () => {
    const run = await deleteSetup('del-e');
    const before = state();
    fake.dialogAnswers.push('Continue…');
    typeNext('del-e');
    const push = Array.prototype.push;
    fake.shown.push = (...items: string[]) => {
      if (items.includes('Deleting secret del-e…')) {
        delete (fake.shown as { push?: unknown }).push;
        switchToDefault();
      }
      return push.apply(fake.shown, items);
    };
    await run();
    await expectStopped(before, DELETE_STOPPED);
    expect(texts()).toEqual(['Delete the RunPod secret del-e?', DELETE_STOPPED]);
  });

  it('while the delete is in flight: it happens in team alone, and the one message says which account lost it', async () => {
    const run = await deleteSetup('del-d');
    team.faults.inject({ latencyMs: 50 }, { method: 'DELETE', path: '/account/secrets/' });
    whenRequested('DELETE', /\/account\/secrets\//, switchToDefault);
    fake.dialogAnswers.push('Continue…');
    typeNext('del-d');
    await run();
    await h.settled();
    expect(h.core.accounts.active).toBe('default');
    expect(team.inspect().secrets.map((s) => s.name)).not.toContain('del-d');
    expect(personal.inspect().secrets.map((s) => s.name)).toContain('del-d');
    // Not a bare 'Deleted secret del-d.': default, active now, still has a secret of that name.
    expect(texts()).toEqual(['Delete the RunPod secret del-d?', 'Deleted secret del-d. This was done in account team; the active account is now default.']);
    expect(front.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it("while its uses are listed: the new account's uses are not shown as the secret's, nothing is asked", async () => {
    const run = await deleteSetup('del-c', { connecting: switchToDefault });
    const before = state();
    fake.dialogAnswers.push('Continue…');
    typeNext('del-c');
    await run();
    await expectStopped(before, DELETE_STOPPED);
    expect(texts()).toEqual([DELETE_STOPPED]);
  });
});

describe('the secret history names the account each write happened in, not the one active when it is recorded', () => {
  const VALUE = 'hist_live_value_9c2e71';
  /** Each entry as [action, secret, account], and the storage never holds a value. */
  function history(): (string | undefined)[][] {
    expect(JSON.stringify([...h.memento.data])).not.toMatch(/hist_live_value|hist-[a-z]+-(new|old|value)/);
    return h.core.lifecycle.history.all().entries.map((e) => [e.action, e.secret, e.account.label]);
  }
  /** team holds the `method` request to the secrets path while the user switches to default. */
  function switchWhileInFlight(method: string): void {
    team.faults.inject({ latencyMs: 50 }, { method, path: '/account/secrets' });
    whenRequested(method, /\/account\/secrets/, switchToDefault);
  }
  async function inBoth(name: string): Promise<void> {
    for (const account of [personal, team]) {
      expect((await call(account, 'POST', '/account/secrets', { name, value: `${name}-old` })).status).toBe(201);
    }
    await h.store.refresh();
  }

  /** Create Secret in team, the user switching to default while the POST is on its way. */
  async function createInTeamWhileSwitching(name: string): Promise<void> {
    switchWhileInFlight('POST');
    typeNext(name);
    typeNext(VALUE);
    typeNext('');
    expect(await createSecret(h.core)).toMatchObject({ name });
    await h.settled();
  }

  it('Create Secret: created in team, recorded under team', async () => {
    await createInTeamWhileSwitching('hist-a');
    expect(h.core.accounts.active).toBe('default');
    expect(team.inspect().secrets.map((s) => s.name)).toContain('hist-a');
    expect(history()).toEqual([['created', 'hist-a', 'team']]);
    expect(texts()).toEqual(['Created secret hist-a. Reference it as {{ RUNPOD_SECRET_hist-a }}. This was done in account team; the active account is now default.']);
  });

  it("Show Secret History under default hides team's entry (counted), and shows it again under team", async () => {
    await createInTeamWhileSwitching('hist-shown');
    // The history as activate() builds it: the window's account decides what it shows.
    const shown = new SecretHistory({ memento: h.memento, now: () => Date.now(), activeAccount: windowAccount(h.core.apis, h.core.keys) });
    const origin = new URL(front.url).origin;
    expect(shown.all()).toMatchObject({ entries: [], hidden: [{ account: { origin, label: 'team' }, count: 1 }], account: { origin, label: 'default' } });
    await switchAccount(h.core, 'team', 'user');
    await h.settled();
    expect(shown.all().entries.map((e) => [e.action, e.secret])).toEqual([['created', 'hist-shown']]);
    expect(shown.all().hidden).toEqual([]);
  });

  it('Move value into a RunPod secret: created in team, recorded under team', async () => {
    const uri = Uri.parse('file:///w/hist.runpod.env');
    fake.documents.set(uri.toString(), new FakeDocument(uri, `HF_TOKEN="${VALUE}"\n`));
    registerCreateFromValue(h.core);
    switchWhileInFlight('POST');
    typeNext('hist-b');
    typeNext('');
    await fake.commands.get('runpod.secrets.createFromValue')!({ uri: uri.toString(), range: { start: { line: 0, character: 9 }, end: { line: 0, character: 9 + VALUE.length + 2 } }, suggestedName: 'hf-token' });
    await h.settled();
    expect(team.inspect().secrets.map((s) => s.name)).toContain('hist-b');
    expect(history()).toEqual([['created', 'hist-b', 'team']]);
    expect(texts()).toEqual([expect.stringMatching(/^Created secret hist-b and replaced the value with \{\{ RUNPOD_SECRET_hist-b \}\}\. This was done in account team; the active account is now default\.( Save the file to keep the change\.)? If this file was committed or shared with the value in it, rotate the credential where it was issued: Git history and Local History keep the old text\.$/)]);
  });

  it.each([
    { flow: 'Edit Secret Value', secret: 'hist-c', register: registerEditValue, command: 'runpod.secrets.editValue', typed: 'hist-c-new', action: 'value-changed', field: 'value' as const, said: `Updated the value of hist-c. ${VALUE_CHANGE_MEANING}` },
    { flow: 'Edit Description', secret: 'hist-d', register: registerEditDescription, command: 'runpod.secrets.editDescription', typed: 'what it is for', action: 'description-changed', field: 'description' as const, said: 'Updated the description of hist-d.' },
  ])('$flow: changed in team, recorded under team, and the message says where', async ({ secret, register, command, typed, action, field, said }) => {
    await inBoth(secret);
    register(h.core);
    switchWhileInFlight('PATCH');
    typeNext(typed);
    await fake.commands.get(command)!(secret);
    await h.settled();
    expect(team.inspect().secrets.find((s) => s.name === secret)?.[field]).toBe(typed);
    expect(history()).toEqual([[action, secret, 'team']]);
    expect(texts()).toEqual([`${said} This was done in account team; the active account is now default.`]);
  });

  it('Delete Secret: deleted in team, recorded under team', async () => {
    await inBoth('hist-e');
    scanWithWindowClient();
    registerDeleteSecret(h.core);
    switchWhileInFlight('DELETE');
    fake.dialogAnswers.push('Continue…');
    typeNext('hist-e');
    await fake.commands.get('runpod.secrets.delete')!('hist-e');
    await h.settled();
    expect(team.inspect().secrets.map((s) => s.name)).not.toContain('hist-e');
    expect(history()).toEqual([['deleted', 'hist-e', 'team']]);
  });

  it('Rotate Secret: the value changed in team, recorded under team', async () => {
    await inBoth('hist-f');
    scanWithWindowClient();
    registerRotate(h.core);
    switchWhileInFlight('PATCH');
    typeNext('hist-f-new');
    await fake.commands.get('runpod.secrets.rotate')!('hist-f');
    await h.settled();
    expect(team.inspect().secrets.find((s) => s.name === 'hist-f')?.value).toBe('hist-f-new');
    expect(history()).toEqual([['value-changed', 'hist-f', 'team']]);
  });

  it("Rotate Secret: a Pod's restart in flight at the switch, the restarts recorded under team", async () => {
    await inBoth('hist-g');
    const pod = await call(team, 'POST', '/pods', { name: 'hist-pod', image: 'ubuntu:24.04', gpu: { id: RTX }, env: { T: '{{ RUNPOD_SECRET_hist-g }}' } });
    const id = (pod.json as { id: string }).id;
    scanWithWindowClient();
    registerRotate(h.core);
    team.faults.inject({ latencyMs: 50 }, { method: 'POST', path: `/pods/${id}/action` });
    whenRequested('POST', new RegExp(`/pods/${id}/action$`), switchToDefault);
    typeNext('hist-g-new');
    fake.dialogAnswers.push('Restart 1 Pod');
    await fake.commands.get('runpod.secrets.rotate')!('hist-g');
    await h.settled();
    expect(h.core.accounts.active).toBe('default');
    expect(h.core.lifecycle.history.all().entries.at(-1)?.pods).toEqual([{ id, name: 'hist-pod', ok: true }]);
    expect(history()).toEqual([
      ['value-changed', 'hist-g', 'team'],
      ['pods-restarted', 'hist-g', 'team'],
    ]);
  });

  it('Rename Secret: the new secret created in team as the switch came, recorded under team; no "renamed", as the rename stopped at the switch', async () => {
    await inBoth('hist-h');
    const uri = Uri.parse('file:///w/hist-rename.runpod.env');
    fake.documents.set(uri.toString(), new FakeDocument(uri, 'A=1\n'));
    scanWithWindowClient();
    registerRename(h.core);
    switchWhileInFlight('POST');
    typeNext('hist-h2');
    typeNext('hist-h-value');
    await fake.commands.get('runpod.secrets.rename')!('hist-h');
    await h.settled();
    expect(team.inspect().secrets.map((s) => s.name)).toContain('hist-h2');
    expect(personal.inspect().secrets.map((s) => s.name)).not.toContain('hist-h2');
    expect(history()).toEqual([['created', 'hist-h2', 'team']]);
  });
});

describe('Switch Account from the status bar while a flow asks', () => {
  // VS Code shows one quick input at a time: the Switch Account picker, as it opens, hides the flow's
  // box, which the flow sees as a cancel before any account is picked. The switch then picked is the
  // reason to say, not a silent Escape.
  /**
   * Scripts the flow's first box or quick pick (whichever it shows) to be hidden as Switch Account's
   * picker opens, which then answers `answer`. Returns the switch's run once it started.
   * @param secretPicker the flow opens with the secret picker (pickSecret.ts, a window.showQuickPick), hidden instead
   */
  function hiddenBySwitchAccount(answer: (items: { label: string }[]) => unknown = pickDefault, secretPicker = false): () => Promise<void> | undefined {
    let switching: Promise<void> | undefined;
    const hide = (hideStep: () => void) => {
      switching ??= openSwitchAccount(answer);
      hideStep();
    };
    if (secretPicker) {
      // A hidden showQuickPick resolves as a dismissed one.
      fake.pickScript.push(() => hide(() => undefined));
      return () => switching;
    }
    fake.inputScript.push((box) => hide(() => box.hide()));
    ui.quickPickScript.push((p) => hide(() => p.hide()));
    return () => switching;
  }

  /** Asserts the switch to `default` was said as what stopped `flow`, and nothing was changed since `before`. */
  async function expectSwitchSaid(flow: string, before: string, switching: () => Promise<void> | undefined): Promise<void> {
    expect(switching()).toBeDefined();
    await switching();
    await h.settled();
    expect(h.core.accounts.active).toBe('default');
    expect(fake.messages.filter((m) => m.level === 'error').map((m) => m.text)).toEqual([expect.stringContaining(`The active RunPod account changed to default while ${flow} was open;`)]);
    expect(state()).toBe(before);
    expect(front.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  }

  /** The flows that change a secret the picker or the command's argument names (pickSecret.ts resolveSecretToChange). */
  const CHANGING_SECRET_FLOWS = [
    { flow: 'Edit Secret Value', register: registerEditValue, id: 'runpod.secrets.editValue' },
    { flow: 'Rename Secret', register: registerRename, id: 'runpod.secrets.rename' },
    { flow: 'Delete Secret', register: registerDeleteSecret, id: 'runpod.secrets.delete' },
    { flow: 'Rotate Secret', register: registerRotate, id: 'runpod.secrets.rotate' },
    { flow: 'Edit Description', register: registerEditDescription, id: 'runpod.secrets.editDescription' },
  ];
  const noView = { refresh: () => undefined } as unknown as EndpointsView;
  /** A team endpoint for the update flows to act on. */
  const teamEndpoint = async (name: string): Promise<string> => {
    const created = await call(team, 'POST', '/serverless', { name, image: 'img:1', gpu: { pools: ['ADA_24'] } });
    expect(created.status).toBe(201);
    return (created.json as { id: string }).id;
  };
  const hubJson = readFileSync(new URL('../../sample-workspace/.runpod/hub.json', import.meta.url), 'utf8');
  /** Runs a command registered by `register` on `arg`. */
  const command = (register: (core: typeof h.core) => void, id: string, arg: unknown) => async () => {
    register(h.core);
    await fake.commands.get(id)!(arg);
  };
  it.each([
    {
      flow: 'Change Workers',
      prepare: async () => {
        const endpointId = await teamEndpoint('team-scaled');
        return () => changeWorkers(h.core, noView, { endpointId });
      },
    },
    {
      flow: 'Deploy Endpoint',
      prepare: async () => {
        const { uri } = workspaceFile('.runpod/hub.json', hubJson);
        return () => deployEndpoint(h.core, noView, { file: uri });
      },
    },
    {
      flow: 'Launch Pod',
      prepare: async () => {
        fake.files.set('/w/train.runpod.json', '{ "name": "train", "image": "runpod/pytorch" }');
        return () => launchPod(h.core, Uri.from({ scheme: 'file', path: '/w/train.runpod.json' }));
      },
    },
    {
      flow: 'Update Env from File',
      prepare: async () => {
        workspaceFile('train.runpod.env', 'LOG_LEVEL=warn\n');
        const endpointId = await teamEndpoint('team-env');
        return () => updateEndpoint(h.core, noView, 'env', { endpointId });
      },
    },
    {
      flow: 'Change Image',
      prepare: async () => {
        const endpointId = await teamEndpoint('team-image');
        return () => updateEndpoint(h.core, noView, 'image', { endpointId });
      },
    },
    { flow: 'Create Secret', prepare: async () => async () => void (await createSecret(h.core)) },
    { flow: 'Rename Secret', prepare: async () => command(registerRename, 'runpod.secrets.rename', 'team-db') },
    { flow: 'Edit Secret Value', prepare: async () => command(registerEditValue, 'runpod.secrets.editValue', 'team-db') },
    { flow: 'Rotate Secret', prepare: async () => command(registerRotate, 'runpod.secrets.rotate', 'team-db') },
    { flow: 'Edit Description', prepare: async () => command(registerEditDescription, 'runpod.secrets.editDescription', 'team-db') },
  ])('$flow: the account picked after its first step was hidden is said, and nothing is changed', async ({ flow, prepare }) => {
    const run = await prepare();
    const before = state();
    const switching = hiddenBySwitchAccount();
    await run();
    await expectSwitchSaid(flow, before, switching);
  });

  it.each(CHANGING_SECRET_FLOWS)('$flow from the palette: the account picked after its secret picker was hidden is said, and nothing is changed', async ({ flow, register, id }) => {
    const before = state();
    const switching = hiddenBySwitchAccount(pickDefault, true);
    await command(register, id, undefined)();
    expect(fake.picks[0]?.placeholder).toBe('Choose a secret');
    await expectSwitchSaid(flow, before, switching);
  });

  it("Delete Secret: the account picked after its typed-name box was hidden is said, and nothing is deleted", async () => {
    const before = state();
    fake.dialogAnswers.push('Continue…');
    const switching = hiddenBySwitchAccount();
    await command(registerDeleteSecret, 'runpod.secrets.delete', 'team-db')();
    expect(fake.boxes.map((b) => b.title)).toContain('RunPod: Delete Secret team-db');
    await expectSwitchSaid('Delete Secret', before, switching);
  });

  it.each(CHANGING_SECRET_FLOWS)('$flow refused for want of a usable key says that alone, not a switch as well', async ({ register, id }) => {
    const before = state();
    // The key check refuses (and says why) as the account changes: no cancel happened, so no switch is said.
    vi.spyOn(h.core, 'requireApi').mockImplementation(async () => {
      switchToDefault();
      void vscode.window.showErrorMessage('No API key is set.');
      return undefined;
    });
    await command(register, id, 'team-db')();
    await h.settled();
    expect(texts()).toEqual(['No API key is set.']);
    expect(state()).toBe(before);
  });

  it("says the switch as soon as the account is picked, not once the new account's list has loaded", async () => {
    const endpointId = await teamEndpoint('team-slow');
    // The switch's listing of the new account never answers (a stalled network): the flow must not wait for it.
    vi.spyOn(h.core.store, 'refresh').mockReturnValue(new Promise(() => undefined));
    hiddenBySwitchAccount();
    await changeWorkers(h.core, noView, { endpointId });
    expect(h.core.accounts.active).toBe('default');
    expect(fake.messages.map((m) => m.text).join('\n')).toContain('The active RunPod account changed to default while Change Workers was open; the endpoint was not changed.');
  });

  it('"Add Account…" chosen in the Switch Account picker that hid the box ends the flow saying so, before the add wizard ends', async () => {
    const endpointId = await teamEndpoint('team-add');
    const before = state();
    const order: string[] = [];
    let flowEnded!: () => void;
    const ended = new Promise<void>((resolve) => (flowEnded = resolve));
    const switching = hiddenBySwitchAccount((items) => items.find((item) => item.label.includes('Add Account')));
    // Add Account's name box stays open until the flow has ended, or the next macrotask: a flow
    // still waiting then waits for the whole wizard (the flow's own end takes microtasks alone).
    fake.inputScript.push((box) => {
      void Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 0))]).then(() => {
        order.push('add wizard closed');
        box.hide();
      });
    });
    await changeWorkers(h.core, noView, { endpointId }).then(() => order.push('flow ended'));
    flowEnded();
    await switching();
    await h.settled();
    expect(order).toEqual(['flow ended', 'add wizard closed']);
    expect(h.core.accounts.active).toBe('team');
    // Said once, as the other switch cases are: the wizard may yet make its new account the active one.
    const closed = "Switch Account closed Change Workers to add an account; the endpoint was not changed. Run 'RunPod: Change Workers...' again.";
    expect(fake.messages.filter((m) => m.level === 'error').map((m) => m.text)).toEqual([closed]);
    expect(h.logged.join('\n')).toContain(closed);
    expect(state()).toBe(before);
  });

  it('a Switch Account picker escaped after it hid the box ends the flow as an Escape, at once', async () => {
    const endpointId = await teamEndpoint('team-esc');
    const before = state();
    hiddenBySwitchAccount(() => undefined);
    await changeWorkers(h.core, noView, { endpointId });
    expect(h.core.accounts.active).toBe('team');
    expect(fake.messages.filter((m) => m.level === 'error')).toEqual([]);
    expect(state()).toBe(before);
  });
});
