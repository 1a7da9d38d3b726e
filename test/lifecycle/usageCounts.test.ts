/** The tree's usage counts: one index request and one account snapshot per (debounced) refresh. */
import { describe, expect, it } from 'vitest';
import { UsageCounts } from '../../client/src/secrets/usageCounts';
import type { AccountSnapshot } from '../../client/src/secrets/accountUsages';

function setup(answers: { usages?: () => Promise<unknown>; snapshot?: () => Promise<AccountSnapshot> } = {}) {
  const timers: { run: () => void; ms: number; cancelled: boolean }[] = [];
  const asked = { index: 0, account: 0 };
  let changes = 0;
  const counts = new UsageCounts({
    index: {
      secretUsages: async (params) => {
        asked.index++;
        expect(params).toEqual({ withLocations: false });
        return answers.usages ? answers.usages() : { complete: true, usages: { a: { files: 2, references: 5 } } };
      },
    },
    account: {
      snapshot: async () => {
        asked.account++;
        return answers.snapshot ? answers.snapshot() : { template: { items: [{ id: 't', name: 't', image: 'i', env: { X: '{{ RUNPOD_SECRET_a }}' } }] }, pod: { items: [] } };
      },
    },
    schedule: (run, ms) => {
      const timer = { run, ms, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
    onDidChange: () => changes++,
  });
  const fire = async () => {
    for (const t of timers.splice(0)) if (!t.cancelled) t.run();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { counts, asked, fire, changes: () => changes, timers };
}

describe('UsageCounts', () => {
  it('a burst of triggers makes one request to each source, after the debounce', async () => {
    const { counts, asked, fire, changes, timers } = setup();
    counts.refresh();
    counts.refresh();
    counts.refresh();
    expect(timers.filter((t) => !t.cancelled)).toHaveLength(1);
    expect(timers[0]!.ms).toBe(500);
    await fire();
    expect(asked).toEqual({ index: 1, account: 1 });
    expect(changes()).toBe(1);
    expect(counts.workspace).toEqual({ kind: 'known', files: new Map([['a', 2]]) });
    expect(counts.account.kind === 'known' && counts.account.counts.get('a')?.templates).toBe(1);
  });

  it.each([
    [{ complete: false, gap: 'indexing' }, 'indexing'],
    [{ complete: false, gap: 'limit' }, 'limit'],
    [{ complete: false }, 'search'],
    [{ complete: false, readInPart: true }, 'partial'],
  ] as const)('keeps why the files may be more (%j: %s)', async (answer, gap) => {
    const { counts, fire } = setup({ usages: async () => ({ ...answer, usages: { a: { files: 1, references: 1 } } }) });
    counts.refresh();
    await fire();
    expect(counts.workspace).toEqual({ kind: 'known', files: new Map([['a', 1]]), gap });
  });

  it('starts pending; an index that cannot answer is "unavailable" with the reason', async () => {
    const { counts, fire } = setup({ usages: () => Promise.reject(Object.assign(new Error('x'), { code: -32601 })) });
    expect(counts.workspace).toEqual({ kind: 'pending' });
    counts.refresh();
    await fire();
    expect(counts.workspace).toEqual({ kind: 'unavailable', reason: 'the language server does not index the workspace' });
  });

  it('never runs two at once: a refresh during a run makes one more run after it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { counts, asked } = setup({ usages: async () => (await gate, { complete: true, usages: {} }) });
    const first = counts.refreshNow();
    void counts.refreshNow();
    void counts.refreshNow();
    release();
    await first;
    await new Promise((r) => setTimeout(r, 0));
    expect(asked.index).toBe(2);
  });

  it('after dispose nothing is scheduled or reported', async () => {
    const { counts, fire, changes } = setup();
    counts.refresh();
    counts.dispose();
    await fire();
    expect(changes()).toBe(0);
  });
});
