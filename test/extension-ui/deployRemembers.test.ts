/**
 * Escape in Deploy Endpoint no longer drops every answer: the next Deploy Endpoint in the window
 * offers what the cancelled one chose (ui/wizardMemory.ts) as each step's default: the source, and
 * for that same source its image, env file, GPU pools, workers, idle timeout, scaling and name.
 * A deploy that went through forgets them.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { fake, ui, type FakeInputBox, type FakeQuickPick } from './vscodeFake';
import { useHarness, workspaceFile, type Harness } from './serverlessHarness';
import { recallAnswers } from '../../client/src/ui/wizardMemory';
import { followClock } from '../../client/src/serverless/ui/followUi';
import { DEFAULT_RETRY_POLICY } from '../../client/src/runpod/retry';

const hubJson = readFileSync(new URL('../../sample-workspace/.runpod/hub.json', import.meta.url), 'utf8').replace('db_pasword', 'db_password');

const harness = useHarness();
let h: Harness;
beforeEach(() => {
  h = harness();
});

const typeAndAccept = (value: string) => (box: FakeInputBox) => {
  box.type(value);
  box.accept();
};

/** Text typed, then Back (not accepted): the step before shows again. */
const typeAndBack = (value: string) => (box: FakeInputBox) => {
  box.type(value);
  box.pressBack();
};

/** Enter on what the box offers; Escape when the box refuses it (an empty image), so the run ends instead of waiting. */
const enter = (box: FakeInputBox) => {
  box.accept();
  if (box.validationText) box.hide();
};

/** A deploy of the Hub listing with every step answered away from its default, cancelled at the summary (or `atSummary` there). */
async function deployThenEscape(atSummary: (p: FakeQuickPick) => void = (p) => p.hide()): Promise<void> {
  fake.inputScript.push(typeAndAccept('acme/kept-worker:2'), typeAndAccept('2..4'), typeAndAccept('30'), typeAndAccept('3'), typeAndAccept('kept-endpoint'));
  ui.quickPickScript.push(
    (p: FakeQuickPick) => p.choose(/hub\.json/),
    (p) => p.choose('kept.runpod.env'),
    (p) => p.check('ADA_24'),
    (p) => p.choose('Request count'),
    atSummary,
  );
  await h.run('runpod.endpoints.deploy');
}

describe('Deploy Endpoint, Back from a box', () => {
  it('keeps the image and the name typed (not yet accepted) for the way back', async () => {
    workspaceFile('.runpod/hub.json', hubJson);
    workspaceFile('kept.runpod.env', 'LOG_LEVEL=debug\n');
    fake.inputScript.push(
      typeAndBack('acme/typed-worker:3'),
      typeAndAccept('acme/typed-worker:3'),
      enter,
      enter,
      enter,
      typeAndBack('typed-endpoint'),
      enter,
      (box) => box.hide(),
    );
    ui.quickPickScript.push(
      (p: FakeQuickPick) => p.choose(/hub\.json/),
      (p) => p.choose('kept.runpod.env'),
      // Back from the image: the env file again.
      (p) => p.choose('kept.runpod.env'),
      (p) => p.check('ADA_24'),
      (p) => p.choose('Queue delay'),
      // Back from the name: the scaling value again (Enter), then the name.
    );
    await h.run('runpod.endpoints.deploy');
    const opened = fake.boxes.map((b) => b.value);
    expect(opened[1]).toBe('acme/typed-worker:3');
    expect(opened.at(-1)).toBe('typed-endpoint');
  });

  it('keeps the workers, idle timeout and scaling value typed (not yet accepted) for the way back', async () => {
    workspaceFile('.runpod/hub.json', hubJson);
    workspaceFile('kept.runpod.env', 'LOG_LEVEL=debug\n');
    fake.inputScript.push(
      typeAndAccept('acme/worker:1'),
      typeAndBack('2..5'),
      enter,
      typeAndBack('45'),
      enter,
      enter,
      typeAndBack('7'),
      enter,
      (box) => box.hide(),
    );
    ui.quickPickScript.push(
      (p: FakeQuickPick) => p.choose(/hub\.json/),
      (p) => p.choose('kept.runpod.env'),
      (p) => p.check('ADA_24'),
      // Back from the workers: the pools again (as checked).
      (p) => p.accept(),
      (p) => p.choose('Queue delay'),
      // Back from the queue delay: the same type again.
      (p) => p.choose('Queue delay'),
    );
    await h.run('runpod.endpoints.deploy');
    // The boxes as opened: image, workers, workers after Back, idle, workers (Back), idle after Back, delay, delay after Back, name.
    const opened = fake.boxes.map((b) => b.value);
    expect([2, 5, 7].map((i) => opened[i])).toEqual(['2..5', '45', '7']);
    expect(opened).toHaveLength(9);
  });
});

describe('Deploy Endpoint after Escape', () => {
  it("offers the cancelled run's source, and for it the image, env file, pools, workers, idle timeout, scaling and name; a deploy forgets them", async () => {
    workspaceFile('.runpod/hub.json', hubJson);
    workspaceFile('kept.runpod.env', 'LOG_LEVEL=debug\n');
    await deployThenEscape();
    // Escape at the first step of the next run answered nothing, and Escape on the image box left
    // what it offered unanswered again: the answers stand.
    const escapedFirst = ui.quickPicks.length;
    ui.quickPickScript.push((p) => p.hide());
    await h.run('runpod.endpoints.deploy');
    const escapedImage = ui.quickPicks.length;
    // Enter on the env file it offers (the same), then Escape on the image box.
    ui.quickPickScript.push((p) => p.choose(/hub\.json/), (p) => p.accept());
    fake.inputScript.push((box) => box.hide());
    await h.run('runpod.endpoints.deploy');
    const first = ui.quickPicks.length;
    fake.boxes.length = 0;
    // Enter on every step but the first (its preselection is asserted below): each takes what was offered.
    fake.inputScript.push(...Array.from({ length: 5 }, () => enter));
    ui.quickPickScript.push(
      (p) => p.choose(/hub\.json/),
      (p) => p.accept(),
      (p) => p.accept(),
      (p) => p.accept(),
      (p) => p.choose('Deploy'),
    );
    await h.run('runpod.endpoints.deploy');
    // The source step of each of the three runs: where its pick opened.
    expect([escapedFirst, escapedImage, first].map((at) => ui.quickPicks[at]).map((p) => [p?.step, p?.active])).toEqual(
      Array.from({ length: 3 }, () => [1, expect.stringMatching(/hub\.json/)]),
    );
    const again = ui.quickPicks.slice(first);
    const activeAt = (step: number) => again.filter((p) => p.step === step).map((p) => p.active);
    expect(activeAt(2)).toEqual([expect.stringMatching(/kept\.runpod\.env/)]);
    expect(activeAt(7)).toEqual([expect.stringMatching(/Request count/)]);
    expect(fake.boxes.map((b) => b.value)).toEqual(['acme/kept-worker:2', '2..4', '30', '3', 'kept-endpoint']);
    const endpoint = h.api.inspect().endpoints.find((e) => e.name === 'kept-endpoint');
    expect(endpoint).toMatchObject({
      image: 'acme/kept-worker:2',
      env: expect.objectContaining({ LOG_LEVEL: 'debug' }),
      gpu: { pools: ['ADA_24'] },
      workers: { min: 2, max: 4, idleTimeout: 30 },
      scaling: { type: 'REQUEST_COUNT', requestCount: 3 },
    });
    await h.client.deleteEndpoint(endpoint!.id);
    // Deployed: forgotten. The next run offers the defaults again.
    ui.quickPickScript.push((p) => p.hide());
    await h.run('runpod.endpoints.deploy');
    expect(ui.quickPicks.at(-1)!.active).toBeUndefined();
  });

  it('offers the image, pools, numbers and name only to the same source: another starts from its own defaults', async () => {
    workspaceFile('.runpod/hub.json', hubJson);
    workspaceFile('kept.runpod.env', 'LOG_LEVEL=debug\n');
    workspaceFile('other.runpod.json', JSON.stringify({ name: 'other-file', image: 'img:1', serverless: true, env: {} }));
    await deployThenEscape();
    fake.boxes.length = 0;
    const first = ui.quickPicks.length;
    fake.inputScript.push(...Array.from({ length: 4 }, () => enter));
    ui.quickPickScript.push(
      (p) => p.choose('other.runpod.json'),
      (p) => p.accept(),
      (p) => p.check('AMPERE_48'),
      (p) => p.accept(),
      (p) => p.hide(), // Escape at the summary
    );
    await h.run('runpod.endpoints.deploy');
    const again = ui.quickPicks.slice(first);
    const activeAt = (step: number) => again.filter((p) => p.step === step).map((p) => p.active);
    // Not the Hub listing's env file, Request count, 2..4 or name: this file's own defaults.
    expect(activeAt(2)).toEqual([expect.stringMatching(/No env file/)]);
    expect(activeAt(7)).toEqual([expect.stringMatching(/Queue delay/)]);
    expect(fake.boxes.map((b) => b.value)).toEqual(['0..3', '5', '4', 'other-file']);
    // What this run kept is the other file's: nothing of the Hub listing's image, env file, scaling, workers or name.
    const kept = recallAnswers(h.services.context, 'deploy-endpoint', 'default');
    // All of it, exactly: no image, env file, workers, scaling or name of the Hub listing's cancelled run.
    expect(kept).toEqual({ source: 'file:file:///w/other.runpod.json', envFile: 'none', pools: ['AMPERE_48'], workersMin: 0, workersMax: 3, idleTimeout: 5, scaling: 'QUEUE_DELAY', scalingValue: 4, name: 'other-file' });
  });

  it('keeps the answers of a deploy RunPod refused (nothing was created): the next run offers them again', async () => {
    workspaceFile('.runpod/hub.json', hubJson);
    workspaceFile('kept.runpod.env', 'LOG_LEVEL=debug\n');
    const problem = { title: 'Unprocessable Entity', status: 422, detail: 'invalid endpoint' };
    h.api.faults.inject({ status: 422, body: JSON.stringify(problem), headers: { 'content-type': 'application/problem+json' } }, { method: 'POST', path: '/serverless', times: 1 });
    fake.dialogAnswers.push('Show Output'); // the advice: not Retry, so the flow ends
    await deployThenEscape((p) => p.choose('Deploy'));
    expect(h.api.inspect().endpoints.find((e) => e.name === 'kept-endpoint')).toBeUndefined();
    expect(recallAnswers(h.services.context, 'deploy-endpoint', 'default')).toMatchObject({ source: expect.stringMatching(/hub\.json/), image: 'acme/kept-worker:2', name: 'kept-endpoint' });
  });

  it('"Retry" after a rate-limited create reopens the wizard at the summary, every choice kept, and deploys one endpoint', async () => {
    workspaceFile('.runpod/hub.json', hubJson);
    workspaceFile('kept.runpod.env', 'LOG_LEVEL=debug\n');
    // The client waits and sends a create RunPod refused for the rate again (429: nothing was made)
    // up to its retries (runpod/retry.ts): one more 429 than that reaches the user.
    h.api.faults.inject({ status: 429, headers: { 'retry-after': '0' } }, { method: 'POST', path: '/serverless', times: DEFAULT_RETRY_POLICY.maxRetries + 1 });
    fake.dialogAnswers.push('Retry');
    const picksBefore = ui.quickPicks.length;
    const sleep = followClock.sleep;
    followClock.sleep = async () => ui.progress.find((p) => p.title.startsWith('Deploying'))!.cancel();
    try {
      await deployThenEscape((p) => {
        // The second round: the summary alone, then the follow (its first wait ends it).
        ui.quickPickScript.push((q) => q.choose('Deploy'));
        p.choose('Deploy');
      });
    } finally {
      followClock.sleep = sleep;
    }
    const picks = ui.quickPicks.slice(picksBefore);
    expect(picks).toHaveLength(6);
    expect(picks[5]!.step).toBe(picks[4]!.step);
    expect(h.api.inspect().endpoints.filter((e) => e.name === 'kept-endpoint')).toEqual([expect.objectContaining({ workers: expect.objectContaining({ min: 2, max: 4 }) })]);
  });

  it('forgets the answers as soon as the deploy is confirmed: while the new endpoint is followed, a second Deploy Endpoint offers none of them', async () => {
    workspaceFile('.runpod/hub.json', hubJson);
    workspaceFile('kept.runpod.env', 'LOG_LEVEL=debug\n');
    await deployThenEscape();
    expect(recallAnswers(h.services.context, 'deploy-endpoint', 'default')).not.toEqual({});
    // The first wait of the follow: what a Deploy Endpoint started now would offer; then Cancel.
    let whileFollowing: unknown;
    const sleep = followClock.sleep;
    followClock.sleep = async () => {
      whileFollowing = recallAnswers(h.services.context, 'deploy-endpoint', 'default');
      ui.progress.find((p) => p.title.startsWith('Deploying'))!.cancel();
    };
    try {
      await deployThenEscape((p) => p.choose('Deploy'));
    } finally {
      followClock.sleep = sleep;
    }
    expect(h.api.inspect().endpoints.find((e) => e.name === 'kept-endpoint')).toBeDefined();
    expect(whileFollowing).toEqual({});
  });
});

