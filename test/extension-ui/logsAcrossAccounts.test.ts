/**
 * A log view belongs to the account it was opened under. After a switch of account (dev to prod),
 * the terminal of dev's Pod must not keep streaming under the window's new account unannounced, `f`
 * must not reconnect with the key of an account the user has left, and the log's "Create Secret x"
 * (for a secret dev's Pod lacks) must not create that secret on prod, where it fixes nothing.
 * Two fake RunPod APIs behind one front that records which key each request carried.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => {
  const base = await import('./vscodeFake');
  const { configuration } = await import('./settingsBackend');
  return { ...base, workspace: { ...base.workspace, isTrusted: true, getConfiguration: configuration } };
});

import { switchAccount } from '../../client/src/auth/accountSwitch';
import { showLogs } from '../../client/src/commands/showLogs';
import type { FakeRunpod } from '../fake-runpod/index';
import { call } from '../fake-runpod/testHelpers';
import type { AccountFront } from '../helpers/accountFront';
import type { KeyHarness } from './keyHarness';
import { until } from './serverlessHarness';
import { useTwoAccountWindow } from './twoAccountWindow';
import { fake, ui, type FakeTerminal } from './vscodeFake';

let team: FakeRunpod;
let front: AccountFront;
let h: KeyHarness;

// Closed before the window (afterEach hooks run last-registered first).
useTwoAccountWindow((accounts, window) => {
  ({ team, front } = accounts);
  h = window; // team is active
});
afterEach(() => {
  for (const t of ui.terminals) t.dispose();
});

const text = (t: FakeTerminal) => t.output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
/** Log requests that reached the team account since `from` (an index into front.requests). */
const teamLogRequests = (from: number) => front.requests.slice(from).filter((r) => r.account === 'team' && /\/logs(\?|$)/.test(r.path));

async function teamPodLog(): Promise<FakeTerminal> {
  const created = await call(team, 'POST', '/pods', { name: 'team-pod', image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090' }, env: { MISSING: '{{ RUNPOD_SECRET_missing-token }}' } });
  expect(created.status).toBe(201);
  await showLogs(h.core, { podId: (created.json as { id: string }).id });
  const terminal = ui.terminals[0]!;
  await until(() => text(terminal).includes('Container started'), 'the log of team-pod');
  return terminal;
}

describe('a log view across a switch of account', () => {
  it('names its account, stops following when another account becomes active, and f does not reconnect with the left account', async () => {
    fake.dialogAnswers.push(undefined); // the missing secret's offer: dismissed
    const terminal = await teamPodLog();
    expect(text(terminal)).toContain('account team');

    void switchAccount(h.core, 'default', 'user');
    await until(() => /active RunPod account is now default/.test(text(terminal)), 'the terminal to say the account changed');
    const from = front.requests.length;
    terminal.type('f');
    expect(text(terminal).split('\r\n').filter((l) => /Switch back to team/.test(l)).length).toBeGreaterThanOrEqual(2);
    await h.settled();
    expect(teamLogRequests(from)).toEqual([]);

    // Back on team, f follows again from the last line shown.
    await switchAccount(h.core, 'team', 'user');
    terminal.type('f');
    await until(() => text(terminal).includes('Following again'), 'following again on team');
    await until(() => teamLogRequests(from).length > 0, 'a log request under team');
  });

  it("does not create the secret a left account's log lacks on the account active now", async () => {
    fake.dialogAnswers.push(async () => {
      await switchAccount(h.core, 'default', 'user');
      return 'Create Secret missing-token';
    });
    await teamPodLog();
    await until(() => fake.messages.some((m) => /missing-token/.test(m.text) && /account team/.test(m.text) && /not created/i.test(m.text)), 'the refusal to create on default');
    expect(ui.executed.filter((c) => c.id === 'runpod.secrets.create')).toEqual([]);
  });
});
