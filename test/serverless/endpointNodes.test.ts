/**
 * What the Endpoints view shows for an endpoint and its workers: the facts of the issue on one line,
 * a rollout visible (stale workers, a spinning icon), and names from the API that can neither act
 * on the screen nor render links.
 */
import { describe, expect, it } from 'vitest';
import { describeEndpoint, describeWorker, sortEndpoints, workerCounts } from '../../client/src/views/endpoints/endpointNodes';
import { escapeMarkdown } from '../../server/src/template/markdown';
import type { Endpoint, Worker } from '../../client/src/runpod/types';

const endpoint: Endpoint = {
  id: 'ep1',
  name: 'sd',
  type: 'LOAD_BALANCER',
  image: 'runpod/worker-sdxl:3.0.0',
  env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', PLAIN: 'hf_plainValue123' },
  gpu: { pools: ['ADA_24', 'AMPERE_80'] },
  workers: { min: 1, max: 3, idleTimeout: 5 },
  scaling: { type: 'QUEUE_DELAY', queueDelay: 4 },
  version: 2,
  createdAt: '',
};
const w = (id: string, status: string, version: number, isStale = false): Worker => ({ id, status, version, isStale });

describe('describeEndpoint', () => {
  it('type, workers running / idle (min..max), pools, release; a rollout in progress spins and counts the stale', () => {
    const node = describeEndpoint(endpoint, [w('a', 'RUNNING', 2), w('b', 'IDLE', 1, true), w('c', 'INITIALIZING', 2)]);
    expect(node.description).toBe('load balancer · 1 running, 1 idle, 1 starting (1..3) · ADA_24, AMPERE_80 · release 2 · 1 stale');
    expect(node.icon.id).toBe('sync~spin');
    expect(node.tooltip).toContain('Current release: 2 (1 of 3 workers on release 2 \\(1 starting\\))');
    expect(node.tooltip).toContain('Scaling: queue delay');
    expect(node.tooltip).toContain('Env: 2 variables (values not shown)');
    expect(node.tooltip).not.toContain('hf_plain');
    expect(describeEndpoint({ ...endpoint, env: { ONLY: '1' } }).tooltip).toContain('Env: 1 variable (values not shown)');
  });

  it('before its workers are read: the range only; a CPU endpoint says CPU', () => {
    expect(describeEndpoint({ ...endpoint, type: 'QUEUE', gpu: null }).description).toBe('queue · workers 1..3 · CPU · release 2');
    expect(workerCounts(undefined)).toBeUndefined();
    expect(workerCounts([w('a', 'UNHEALTHY', 1)])).toBe('0 running, 0 idle, 1 failed');
  });

  it('a hostile name shows its escape sequences as text in the label and cannot render a link in the tooltip', () => {
    const node = describeEndpoint({ ...endpoint, name: 'evil\x1b[2J[click](command:runpod.secrets.delete)\u202e' });
    expect(node.label).toBe('evil\\u001b[2J[click](command:runpod.secrets.delete)\\u202e');
    expect(node.tooltip).not.toContain('[click](command:');
  });
});

describe('server text in the tree by the label rule (as the Pods view), not only in the tooltip', () => {
  it("an endpoint's type and pools: invisible characters show as escapes, each part at most 200 characters", () => {
    const pool = 'P'.repeat(5_000);
    const node = describeEndpoint({ ...endpoint, type: 'QUEUE\u200bX' as Endpoint['type'], gpu: { pools: ['a\u200bb', pool] } });
    expect(node.description).toContain('queue\\u200bx');
    expect(node.description).toContain('a\\u200bb, PPP');
    expect(node.description).not.toMatch(/\u200b/);
    for (const part of node.description.split(' · ')) expect(part.length).toBeLessThanOrEqual(200);
    expect(node.description).toMatch(/…/);
  });

  it("a worker's id and status: one line, invisible characters shown, at most 200 characters each", () => {
    const node = describeWorker(endpoint, w(`${'i'.repeat(1_000_000)}`, `RUN\u200bNING\n${'s'.repeat(1_000_000)}`, 2));
    expect(node.label.length).toBeLessThanOrEqual(200);
    expect(node.label.startsWith('iii')).toBe(true);
    const [status, release] = node.description.split(' · ');
    expect(status!.length).toBeLessThanOrEqual(200);
    expect(status).toMatch(/^RUN\\u200bNING/);
    expect(release).toBe('release 2');
    expect(describeWorker(endpoint, w('w\u200b1', 'IDLE', 2)).label).toBe('w\\u200b1');
  });

  it("a worker's status reads the same in its tooltip as in its description: one rule, the label's", () => {
    for (const status of ['RUN\u200bNING', `IDLE\n${'s'.repeat(5_000)}`, 'evil\u202e[x](command:y)']) {
      const node = describeWorker(endpoint, w('a', status, 2));
      const shown = node.description.split(' · ')[0]!;
      expect(node.tooltip, status.slice(0, 20)).toContain(`Status: ${escapeMarkdown(shown)}  \n`);
    }
  });
});

describe('describeWorker', () => {
  it('status, release and whether it is stale; contextValues tell stale ones apart', () => {
    expect(describeWorker(endpoint, w('a', 'IDLE', 2))).toMatchObject({ label: 'a', description: 'IDLE · release 2', contextValue: 'runpod.worker', icon: { id: 'vm-running' } });
    const stale = describeWorker(endpoint, w('b', 'IDLE', 1, true));
    expect(stale).toMatchObject({ description: 'IDLE · release 1 · stale', contextValue: 'runpod.worker.stale', icon: { id: 'history' } });
    expect(stale.tooltip).toContain('Stale: still on an older release');
    expect(describeWorker(endpoint, w('c', 'UNHEALTHY', 2)).icon.id).toBe('error');
    expect(describeWorker(endpoint, w('d', 'INITIALIZING', 2)).icon.id).toBe('loading~spin');
  });
  it('shows when a worker started by the one date rule (UTC, to the minute)', () => {
    expect(describeWorker(endpoint, { ...w('a', 'IDLE', 2), startedAt: '2026-12-05T19:55:37.123-05:00' }).tooltip).toContain('Started: 2026-12-06 00:55 UTC');
    expect(describeWorker(endpoint, { ...w('a', 'IDLE', 2), startedAt: 'yesterday' }).tooltip).toContain('Started: unknown date');
  });
});

it('endpoints sort by name, then id', () => {
  const e = (id: string, name: string) => ({ ...endpoint, id, name });
  expect(sortEndpoints([e('2', 'b'), e('3', 'a'), e('1', 'b')]).map((x) => x.id)).toEqual(['3', '1', '2']);
});
