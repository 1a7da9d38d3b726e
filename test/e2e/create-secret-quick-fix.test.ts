/**
 * Issue 7, scenario 2 (+6): the deliberate typo in runpod.env shows a squiggle and a Problems entry;
 * the quick fix "Create secret" creates it with a masked value input and the squiggle goes away. The
 * value typed is then nowhere in the output channel, logs or storage.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { accountSecrets } from './harness/fakeApi.js';
import { findLeaks, leakSearchRoots, runpodLogFiles } from './harness/leaks.js';
import { useEditorSession } from './harness/session.js';

describe('typo in a secret reference: squiggle, Problems, quick fix creates the secret', () => {
  const session = useEditorSession('create-secret-quick-fix');
  // Known only to this run; typed into the masked input, then searched for everywhere.
  const value = `e2e-qf-${randomBytes(9).toString('hex')}`;

  it('flags the typo in the editor and in Problems', async () => {
    const { editor, step } = session();
    await session().openFile('runpod.env');
    await step('squiggle on the hf-tokn reference', () => editor.waitForSquiggleOn('RUNPOD_SECRET_hf-tokn'));
    const squiggled = await step('read squiggled lines', () => editor.squiggledLines('warning'));
    // Only the typo: the three seeded secrets resolve.
    expect(squiggled).toEqual(['HF_HUB_TOKEN={{ RUNPOD_SECRET_hf-tokn }}']);
    const problems = await step('open Problems (Ctrl+Shift+M)', () => editor.problemsRows({ atLeast: 2 }));
    const typoRows = problems.filter((row) => row.includes('hf-tokn'));
    expect(typoRows.length).toBe(1);
    // The message suggests the close name.
    expect(typoRows[0]).toContain('hf-token');
    await session().screenshot('typo-flagged');
  });

  it('creates the secret from the quick fix with a masked value and clears the squiggle', async () => {
    const { editor, step, page } = session();
    await step('focus the editor on the typo', async () => {
      await editor.escape();
      await editor.openFile('runpod.env');
      await editor.cursorOn('hf-tokn');
    });
    const fixes = await step('open quick fixes (Ctrl+.)', () => editor.quickFixes());
    expect(fixes.some((title) => /create secret/i.test(title))).toBe(true);
    await step('choose Create secret', async () => {
      await page.locator('.action-widget .monaco-list-row.action', { hasText: /create secret/i }).first().click();
    });
    await step('the value input is masked', async () => {
      const box = await editor.quickInputBox();
      await editor.poll(async () => (await box.getAttribute('type')) === 'password', 'a password input box');
    });
    await step('type the value, Enter', () => editor.answerQuickInput(value));
    await step('step 2 of 2: type a description, Enter', async () => {
      const box = await editor.quickInputBox();
      await editor.poll(async () => (await box.getAttribute('type')) !== 'password', 'the (unmasked) description step');
      await editor.answerQuickInput('created by the quick fix');
    });
    await step('squiggle on hf-tokn disappears', () => editor.waitForNoSquiggleOn('RUNPOD_SECRET_hf-tokn'), 45_000);
    const created = (await accountSecrets(session().stack)).find((secret) => secret.name === 'hf-tokn');
    expect(created?.description).toBe('created by the quick fix');
    await session().screenshot('secret-created');
  });

  it('never writes the value typed or the API key to logs, output channel or storage', () => {
    // The RunPod output channel's log file must exist, or the search below would prove nothing.
    expect(runpodLogFiles(session().stack).length).toBeGreaterThan(0);
    // Control: the search does find what the log legitimately holds (the API paths it called).
    expect(findLeaks(leakSearchRoots(session()), ['/account/secrets']).some((leak) => /RunPod/.test(leak.file))).toBe(true);
    // Neither the value typed nor the API key (handed over as RUNPOD_API_KEY) is on disk anywhere.
    expect(findLeaks(leakSearchRoots(session()), [value, session().stack.fake.apiKey]).map((leak) => leak.file)).toEqual([]);
  });
});
