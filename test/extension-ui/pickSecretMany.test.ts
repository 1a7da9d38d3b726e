/**
 * The secret picker (View Secret and every command that asks for a secret) on a listing of many
 * secrets: it shows the first MAX_SECRET_NODES by name, as the Secrets view does, with an item that
 * says how many more there are and to type; typing filters the whole listing, so any secret, the
 * ones the view leaves out included, is one search away.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { pickSecret } from '../../client/src/commands/pickSecret';
import { MAX_SECRET_NODES } from '../../client/src/views/nodes';
import type { Secret } from '../../client/src/runpod/types';
import { fake, ui, type FakeQuickPick } from './vscodeFake';
import { fakeServices } from './flowHelpers';

const secrets: Secret[] = Array.from({ length: 5_000 }, (_, i) => ({ id: `s${i}`, name: `name-${String(4_999 - i).padStart(5, '0')}`, description: null, createdAt: '2026-01-01T00:00:00Z' }) as Secret);

beforeEach(() => fake.reset());

describe('a picker over 5,000 secrets', () => {
  it('shows the first 2,000 by name and says to type for the 3,000 more; typing finds one past them', async () => {
    ui.quickPickScript.push((pick: FakeQuickPick) => {
      pick.type('name-04321');
      pick.choose('name-04321');
    });
    const picked = await pickSecret(fakeServices(secrets).services, 'View Secret');
    const [first, filtered] = ui.quickPicks;
    expect(first!.items).toHaveLength(MAX_SECRET_NODES + 1);
    expect(first!.items[0]).toBe('name-00000');
    expect(first!.items.at(-1)).toBe('3,000 more: type to filter');
    expect(filtered).toBeUndefined();
    expect(picked).toBe('name-04321');
  });

  it('the "more" item is not a secret: choosing it picks nothing and the picker stays', async () => {
    ui.quickPickScript.push((pick: FakeQuickPick) => {
      pick.choose('more: type to filter');
      pick.choose('name-00001');
    });
    expect(await pickSecret(fakeServices(secrets).services, 'View Secret')).toBe('name-00001');
  });

  /** The first two items as the picker made them (the fake's own type keeps only labels). */
  const firstTwo = (pick: FakeQuickPick) => (pick.items as unknown as { label: string; description?: string }[]).slice(0, 2).map(({ label, description }) => ({ label, ...(description !== undefined ? { description } : {}) }));

  it('the secret a cancelled run was for opens first, marked "offered again", and keeps its mark when typing finds it', async () => {
    const seen: { label: string; description?: string }[][] = [];
    ui.quickPickScript.push((pick: FakeQuickPick) => {
      seen.push(firstTwo(pick));
      pick.type('name-0400');
      seen.push(firstTwo(pick));
      pick.choose('name-04000');
    });
    expect(await pickSecret(fakeServices(secrets).services, 'Rotate Secret', 'name-04000')).toBe('name-04000');
    expect(seen[0]).toEqual([{ label: 'name-04000', description: expect.stringMatching(/^offered again\b/) }, { label: 'name-00000', description: expect.not.stringMatching(/offered again/) }]);
    expect(seen[1]![0]).toEqual({ label: 'name-04000', description: expect.stringMatching(/^offered again\b/) });
    expect(seen[1]![1]!.description ?? '').not.toMatch(/offered again/);
  });
});
