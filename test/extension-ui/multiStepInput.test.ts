/** A refused pick as the user sees it again: the reason in the placeholder, the filter cleared, the refused item still active. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { showInputStep, showMultiPickStep, showPickStep } from '../../client/src/ui/multiStepInput';
import { fake, ui, type FakeQuickPick } from './vscodeFake';
import { hangingRead } from './hangingRead';

const items = [{ label: 'dev' }, { label: 'prod' }];

beforeEach(() => fake.reset());

describe('Back from an input step', () => {
  it('tells the step what was typed, for the box to show it again on the way back', async () => {
    const onBack = vi.fn();
    fake.inputScript.push((box) => {
      box.type('half a description');
      box.pressBack();
    });
    expect(await showInputStep({ title: 'Create', back: true, onBack })).toEqual({ kind: 'back' });
    expect(onBack).toHaveBeenCalledWith('half a description');
  });

  it('never tells a password box\'s text: a secret value is not kept between steps', async () => {
    const onBack = vi.fn();
    fake.inputScript.push((box) => {
      box.type('hf_typed_value_98765');
      box.pressBack();
    });
    expect(await showInputStep({ title: 'Create', back: true, password: true, onBack })).toEqual({ kind: 'back' });
    expect(onBack).not.toHaveBeenCalled();
  });
});

describe('a refused pick stays open', () => {
  it('shows the reason with the filter cleared and the refused item active, and a pick then is judged again', async () => {
    ui.quickPickScript.push(
      (p: FakeQuickPick) => {
        p.value = 'pro'; // typed to find it
        p.choose('prod');
      },
      // Enter on what is active once the refusal is shown: the refused item again.
      (p: FakeQuickPick) => p.accept(),
      (p: FakeQuickPick) => p.choose('dev'),
    );
    const answer = await showPickStep({ title: 'Pick', items, active: items[0], placeholder: 'Environment', refuse: (i) => (i.label === 'prod' ? 'Cannot use prod' : undefined) });
    expect(answer).toEqual({ kind: 'accept', value: items[0] });
    expect(ui.quickPicks.map((q) => [q.placeholder, q.active, q.value])).toEqual([
      ['Environment', 'dev', ''],
      ['Cannot use prod', 'prod', ''],
      ['Cannot use prod', 'prod', ''],
    ]);
  });

  it('a multi-select refused says why, with the filter cleared', async () => {
    ui.quickPickScript.push(
      (p: FakeQuickPick) => {
        p.value = 'x';
        p.check();
      },
      (p: FakeQuickPick) => p.check('prod'),
    );
    const answer = await showMultiPickStep({ title: 'Pools', items, placeholder: 'Pools', refuse: (checked) => (checked.length === 0 ? 'Check one' : undefined) });
    expect(answer).toEqual({ kind: 'accept', value: [items[1]] });
    expect(ui.quickPicks.map((q) => [q.placeholder, q.value])).toEqual([
      ['Pools', ''],
      ['Check one', ''],
    ]);
  });
});

/** Lets the pick show and the script run (the fake acts on a timer of 0). */
const settleUi = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('a pick whose items are read from RunPod', () => {
  it('opens at once, busy, with the step counter, Back and a placeholder saying what is read; the items show when the read answers', async () => {
    const pending = hangingRead<{ items: typeof items; active: (typeof items)[number] }>();
    ui.quickPickScript.push((p: FakeQuickPick) => p.accept());
    const answer = showPickStep({ title: 'Launch', step: 3, totalSteps: 6, back: true, placeholder: 'GPU type', items: { reading: 'the GPU catalog', read: pending.read } });
    await settleUi();
    expect(ui.busyPicks).toEqual([expect.objectContaining({ step: 3, totalSteps: 6, back: true, items: [], placeholder: 'Reading the GPU catalog from RunPod…' })]);
    expect(ui.quickPicks).toEqual([]);
    pending.answer({ items, active: items[1]! });
    expect(await answer).toEqual({ kind: 'accept', value: items[1] });
    expect(ui.quickPicks).toEqual([expect.objectContaining({ step: 3, back: true, items: ['dev', 'prod'], active: 'prod', placeholder: 'GPU type' })]);
    expect(pending.seen.aborted).toBe(false);
  });

  it('Escape while busy ends the step at once and aborts the read; its later answer shows nothing', async () => {
    const pending = hangingRead<{ items: typeof items }>();
    ui.busyPickScript.push((p: FakeQuickPick) => p.hide());
    expect(await showPickStep({ title: 'Launch', items: { reading: 'the GPU catalog', read: pending.read } })).toEqual({ kind: 'cancel' });
    expect(pending.seen.aborted).toBe(true);
    pending.answer({ items });
    await settleUi();
    expect(ui.busyPicks).toHaveLength(1);
    expect(ui.quickPicks).toEqual([]);
  });

  it('Back while busy goes back and aborts the read', async () => {
    const pending = hangingRead<{ items: typeof items }>();
    ui.busyPickScript.push((p: FakeQuickPick) => p.pressBack());
    expect(await showMultiPickStep({ title: 'Deploy', back: true, items: { reading: 'the GPU catalog', read: pending.read } })).toEqual({ kind: 'back' });
    expect(pending.seen.aborted).toBe(true);
  });

  it('Enter while busy is no answer (a multi pick would otherwise accept nothing checked)', async () => {
    const pending = hangingRead<{ items: typeof items; selected: typeof items }>();
    ui.busyPickScript.push((p: FakeQuickPick) => p.accept());
    ui.quickPickScript.push((p: FakeQuickPick) => p.accept());
    const answer = showMultiPickStep({ title: 'Deploy', items: { reading: 'the GPU catalog', read: pending.read } });
    await settleUi();
    pending.answer({ items, selected: [items[0]!] });
    expect(await answer).toEqual({ kind: 'accept', value: [items[0]] });
  });

  it('a read that fails closes the pick and the step throws its error, for the flow to say', async () => {
    const pending = hangingRead<{ items: typeof items }>();
    const answer = showPickStep({ title: 'Launch', items: { reading: 'the GPU catalog', read: pending.read } });
    await settleUi();
    const error = new Error('RunPod answered 500');
    pending.fail(error);
    await expect(answer).rejects.toBe(error);
  });

  it('items given (a cached catalog) open without busy', async () => {
    ui.quickPickScript.push((p: FakeQuickPick) => p.choose('dev'));
    await showPickStep({ title: 'Launch', items, placeholder: 'GPU type' });
    expect(ui.busyPicks).toEqual([]);
    expect(ui.quickPicks).toEqual([expect.objectContaining({ placeholder: 'GPU type' })]);
  });
});

describe('a read that finds nothing to pick', () => {
  it('closes the busy pick and cancels the step (the read said why)', async () => {
    expect(await showPickStep({ title: 'Launch', items: { reading: 'templates', read: async () => undefined } })).toEqual({ kind: 'cancel' });
    expect(ui.quickPicks).toEqual([]);
    expect(ui.busyPicks).toHaveLength(1);
  });
});
