/**
 * The wizards' kept answers are one account's (ui/wizardMemory.ts): a run under one account neither
 * offers, replaces nor forgets what a run under another kept, and an account removed (or given
 * another key or API URL) leaves nothing to offer to whatever account takes its name next.
 */
import { describe, expect, it } from 'vitest';
import { ClientChangedError, whileActive } from '../../client/src/auth/accountBound';
import { CLIENT_CLOSED, RunpodApiError } from '../../client/src/runpod/errors';
import { forgetAccount, forgetAccountsBut, forgetAllAccounts, recallAnswers, wizardRun } from '../../client/src/ui/wizardMemory';

/** A window whose active account the test switches. */
function windowWith(active: string) {
  return { window: {}, accounts: { active } };
}

describe('wizard memory, per account', () => {
  it('a create under A leaves B\'s kept answers alone, and B\'s run offers them', () => {
    const { window, accounts } = windowWith('team-b');
    wizardRun(window, 'launch-pod', accounts).keep(() => ({ podName: 'b-pod', template: 'account:b1' }));
    accounts.active = 'team-a';
    const a = wizardRun(window, 'launch-pod', accounts);
    a.keep(() => ({ podName: 'a-pod' }));
    expect(recallAnswers(window, 'launch-pod', 'team-a')).toEqual({ podName: 'a-pod' });
    a.forget(); // A launched
    expect(recallAnswers(window, 'launch-pod', 'team-a')).toEqual({});
    accounts.active = 'team-b';
    expect(wizardRun(window, 'launch-pod', accounts).recalled).toEqual({ podName: 'b-pod', template: 'account:b1' });
  });

  it('a run under B that answered nothing, or kept its own, leaves A\'s kept answers alone', () => {
    const { window, accounts } = windowWith('team-a');
    wizardRun(window, 'deploy-endpoint', accounts).keep(() => ({ name: 'a-endpoint' }));
    accounts.active = 'team-b';
    wizardRun(window, 'deploy-endpoint', accounts).keep(() => ({ name: '' }));
    expect(recallAnswers(window, 'deploy-endpoint', 'team-a')).toEqual({ name: 'a-endpoint' });
    wizardRun(window, 'deploy-endpoint', accounts).keep(() => ({ name: 'b-endpoint' }));
    expect(recallAnswers(window, 'deploy-endpoint', 'team-a')).toEqual({ name: 'a-endpoint' });
    expect(recallAnswers(window, 'deploy-endpoint', 'team-b')).toEqual({ name: 'b-endpoint' });
  });

  it('a run that ended because its client changed keeps nothing, even with its account active again; any other failure keeps', () => {
    const { window, accounts } = windowWith('team-a');
    const run = wizardRun(window, 'launch-pod', accounts);
    run.keep(() => ({ podName: 'a-pod' }), new Error('RunPod answered 429'));
    expect(recallAnswers(window, 'launch-pod', 'team-a')).toEqual({ podName: 'a-pod' });
    run.keep(() => ({ podName: 'b-pod' }), new ClientChangedError({ name: 'Launch Pod', title: 'RunPod: Launch Pod', nothing: 'nothing was launched' }, 'team-a'));
    expect(recallAnswers(window, 'launch-pod', 'team-a')).toEqual({ podName: 'a-pod' }); // not replaced by the left client's answers
  });

  it('a run whose client was closed by a switch away and back keeps nothing: the answers were the left client\'s', async () => {
    const { window, accounts } = windowWith('team-a');
    wizardRun(window, 'launch-pod', accounts).keep(() => ({ podName: 'a-pod' }));
    const run = wizardRun(window, 'launch-pod', accounts);
    const flow = { name: 'Launch Pod', title: 'RunPod: Launch Pod', nothing: 'nothing was launched' };
    // Switched away and back while the task ran: whileActive sees its account active again and
    // passes the closed client's refusal on as it is, not as a ClientChangedError.
    const cause = await whileActive(accounts, 'team-a', flow, async () => {
      accounts.active = 'team-b';
      accounts.active = 'team-a';
      throw new RunpodApiError('network', `Could not reach RunPod (${CLIENT_CLOSED})`, { code: CLIENT_CLOSED, mayHaveSucceeded: false });
    })().catch((error: unknown) => error);
    expect(cause).toBeInstanceOf(RunpodApiError);
    run.keep(() => ({ podName: 'left-pod' }), cause);
    expect(recallAnswers(window, 'launch-pod', 'team-a')).toEqual({ podName: 'a-pod' });
  });

  it('names of one account share its answers (case, - as _)', () => {
    const { window, accounts } = windowWith('My-Team');
    wizardRun(window, 'create-secret', accounts).keep(() => ({ name: 'hf-token' }));
    expect(recallAnswers(window, 'create-secret', 'my_team')).toEqual({ name: 'hf-token' });
  });

  it('an account removed, or given another key or API URL, has nothing kept: another account may take its name', () => {
    const { window, accounts } = windowWith('team-a');
    wizardRun(window, 'launch-pod', accounts).keep(() => ({ podName: 'a-pod' }));
    wizardRun(window, 'rename-secret', accounts).keep(() => ({ name: 'old' }));
    accounts.active = 'team-b';
    wizardRun(window, 'launch-pod', accounts).keep(() => ({ podName: 'b-pod' }));
    forgetAccount(window, 'TEAM_A');
    expect(recallAnswers(window, 'launch-pod', 'team-a')).toEqual({});
    expect(recallAnswers(window, 'rename-secret', 'team-a')).toEqual({});
    expect(recallAnswers(window, 'launch-pod', 'team-b')).toEqual({ podName: 'b-pod' });
    accounts.active = 'team-c';
    wizardRun(window, 'launch-pod', accounts).keep(() => ({ podName: 'c-pod' }));
    forgetAccountsBut(window, ['Team_B', 'team-a']); // team-c holds no key any more
    expect(recallAnswers(window, 'launch-pod', 'team-c')).toEqual({});
    expect(recallAnswers(window, 'launch-pod', 'team-b')).toEqual({ podName: 'b-pod' });
    forgetAllAccounts(window);
    expect(recallAnswers(window, 'launch-pod', 'team-b')).toEqual({});
  });
});
