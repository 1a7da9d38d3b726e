/**
 * What a Pod status means is stated once (runpod/podStatus.ts): the Pods view's cost and order,
 * Launch Pod's follow loop and where-used on the account all answer from it, for every status
 * RunPod lists and for one it may add later.
 */
import { describe, expect, it } from 'vitest';
import type { Pod, PodStatus } from '../../client/src/runpod/types';
import { podAllows, podPhase, POD_STATUSES } from '../../client/src/runpod/podStatus';
import { describePod, sortPods } from '../../client/src/views/pods/podNodes';
import { followPod } from '../../client/src/launch/follow';
import { podBootState } from '../../client/src/secrets/accountUsages';

const pod = (status: string, name = 'p'): Pod =>
  ({ id: name, name, image: 'img', status, actions: [], gpu: null, cloud: 'SECURE', env: {}, cost: 1.5, createdAt: '2026-01-01T00:00:00Z' }) as unknown as Pod;

/** Every status RunPod documents (shared runpod-api.md, Pods), and one it may add. */
const DOCUMENTED: PodStatus[] = ['PROVISIONING', 'STARTING', 'RUNNING', 'EXITED', 'ERROR', 'TERMINATED'];
const STATUSES = [...DOCUMENTED, 'MIGRATING'];

describe('Pod status facts, one statement', () => {
  it('knows exactly the statuses runpod-api.md lists, each in one phase', () => {
    expect([...POD_STATUSES].sort()).toEqual([...DOCUMENTED].sort());
    expect(DOCUMENTED.map((s) => [s, podPhase(s)])).toEqual([
      ['PROVISIONING', 'booting'],
      ['STARTING', 'booting'],
      ['RUNNING', 'running'],
      ['EXITED', 'stopped'],
      ['ERROR', 'failed'],
      ['TERMINATED', 'gone'],
    ]);
    expect(podPhase('MIGRATING')).toBeUndefined();
    expect(podPhase('toString')).toBeUndefined();
  });

  // Two questions with different cautious answers for a status RunPod adds later: the Pods view
  // claims no running cost it does not know is charged, while the account counts the Pod as one
  // that may hold a secret's old value (calling it stopped would say it picks up a new value by itself).
  it.each([
    ['PROVISIONING', true, 'active'],
    ['STARTING', true, 'active'],
    ['RUNNING', true, 'active'],
    ['EXITED', false, 'stopped'],
    ['ERROR', false, 'stopped'],
    ['TERMINATED', false, 'gone'],
    ['MIGRATING', false, 'active'],
  ] as const)('%s: the Pods view shows a running cost: %s; the account counts it as %s', (status, billed, boot) => {
    expect(describePod(pod(status)).description.includes('$1.50/hr')).toBe(billed);
    expect(podBootState(status)).toBe(boot);
  });

  it.each([
    ['PROVISIONING', 'timeout'],
    ['STARTING', 'timeout'],
    ['RUNNING', 'running'],
    ['EXITED', 'failed'],
    ['ERROR', 'failed'],
    ['TERMINATED', 'failed'],
    // A status RunPod adds later is neither up nor down: the follow loop keeps waiting.
    ['MIGRATING', 'timeout'],
  ] as const)('%s: the follow loop ends as %s', async (status, kind) => {
    const outcome = await followPod({ getPod: async () => pod(status) }, pod(status), { schedule: { totalMs: 0 } });
    expect(outcome.kind).toBe(kind);
  });

  it('the Pods view lists running, then booting, failed (and unknown), stopped, gone', () => {
    const sorted = sortPods([...STATUSES].reverse().map((s) => pod(s, s)));
    expect(sorted.map((p) => p.status)).toEqual(['RUNNING', 'PROVISIONING', 'STARTING', 'ERROR', 'MIGRATING', 'EXITED', 'TERMINATED']);
  });

  it('an action is allowed when the Pod lists it; a Pod that lists nothing (or no list at all) allows none, without a throw', () => {
    expect(podAllows({ actions: ['stop', 'restart'] }, 'restart')).toBe(true);
    expect(podAllows({ actions: ['stop'] }, 'restart')).toBe(false);
    expect(podAllows({ actions: [] }, 'restart')).toBe(false);
    expect(podAllows({ actions: undefined } as unknown as Pick<Pod, 'actions'>, 'restart')).toBe(false);
    expect(podAllows({ actions: 'restart' } as unknown as Pick<Pod, 'actions'>, 'restart')).toBe(false);
  });
});
