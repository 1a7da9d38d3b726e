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
import { LogPseudoterminal } from '../../client/src/logs/ui/logTerminal';
import type { LogStreamItem } from '../../client/src/runpod/types';
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
/** Log requests that reached any account (or none: a rejected key) since `from` (an index into front.requests). */
const logRequests = (from: number) => front.requests.slice(from).filter((r) => /\/logs(\?|$)/.test(r.path));
/** Those that reached the team account. */
const teamLogRequests = (from: number) => logRequests(from).filter((r) => r.account === 'team');

async function teamPodLog(): Promise<FakeTerminal> {
  const created = await call(team, 'POST', '/pods', { name: 'team-pod', image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090' }, env: { MISSING: '{{ RUNPOD_SECRET_missing-token }}' } });
  expect(created.status).toBe(201);
  await showLogs(h.core, { podId: (created.json as { id: string }).id });
  const terminal = ui.terminals[0]!;
  await until(() => text(terminal).includes('Container started'), 'the log of team-pod');
  return terminal;
}

describe('a log view across a switch of account', () => {
  it("a flow's Show Logs (Deploy's, Launch Pod's outcome) clicked after a switch: says whose log it is, never asks the active account for the other's Pod", async () => {
    const created = await call(team, 'POST', '/pods', { name: 'team-pod', image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090' } });
    const podId = (created.json as { id: string }).id;
    await switchAccount(h.core, 'default', 'user');
    const from = front.requests.length;
    fake.dialogAnswers.push(undefined);
    await showLogs(h.core, { podId, account: 'team' });
    await h.settled();
    // It read team's Pod with default's key (a 404) and said the Pod no longer exists.
    expect(front.requests.slice(from)).toEqual([]);
    expect(ui.terminals).toEqual([]);
    expect(fake.messages.at(-1)).toMatchObject({
      level: 'warning',
      text: `The log of Pod ${podId} is account team's, and the active account is default. Switch to account team first (RunPod: Switch Account...), then Show Logs again.`,
      buttons: ['Switch Account…'],
    });
  });

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
    expect(logRequests(from)).toEqual([]);

    // Back on team, f follows again from the last line shown.
    await switchAccount(h.core, 'team', 'user');
    terminal.type('f');
    await until(() => text(terminal).includes('Following again'), 'following again on team');
    await until(() => teamLogRequests(from).length > 0, 'a log request under team');
  });

  it('f after a switch away and back follows under the account again when no line was shown yet', async () => {
    // A Pod that has printed nothing yet: its first log request is held, so no line reaches the view.
    team.faults.inject({ latencyMs: 10_000 }, { path: /\/logs(\?|$)/ });
    const created = await call(team, 'POST', '/pods', { name: 'quiet-pod', image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090' } });
    expect(created.status).toBe(201);
    await showLogs(h.core, { podId: (created.json as { id: string }).id });
    const terminal = ui.terminals[0]!;
    await until(() => teamLogRequests(0).length === 1, 'the first log request under team');

    await switchAccount(h.core, 'default', 'user');
    await until(() => /active RunPod account is now default/.test(text(terminal)), 'the terminal to say the account changed');
    await switchAccount(h.core, 'team', 'user');
    const from = front.requests.length;
    terminal.type('f');
    await until(() => teamLogRequests(from).length > 0 || /try again/.test(text(terminal)), 'f to follow again');
    expect(text(terminal)).not.toMatch(/try again/);
    expect(teamLogRequests(from).length).toBe(1);
    await until(() => text(terminal).includes('Container started'), 'the log of quiet-pod');
  });

  it('f while the window is signed out says so and sends nothing with the client the view opened with', async () => {
    let opened = 0;
    // The client the view opened with: its one stream ends at once with no line (a stop would end it the same way).
    const first = {
      streamPodLogs: () => (opened++, (async function* (): AsyncGenerator<LogStreamItem> {})()),
      streamWorkerLogs: () => (opened++, (async function* (): AsyncGenerator<LogStreamItem> {})()),
    };
    const account = { name: 'team', accounts: { active: 'team', names: ['team'], has: (name: string) => name === 'team', onDidChange: () => ({ dispose: () => undefined }) }, client: async () => undefined };
    const pty = new LogPseudoterminal(first, { kind: 'pod', podId: 'p1', name: 'p1' }, () => undefined, { warn: () => undefined }, () => undefined, account);
    let out = '';
    pty.onDidWrite((t) => (out += t));
    pty.open();
    await pty.reading;
    pty.handleInput('f');
    await pty.reading;
    expect(opened).toBe(1);
    expect(out).toMatch(/signed out/);
    expect(out).not.toMatch(/try again/);
    pty.close();
  });

  it("does not create the secret a left account's log lacks on the account active now", async () => {
    fake.dialogAnswers.push(async () => {
      await switchAccount(h.core, 'default', 'user');
      return 'Create Secret missing-token';
    });
    await teamPodLog();
    // The one guard of an offer that outlives a switch (auth/offerAccount.ts): its words, its button.
    const refusal = "The log of Pod team-pod is account team's, and the active account is default. Switch to account team first (RunPod: Switch Account...), then Create Secret missing-token again.";
    await until(() => fake.messages.some((m) => m.text === refusal), 'the refusal to create on default');
    expect(fake.messages.find((m) => m.text === refusal)).toMatchObject({ level: 'warning', buttons: ['Switch Account…'] });
    expect(ui.executed.filter((c) => c.id === 'runpod.secrets.create')).toEqual([]);
  });
});
