/**
 * Issue 7, scenario 5: Launch Pod from the template file's CodeLens walks the wizard and reaches a
 * running Pod on the fake API, which the Pods view then stops and terminates; with an env file that
 * references a missing secret it stops before creating anything.
 */
import { describe, expect, it } from 'vitest';
import { accountPods } from './harness/fakeApi.js';
import { useEditorSession } from './harness/session.js';

describe('Launch Pod from a template file', () => {
  const session = useEditorSession('launch-pod');

  /**
   * The whole wizard from the template file's CodeLens (the file is preset): env file, RTX 4090
   * (count 1 when asked), Secure Cloud, `podName`, then Launch on the summary.
   */
  async function launchThroughWizard(envFile: string, podName: string): Promise<void> {
    const { editor, step } = session();
    await session().openFile('pytorch-train.runpod.json');
    await step('click the Launch Pod CodeLens', () => editor.clickCodeLens('Launch Pod'));
    await step(`env step: choose ${envFile}`, async () => {
      await editor.waitForQuickInputTitle('2/6');
      await editor.pickQuickItem(envFile);
    });
    await step('env step: continue with the merged variables', () => editor.pickQuickItem(/Continue with \d+ variables?/));
    await step('GPU step: RTX 4090', async () => {
      await editor.waitForQuickInputTitle('3/6');
      await editor.pickQuickItem(/RTX 4090/);
    });
    await step('count step (if offered): 1', async () => {
      // The count step shares "3/6" and appears only for types allowing more than one GPU.
      await editor.poll(async () => !/\b3\/6\b/.test(await editor.quickInputTitle()) || (await editor.quickInputRows()).some((r) => /^1 ×/.test(r.trim())), 'the count or cloud step');
      if (/\b3\/6\b/.test(await editor.quickInputTitle())) await editor.pickQuickItem(/^\s*1 ×/);
    });
    await step('cloud step: Secure Cloud', async () => {
      await editor.waitForQuickInputTitle('4/6');
      await editor.pickQuickItem(/Secure Cloud/);
    });
    await step(`name step: ${podName}`, async () => {
      await editor.waitForQuickInputTitle('5/6');
      await editor.answerQuickInput(podName, { clear: true });
    });
    await step('summary step: Launch', async () => {
      await editor.waitForQuickInputTitle('6/6');
      await editor.pickQuickItem(/Launch/);
    });
  }

  it('reaches a running Pod', async () => {
    const { editor, step } = session();
    expect(await accountPods(session().stack)).toEqual([]);
    await launchThroughWizard('No env file', 'e2e-launch');
    const message = await step('wait for "is running"', () => editor.waitForNotification(/e2e-launch is running/), 60_000);
    expect(message).toContain('e2e-launch');
    const pods = await accountPods(session().stack);
    expect(pods.map((pod) => [pod.name, pod.status, pod.gpu?.id])).toEqual([['e2e-launch', 'RUNNING', 'NVIDIA GeForce RTX 4090']]);
    // The Pod's env keeps the references (RunPod resolves them at boot), never values.
    expect(pods[0]!.env.HF_TOKEN).toBe('{{ RUNPOD_SECRET_hf-token }}');
    await session().screenshot('running');
  });

  it('shows the Pod in the Pods view, stops it and terminates it after confirmation', async () => {
    const { editor, step } = session();
    const podStatus = async (): Promise<string | undefined> => (await accountPods(session().stack)).find((p) => p.name === 'e2e-launch')?.status;
    await step('open the RunPod view', () => editor.openViewContainer('RunPod'));
    await step('the Pods view lists e2e-launch as RUNNING', () =>
      editor.poll(async () => (await editor.treeRows('Pods')).some((row) => row.includes('e2e-launch') && row.includes('RUNNING')), 'e2e-launch RUNNING in the Pods view'),
    );
    await step('right-click e2e-launch > Stop Pod', () => editor.treeRowMenu('Pods', 'e2e-launch', 'Stop Pod'));
    await step('the account shows it stopped', () => editor.poll(async () => (await podStatus()) === 'EXITED', 'e2e-launch EXITED on the API'));
    await step('the Pods view follows', () =>
      editor.poll(async () => (await editor.treeRows('Pods')).some((row) => row.includes('e2e-launch') && row.includes('EXITED')), 'e2e-launch EXITED in the Pods view'),
    );
    await step('right-click e2e-launch > Terminate Pod', () => editor.treeRowMenu('Pods', 'e2e-launch', 'Terminate Pod'));
    const warning = await step('confirm Terminate', () => editor.answerDialog('Terminate'));
    expect(warning).toContain('cannot be undone');
    await step('the account no longer runs it', () =>
      editor.poll(async () => [undefined, 'TERMINATED'].includes(await podStatus()), 'e2e-launch terminated on the API'),
    );
    await session().screenshot('terminated');
  });

  it('stops before creating anything when a referenced secret is missing', async () => {
    const { editor, step } = session();
    const before = await accountPods(session().stack);
    // runpod.env references the missing secret hf-tokn (the sample's deliberate typo).
    await launchThroughWizard('runpod.env', 'e2e-missing');
    const dialog = await step('the checks stop the launch; Cancel', () => editor.answerDialog('Cancel'));
    expect(dialog).toMatch(/Not launching/);
    expect(dialog).toContain('hf-tokn');
    await step('the launch progress goes away', () =>
      session().page.locator('.notifications-toasts .notification-toast', { hasText: 'Launching e2e-missing' }).waitFor({ state: 'hidden' }),
    );
    await session().screenshot('stopped');
    expect(await accountPods(session().stack)).toEqual(before);
  });
});
