/**
 * An open Secret History document follows the accounts the editor holds: after Remove Account of a
 * non-active account (no secret list changes, so the store does not fire) its hidden entries say to
 * add that account first, and after Add Account they no longer do.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { register } from '../../client/src/commands/history';
import { fake, EventEmitter, virtualDocs } from './vscodeFake';
import { fakeServices } from './flowHelpers';

beforeEach(() => fake.reset());

/** The editor has read the document again (the stand-in reads it a turn after the change fires). */
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('Show Secret History follows Add and Remove Account', () => {
  it('re-renders the open document when the held accounts change', async () => {
    const { services } = fakeServices();
    const changed = new EventEmitter<void>();
    const held = new Set(['default', 'team']);
    (services as { accounts: unknown }).accounts = { active: 'default', has: (name: string) => held.has(name.toLowerCase()), onDidChange: changed.event };
    services.lifecycle.history.all = () => ({ entries: [], hidden: [{ account: { origin: 'https://rest.runpod.io', label: 'team' }, count: 2 }], account: { origin: 'https://rest.runpod.io', label: 'default' } });
    register(services);
    await (fake.commands.get('runpod.secrets.showHistory')!() as Promise<unknown>);
    virtualDocs.finishOpening();
    const text = () => [...virtualDocs.documents.values()][0]!.text;
    expect(text()).toMatch(/Switch to that account to see them\./);

    held.delete('team'); // Remove Account of team: the active account and its list stay
    changed.fire();
    await settled();
    expect(text()).toMatch(/add team first with RunPod: Add Account\.\.\./);

    held.add('team');
    changed.fire();
    await settled();
    expect(text()).not.toMatch(/add team first/);
  });
});
