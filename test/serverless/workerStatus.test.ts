/**
 * What an endpoint worker's status means is stated once (runpod/workerStatus.ts), as a Pod's is
 * (runpod/podStatus.ts): the Endpoints view's counts and icons and the rollout follow (the first
 * ready worker after a deploy, "n of m on release r") answer from it, for every status it knows and
 * for one RunPod may add later.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, sourceFiles, wordsIn } from '../helpers/sourceWords';
import { WORKER_STATUSES, workerPhase } from '../../client/src/runpod/workerStatus';
import { describeEndpoint, describeWorker, workerCounts } from '../../client/src/views/endpoints/endpointNodes';
import { firstWorkerVerdict, rolloutProgress } from '../../client/src/serverless/rollout';
import type { Endpoint, Worker } from '../../client/src/runpod/types';

const worker = (status: string): Worker => ({ id: 'w', status, version: 1, isStale: false });
const endpoint = { id: 'e', name: 'e', type: 'QUEUE', image: 'i', env: {}, gpu: { pools: [] }, workers: { min: 0, max: 1 }, version: 1, createdAt: '' } as Endpoint;

/** The statuses the project states (**inferred** names, shared runpod-api.md has only `status`), spelled out here. */
const STATED = ['IDLE', 'RUNNING', 'UNHEALTHY', 'ERROR', 'FAILED', 'EXITED', 'TERMINATED'];
/** Pod statuses share some of the words: the Pod status module and the files that state Pod statuses may write those. */
const POD_STATUS_WORDS = ['RUNNING', 'ERROR', 'EXITED', 'TERMINATED'];
const POD_STATUS_FILES = ['client/src/runpod/podStatus.ts', 'client/src/runpod/types.ts', 'client/src/views/pods/podNodes.ts'];
const HOME = 'client/src/runpod/workerStatus.ts';

describe('worker status facts, one statement', () => {
  it('the status words are written only in runpod/workerStatus.ts (Pod statuses of the same words aside, where Pods are)', () => {
    const files = sourceFiles().filter((f) => path.relative(ROOT, f) !== HOME);
    const workerFiles = files.filter((f) => !POD_STATUS_FILES.includes(path.relative(ROOT, f)));
    const podFiles = files.filter((f) => POD_STATUS_FILES.includes(path.relative(ROOT, f)));
    expect([
      ...wordsIn(workerFiles, (t) => STATED.includes(t)),
      ...wordsIn(podFiles, (t) => STATED.includes(t) && !POD_STATUS_WORDS.includes(t)),
    ]).toEqual([]);
  });

  it('knows exactly the statuses spelled out here, each in one phase; any other text is starting', () => {
    expect([...WORKER_STATUSES].sort()).toEqual([...STATED].sort());
    expect(['IDLE', 'RUNNING', 'UNHEALTHY', 'ERROR', 'FAILED', 'EXITED', 'TERMINATED', 'INITIALIZING', 'THROTTLED', 'toString', 'idle'].map((s) => [s, workerPhase(s)])).toEqual([
      ['IDLE', 'idle'],
      ['RUNNING', 'running'],
      ['UNHEALTHY', 'failed'],
      ['ERROR', 'failed'],
      ['FAILED', 'failed'],
      ['EXITED', 'failed'],
      ['TERMINATED', 'failed'],
      ['INITIALIZING', 'starting'],
      ['THROTTLED', 'starting'],
      ['toString', 'starting'],
      ['idle', 'starting'],
    ]);
  });

  // One worker of each status: the view's counts and icons and the rollout's verdicts give one answer.
  it.each([
    ['IDLE', '0 running, 1 idle', 'vm-running', 'server-process', 'ready', 1],
    ['RUNNING', '1 running, 0 idle', 'vm-running', 'server-process', 'ready', 1],
    ['INITIALIZING', '0 running, 0 idle, 1 starting', 'loading~spin', 'sync~spin', undefined, 0],
    ['MIGRATING', '0 running, 0 idle, 1 starting', 'loading~spin', 'sync~spin', undefined, 0],
    ['UNHEALTHY', '0 running, 0 idle, 1 failed', 'error', 'warning', 'failed', 0],
    ['TERMINATED', '0 running, 0 idle, 1 failed', 'error', 'warning', 'failed', 0],
  ] as const)('%s: counted "%s", worker icon %s, endpoint icon %s, first-worker verdict %s, %i ready on the release', (status, counts, icon, endpointIcon, verdict, ready) => {
    const workers = [worker(status)];
    expect(workerCounts(workers)).toBe(counts);
    expect(describeWorker(endpoint, workers[0]!).icon.id).toBe(icon);
    expect(describeEndpoint(endpoint, workers).icon.id).toBe(endpointIcon);
    expect(firstWorkerVerdict(workers)?.kind).toBe(verdict);
    expect(rolloutProgress(1, workers).ready).toBe(ready);
  });
});
