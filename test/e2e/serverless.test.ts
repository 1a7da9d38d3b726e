/**
 * Issue 14 in the real editor: deploy an endpoint from `.runpod/hub.json` (its CodeLens, the wizard,
 * the typo fixed from the findings dialog), see its workers in the Endpoints view, change its env
 * from a file and watch the release roll out ("n of m"), then open a Pod's logs and see the line
 * that names a secret RunPod could not substitute, with Create Secret offered.
 */
import { describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/editor/stack.mjs';
import { useEditorSession } from './harness/session.js';

/** The fake API, as a second witness beside the screen. */
async function api<T>(stack: Stack, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${stack.fake.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${stack.fake.apiKey}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`fake API answered ${response.status} to ${method} ${path}`);
  return (await response.json()) as T;
}

type EndpointRow = { id: string; name: string; image: string; env: Record<string, string>; version: number; workers: { min: number; max: number } };
type WorkerRow = { id: string; status: string; version: number; isStale: boolean };

describe('Serverless endpoints and logs', () => {
  // The DOM renderer (no GPU in headless Chromium anyway) puts the terminal's text in the page.
  const session = useEditorSession('serverless', { settings: { 'terminal.integrated.gpuAcceleration': 'off' } });
  const endpointNamed = async (name: string) => (await api<{ endpoints: EndpointRow[] }>(session().stack, 'GET', '/serverless')).endpoints.find((e) => e.name === name);

  it('deploys an endpoint from .runpod/hub.json and shows its workers', async () => {
    const { editor, step } = session();
    await session().openFile('.runpod/hub.json');
    await step('click the Deploy Endpoint CodeLens', () => editor.clickCodeLens('Deploy Endpoint'));
    await step('env step: no env file', async () => {
      await editor.waitForQuickInputTitle('2/9');
      await editor.pickQuickItem('No env file');
    });
    await step('image step (a Hub listing names none)', async () => {
      await editor.waitForQuickInputTitle('3/9');
      await editor.answerQuickInput('acme/llama-worker:1.0');
    });
    await step('GPU pools: check ADA_24, OK', async () => {
      await editor.waitForQuickInputTitle('4/9');
      await session().page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'ADA_24' }).first().click();
      await session().page.keyboard.press('Enter');
    });
    await step('workers 2..3', async () => {
      await editor.waitForQuickInputTitle('5/9');
      await editor.answerQuickInput('2..3', { clear: true });
    });
    await step('idle timeout: the default', async () => {
      await editor.waitForQuickInputTitle('6/9');
      await editor.answerQuickInput('');
    });
    await step('scaling: queue delay, its default', async () => {
      await editor.waitForQuickInputTitle('7/9');
      await editor.pickQuickItem('Queue delay');
      await editor.poll(async () => (await editor.quickInputMessage()).includes('Queue delay in seconds'), 'the queue delay box');
      await editor.answerQuickInput('');
    });
    await step('name: e2e-llama', async () => {
      await editor.waitForQuickInputTitle('8/9');
      await editor.answerQuickInput('e2e-llama', { clear: true });
    });
    const summary = await step('summary: every field, then Deploy', async () => {
      await editor.waitForQuickInputTitle('9/9');
      const rows = await editor.quickInputRows();
      // The summary foresees the typo: Deploy says it stops at the check (no Create row for a typo of db_password).
      expect(rows.find((r) => r.includes('Deploy ('))).toMatch(/Deploy \(stops at the check: 1 secret not on your account\)/);
      await editor.pickQuickItem(/Deploy \(stops at the check/);
      return rows.join('\n');
    });
    expect(summary).toContain('Image: acme/llama-worker:1.0');
    expect(summary).toContain('Workers: 2..3');
    expect(summary).not.toContain('meta-llama'); // a plain env value is never shown
    const dialog = await step('the checks stop on the typo; Replace with db_password', () => editor.answerDialog('Replace with db_password'));
    expect(dialog).toMatch(/Not deploying/);
    expect(dialog).toContain('db_pasword');
    const ready = await step('wait for "is ready"', () => editor.waitForNotification(/e2e-llama is ready/), 60_000);
    expect(ready).toMatch(/worker [a-z0-9]+ is IDLE/);

    const endpoint = await endpointNamed('e2e-llama');
    expect(endpoint).toMatchObject({ image: 'acme/llama-worker:1.0', workers: { min: 2, max: 3 }, env: { DB_PASSWORD: '{{ RUNPOD_SECRET_db_password }}' } });

    await step('open the RunPod view', () => editor.openViewContainer('RunPod'));
    await step('the Endpoints view lists e2e-llama', () =>
      editor.poll(async () => (await editor.treeRows('Endpoints')).some((row) => row.includes('e2e-llama') && row.includes('queue') && row.includes('ADA_24')), 'e2e-llama in the Endpoints view'),
    );
    await step('expand it: its workers, on release 1', async () => {
      await editor.treeRow('Endpoints', 'e2e-llama').click();
      await editor.poll(async () => (await editor.treeRows('Endpoints')).filter((row) => /IDLE · release 1/.test(row)).length === 2, 'two IDLE workers on release 1');
    });
    await session().screenshot('deployed');
  });

  it('changes an env value from a file and watches the release roll out, n of m', async () => {
    const { editor, step } = session();
    await step('right-click e2e-llama > Update Env from File...', () => editor.treeRowMenu('Endpoints', 'e2e-llama', 'Update Env from File...'));
    await step('pick train.runpod.env', () => editor.pickQuickItem('train.runpod.env'));
    const diff = await step('the diff, by key; Update', () => editor.answerDialog('Update'));
    expect(diff).toContain('+WANDB_PROJECT');
    expect(diff).toContain('+HUGGING_FACE_HUB_TOKEN');
    expect(diff).not.toContain('llama-finetune');
    const done = await step('the rollout reaches every worker', () => editor.waitForNotification(/e2e-llama: 2 of 2 workers on release 2/), 60_000);
    expect(done).toContain('2 of 2 workers on release 2');
    const workers = (await api<{ workers: WorkerRow[] }>(session().stack, 'GET', `/serverless/${(await endpointNamed('e2e-llama'))!.id}/workers`)).workers;
    expect(workers.map((w) => [w.version, w.isStale])).toEqual([
      [2, false],
      [2, false],
    ]);
    await step('the view shows release 2', () => editor.poll(async () => (await editor.treeRows('Endpoints')).some((row) => row.includes('e2e-llama') && row.includes('release 2')), 'release 2 in the view'));
    await session().screenshot('rolled-out');
  });

  it("opens a Pod's logs and sees the line that names a missing secret", async () => {
    const { editor, step, page } = session();
    await api(session().stack, 'POST', '/pods', {
      name: 'e2e-logs',
      image: 'ubuntu:24.04',
      gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 },
      env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', WANDB_API_KEY: '{{ RUNPOD_SECRET_wandb-key }}' },
    });
    await step('refresh the Pods view', () => editor.runCommand('RunPod: Refresh Pods'));
    await step('the Pods view lists e2e-logs', () => editor.poll(async () => (await editor.treeRows('Pods')).some((row) => row.includes('e2e-logs')), 'e2e-logs in the Pods view'));
    await step('right-click e2e-logs > Show Logs', () => editor.treeRowMenu('Pods', 'e2e-logs', 'Show Logs'));
    const terminalText = async () => ((await page.locator('.terminal-wrapper.active .xterm-rows').innerText().catch(() => '')) as string).replace(/\s+/g, '');
    await step('the log shows the literal reference and explains it', () =>
      editor.poll(async () => {
        const text = await terminalText();
        return text.includes('WANDB_API_KEY={{RUNPOD_SECRET_wandb-key}}') && text.includes('didnotsubstitute"wandb-key"');
      }, 'the unsubstituted reference and its explanation in the terminal', 30_000),
    );
    const text = await terminalText();
    expect(text).not.toContain('HF_TOKEN'); // the secret that exists was substituted: its line is not echoed
    const offer = await step('the notification offers Create Secret wandb-key', () => editor.waitForNotification(/did not substitute "wandb-key"/));
    expect(offer).toContain('Create Secret wandb-key');
    await session().screenshot('pod-logs');
  });
});
