/**
 * A flow's offer names the account it was made under (auth/offerAccount.ts). The argument can come
 * from any command link, so an owner that is no account name is not shown: a `[x](command:…)` would
 * render as a link in the notification.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { refusedAsOtherAccounts } from '../../client/src/auth/offerAccount';
import { fake } from './vscodeFake';

const accounts = { active: 'personal', has: (name: string) => name === 'team' } as never;

beforeEach(() => fake.reset());

describe('refusedAsOtherAccounts', () => {
  it("refuses another account's offer, naming it", async () => {
    fake.dialogAnswers.push(undefined);
    expect(await refusedAsOtherAccounts({ accounts }, { account: 'team' }, 'Pod abc', 'Stop Pod')).toBe(true);
    expect(fake.messages[0]!.text).toMatch(/^Pod abc is account team's, and the active account is personal\./);
  });

  it.each(['[x](command:runpod.clearApiKey)', 'two words', ''])('an owner that is no account name (%j) is ignored, never shown', async (owner) => {
    expect(await refusedAsOtherAccounts({ accounts }, { account: owner }, 'Pod abc', 'Stop Pod')).toBe(false);
    expect(fake.messages).toEqual([]);
  });
});
