/**
 * `secrets rotate --restart` and the secret history: one entry for the value change and one for the
 * round of restarts (a result per Pod answered), field for field what the editor's Rotate Secret
 * (driven through the fake vscode, on the same Pods) records, shown by Show Secret History's renderer
 * as the editor's are; and what an interrupted run (SIGINT,
 * SIGTERM) leaves: the answered restarts recorded, the unanswered not claimed, and with --json one
 * document on stdout that says so.
 */
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('../extension-ui/vscodeFake'));

import { call } from '../fake-runpod/testHelpers';
import { renderHistoryDocument } from '../../client/src/commands/historyDocument';
import { registerSecretCommands } from '../../client/src/commands/index';
import { readHistoryFile } from '../../client/src/secrets/historyFile';
import { fakeApiServices } from '../extension-ui/fakeApiServices';
import { fake as editor, type FakeInputBox } from '../extension-ui/vscodeFake';
import { apiEnv, cliEnv, cliPath, patientApiEnv, runCli, stateHome, withFakeApi } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

const fx = withFakeApi({}, { seed: true, podBootMs: 0 });

const entriesOf = (secret: string) => readHistoryFile(path.join(stateHome(), 'runpod-check', 'history.jsonl')).filter((e) => e.secret === secret);

/** A secret and `pods` running Pods that reference it, named `<secret>-0`, `<secret>-1`, ... */
async function secretWithPods(secret: string, pods: number): Promise<string[]> {
  expect((await call(fx.fake, 'POST', '/account/secrets', { name: secret, value: 'old' })).status).toBe(201);
  const ids: string[] = [];
  for (let i = 0; i < pods; i++) {
    const res = await call(fx.fake, 'POST', '/pods', { name: `${secret}-${i}`, image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090' }, env: { TOKEN: `{{ RUNPOD_SECRET_${secret} }}` } });
    expect(res.status).toBe(201);
    ids.push(res.json.id as string);
  }
  return ids;
}

const bootToken = (id: string) => fx.fake.inspect().pods.find((p) => p.id === id)!.bootEnv?.['TOKEN'];

describe('the history of a rotation', () => {
  it("is one value change and one restart entry with a result per Pod, field for field the editor's Rotate Secret's, and rendered alike", async () => {
    const ids = await secretWithPods('one-round', 2);
    // The second Pod's restart refused, in both rounds: a result of each kind.
    const refuse = () => fx.fake.faults.inject({ status: 409 }, { method: 'POST', path: `/pods/${ids[1]}/action`, times: 1 });
    refuse();
    // The account named as the editor's is (fakeApiServices: `default` on the fake's origin).
    const { RUNPOD_API_KEY: key, ...rest } = apiEnv(fx.fake);
    const r = await runCli(['secrets', 'rotate', 'one-round', '--restart', '--account', 'default'], { cwd: fx.ws, env: { ...rest, RUNPOD_API_KEY_DEFAULT: key! }, input: 'new' });
    expect(r.code, r.stderr).toBe(2);
    const cli = entriesOf('one-round');
    expect(cli.map((e) => [e.action, e.pods?.map((p) => [p.id, p.ok])])).toEqual([
      ['value-changed', undefined],
      ['pods-restarted', [[ids[0], true], [ids[1], false]]],
    ]);

    // The editor's Rotate Secret on the same secret and Pods, the same restart refused.
    editor.reset();
    const env = await fakeApiServices(fx.fake);
    try {
      registerSecretCommands(env.services);
      refuse();
      editor.inputScript.push((box: FakeInputBox) => {
        box.type('newer');
        box.accept();
      });
      editor.dialogAnswers.push('Restart 2 Pods');
      await (editor.commands.get('runpod.secrets.rotate')!('one-round') as Promise<unknown>);
      await Promise.resolve();
      const own = env.lifecycle.history.all().entries.filter((e) => e.secret === 'one-round');
      // Field for field, but for when and where from (the account, `default` on the fake, is one).
      const comparable = (e: (typeof cli)[number]) => {
        const { at: _at, source: _source, ...rest } = e;
        return rest;
      };
      expect(own.map(comparable)).toEqual(cli.map(comparable));
      expect(own.map((e) => e.source)).toEqual(['editor', 'editor']);
      expect(cli.map((e) => e.source)).toEqual(['cli', 'cli']);
      // Show Secret History's lines for each: the same words, the source named.
      const lines = (entries: typeof cli) =>
        renderHistoryDocument({ entries, secrets: [], now: Date.now(), name: 'one-round' })
          .split('\n')
          .filter((l) => l.startsWith('- '))
          .map((l) => l.split(' · ').slice(1, 3));
      expect(lines(cli)).toEqual([
        ['restarted 1 of 2 Pods \\(one-round-0\\); not restarted: one-round-1', 'runpod-check'], // Markdown-escaped
        ['value changed', 'runpod-check'],
      ]);
      expect(lines(own)).toEqual(lines(cli).map(([what]) => [what, 'editor']));
    } finally {
      fx.fake.faults.clear();
      await env.close();
    }
  });
});

/** Runs `secrets rotate NAME --restart [...more]`, sends `signal` once `ready()` holds, and collects what it printed. */
async function interrupted(name: string, more: string[], signal: NodeJS.Signals, ready: () => boolean): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cliPath(), 'secrets', 'rotate', name, '--restart', ...more], {
    cwd: fx.ws,
    env: { ...cliEnv(), HOME: fx.ws, ...patientApiEnv(fx.fake) },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end('new');
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 20));
  child.kill(signal);
  return { code: await exited, stdout, stderr };
}

/**
 * Four Pods; the first two restarts are answered at once, the third is carried out and its answer
 * held back: `ready` once it took effect (so the first two were answered); the fourth never starts.
 */
async function slowThirdRestart(name: string): Promise<{ ids: string[]; ready: () => boolean }> {
  const ids = await secretWithPods(name, 4);
  const action = { method: 'POST', path: /\/pods\/[^/]+\/action$/ };
  fx.fake.faults.inject({}, { ...action, times: 2 });
  fx.fake.faults.inject({ hang: true, afterHandling: true }, action);
  return { ids, ready: () => ids.filter((id) => bootToken(id) === 'new').length === 3 };
}

describe('an interrupted rotation', () => {
  it('SIGINT during the restarts: exit 130, the answered restarts recorded in one entry, the unanswered not claimed, no further restart', async () => {
    const { ids, ready } = await slowThirdRestart('cut-int');
    const r = await interrupted('cut-int', [], 'SIGINT', ready);
    fx.fake.faults.clear();
    expect(r.code, r.stderr).toBe(130);
    expect(r.stdout).toContain('Updated the value of secret cut-int.');
    expect(r.stderr).toMatch(/Interrupted while trying to restart/);
    const restarted = ids.filter((id) => bootToken(id) === 'new');
    expect(restarted).toHaveLength(3);
    const entries = entriesOf('cut-int');
    expect(entries.map((e) => e.action)).toEqual(['value-changed', 'pods-restarted']);
    // The two answered, in one entry; the third, sent and not answered, is not claimed.
    expect(entries[1]!.pods).toEqual([0, 1].map(() => ({ id: expect.any(String), name: expect.stringMatching(/^cut-int-\d$/), ok: true })));
    for (const pod of entries[1]!.pods!) expect(restarted).toContain(pod.id);
    // The one never sent: stdout gives the command that restarts it.
    const notSent = ids.find((id) => !restarted.includes(id))!;
    expect(r.stdout).toContain('Interrupted: 2 of 4 Pods restarted.');
    expect(r.stdout).toContain(`runpod-check pods restart ${notSent}\n`);
  });

  it('SIGTERM too: exit 143, and the same record', async () => {
    const { ready } = await slowThirdRestart('cut-term');
    const r = await interrupted('cut-term', [], 'SIGTERM', ready);
    fx.fake.faults.clear();
    expect(r.code, r.stderr).toBe(143);
    expect(r.stdout).toContain('Updated the value of secret cut-term.');
    const entries = entriesOf('cut-term');
    expect(entries.map((e) => [e.action, e.pods?.length])).toEqual([
      ['value-changed', undefined],
      ['pods-restarted', 2],
    ]);
  });

  it('--json: one document on stdout all the same, with the value change, the answered restarts, the one unanswered and the one not tried', async () => {
    const { ids, ready } = await slowThirdRestart('cut-json');
    const r = await interrupted('cut-json', ['--json'], 'SIGINT', ready);
    fx.fake.faults.clear();
    expect(r.code, r.stderr).toBe(130);
    const out = JSON.parse(r.stdout);
    expect(out.secret).toMatchObject({ name: 'cut-json', valueLastUpdatedAt: expect.any(String) });
    expect(out.interrupted).toBe('SIGINT');
    const answered = entriesOf('cut-json')[1]!.pods!.map((p) => p.id);
    expect(out.restarted).toEqual(answered.map((id) => ({ id, name: expect.any(String), ok: true })));
    // Sent and not answered: it may or may not have happened. Never sent: it did not.
    expect(out.unanswered).toEqual([expect.objectContaining({ kind: 'pod' })]);
    expect(out.notRestarted).toEqual([expect.objectContaining({ kind: 'pod' })]);
    const all = [...answered, out.unanswered[0].id, out.notRestarted[0].id];
    expect(new Set(all)).toEqual(new Set(ids));
    expect(bootToken(out.notRestarted[0].id)).toBe('old');
  });
});
