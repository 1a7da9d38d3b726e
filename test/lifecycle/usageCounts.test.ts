/** The tree's usage counts: one index request and one account snapshot per (debounced) refresh. */
import { describe, expect, it } from 'vitest';
import { UsageCounts } from '../../client/src/secrets/usageCounts';
import type { AccountSnapshot } from '../../client/src/secrets/accountUsages';
import { AccountScan } from '../../client/src/secrets/accountScan';

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

  it('keeps the first deep folder the index names with the gap `limit`, for the tooltip', async () => {
    const { counts, fire } = setup({ usages: async () => ({ complete: false, gap: 'limit', deepFolder: '/w/gen/d', usages: { a: { files: 1, references: 1 } } }) });
    counts.refresh();
    await fire();
    expect(counts.workspace).toEqual({ kind: 'known', files: new Map([['a', 1]]), gap: 'limit', deepFolder: '/w/gen/d' });
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

/** UsageCounts beside a real AccountScan, wired as the Secrets view wires them (a listing told to the counts). */
function withScan() {
  let clock = 1_000_000;
  const listed = { template: 0, pod: 0 };
  let templateGate: Promise<void> | undefined;
  const identity = {};
  const scan = new AccountScan({
    connect: async () => ({
      identity,
      listers: {
        template: async () => (listed.template++, await templateGate, []),
        pod: async () => (listed.pod++, []),
      },
    }),
    now: () => clock,
    describeError: (e) => (e as Error).message,
  });
  let indexAsked = 0;
  const timers: { run: () => void; cancelled: boolean }[] = [];
  const counts = new UsageCounts({
    index: { secretUsages: async () => (indexAsked++, { complete: true, usages: {} }) },
    account: scan,
    schedule: (run) => {
      const timer = { run, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
    onDidChange: () => {},
  });
  scan.onDidList((event) => counts.listed(event));
  /** Runs every debounce timer and what it starts, until nothing is left to run. */
  const settle = async () => {
    for (let round = 0; round < 20; round++) {
      await new Promise((r) => setTimeout(r, 0));
      const due = timers.splice(0).filter((t) => !t.cancelled);
      if (due.length === 0) return;
      for (const t of due) t.run();
    }
    throw new Error('the counts never settled');
  };
  return {
    scan,
    counts,
    settle,
    listed,
    indexAsked: () => indexAsked,
    advance: (ms: number) => (clock += ms),
    gateTemplates: (gate: Promise<void>) => (templateGate = gate),
  };
}

describe('UsageCounts and the account listing', () => {
  it('one listing, one count: a refresh that finds the listing expired asks the index once, not again for its own listing', async () => {
    const { counts, settle, listed, indexAsked, advance } = withScan();
    counts.refresh();
    await settle();
    expect({ index: indexAsked(), listed }).toEqual({ index: 1, listed: { template: 1, pod: 1 } });
    advance(120_001); // the 2-minute listing expires
    counts.refresh();
    await settle();
    expect({ index: indexAsked(), listed }).toEqual({ index: 2, listed: { template: 2, pod: 2 } });
  });

  it("a listing made for something else (Rotate's fresh look at the Pods) counts again, once", async () => {
    const { scan, counts, settle, listed, indexAsked } = withScan();
    counts.refresh();
    await settle();
    await scan.freshPods();
    await settle();
    expect({ index: indexAsked(), listed }).toEqual({ index: 2, listed: { template: 1, pod: 2 } });
  });

  it('a fresh listing that lands while a count waits for its own, but is not in it, counts again after it', async () => {
    const { scan, counts, settle, listed, indexAsked, advance, gateTemplates } = withScan();
    counts.refresh();
    await settle();
    advance(120_001);
    let release!: () => void;
    gateTemplates(new Promise<void>((r) => (release = r)));
    const running = counts.refreshNow(); // lists templates and Pods again; the templates wait
    await new Promise((r) => setTimeout(r, 0));
    await scan.freshPods(); // a newer Pods listing than the one the count holds
    release();
    await running;
    await settle();
    expect({ index: indexAsked(), listed }).toEqual({ index: 3, listed: { template: 2, pod: 3 } });
  });
});
