/** A refused pick as the user sees it again: the reason in the placeholder, the filter cleared, the refused item still active. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { showMultiPickStep, showPickStep } from '../../client/src/ui/multiStepInput';
import { fake, ui, type FakeQuickPick } from './vscodeFake';

const items = [{ label: 'dev' }, { label: 'prod' }];

beforeEach(() => fake.reset());

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
