/** The account side of "where used": uses of one secret, and counts of every secret in one pass. */
import { describe, expect, it } from 'vitest';
import { ACCOUNT_RESOURCE_KINDS, accountCountsByName, accountUsesOf, describeUses, kindPlural, podBootState, type AccountSnapshot } from '../../client/src/secrets/accountUsages';
import type { Pod, PodStatus, Template } from '../../client/src/runpod/types';

const template = (id: string, name: string, env: Record<string, string>): Template => ({ id, name, image: 'img', env });
const pod = (id: string, name: string, status: PodStatus, env: Record<string, string>, actions: Pod['actions'] = []): Pod => ({
  id,
  name,
  image: 'img',
  status,
  actions,
  cloud: 'SECURE',
  env,
  createdAt: '2026-09-01T00:00:00Z',
});

const snapshot: AccountSnapshot = {
  template: {
    items: [
      template('t2', 'zz-train', { HF: '{{ RUNPOD_SECRET_hf-token }}', OTHER: 'plain' }),
      template('t1', 'aa-infer', { B: '{{ RUNPOD_SECRET_hf-token }}', A: 'x{{ RUNPOD_SECRET_hf-token }}y', C: '{{RUNPOD_SECRET_hf-token}}' }),
      template('t3', 'unrelated', { HF: '{{ RUNPOD_SECRET_hf-token2 }}' }),
      { id: 't4', name: 'no-env', image: 'img' } as unknown as Template,
    ],
  },
  pod: {
    items: [
      pod('p1', 'train-1', 'RUNNING', { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', DB: '{{ RUNPOD_SECRET_db }}' }, ['stop', 'restart', 'terminate']),
      pod('p2', 'booting', 'STARTING', { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}' }, ['stop', 'terminate']),
      pod('p3', 'idle', 'EXITED', { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}' }, ['start', 'terminate']),
      pod('p4', 'gone', 'TERMINATED', { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}' }),
    ],
  },
  endpoint: { items: [{ id: 'e1', name: 'sdxl', env: { HF: '{{ RUNPOD_SECRET_hf-token }}', HF2: '{{ RUNPOD_SECRET_hf-token }}' } }] },
};

describe('accountUsesOf', () => {
  it('lists templates, then Pods (not terminated ones), then endpoints, each by name, with keys, status and whether a restart is allowed', () => {
    const { uses, unchecked } = accountUsesOf(snapshot, 'hf-token');
    expect(unchecked).toEqual([]);
    expect(uses.map((u) => [u.kind, u.name, u.keys.join(','), u.notSubstituted.join(','), u.status, u.boot, u.restartable])).toEqual([
      ['template', 'aa-infer', 'A,B,C', 'C', undefined, undefined, undefined],
      ['template', 'zz-train', 'HF', '', undefined, undefined, undefined],
      ['pod', 'booting', 'HF_TOKEN', '', 'STARTING', 'active', false],
      ['pod', 'idle', 'HF_TOKEN', '', 'EXITED', 'stopped', false],
      ['pod', 'train-1', 'HF_TOKEN', '', 'RUNNING', 'active', true],
      ['endpoint', 'sdxl', 'HF,HF2', '', undefined, undefined, undefined],
    ]);
  });

  it("a Pod is from a template when it records one (its templateId), as RunPod lists it", () => {
    const pods = (templateId: unknown): AccountSnapshot => ({ template: { items: [] }, pod: { items: [{ ...pod('p1', 'train-1', 'RUNNING', { HF: '{{ RUNPOD_SECRET_hf-token }}' }), templateId } as Pod] } });
    expect(accountUsesOf(pods('30zmvf89kd'), 'hf-token').uses[0]!.fromTemplate).toBe(true);
    for (const none of [null, undefined, '']) expect(accountUsesOf(pods(none), 'hf-token').uses[0]!.fromTemplate, String(none)).toBe(false);
  });

  it('says which kinds could not be listed, and claims nothing about endpoints the client cannot list', () => {
    const partial: AccountSnapshot = { template: { error: 'Offline' }, pod: snapshot.pod };
    const { uses, unchecked } = accountUsesOf(partial, 'hf-token');
    expect(unchecked).toEqual([{ kind: 'template', reason: 'Offline' }]);
    expect(uses.every((u) => u.kind === 'pod')).toBe(true);
  });
});

describe('accountCountsByName', () => {
  it('counts each resource once per secret, active and stopped Pods apart, terminated ones not at all', () => {
    const counts = accountCountsByName(snapshot);
    // Read as the tree reads it (usageCounts.ts): a name referenced nowhere has no entry.
    expect(counts.get('hf-token')).toEqual({ templates: 2, activePods: 2, stoppedPods: 1, endpoints: 1 });
    expect(counts.get('hf-token2')).toEqual({ templates: 1, activePods: 0, stoppedPods: 0, endpoints: 0 });
    expect(counts.get('db')).toEqual({ templates: 0, activePods: 1, stoppedPods: 0, endpoints: 0 });
    expect(counts.has('nothing')).toBe(false);
  });

  it('agrees with accountUsesOf for every name (one definition of "referenced")', () => {
    const counts = accountCountsByName(snapshot);
    for (const [name, c] of counts) {
      const uses = accountUsesOf(snapshot, name).uses;
      expect(uses.filter((u) => u.kind === 'template')).toHaveLength(c.templates);
      expect(uses.filter((u) => u.kind === 'pod' && u.boot === 'active')).toHaveLength(c.activePods);
      expect(uses.filter((u) => u.kind === 'pod' && u.boot === 'stopped')).toHaveLength(c.stoppedPods);
      expect(uses.filter((u) => u.kind === 'endpoint')).toHaveLength(c.endpoints);
    }
  });

  it('survives hostile env shapes from the API (null, arrays, numbers): only string values are read', () => {
    const odd: AccountSnapshot = {
      template: { items: [{ id: 'x', name: 'x', image: 'i', env: null } as unknown as Template, { id: 'y', name: 'y', image: 'i', env: ['{{ RUNPOD_SECRET_a }}'] } as unknown as Template] },
      pod: { items: [{ ...pod('p', 'p', 'RUNNING', {}), env: { A: 5 } } as unknown as Pod] },
    };
    expect(() => accountCountsByName(odd)).not.toThrow();
    expect(accountUsesOf(odd, 'a').uses.map((u) => u.kind)).toEqual(['template']); // an array's values are strings too
  });
});

it('podBootState: running, booting and unknown-status Pods are active (they may hold the old value), exited and errored ones stopped, terminated gone', () => {
  expect(['PROVISIONING', 'STARTING', 'RUNNING', 'EXITED', 'ERROR', 'TERMINATED', 'SOMETHING_NEW'].map(podBootState)).toEqual([
    'active',
    'active',
    'active',
    'stopped',
    'stopped',
    'gone',
    'active',
  ]);
});

describe('describeUses', () => {
  it('names the first uses and counts the rest by kind, so an endpoint is never hidden behind "and 1 more"', () => {
    const uses = [
      { kind: 'template' as const, name: 't1' },
      { kind: 'pod' as const, name: 'p1', status: 'RUNNING' as const },
      { kind: 'pod' as const, name: 'p2' },
      { kind: 'pod' as const, name: 'p3' },
      { kind: 'pod' as const, name: 'p4' },
      { kind: 'pod' as const, name: 'p5' },
      { kind: 'endpoint' as const, name: 'sd' },
    ];
    expect(describeUses(uses, 5)).toBe('template "t1", Pod "p1" (RUNNING), Pod "p2", Pod "p3", Pod "p4" and 2 more (1 Pod, 1 endpoint)');
    expect(describeUses(uses.slice(0, 2), 5)).toBe('template "t1", Pod "p1" (RUNNING)');
  });

  it('counts every kind of ACCOUNT_RESOURCE_KINDS among the rest, in its order, whatever order the uses come in', () => {
    const rest = [...ACCOUNT_RESOURCE_KINDS].reverse().flatMap((kind) => [{ kind, name: `${kind}1` }, { kind, name: `${kind}2` }]);
    const counted = ACCOUNT_RESOURCE_KINDS.map((kind) => `2 ${kindPlural(kind)}`).join(', ');
    expect(describeUses([{ kind: 'template', name: 'first' }, ...rest], 1)).toBe(`template "first" and ${rest.length} more (${counted})`);
  });
});
