/**
 * Issue 12 in the real editor: the Secrets tree shows each secret's uses on the account and its
 * value's age; Rotate Secret... (tree context menu) sets a new value through a masked input and
 * restarts the running Pod that references it, with a result; the value is then nowhere on disk.
 * (Usage counts from the workspace index and F2 rename come with the server's index.)
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accountPods } from './harness/fakeApi.js';
import { findLeaks, leakSearchRoots, runpodLogFiles } from './harness/leaks.js';
import { useEditorSession } from './harness/session.js';

const VIEW = 'Secrets';

describe('Secret lifecycle: usage and value age in the tree, Rotate restarting a running Pod', () => {
  const session = useEditorSession('secret-lifecycle');
  const rotated = `e2e-rotated-${randomBytes(9).toString('hex')}`;
  let podId = '';

  const hfRow = async (): Promise<string> => (await session().editor.treeRows(VIEW)).find((row) => row.startsWith('hf-token')) ?? '';

  it('the tree shows the account templates that use a secret and how old its value is', async () => {
    const { editor, step } = session();
    await step('open the RunPod view', () => editor.openViewContainer('RunPod'));
    // The sample workspace's files (from the server's index) and the fake's seeded templates and Serverless endpoint.
    await step('hf-token reads "8 files", "3 templates", "1 endpoint" and "value set today"', () =>
      editor.poll(async () => /\b8 files · 3 templates · 1 endpoint · value set today/.test(await hfRow()), 'the usage and age of hf-token'),
    );
    await session().screenshot('usage-and-age');
  });

  it('a Pod launched elsewhere shows up as a running Pod after Refresh', async () => {
    const { editor, step, stack } = session();
    podId = await step('launch a Pod that references hf-token (through the API, as the console would)', async () => {
      const response = await fetch(`${stack.fake.url}/pods`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.fake.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'e2e-rotate', image: 'ubuntu:24.04', gpu: { id: 'NVIDIA GeForce RTX 4090' }, env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}' } }),
        signal: AbortSignal.timeout(10_000),
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    });
    await step('it runs', () => editor.poll(async () => (await accountPods(stack)).find((p) => p.id === podId)?.status === 'RUNNING', 'the Pod to run'));
    await step('F1 > RunPod: Refresh Secrets', () => editor.runCommand('RunPod: Refresh Secrets'));
    await step('hf-token reads "1 running Pod"', () => editor.poll(async () => /1 running Pod/.test(await hfRow()), 'a running Pod in the usage of hf-token'));
  });

  it('Rotate Secret: masked value, then "Restart 1 Pod" restarts it and says so', async () => {
    const { editor, step, stack } = session();
    const startedBefore = (await accountPods(stack)).find((p) => p.id === podId)?.startedAt;
    await step('right-click hf-token > Rotate Secret...', () => editor.treeRowMenu(VIEW, 'hf-token', 'Rotate Secret...'));
    await step('the value input is masked; type the new value, Enter', async () => {
      const box = await editor.quickInputBox();
      await editor.poll(async () => (await box.getAttribute('type')) === 'password', 'a password input box');
      await editor.answerQuickInput(rotated);
    });
    const dialog = await step('the dialog names the running Pod and what picks the value up at next boot; Restart 1 Pod', () => editor.answerDialog('Restart 1 Pod'));
    expect(dialog).toContain('Still on the old value until they restart: Pod "e2e-rotate" (RUNNING).');
    expect(dialog).toMatch(/Templates "pytorch-train"[^\n]* pick up the new value when their Pods next boot\./);
    // The result is also a toast; code-server under headless Chromium does not always show a toast
    // that follows a closing progress notification, so the check reads the RunPod log instead.
    await step('the RunPod log says the Pod was restarted', () =>
      editor.poll(async () => runpodLogFiles(stack).some((file) => readFileSync(file, 'utf8').includes('Rotate hf-token: Restarted 1 of 1 Pod.')), 'the restart result in the RunPod log'),
    );
    await step('the Pod boots again', () =>
      editor.poll(async () => {
        const pod = (await accountPods(stack)).find((p) => p.id === podId);
        return pod?.status === 'RUNNING' && pod.startedAt !== startedBefore;
      }, 'the Pod to run again after the restart'),
    );
    await session().screenshot('rotated');
  });

  it('never writes the new value or the API key to logs, output channel or storage', () => {
    expect(findLeaks(leakSearchRoots(session()), [rotated, session().stack.fake.apiKey]).map((leak) => leak.file)).toEqual([]);
  });
});
