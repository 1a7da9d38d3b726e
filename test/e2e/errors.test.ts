/**
 * Issue 5's error states when no list was ever fetched (no stale knowledge to fall back on), in a
 * session started signed out:
 *   1. a key RunPod rejects is refused by Set API Key and not saved; nothing changes;
 *   2. with the API unreachable, Set API Key offers "Save Anyway"; saved, the status bar says offline,
 *      the tree shows an offline error node with Retry (and no list), and no unknown-secret
 *      diagnostic is invented;
 *   3. the API comes back: clicking the error node (Retry) connects and the typo becomes a warning.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Editor } from './harness/editor.js';
import { accountSecretNames, restartFakeApi, stopFakeApi, type RestartedFake } from './harness/fakeApi.js';
import { findLeaks, leakSearchRoots } from './harness/leaks.js';
import { useEditorSession } from './harness/session.js';

const VIEW = 'Secrets';
const TYPO = 'hf-tokn';
const TYPO_LINE = `HF_HUB_TOKEN={{ RUNPOD_SECRET_${TYPO} }}`;

/** The RunPod status bar item's text ("RunPod:" so the language indicator "RunPod Env" is not it). */
async function runpodStatus(editor: Editor): Promise<string> {
  const item = editor.page.locator('.statusbar-item', { hasText: /RunPod:/ }).first();
  return (await item.count()) === 0 ? '' : (await item.innerText()).trim();
}

async function waitForStatus(editor: Editor, text: string): Promise<void> {
  let seen = '';
  await editor.poll(async () => (seen = await runpodStatus(editor)) === text, `the status bar to say "${text}" (it says "${seen}")`, 30_000);
}

/** Click a button of the notification toast containing `text`. */
async function clickToastButton(editor: Editor, text: string | RegExp, button: string): Promise<void> {
  const toast = editor.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await toast.locator('.monaco-button', { hasText: button }).first().click();
  await toast.waitFor({ state: 'hidden' });
}

/** F1 > RunPod: Set API Key, type `key` into the masked box, Enter. */
async function setApiKey(editor: Editor, key: string): Promise<void> {
  await editor.runCommand('RunPod: Set API Key');
  const box = await editor.quickInputBox();
  await editor.poll(async () => (await box.getAttribute('type')) === 'password', 'a masked key input');
  await editor.answerQuickInput(key);
}

describe('error states without a cached list: rejected key, offline, Retry', () => {
  const session = useEditorSession('errors', { apiKeyInEnv: false });
  const wrongKey = `rp_e2e_wrong_${randomBytes(12).toString('hex')}`;
  let restarted: RestartedFake | undefined;
  afterAll(async () => {
    await restarted?.stop();
  });

  it('1. a key RunPod rejects is refused and not saved', async () => {
    const { editor, step } = session();
    await step('the status bar says signed out', () => waitForStatus(editor, 'RunPod: signed out'));
    await session().openFile('runpod.env');
    await step('F1 > RunPod: Set API Key, type a wrong key', () => setApiKey(editor, wrongKey));
    const toast = await step('an error says RunPod rejected it and it was not saved', () =>
      editor.waitForNotification(/RunPod rejected this key/),
    );
    expect(toast).toMatch(/not saved/);
    expect(toast).not.toContain(wrongKey);
    await step('Retry brings the key box back, empty after a rejection; Escape gives up', async () => {
      await clickToastButton(editor, /RunPod rejected this key/, 'Retry');
      const box = await editor.quickInputBox();
      expect(await box.inputValue()).toBe('');
      await editor.escape();
      await editor.quickInput().waitFor({ state: 'hidden' });
    });
    await step('still signed out, with the welcome content', async () => {
      await waitForStatus(editor, 'RunPod: signed out');
      await editor.openViewContainer('RunPod');
      await editor.view(VIEW).locator('.welcome-view-content .monaco-button', { hasText: 'Set API Key' }).first().waitFor();
    });
    expect(await editor.linesContaining(TYPO_LINE)).toEqual([TYPO_LINE]);
    expect(await editor.squiggledLines('warning')).toEqual([]);
    expect(await editor.squiggledLines('info')).toEqual([]);
  });

  it('2. offline with no list known: an offline error node with Retry, and no invented diagnostics', async () => {
    const { editor, step, stack } = session();
    await step('the API goes away (the fake is stopped)', () => stopFakeApi(stack));
    await step('F1 > RunPod: Set API Key, type the right key', () => setApiKey(editor, stack.fake.apiKey));
    const toast = await step('a warning says the key could not be checked, offering Save Anyway', () =>
      editor.waitForNotification(/Could not check the key/),
    );
    expect(toast).toContain('Save Anyway');
    await step('click Save Anyway', () => clickToastButton(editor, /Could not check the key/, 'Save Anyway'));
    await step('the status bar says offline (no fetch time: nothing was ever fetched)', () => waitForStatus(editor, 'RunPod: offline'));
    await step('the tree shows one offline error node', () =>
      editor.poll(async () => (await editor.treeLabels(VIEW)).join('|') === 'Offline: RunPod cannot be reached', 'the offline node alone'),
    );
    expect((await editor.treeRows(VIEW))[0]).toContain('Retry');
    await session().screenshot('offline-no-list');
    await step('the typo has no squiggle of any kind (the account is unknown)', async () => {
      expect(await editor.linesContaining(TYPO_LINE)).toEqual([TYPO_LINE]);
      await editor.waitForNoSquiggleOn(TYPO, 'warning');
      await editor.waitForNoSquiggleOn(TYPO, 'info');
    });
    expect(await editor.squiggledLines('warning')).toEqual([]);
  });

  it('3. when the API is back, clicking the error node (Retry) connects', async () => {
    const { editor, step, stack } = session();
    restarted = await step('the API comes back (same port, same account)', () => restartFakeApi(stack));
    await step('click the offline node (Retry)', () => editor.treeRow(VIEW, 'Offline: RunPod cannot be reached').click());
    await step('the status bar says "RunPod: 3 secrets"', () => waitForStatus(editor, 'RunPod: 3 secrets'));
    await step('the tree lists the account secrets', () =>
      editor.poll(async () => (await editor.treeLabels(VIEW)).join(',') === 'db_password,hf-token,openai-key', 'the three secrets'),
    );
    expect(await editor.treeLabels(VIEW)).toEqual(await accountSecretNames(stack));
    await step('the typo is a warning now', () => editor.waitForSquiggleOn(TYPO, 'warning'));
    await session().screenshot('reconnected');
  });

  it('4. neither key typed is on disk anywhere', () => {
    expect(findLeaks(leakSearchRoots(session()), [wrongKey, session().stack.fake.apiKey]).map((leak) => leak.file)).toEqual([]);
  });
});
