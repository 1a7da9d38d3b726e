/**
 * What a Pod status means is stated once (runpod/podStatus.ts): the Pods view's cost and order,
 * Launch Pod's follow loop and where-used on the account all answer from it, for every status
 * RunPod lists and for one it may add later.
 */
import { describe, expect, it } from 'vitest';
import type { Pod, PodStatus } from '../../client/src/runpod/types';
import { isPodBooting, isPodDown, isPodUp, podPhase, POD_STATUSES } from '../../client/src/runpod/podStatus';
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

  it.each(STATUSES)('%s: the Pods view bills it exactly when the account counts it as having read its env', (status) => {
    const billed = describePod(pod(status)).description.includes('$1.50/hr');
    expect(billed).toBe(isPodUp(status));
    expect(podBootState(status) === 'active').toBe(isPodUp(status));
  });

  it.each(STATUSES)('%s: the follow loop stops as running or failed exactly as the facts say, and waits on the rest', async (status) => {
    const outcome = await followPod({ getPod: async () => pod(status) }, pod(status), { schedule: { totalMs: 0 } });
    expect(outcome.kind).toBe(podPhase(status) === 'running' ? 'running' : isPodDown(status) ? 'failed' : 'timeout');
    expect(isPodBooting(status)).toBe(podPhase(status) === 'booting');
  });

  it('the Pods view lists running, then booting, failed (and unknown), stopped, gone', () => {
    const sorted = sortPods([...STATUSES].reverse().map((s) => pod(s, s)));
    expect(sorted.map((p) => p.status)).toEqual(['RUNNING', 'PROVISIONING', 'STARTING', 'ERROR', 'MIGRATING', 'EXITED', 'TERMINATED']);
  });
});
