/**
 * The secret picker lists a listing in the Secrets view's order (views/secretOrder.ts): by name
 * case-insensitively, then exactly. A secret found in the tree is where the picker shows it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { pickSecret } from '../../client/src/commands/pickSecret';
import { buildView, MAX_SECRET_NODES } from '../../client/src/views/nodes';
import type { Secret } from '../../client/src/runpod/types';
import { bySecretName } from '../../client/src/secrets/nameOrder';
import { fake, ui, type FakeQuickPick } from './vscodeFake';
import { fakeServices } from './flowHelpers';

const secret = (name: string, i: number): Secret => ({ id: `s${i}`, name, description: null, createdAt: '2026-01-01T00:00:00Z' }) as Secret;
const FRESH = { kind: 'fresh', fetchedAt: '2026-09-01T12:00:00Z' } as const;

/** The names the Secrets view shows for `secrets` as the store keeps them (in name order), in its order. */
const viewOrder = (secrets: Secret[]): string[] => buildView(FRESH, [...secrets].sort(bySecretName)).nodes.flatMap((node) => (node.kind === 'secret' ? [node.name] : []));

beforeEach(() => fake.reset());

describe("the secret picker's order", () => {
  it("is the Secrets view's: case-insensitive, then exact (A before a, a_x and a-x as the view puts them)", async () => {
    const secrets = ['b', 'a', 'B', 'A', 'a_x', 'ab', 'a-x', 'Z', 'z9', 'y'].map(secret);
    await pickSecret(fakeServices(secrets).services, 'View Secret');
    expect(fake.picks[0]!.labels).toEqual(viewOrder(secrets));
    expect(fake.picks[0]!.labels.slice(0, 2)).toEqual(['A', 'a']);
  });

  it("is the Secrets view's over a listing longer than the view shows, and typing filters it whatever the case", async () => {
    const secrets = Array.from({ length: MAX_SECRET_NODES + 500 }, (_, i) => secret(`${i % 2 ? 'Key' : 'key'}-${String(Math.floor(i / 2)).padStart(5, '0')}`, i));
    ui.quickPickScript.push((pick: FakeQuickPick) => {
      pick.type('KEY-01234');
      pick.choose('Key-01234');
    });
    const picked = await pickSecret(fakeServices(secrets).services, 'View Secret');
    const [first, filtered] = ui.quickPicks;
    expect(first!.items.slice(0, MAX_SECRET_NODES)).toEqual(viewOrder(secrets));
    expect(first!.items.slice(0, 2)).toEqual(['Key-00000', 'key-00000']);
    expect(filtered).toBeUndefined();
    expect(picked).toBe('Key-01234');
  });
});
