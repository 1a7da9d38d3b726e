/**
 * Show Logs after a failed read: the notification's Retry reads again and goes on from the step that
 * failed (the Pods and endpoints pick, or the picked endpoint's workers pick, not the first pick
 * again), and the log opens; dismissed, nothing opens. The terminal is recorded, not run.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));
const opened = vi.hoisted(() => [] as unknown[]);
vi.mock('../../client/src/logs/ui/logTerminal', () => ({ openLogTerminal: (_api: unknown, target: unknown) => opened.push(target) }));

import { showLogs } from '../../client/src/commands/showLogs';
import { RunpodApiError } from '../../client/src/runpod/errors';
import type { Endpoint, Pod, RunpodApi, Worker } from '../../client/src/runpod/types';
import type { Services } from '../../client/src/services';
import { fake, ui } from './vscodeFake';

const ENDPOINT = { id: 'ep1', name: 'whisper', type: 'QUEUE', workers: { min: 0, max: 1 } } as Endpoint;
const POD = { id: 'pod1', name: 'train', status: 'RUNNING', gpu: null } as unknown as Pod;
const WORKER = { id: 'w1', status: 'RUNNING', version: 2, isStale: false } as unknown as Worker;
const services = (api: Partial<RunpodApi>) => ({ requireApi: async () => api, accounts: { active: 'default' }, log: { error: () => {} }, getApi: () => api }) as unknown as Services;
/** A read that fails once as a dropped connection (its advice offers Retry), then answers `value`. */
function failingOnce<T>(value: T) {
  let calls = 0;
  const read = async () => {
    if (calls++ === 0) throw new RunpodApiError('network', 'Could not reach RunPod.');
    return value;
  };
  return { read, calls: () => calls };
}
/** The title of the second pick: the workers of the endpoint whisper. */
const WORKERS_PICK = 'RunPod: Show Logs of a worker of whisper';
const retryOffered = () => fake.messages.some((m) => m.level === 'error' && m.buttons?.includes('Retry'));

beforeEach(() => {
  fake.reset();
  opened.length = 0;
});

describe('Show Logs: Retry after a failed read', () => {
  it('the Pods and endpoints listing failed: Retry lists them again, and the Pod picked opens its log', async () => {
    const pods = failingOnce([POD]);
    fake.dialogAnswers.push('Retry');
    ui.quickPickScript.push((p) => p.choose(/train/));
    await showLogs(services({ listPods: pods.read, listEndpoints: async () => [] }), undefined);
    expect(retryOffered()).toBe(true);
    expect(pods.calls()).toBe(2);
    expect(opened).toEqual([{ kind: 'pod', podId: 'pod1', name: 'train' }]);
  });

  it("the picked endpoint's workers failed to list: Retry lists that endpoint's workers again (no first pick again), and the worker picked opens its log", async () => {
    const workers = failingOnce([WORKER]);
    fake.dialogAnswers.push('Retry');
    // The first pick asked again is closed at once: the command ends, and the titles below say what
    // was asked (not a hang until the test's timeout).
    ui.quickPickScript.push(
      (p) => p.choose(/whisper/),
      (p) => (p.title === WORKERS_PICK ? p.choose('w1') : p.hide()),
    );
    await showLogs(services({ listPods: async () => [], listEndpoints: async () => [ENDPOINT], listWorkers: workers.read }), undefined);
    expect(retryOffered()).toBe(true);
    expect(workers.calls()).toBe(2);
    expect(ui.quickPicks.map((p) => p.title)).toEqual(['RunPod: Show Logs', WORKERS_PICK]);
    expect(opened).toEqual([{ kind: 'worker', endpointId: 'ep1', workerId: 'w1', name: 'whisper' }]);
  });

  it("after Retry, Escape on the endpoint's workers goes back to the first pick: another target can be picked", async () => {
    const workers = failingOnce([WORKER]);
    fake.dialogAnswers.push('Retry');
    ui.quickPickScript.push(
      (p) => p.choose(/whisper/),
      (p) => p.hide(),
      (p) => p.choose(/train/),
    );
    await showLogs(services({ listPods: async () => [POD], listEndpoints: async () => [ENDPOINT], listWorkers: workers.read }), undefined);
    expect(ui.quickPicks.map((p) => p.title)).toEqual(['RunPod: Show Logs', 'RunPod: Show Logs of a worker of whisper', 'RunPod: Show Logs']);
    expect(opened).toEqual([{ kind: 'pod', podId: 'pod1', name: 'train' }]);
  });

  it('after Retry, an endpoint that runs no worker goes back to the first pick; Escape there ends', async () => {
    const workers = failingOnce([] as Worker[]);
    fake.dialogAnswers.push('Retry');
    ui.quickPickScript.push((p) => p.choose(/whisper/));
    await showLogs(services({ listPods: async () => [POD], listEndpoints: async () => [ENDPOINT], listWorkers: workers.read }), undefined);
    expect(workers.calls()).toBe(2);
    // The workers pick, busy while it read, never showed items: the first pick shows again (then Escape).
    expect(ui.quickPicks.map((p) => p.title)).toEqual(['RunPod: Show Logs', 'RunPod: Show Logs']);
    expect(fake.messages.some((m) => /runs no worker now/.test(m.text))).toBe(true);
    expect(opened).toEqual([]);
  });

  it('dismissed: nothing is read again and nothing opens', async () => {
    const pods = failingOnce([POD]);
    fake.dialogAnswers.push(undefined);
    await showLogs(services({ listPods: pods.read, listEndpoints: async () => [] }), undefined);
    expect(retryOffered()).toBe(true);
    expect(pods.calls()).toBe(1);
    expect(opened).toEqual([]);
  });
});
