import { describe, expect, it } from 'vitest';
import type { Pod } from '../../client/src/runpod/types';
import { computeText, describePod, sortPods } from '../../client/src/views/pods/podNodes';
import { parsePod } from '../../client/src/runpod/parse';
import { POD_STATUSES, podPhase } from '../../client/src/runpod/podStatus';

const pod = (over: Partial<Pod>): Pod => ({
  id: 'abc123', name: 'train', image: 'runpod/pytorch:2', status: 'RUNNING', actions: ['stop', 'restart', 'terminate'],
  gpu: { id: 'NVIDIA GeForce RTX 4090', count: 2 }, cloud: 'SECURE', env: { HF: 'secret-ish' }, cost: 1.38, createdAt: '2026-01-01T00:00:00Z', ...over,
});

describe('describePod', () => {
  it('shows status, GPU and count, and cost per hour; menus keyed on status and allowed actions', () => {
    const node = describePod(pod({}));
    expect(node.description).toBe('RUNNING · 2 × NVIDIA GeForce RTX 4090 · $1.38/hr');
    expect(node.contextValue).toBe('runpod.pod.RUNNING;stop;restart;terminate');
    expect(node.icon.id).toBe('vm-running');
    expect(describePod(pod({ status: 'EXITED', actions: ['start', 'terminate'] })).contextValue).toBe('runpod.pod.EXITED;start;terminate');
    expect(describePod(pod({ status: 'TERMINATED', actions: [] })).contextValue).toBe('runpod.pod.TERMINATED');
    expect(describePod(pod({ status: 'PROVISIONING', gpu: null, cost: undefined })).description).toBe('PROVISIONING · CPU');
  });
  it("a GPU the API describes in a shape no Pod has is read as unknown, never shown as 'Infinity × A' or 'undefined × undefined'", () => {
    const read = (gpu: unknown) => computeText(parsePod({ id: 'p1', status: 'RUNNING', gpu }));
    // JSON.parse reads 1e309 as Infinity: what a hostile or broken server's count becomes.
    expect(computeText(parsePod(JSON.parse('{"id":"p1","status":"RUNNING","gpu":{"id":"A","count":1e309}}')))).toBe('A (count unknown)');
    expect(read({ id: 'A', count: 2 })).toBe('2 × A');
    for (const count of [0, -1, 1.5, '2', null, Number.NaN]) expect(read({ id: 'A', count })).toBe('A (count unknown)');
    expect(read({ id: 'A' })).toBe('A (count unknown)');
    for (const gpu of ['NVIDIA A100', 3, true, [], {}, { id: '', count: 1 }, { id: 7, count: 1 }]) expect(read(gpu)).toBe('unknown GPU');
    // No GPU at all is a CPU Pod.
    expect(read(undefined)).toBe('CPU');
    expect(read(null)).toBe('CPU');
    // The node's description and tooltip say it the same way.
    const node = describePod(parsePod({ id: 'p1', name: 'train', status: 'RUNNING', gpu: 'NVIDIA A100' }));
    expect(node.description).toBe('RUNNING · unknown GPU');
    expect(node.tooltip).toContain('Compute: unknown GPU');
  });

  it('marks a Pod with an SSH command so its menu offers Copy SSH Command', () => {
    const node = describePod(pod({ ssh: { command: 'ssh root@1.2.3.4 -p 22022 -i ~/.ssh/id_ed25519', host: '1.2.3.4', port: 22022 } as Pod['ssh'] }));
    expect(node.contextValue).toBe('runpod.pod.RUNNING;stop;restart;terminate;ssh');
  });

  it.each(['EXITED', 'TERMINATED'] as const)('a %s Pod shows no hourly price in the tree, only a while-running rate in the tooltip', (status) => {
    const node = describePod(pod({ status, actions: [] }));
    expect(node.description).toBe(`${status} · 2 × NVIDIA GeForce RTX 4090`);
    expect(node.tooltip).toContain('Cost: $1.38/hr while running (not running now)');
  });

  it('a status RunPod adds later: the price as a while-running rate, with no claim that it is not running now', () => {
    const node = describePod(pod({ status: 'MIGRATING' as Pod['status'] }));
    expect(node.tooltip).toContain('Cost: $1.38/hr while running  \n');
    expect(node.tooltip).not.toContain('not running now');
  });

  it('the cloud as the API sent it: a known one by name, an unknown one as sent (escaped, one line), a missing one not at all', () => {
    expect(describePod(pod({ cloud: 'COMMUNITY' })).tooltip).toContain('Cloud: Community Cloud  \n');
    expect(describePod(pod({ cloud: 'ORBITAL_[x]' })).tooltip).toContain('Cloud: ORBITAL\\_\\[x\\]  \n');
    expect(describePod(pod({ cloud: undefined })).tooltip).not.toContain('Cloud:');
  });

  it.each(['PROVISIONING', 'STARTING'] as const)('a %s Pod is billed, so shows its price', (status) => {
    expect(describePod(pod({ status })).description).toBe(`${status} · 2 × NVIDIA GeForce RTX 4090 · $1.38/hr`);
  });

  it('escapes names in the tooltip and never shows env values', () => {
    const node = describePod(pod({ name: '[click](command:x)' }));
    expect(node.tooltip).not.toContain('[click](command:x)');
    expect(node.tooltip).toContain('\\[click\\]\\(command:x\\)');
    expect(node.tooltip).not.toContain('secret-ish');
  });

  it('shows when it started by the one date rule (UTC, to the minute), and no text that names no date', () => {
    expect(describePod(pod({ startedAt: '2026-12-05T19:55:37Z' })).tooltip).toContain('Started: 2026-12-05 19:55 UTC');
    expect(describePod(pod({ startedAt: '[x](command:y)\u001b[31m' })).tooltip).toContain('Started: unknown date');
  });
  it('an unknown status from the API does not break the node, and is not drawn as failed: it has no phase (podStatus.ts)', () => {
    const node = describePod(pod({ status: 'WEIRD' as Pod['status'] }));
    expect(node.icon).not.toEqual(describePod(pod({ status: 'ERROR' })).icon);
    expect(node.icon.id).toBe('question');
  });

  it('the icon is the phase rule\'s (podStatus.ts podPhase): statuses of one phase share an icon, phases differ', () => {
    const iconOf = (status: string) => describePod(pod({ status: status as Pod['status'] })).icon;
    const byPhase = new Map<string, ReturnType<typeof iconOf>>();
    for (const status of POD_STATUSES) {
      const phase = podPhase(status)!;
      const known = byPhase.get(phase);
      if (known) expect(iconOf(status), status).toEqual(known);
      else byPhase.set(phase, iconOf(status));
    }
    const ids = [...byPhase.values()].map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sorts running first, terminated last', () => {
    const sorted = sortPods([pod({ name: 'z', status: 'TERMINATED' }), pod({ name: 'b', status: 'EXITED' }), pod({ name: 'a', status: 'RUNNING' })]);
    expect(sorted.map((p) => p.name)).toEqual(['a', 'b', 'z']);
  });
});
