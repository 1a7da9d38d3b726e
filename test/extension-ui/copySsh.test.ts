/** Copy SSH Command from the Pods view: the Pod's command reaches the clipboard, and only that. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { copySshCommand, podAction } from '../../client/src/commands/podActions';
import { pickName } from '../../client/src/ui/plainName';
import { showLaunchOutcome } from '../../client/src/launch/ui/notify';
import type { Pod } from '../../client/src/runpod/types';
import { env, fake, ui } from './vscodeFake';
import { fakeServices } from './flowHelpers';
import { RunpodApiError } from '../../client/src/runpod/errors';

const pod = (over: Partial<Pod>): Pod => ({
  id: 'pod1', name: 'train', image: 'runpod/pytorch:2', status: 'RUNNING', actions: ['stop', 'terminate'], cloud: 'SECURE', env: {}, createdAt: '', ...over,
});

function setup(found: Pod) {
  const env = fakeServices();
  Object.assign(env.api, { getPod: vi.fn(async () => found), listPods: vi.fn(async () => [found]) });
  return env;
}

beforeEach(() => fake.reset());

describe('Copy SSH Command', () => {
  it('copies the SSH command of the Pod the menu was opened on, read fresh from the API', async () => {
    const { services, api } = setup(pod({ ssh: { command: 'ssh root@203.0.113.5 -p 22022' } }));
    await copySshCommand(services, { podId: 'pod1' });
    expect((api as unknown as { getPod: ReturnType<typeof vi.fn> }).getPod).toHaveBeenCalledWith('pod1');
    expect(fake.clipboard).toBe('ssh root@203.0.113.5 -p 22022');
    expect(fake.shown.join('\n')).toContain('SSH command of train copied');
  });

  it('Retry after a failed read reads the Pod again and copies (the button did nothing: the failure was shown and the command ended)', async () => {
    const { services, api } = setup(pod({ ssh: { command: 'ssh root@203.0.113.5 -p 22022' } }));
    const getPod = (api as unknown as { getPod: ReturnType<typeof vi.fn> }).getPod;
    getPod.mockRejectedValueOnce(new RunpodApiError('network', 'Could not reach RunPod.'));
    fake.dialogAnswers.push('Retry');
    await copySshCommand(services, { podId: 'pod1' });
    expect(fake.messages.some((m) => m.level === 'error' && m.buttons?.includes('Retry'))).toBe(true);
    expect(getPod).toHaveBeenCalledTimes(2);
    expect(fake.clipboard).toBe('ssh root@203.0.113.5 -p 22022');
  });

  it('a clipboard that refuses the write is said as that (not as a failed RunPod request), with the command to copy by hand', async () => {
    const { services } = setup(pod({ ssh: { command: 'ssh root@203.0.113.5 -p 22022' } }));
    vi.spyOn(env.clipboard, 'writeText').mockRejectedValueOnce(new Error('clipboard unavailable'));
    await copySshCommand(services, { podId: 'pod1' });
    const said = fake.messages.at(-1)!;
    expect(said.level).toBe('error');
    expect(said.text).toBe('Could not copy the SSH command of train to the clipboard (clipboard unavailable). Copy it from here: ssh root@203.0.113.5 -p 22022');
    expect(said.text).not.toContain('RunPod request');
  });

  it('says why when the Pod has no SSH command (any more), and copies nothing', async () => {
    const { services } = setup(pod({ status: 'EXITED', ssh: null }));
    await copySshCommand(services, { podId: 'pod1' });
    expect(fake.clipboard).toBe('');
    expect(fake.messages.at(-1)?.text).toMatch(/train has no SSH command \(it is EXITED\)/);
  });

  it('a Pod name or status from the server that is a Markdown link forms no link in the notification', async () => {
    const link = '[Fix](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D)';
    // The status too: a broken or hostile server sends what it likes where an enumeration belongs.
    const { services } = setup(pod({ name: link, status: link as never, ssh: null }));
    await copySshCommand(services, { podId: 'pod1' });
    expect(fake.messages.at(-1)?.text).not.toMatch(/\]\(command:/);
  });

  it("the launch's last notification offers it under the command's own name, Copy SSH Command, and copies", async () => {
    fake.dialogAnswers.push('Copy SSH Command');
    await showLaunchOutcome({ kind: 'running' } as never, pod({ ssh: { command: 'ssh root@203.0.113.5 -p 22022' } }), 'default', ['default']);
    expect(fake.messages.at(-1)?.text).toBe('Pod train is running.');
    expect(fake.clipboard).toBe('ssh root@203.0.113.5 -p 22022');
  });
});

describe('the launch outcome', () => {
  it("offers Stop and Terminate as the flow's account's: the command is told the account (clicked after a switch, it refuses)", async () => {
    fake.dialogAnswers.push('Stop');
    await showLaunchOutcome({ kind: 'running' } as never, pod({}), 'team', ['default', 'team']);
    expect(ui.executed.find((c) => c.id === 'runpod.pods.stop')!.args).toEqual([{ podId: 'pod1', account: 'team' }]);
  });

  it('names the flow\'s account while several are held (the notification outlives a switch); none with one account', async () => {
    await showLaunchOutcome({ kind: 'running' } as never, pod({}), 'team', ['default', 'team']);
    expect(fake.messages.at(-1)!.text).toBe('Pod train (account team) is running.');
    await showLaunchOutcome({ kind: 'running' } as never, pod({}), 'default', ['default']);
    expect(fake.messages.at(-1)!.text).toBe('Pod train is running.');
  });

  it("the Show Logs offer made as the Pod is created names the flow's account too while several are held", async () => {
    const { offerLogs } = await import('../../client/src/commands/launchPod');
    await offerLogs(pod({}), 'team', ['default', 'team']);
    expect(fake.messages.at(-1)!.text).toBe('Pod train (account team) was created: its log shows the boot.');
    await offerLogs(pod({}), 'default', ['default']);
    expect(fake.messages.at(-1)!.text).toBe('Pod train was created: its log shows the boot.');
  });

  it("names a Pod and status from the server plainly: no link forms in the notification", async () => {
    const link = '[Fix](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D)';
    await showLaunchOutcome({ kind: 'failed' } as never, pod({ name: link, status: `EXITED ${link}` as never }), 'default', ['default']);
    const text = fake.messages.at(-1)!.text;
    expect(text).not.toMatch(/\]\(command:/);
    expect(text).toContain('Pod [Fix] (command:');
  });
});

describe('failure messages', () => {
  it('a Pod or template name in the action forms no link, whatever the error says', async () => {
    const { failureMessage } = await import('../../client/src/views/errorText');
    const link = '[Fix](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D)';
    const message = failureMessage(`Restarting Pod ${link}`, new Error(`socket closed near ${link}`));
    expect(message).not.toMatch(/\]\(command:/);
    expect(message).toContain('Restarting Pod [Fix] (command:');
  });
});

describe("a Pod's name from the API in the status bar, which draws $(icon) codes", () => {
  const HOSTILE = 'a\n\u001b[2K$(alert) b';
  /** The status bar message the action showed: one line, escapes shown, no icon of the name's own drawn (the quick pick's label rule). */
  const statusMessage = () => fake.shown.find((t) => t.startsWith('RunPod: '))!;

  it.each([
    ['terminate', 'Terminate', `RunPod: Pod ${pickName(HOSTILE)} terminated`],
    ['stop', undefined, `RunPod: Pod ${pickName(HOSTILE)} is EXITED`],
  ] as const)('%s', async (action, confirm, expected) => {
    const { services, api } = setup(pod({ name: HOSTILE }));
    Object.assign(api, { terminatePod: vi.fn(async () => undefined), podAction: vi.fn(async () => pod({ name: HOSTILE, status: 'EXITED' })) });
    if (confirm) fake.dialogAnswers.push(confirm);
    await podAction(services, action, { podId: 'pod1' });
    expect(statusMessage()).toBe(expected);
  });

  it('Copy SSH Command', async () => {
    const { services } = setup(pod({ name: HOSTILE, ssh: { command: 'ssh root@203.0.113.5 -p 22022' } }));
    await copySshCommand(services, { podId: 'pod1' });
    expect(statusMessage()).toBe(`RunPod: SSH command of ${pickName(HOSTILE)} copied`);
  });
});
