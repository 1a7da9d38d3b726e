/**
 * The rounds of Launch Pod (launch/ui/createRounds.ts): a create that failed offers the user a next
 * round, and only the user starts it. "Pick another GPU" after a capacity refusal reopens the wizard
 * at the GPU step with the catalog read again; "Retry" after a rate-limited create reopens it at the
 * summary with every choice kept. Either way one Pod is created, with what the last round chose.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { launchPod } from '../../client/src/commands/launchPod';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { call } from '../fake-runpod/testHelpers';
import { fakeApiServices } from './fakeApiServices';
import { recallAnswers } from '../../client/src/ui/wizardMemory';
import { scriptLaunchAfterTemplate, scriptLaunchFromGpu } from './launchScript';
import { fake as editor, ui } from './vscodeFake';

let api: FakeRunpod;
let env: Awaited<ReturnType<typeof fakeApiServices>> | undefined;

beforeAll(async () => {
  api = await startFakeRunpod({ seed: true, podBootMs: 0, rateLimitPerMinute: 10_000 });
  await call(api, 'POST', '/templates', { name: 'rounds-tpl', image: 'img', env: { A: '1' } });
});
afterAll(() => api.close());
beforeEach(() => editor.reset());
afterEach(async () => env?.close());

/** The first round: rounds-tpl, RTX 4090 × 1 on Community, named `name`, confirmed. */
function firstRound(name: string): void {
  ui.quickPickScript.push((p) => p.choose(/rounds-tpl/));
  scriptLaunchAfterTemplate(name);
}

const catalogReads = () => api.inspect().requests.filter((r) => r.method === 'GET' && r.path.endsWith('/catalog/gpus')).length;
const podsNamed = (name: string) => api.inspect().pods.filter((p) => p.name === name);

describe('Launch Pod after a failed create', () => {
  it('"Pick another GPU" reopens the wizard at the GPU step, with the catalog read again, and launches the other GPU', async () => {
    env = await fakeApiServices(api);
    api.faults.inject({ status: 400, body: JSON.stringify({ error: 'There are no longer any instances available with the requested specifications.' }) }, { method: 'POST', path: '/pods', times: 1 });
    firstRound('round-gpu');
    editor.dialogAnswers.push('Pick another GPU');
    const picksBefore = ui.quickPicks.length;
    const readsBefore = catalogReads();
    // The second round starts at the GPU step: no template or env file step again.
    ui.quickPickScript.push(
      (p) => p.choose(/A100/),
      (p) => p.choose(/^1\b/),
      (p) => p.choose(/Secure/),
      (p) => p.choose(/Launch/),
    );
    editor.inputScript.push((box) => box.accept());
    await launchPod(env.services);
    // Seven picks in the first round; the second starts at the first round's GPU step.
    const rounds = ui.quickPicks.slice(picksBefore);
    expect(rounds).toHaveLength(11);
    expect(rounds[7]!.step).toBe(rounds[3]!.step);
    // Read by the first round's GPU step, and again by the second's.
    expect(catalogReads() - readsBefore).toBe(2);
    expect(podsNamed('round-gpu')).toEqual([expect.objectContaining({ cloud: 'SECURE', gpu: expect.objectContaining({ id: expect.stringMatching(/A100/) }) })]);
  });

  it('no capacity: the notification gives our advice alone; RunPod\'s own "refresh and try again" stays in the log', async () => {
    env = await fakeApiServices(api);
    api.faults.inject(
      { status: 400, body: JSON.stringify({ error: 'There are no longer any instances available with the requested specifications. Please refresh and try again.' }) },
      { method: 'POST', path: '/pods', times: 1 },
    );
    firstRound('round-no-capacity');
    editor.dialogAnswers.push(undefined);
    await launchPod(env.services);
    const failure = editor.messages.find((m) => m.level === 'error')!;
    expect(failure.text).toBe('Could not launch the Pod: No capacity for that GPU type right now; pick another GPU type or cloud. Nothing was created.');
    expect(failure.buttons).toEqual(['Pick another GPU']);
    expect(env.logged.join('\n')).toContain('Please refresh and try again.');
  });

  it('"Retry" after a rate-limited create reopens the wizard at the summary, every choice kept, and creates one Pod', async () => {
    env = await fakeApiServices(api);
    api.faults.inject({ status: 429, headers: { 'retry-after': '0' } }, { method: 'POST', path: '/pods', times: 1 });
    firstRound('round-retry');
    editor.dialogAnswers.push('Retry');
    const picksBefore = ui.quickPicks.length;
    ui.quickPickScript.push((p) => p.choose(/Launch/));
    await launchPod(env.services);
    // Seven picks in the first round, then the summary alone.
    expect(ui.quickPicks.length - picksBefore).toBe(8);
    expect(ui.quickPicks.at(-1)!.step).toBe(ui.quickPicks[picksBefore + 6]!.step);
    expect(podsNamed('round-retry')).toEqual([expect.objectContaining({ cloud: 'COMMUNITY', gpu: expect.objectContaining({ id: 'NVIDIA GeForce RTX 4090', count: 1 }) })]);
  });

  it('"Edit and Retry" after RunPod rejects the request (422) reopens the summary, every choice kept; Back edits the name; one Pod is created', async () => {
    env = await fakeApiServices(api);
    const problem = { title: 'Unprocessable Entity', status: 422, detail: 'invalid pod' };
    api.faults.inject({ status: 422, body: JSON.stringify(problem), headers: { 'content-type': 'application/problem+json' } }, { method: 'POST', path: '/pods', times: 1 });
    firstRound('round-invalid');
    editor.dialogAnswers.push('Edit and Retry');
    const picksBefore = ui.quickPicks.length;
    // The second round: the summary, Back to the name, a new name, the summary again.
    ui.quickPickScript.push(
      (p) => p.pressBack(),
      (p) => p.choose(/Launch/),
    );
    editor.inputScript.push((box) => {
      box.type('round-edited');
      box.accept();
    });
    await launchPod(env.services);
    const failure = editor.messages.find((m) => m.level === 'error')!;
    expect(failure.buttons).toEqual(['Edit and Retry', 'Show Output']);
    // Says what a dismissal keeps, as the wizard memory does (createRounds.ts).
    expect(failure.text).toMatch(/Nothing was created; every choice is kept for Edit and Retry or the next run\.$/);
    const rounds = ui.quickPicks.slice(picksBefore);
    expect(rounds).toHaveLength(9);
    expect(rounds[7]!.step).toBe(rounds[6]!.step);
    expect(rounds[7]!.back).toBe(true);
    expect(podsNamed('round-invalid')).toEqual([]);
    expect(podsNamed('round-edited')).toEqual([expect.objectContaining({ cloud: 'COMMUNITY', gpu: expect.objectContaining({ id: 'NVIDIA GeForce RTX 4090', count: 1 }) })]);
  });

  it('"Edit and Retry": Back walks every step to the template with the first round\'s choices preselected, Enter on each keeps them, and one Pod is created', async () => {
    env = await fakeApiServices(api);
    const problem = { title: 'Unprocessable Entity', status: 422, detail: 'invalid pod' };
    api.faults.inject({ status: 422, body: JSON.stringify(problem), headers: { 'content-type': 'application/problem+json' } }, { method: 'POST', path: '/pods', times: 1 });
    const creates = () => api.inspect().requests.filter((r) => r.method === 'POST' && r.path.endsWith('/pods')).length;
    const createsBefore = creates();
    firstRound('round-back');
    editor.dialogAnswers.push('Edit and Retry');
    const picksBefore = ui.quickPicks.length;
    // The second round: Back from the summary through the name, cloud, count and GPU to the env
    // choice and the template; then Enter on each step (what it preselects) and Launch.
    const back = (p: { pressBack(): void }) => p.pressBack();
    const enter = (p: { accept(): void }) => p.accept();
    ui.quickPickScript.push(back, back, back, back, back, enter, enter, enter, enter, enter, enter, (p) => p.choose(/Launch/));
    editor.inputScript.push(back, enter);
    await launchPod(env.services);
    const [first, second] = [ui.quickPicks.slice(picksBefore, picksBefore + 7), ui.quickPicks.slice(picksBefore + 7)];
    const chosen = (label: RegExp) => first.flatMap((p) => p.items).find((l) => label.test(l));
    // Walking back: summary, cloud, count, GPU, env choice, template; each on the first round's choice.
    // The template step preselected none: Enter there took the first template listed instead.
    expect(second.map((p) => p.step)).toEqual([6, 4, 3, 3, 2, 1, 2, 2, 3, 3, 4, 6]);
    expect(second.slice(0, 6).map((p) => p.active)).toEqual([
      '$(rocket) Launch',
      chosen(/Community/),
      chosen(/^1 × RTX 4090/),
      chosen(/RTX 4090$/),
      chosen(/No env file/),
      chosen(/rounds-tpl/),
    ]);
    // Forward again, Enter on each: the same choices.
    expect(second.slice(6, 11).map((p) => p.active)).toEqual([chosen(/No env file/), chosen(/Continue/), chosen(/RTX 4090$/), chosen(/^1 × RTX 4090/), chosen(/Community/)]);
    // The name box both ways holds the name the first round typed.
    expect(editor.boxes.slice(-2).map((b) => b.value)).toEqual(['round-back', 'round-back']);
    expect(podsNamed('round-back')).toEqual([expect.objectContaining({ cloud: 'COMMUNITY', gpu: expect.objectContaining({ id: 'NVIDIA GeForce RTX 4090', count: 1 }) })]);
    expect(api.inspect().pods.filter((p) => p.name === 'rounds-tpl')).toEqual([]);
    // The refused create and the one that went through: nothing sent twice.
    expect(creates() - createsBefore).toBe(2);
  });

  it('a failure whose advice the user dismisses ends the flow: no second round, nothing created', async () => {
    env = await fakeApiServices(api);
    api.faults.inject({ status: 429, headers: { 'retry-after': '0' } }, { method: 'POST', path: '/pods', times: 1 });
    firstRound('round-dismissed');
    editor.dialogAnswers.push(undefined);
    const picksBefore = ui.quickPicks.length;
    await launchPod(env.services);
    expect(ui.quickPicks.length - picksBefore).toBe(7);
    expect(podsNamed('round-dismissed')).toEqual([]);
  });
});

describe('Launch Pod after its own read failed (no create sent)', () => {
  /** The first round up to the GPU step, whose catalog read RunPod fails once (503). */
  function catalogFails(): void {
    api.faults.inject({ status: 503 }, { method: 'GET', path: '/catalog/gpus', times: 1 });
    ui.quickPickScript.push(
      (p) => p.choose(/rounds-tpl/),
      (p) => p.choose(/No env file/),
      (p) => p.choose(/Continue/),
    );
  }

  it('says the launch failed and nothing was launched, and Retry reopens the wizard at the GPU step with the template and env kept', async () => {
    env = await fakeApiServices(api);
    catalogFails();
    editor.dialogAnswers.push('Retry');
    const picksBefore = ui.quickPicks.length;
    // The second round: the GPU step read again, then count, cloud, name and Launch.
    scriptLaunchFromGpu('round-read-retry');
    await launchPod(env.services);
    const failure = editor.messages.find((m) => m.level === 'error')!;
    expect(failure.text).toBe('Could not launch the Pod: RunPod had a server error (503) while trying to list GPU types. Try again in a moment. Nothing was launched.');
    expect(failure.buttons).toEqual(['Retry', 'Show Output']);
    // Three picks in the first round (template, env choice, variables); the second starts at the GPU step.
    const rounds = ui.quickPicks.slice(picksBefore);
    expect(rounds.map((p) => p.step)).toEqual([1, 2, 2, 3, 3, 4, 6]);
    expect(rounds[3]!.back).toBe(true);
    expect(podsNamed('round-read-retry')).toEqual([expect.objectContaining({ cloud: 'COMMUNITY', gpu: expect.objectContaining({ id: 'NVIDIA GeForce RTX 4090', count: 1 }) })]);
  });

  it('dismissed: the flow ends, and the next Launch Pod offers the template chosen', async () => {
    env = await fakeApiServices(api);
    catalogFails();
    editor.dialogAnswers.push(undefined);
    const picksBefore = ui.quickPicks.length;
    await launchPod(env.services);
    expect(ui.quickPicks.length - picksBefore).toBe(3);
    const template = api.inspect().templates.find((t) => t.name === 'rounds-tpl')!;
    expect(recallAnswers(env.services.context, 'launch-pod', 'default')).toEqual(expect.objectContaining({ template: `account:${template.id}` }));
  });
});

describe('Launch Pod cancelled on its progress', () => {
  it('before the create (the checks still listing the secrets) says nothing was launched, and creates nothing', async () => {
    env = await fakeApiServices(api);
    // The checks' fresh secret list waits for RunPod; Cancel pressed meanwhile ends it.
    api.faults.inject({ latencyMs: 60_000 }, { method: 'GET', path: '/account/secrets', times: 1 });
    firstRound('round-cancelled');
    const launched = launchPod(env.services);
    await vi.waitFor(() => expect(ui.progress.find((p) => p.title === 'Launching round-cancelled')?.messages).toContain('Checking secret references…'), { timeout: 10_000 });
    ui.progress.find((p) => p.title === 'Launching round-cancelled')!.cancel();
    await launched;
    expect(editor.messages.map((m) => m.text)).toContain('Launch Pod cancelled: nothing was launched.');
    expect(podsNamed('round-cancelled')).toEqual([]);
    api.faults.clear();
  });
});

describe('a wizard round ended by an account switch', () => {
  it.each(['wizard', 'create'] as const)('in its %s: keeps none of its answers, they belong to the client left, not the one a next run starts under', async (where) => {
    env = await fakeApiServices(api);
    const { runCreateRounds } = await import('../../client/src/launch/ui/createRounds');
    const { ClientChangedError } = await import('../../client/src/auth/accountBound');
    const { wizardRun } = await import('../../client/src/ui/wizardMemory');
    const flow = { name: 'Launch Pod', title: 'RunPod: Launch Pod', nothing: 'no Pod was launched' };
    const account = env.services.accounts.active;
    // Switched away and back: the same account is active again, but the client the round took was replaced.
    const changed = new ClientChangedError(flow, account);
    const memory = wizardRun(env.services.context, 'launch-pod', env.services.accounts);
    let created = 0;
    await runCreateRounds(env.services, {
      flow,
      account,
      memory,
      failure: { flow: 'launch', phase: 'read' },
      firstStep: 0,
      wizard: async () => {
        if (where === 'wizard') throw changed;
        return true;
      },
      answers: () => ({ template: 'rounds-tpl' }),
      create: async () => {
        created++;
        return { kind: 'failed', stage: 'create', createCalled: true, error: changed, advice: { message: changed.message, details: [], actions: [], modal: false } };
      },
      summaryStep: 3,
    });
    expect(recallAnswers(env.services.context, 'launch-pod', account)).toEqual({});
    expect(created).toBe(where === 'create' ? 1 : 0);
    // The change is said, as any failure is.
    expect(editor.messages.map((m) => m.text).join('\n')).toContain("The RunPod account's API key or the API URL changed while Launch Pod was open");
  });
});
