/**
 * Show Logs on the stand-in for VS Code against the fake RunPod API: the last lines then new ones,
 * a dropped stream resumed without a repeated or lost line, the missing secret explained once with
 * Create Secret offered, Ctrl+C and f, the filter, and a closed terminal that stops the stream.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import type { LogPseudoterminal } from '../../client/src/logs/ui/logTerminal';
import { fake, ui, type FakeTerminal } from './vscodeFake';
import { BOOT_MS, until, useHarness, workspaceFile, type Harness } from './serverlessHarness';

const harness = useHarness();
let h: Harness;
beforeEach(() => {
  h = harness();
});

/** The terminal's text without the view's own colour codes, one entry per line. */
const lines = (t: FakeTerminal) => t.output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').split('\r\n');
const count = (t: FakeTerminal, text: string) => lines(t).filter((l) => l.includes(text)).length;

async function bootedPod(name: string) {
  const pod = await h.client.createPod({ name, image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 }, env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', MISSING_TOKEN: '{{ RUNPOD_SECRET_missing-token }}' } });
  h.clock.now += BOOT_MS + 3_500; // RUNNING, and three heartbeats printed
  await h.client.getPod(pod.id);
  return pod;
}

describe('Show Logs of a Pod', () => {
  it('resumes after a drop without repeating or losing a line, and explains the missing secret once with Create Secret', async () => {
    const pod = await bootedPod('logged');
    h.api.faults.inject({ dropAfterEvents: 3 }, { path: /\/logs$/, times: 1 });
    fake.dialogAnswers.push('Create Secret missing-token');
    await h.run('runpod.logs.show', { podId: pod.id });
    const terminal = ui.terminals[0]!;
    expect(terminal.name).toBe('RunPod logs: logged');
    await until(() => count(terminal, 'heartbeat 3') === 1, 'the backfill up to heartbeat 3');

    // The first connection was cut after 3 events; the rest came over a second one, resumed with Last-Event-ID.
    expect(h.api.inspect().requests.filter((r) => r.path === `/v2/pods/${pod.id}/logs`).length).toBeGreaterThanOrEqual(2);
    for (const text of ['Pulling image ubuntu:24.04', 'Image pulled', 'Container started', 'MISSING_TOKEN={{ RUNPOD_SECRET_missing-token }}', 'Application started', 'heartbeat 1', 'heartbeat 2', 'heartbeat 3']) {
      expect(count(terminal, text), text).toBe(1);
    }
    // The value of the secret that exists never reaches the log; its key is not even echoed.
    expect(terminal.output).not.toContain('HF_TOKEN');
    expect(count(terminal, 'RunPod did not substitute "missing-token"')).toBe(1);
    const warning = fake.messages.find((m) => m.level === 'warning')!;
    expect(warning.text).toMatch(/^Pod logged: This line shows a secret reference as literal text/);
    await until(() => ui.executed.some((c) => c.id === 'runpod.secrets.create'), 'Create Secret');
    expect(ui.executed.find((c) => c.id === 'runpod.secrets.create')!.args).toEqual([{ name: 'missing-token' }]);

    // Following: new lines as the clock moves.
    h.clock.now += 2_000;
    await until(() => count(terminal, 'heartbeat 5') === 1, 'heartbeat 5');
    expect(fake.messages.filter((m) => m.level === 'warning')).toHaveLength(1);
    terminal.dispose();
  });

  it('Ctrl+C stops following, f follows again from the last line; the filter redraws', async () => {
    const pod = await bootedPod('paused');
    await h.run('runpod.logs.show', { podId: pod.id });
    const terminal = ui.terminals[0]!;
    const pty = terminal.pty as unknown as LogPseudoterminal;
    await until(() => count(terminal, 'heartbeat 3') === 1, 'heartbeat 3');
    terminal.type('\x03');
    expect(pty.following).toBe(false);
    expect(count(terminal, 'Stopped following')).toBe(1);
    await pty.reading;
    h.clock.now += 2_000;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(count(terminal, 'heartbeat 4')).toBe(0);

    terminal.type('f');
    await until(() => count(terminal, 'heartbeat 5') === 1, 'heartbeat 5 after f');
    for (const text of ['heartbeat 3', 'heartbeat 4', 'Container started']) expect(count(terminal, text), text).toBe(1);

    terminal.type('s');
    const redrawn = terminal.output.slice(terminal.output.lastIndexOf('\x1b[2J'));
    expect(redrawn).toContain('Container started');
    expect(redrawn).not.toContain('heartbeat');
    terminal.dispose();
  });

  it('the redrawn header names the filter pressed, not the one before', async () => {
    const pod = await bootedPod('filtered');
    await h.run('runpod.logs.show', { podId: pod.id });
    const terminal = ui.terminals[0]!;
    await until(() => count(terminal, 'heartbeat 3') === 1, 'heartbeat 3');
    const header = () => lines({ output: terminal.output.slice(terminal.output.lastIndexOf('\x1b[2J')) } as FakeTerminal).find((l) => l.includes('Logs of Pod'));
    terminal.type('s');
    expect(header()).toMatch(/; system lines only\)\.$/);
    terminal.type('c');
    expect(header()).toMatch(/; container lines only\)\.$/);
    terminal.type('a');
    expect(header()).toMatch(/; container and system lines\)\.$/);
    terminal.dispose();
  });

  it('closing the terminal stops the stream at once', async () => {
    const pod = await bootedPod('closed');
    await h.run('runpod.logs.show', { podId: pod.id });
    const terminal = ui.terminals[0]!;
    const pty = terminal.pty as unknown as LogPseudoterminal;
    await until(() => count(terminal, 'heartbeat 3') === 1, 'heartbeat 3');
    terminal.dispose();
    await pty.reading; // the read loop ended: the stream was aborted, not left open
    expect(pty.following).toBe(false);
    const before = terminal.output;
    h.clock.now += 5_000;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(terminal.output).toBe(before);
  });

  it('a log showing many different missing secrets explains each in the terminal, but pops up only the first few', async () => {
    const env = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`KEY_${i}`, `{{ RUNPOD_SECRET_missing-${i} }}`]));
    const pod = await h.client.createPod({ name: 'noisy', image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 }, env });
    h.clock.now += BOOT_MS + 1_500;
    await h.client.getPod(pod.id);
    await h.run('runpod.logs.show', { podId: pod.id });
    const terminal = ui.terminals[0]!;
    await until(() => count(terminal, 'heartbeat 1') === 1, 'heartbeat 1');
    for (let i = 0; i < 8; i++) expect(count(terminal, `RunPod did not substitute "missing-${i}"`)).toBe(1);
    expect(fake.messages.filter((m) => m.level === 'warning')).toHaveLength(3);
    terminal.dispose();
  });

  it('a Pod that is gone opens no terminal and says so', async () => {
    const pod = await bootedPod('gone');
    await h.client.terminatePod(pod.id);
    await h.run('runpod.logs.show', { podId: pod.id });
    expect(ui.terminals).toEqual([]);
    expect(fake.messages).toEqual([{ level: 'warning', text: `Pod ${pod.id} no longer exists on RunPod: there is no log to show.` }]);
  });

  it('a stream RunPod refuses says why in the terminal, without a stack, and f tries again', async () => {
    const pod = await bootedPod('refused');
    h.api.faults.inject({ status: 403 }, { path: /\/logs$/, times: 1 });
    await h.run('runpod.logs.show', { podId: pod.id });
    const terminal = ui.terminals[0]!;
    await until(() => terminal.output.includes('Reading the log'), 'the failure line');
    expect(lines(terminal).find((l) => l.includes('Reading the log'))).toMatch(/^▸ Reading the log of Pod refused \([a-z0-9]+\) failed: .*\(403\).*\. Press f to try again\.$/);
    expect(terminal.output).not.toMatch(/\bat .*:\d+:\d+/);
    terminal.type('f');
    await until(() => count(terminal, 'heartbeat 3') === 1, 'the log after f');
    terminal.dispose();
  });

  it('a failure ending in RunPod\'s quoted sentence gets no second full stop before "Press f" (the one sentence rule)', async () => {
    const pod = await bootedPod('quoted');
    h.api.faults.inject({ status: 400, body: JSON.stringify({ title: 'Bad Request', status: 400, detail: 'the proxy said: "x."' }), headers: { 'content-type': 'application/problem+json' } }, { path: /\/logs$/, times: 1 });
    await h.run('runpod.logs.show', { podId: pod.id });
    const terminal = ui.terminals[0]!;
    await until(() => terminal.output.includes('Reading the log'), 'the failure line');
    const line = lines(terminal).find((l) => l.includes('Reading the log'))!;
    expect(line).toMatch(/said: "x\." Press f to try again\.$/);
    terminal.dispose();
  });
});

describe('the log of a Pod or an endpoint that no longer exists', () => {
  /** The one line saying it is gone, and whether the terminal still offers f or a refresh. */
  const goneLines = (t: FakeTerminal) => lines(t).filter((l) => l.includes('ends here'));
  /** An endpoint of one booted worker, its log open in a terminal. */
  async function workerLog(name: string) {
    const endpoint = await h.client.createEndpoint({ name, image: 'img:1', gpu: { pools: ['ADA_24'] }, workers: { min: 1, max: 1 } });
    h.clock.now += BOOT_MS + 2_000;
    const [worker] = await h.client.listWorkers(endpoint.id);
    await h.run('runpod.logs.show', { endpointId: endpoint.id, workerId: worker!.id });
    const terminal = ui.terminals[0]!;
    await until(() => count(terminal, 'Container started') === 1, 'the worker log');
    return { endpoint, worker: worker!, terminal, pty: terminal.pty as unknown as LogPseudoterminal };
  }
  const offersMore = (t: FakeTerminal) => lines(t).slice(lines(t).findIndex((l) => l.includes('ends here'))).some((l) => /Press f|try again|Refresh/.test(l));

  it('f after the Pod was terminated says it is gone and that the terminal can be closed; f is not offered again and sends nothing', async () => {
    const pod = await bootedPod('gone-after');
    await h.run('runpod.logs.show', { podId: pod.id });
    const terminal = ui.terminals[0]!;
    const pty = terminal.pty as unknown as LogPseudoterminal;
    await until(() => count(terminal, 'heartbeat 3') === 1, 'heartbeat 3');
    terminal.type('\x03');
    await pty.reading;
    await h.client.terminatePod(pod.id);
    terminal.type('f');
    await pty.reading;
    expect(goneLines(terminal)).toEqual([`▸ Pod gone-after (${pod.id}) no longer exists on RunPod (terminated): its log ends here. Close this terminal when done.`]);
    expect(offersMore(terminal)).toBe(false);
    const asked = h.api.inspect().requests.filter((r) => r.path.endsWith('/logs')).length;
    terminal.type('f');
    await pty.reading;
    expect(h.api.inspect().requests.filter((r) => r.path.endsWith('/logs')).length).toBe(asked);
    expect(pty.following).toBe(false);
    // A redraw (a filter key) no longer offers f either.
    terminal.type('a');
    const redrawn = lines({ output: terminal.output.slice(terminal.output.lastIndexOf('\x1b[2J')) } as FakeTerminal);
    expect(redrawn.find((l) => l.includes('Logs of Pod'))).toMatch(/then ended: it no longer exists;/);
    expect(redrawn.find((l) => l.startsWith('▸ Keys:'))).toBe('▸ Keys: a all lines · c container · s system. Lines are shown as printed, escape sequences as text.');
    terminal.dispose();
  });

  it("a worker's log whose endpoint was deleted elsewhere: f says the endpoint or worker is gone, not 'Refresh Endpoints'", async () => {
    const { endpoint, worker, terminal, pty } = await workerLog('deleted-elsewhere');
    terminal.type('\x03');
    await pty.reading;
    await h.client.deleteEndpoint(endpoint.id);
    terminal.type('f');
    await pty.reading;
    expect(goneLines(terminal)).toEqual([`▸ Worker ${worker.id} of endpoint deleted-elsewhere no longer exists on RunPod (the endpoint was deleted or the worker removed): its log ends here. Close this terminal when done.`]);
    expect(offersMore(terminal)).toBe(false);
    terminal.dispose();
  });

  it('a log that learns its endpoint or Pod is gone refreshes that view (Endpoints, Pods), once, so it does not keep showing it', async () => {
    const refreshes = (id: string) => ui.executed.filter((c) => c.id === id).length;
    const { endpoint, terminal, pty } = await workerLog('gone-refresh');
    terminal.type('\x03');
    await pty.reading;
    expect(refreshes('runpod.endpoints.refresh')).toBe(0);
    await h.client.deleteEndpoint(endpoint.id);
    terminal.type('f');
    await pty.reading;
    expect(refreshes('runpod.endpoints.refresh')).toBe(1);
    terminal.type('f'); // said again in the terminal; nothing new to refresh
    await pty.reading;
    expect(refreshes('runpod.endpoints.refresh')).toBe(1);
    terminal.dispose();

    const pod = await bootedPod('gone-refresh-pod');
    await h.run('runpod.logs.show', { podId: pod.id });
    const podTerminal = ui.terminals.at(-1)!;
    const podPty = podTerminal.pty as unknown as LogPseudoterminal;
    await until(() => count(podTerminal, 'heartbeat 3') === 1, 'heartbeat 3');
    podTerminal.type('\x03');
    await podPty.reading;
    const before = refreshes('runpod.pods.refresh');
    await h.client.terminatePod(pod.id);
    podTerminal.type('f');
    await podPty.reading;
    expect(refreshes('runpod.pods.refresh')).toBe(before + 1);
    podTerminal.dispose();
  });

  it('Delete Endpoint tells the open log terminals of its workers, which stop following', async () => {
    const { endpoint, worker, terminal, pty } = await workerLog('deleted-here');
    fake.dialogAnswers.push('Continue…');
    fake.inputScript.push((box) => {
      box.type('deleted-here');
      box.accept();
    });
    await h.run('runpod.endpoints.delete', { endpointId: endpoint.id });
    await pty.reading;
    expect(pty.following).toBe(false);
    expect(goneLines(terminal)).toEqual([`▸ Endpoint deleted-here was deleted: the log of worker ${worker.id} ends here. Close this terminal when done.`]);
    expect(offersMore(terminal)).toBe(false);
    terminal.dispose();
  });
});

describe('Show Logs asked again for the same Pod', () => {
  it('brings its open terminal forward instead of opening a second one (and a second stream); once closed, a new one opens', async () => {
    // Found in the real editor: every right-click > Show Logs while a Pod booted opened one more
    // terminal on the same log, each with a stream of its own.
    const pod = await bootedPod('asked-twice');
    const streams = () => h.api.inspect().requests.filter((r) => r.path === `/v2/pods/${pod.id}/logs`).length;
    await h.run('runpod.logs.show', { podId: pod.id });
    const terminal = ui.terminals[0]!;
    await until(() => count(terminal, 'heartbeat 3') === 1, 'the backfill up to heartbeat 3');
    await h.run('runpod.logs.show', { podId: pod.id });
    await h.run('runpod.logs.show', { podId: pod.id });
    expect(ui.terminals).toEqual([terminal]);
    expect(streams()).toBe(1);

    terminal.dispose();
    await h.run('runpod.logs.show', { podId: pod.id });
    expect(ui.terminals).toHaveLength(2);
    await until(() => count(ui.terminals[1]!, 'heartbeat 3') === 1, 'the new terminal\'s backfill');
    ui.terminals[1]!.dispose();
  });
});

describe("Launch Pod's progress", () => {
  it('offers Show Logs as soon as the Pod exists, and again when following stops', async () => {
    const launchPod = await import('../../client/src/commands/launchPod');
    launchPod.register(h.services);
    const { uri } = workspaceFile('train.runpod.json', JSON.stringify({ name: 'train', image: 'ubuntu:24.04', env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}' } }));
    ui.quickPickScript.push(
      (p) => p.choose('No env file'),
      (p) => p.choose(/Continue with/),
      (p) => p.choose(/RTX 4090/),
      (p) => p.choose(/^1 ×/),
      (p) => p.choose(/Secure Cloud/),
      (p) => p.choose(/Launch/),
    );
    fake.inputScript.push((box) => box.accept()); // the Pod's name as suggested
    fake.dialogAnswers.push('Show Logs', 'Show Logs');
    const running = h.run('runpod.launchPod', { templateFile: uri });
    // VS Code cannot close a message notification, so this one stays beside the outcome ("is running"):
    // it offers the log and states no status that goes stale.
    await until(() => fake.messages.some((m) => m.text === 'Pod train was created: its log shows the boot.'), 'the Show Logs offer');
    await until(() => ui.executed.some((c) => c.id === 'runpod.logs.show'), 'Show Logs run');
    const podId = ui.executed.find((c) => c.id === 'runpod.logs.show')!.args[0];
    expect(podId).toEqual({ podId: expect.stringMatching(/^[a-z0-9]+$/), account: 'default' });
    ui.progress.find((p) => p.title === 'Launching train')!.cancel();
    await running;
    await until(() => ui.executed.filter((c) => c.id === 'runpod.logs.show').length === 2, 'Show Logs from the outcome');
    expect(ui.executed.filter((c) => c.id === 'runpod.logs.show')[1]!.args).toEqual([{ podId: (podId as { podId: string }).podId, account: 'default' }]);
    expect(fake.messages.at(-1)!.text).toMatch(/^Stopped following Pod train/);
  });
});
