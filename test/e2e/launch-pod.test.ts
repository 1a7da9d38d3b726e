/**
 * Issue 7, scenario 5: Launch Pod from the template file's CodeLens walks the wizard and reaches a
 * running Pod on the fake API, which the Pods view then stops and terminates; with an env file that
 * references a missing secret it stops before creating anything.
 */
import { describe, expect, it } from 'vitest';
import { accountPods } from './harness/fakeApi.js';
import { useEditorSession } from './harness/session.js';
import { podGpu } from '../../client/src/runpod/parse.js';

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
    expect(pods.map((pod) => [pod.name, pod.status, podGpu(pod.gpu)?.id])).toEqual([['e2e-launch', 'RUNNING', 'NVIDIA GeForce RTX 4090']]);
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

/**
 * The env file pick refuses a file whose environment runs under an account the editor does not
 * hold, in the real editor: the same list stays open (VS Code keeps a quick pick open after Accept
 * unless it is hidden) with the reason in its placeholder, and another file is then taken.
 */
describe('Launch Pod refuses an env file of another account at the pick', () => {
  // prod runs under `team`; the editor holds only the account of the handed-over key (`default`).
  const session = useEditorSession('launch-pod-refused', { settings: { 'runpod.environments': { prod: { files: ['train.prod.runpod.env'], account: 'team' } } } });

  it('keeps the env file list open with the reason, then takes dev', async () => {
    const { editor, step } = session();
    const before = await accountPods(session().stack);
    await session().openFile('pytorch-train.runpod.json');
    await step('F1 > RunPod: Launch Pod...', () => editor.runCommand('RunPod: Launch Pod...'));
    // The palette presets no template (only an active env file): the user picks the template file.
    await step('template step: pytorch-train.runpod.json', async () => {
      await editor.waitForQuickInputTitle('1/6');
      await editor.pickQuickItem('pytorch-train.runpod.json');
    });
    await step('the env file list, prod marked', async () => {
      await editor.waitForQuickInputTitle('2/6');
      await editor.waitForQuickInputPlaceholder(/Merge an env file/);
      const rows = await editor.quickInputRows();
      const prod = rows.find((row) => row.includes('train.prod.runpod.env'));
      const dev = rows.find((row) => row.includes('train.dev.runpod.env'));
      expect(prod).toContain('another account is active: add account team to launch it');
      expect(dev).toBeDefined();
      expect(dev).not.toContain('add account');
    });
    const rowsBefore = await editor.quickInputRows();
    await step('ArrowDown to train.prod.runpod.env, Enter', () => editor.pickQuickItemWithKeys(/train\.prod\.runpod\.env/));
    const refusal = await step('the same list stays open, saying why', () => editor.waitForQuickInputPlaceholder(/^Cannot launch with that/));
    expect(refusal).toBe('Cannot launch with that choice: add account team first, or pick another');
    expect(await editor.quickInputTitle()).toContain('2/6');
    expect(await editor.quickInputRows()).toEqual(rowsBefore);
    // The refused file stays active, so the user sees which pick was refused.
    expect(await editor.focusedQuickItem()).toContain('train.prod.runpod.env');
    await session().screenshot('refused-pick');
    await step('ArrowDown to train.dev.runpod.env, Enter', () => editor.pickQuickItemWithKeys(/train\.dev\.runpod\.env/));
    await step('the wizard takes dev: its variables step', async () => {
      await editor.poll(async () => (await editor.quickInputRows()).some((row) => /Continue with \d+ variables?/.test(row)), 'the variables step');
      expect(await editor.quickInputPlaceholder()).not.toMatch(/Cannot launch/);
    });
    await step('Escape closes the wizard', async () => {
      await editor.escape();
      await editor.quickInput().waitFor({ state: 'hidden' });
    });
    expect(await accountPods(session().stack)).toEqual(before);
  });
});
