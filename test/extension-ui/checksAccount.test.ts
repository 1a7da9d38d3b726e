/**
 * The checks' refusal of a missing secret says which account lacks it while the editor holds
 * several (the rule of every message that names an account: session.ts accountSuffixAmong), and
 * nothing more with one: "exists in the account" alone reads as whichever account is in mind.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { checksUi } from '../../client/src/launch/ui/findings';
import { runChecks } from '../../client/src/launch/launchPlanRunner';
import { fake } from './vscodeFake';

type ChecksServices = Parameters<typeof checksUi>[0];
const api = { listSecrets: async () => [] };
const services = (active: string, names: string[]) => ({ store: { refresh: async () => undefined }, accounts: { active, names } }) as unknown as ChecksServices;
const env = { DB_PASSWORD: '{{ RUNPOD_SECRET_db }}' };

beforeEach(() => fake.reset());

describe("the checks' missing-secret refusal", () => {
  it.each(['launch', 'deploy'] as const)('%s: names the account while several are held', async (flow) => {
    fake.dialogAnswers.push(undefined);
    expect((await runChecks(env, [], checksUi(services('team', ['default', 'team']), api, [], flow))).kind).toBe('blocked');
    expect(fake.messages.at(-1)!.detail).toContain('No secret named "db" exists in the account (account team); create it first.');
  });

  it('says no account with one held', async () => {
    fake.dialogAnswers.push(undefined);
    await runChecks(env, [], checksUi(services('default', ['default']), api, [], 'launch'));
    expect(fake.messages.at(-1)!.detail).toContain('No secret named "db" exists in the account; create it first.');
  });
});
