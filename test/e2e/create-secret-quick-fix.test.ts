/**
 * Issue 7, scenario 2 (+6): the deliberate typo in runpod.env shows a squiggle and a Problems entry;
 * the quick fix "Create secret" creates it with a masked value input and the squiggle goes away. The
 * value typed is then nowhere in the output channel, logs or storage.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountSecretNames } from './harness/fakeApi.js';
import { findLeaks, listFiles } from './harness/leaks.js';
import { openEditorSession, type EditorSession } from './harness/session.js';

describe('typo in a secret reference: squiggle, Problems, quick fix creates the secret', () => {
  let session: EditorSession;
  // Known only to this run; typed into the masked input, then searched for everywhere.
  const value = `e2e-qf-${randomBytes(9).toString('hex')}`;

  beforeAll(async () => {
    session = await openEditorSession('create-secret-quick-fix');
  });
  afterAll(async () => {
    await session?.close();
  });

  it('flags the typo in the editor and in Problems', async () => {
    const { editor, step } = session;
    await step('open runpod.env', () => editor.openFile('runpod.env'));
    await step('squiggle on the hf-tokn reference', () => editor.waitForSquiggleOn('RUNPOD_SECRET_hf-tokn'));
    const squiggled = await step('read squiggled lines', () => editor.squiggledLines('warning'));
    // Only the typo: the three seeded secrets resolve.
    expect(squiggled).toEqual(['HF_HUB_TOKEN={{ RUNPOD_SECRET_hf-tokn }}']);
    const problems = await step('open Problems (Ctrl+Shift+M)', () => editor.problemsRows({ atLeast: 2 }));
    const typoRows = problems.filter((row) => row.includes('hf-tokn'));
    expect(typoRows.length).toBe(1);
    // The message suggests the close name.
    expect(typoRows[0]).toContain('hf-token');
    await session.screenshot('typo-flagged');
  });

  it('creates the secret from the quick fix with a masked value and clears the squiggle', async () => {
    const { editor, step, page } = session;
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
    await step('skip the optional description', async () => {
      // Some flows ask for a description as a last step; Enter leaves it empty.
      if (await editor.quickInput().isVisible()) await editor.answerQuickInput('');
    });
    await step('squiggle on hf-tokn disappears', () => editor.waitForNoSquiggleOn('RUNPOD_SECRET_hf-tokn'), 45_000);
    expect(await accountSecretNames(session.stack)).toContain('hf-tokn');
    await session.screenshot('secret-created');
  });

  it('never writes the value typed to logs, output channel or storage', async () => {
    const { stack, step } = session;
    const logFiles = await step('find the RunPod output channel log', async () => {
      const files = listFiles(join(stack.userDataDir, 'logs'));
      expect(files.some((file) => /RunPod/.test(file))).toBe(true);
      return files;
    });
    expect(logFiles.length).toBeGreaterThan(0);
    const leaks = findLeaks(
      [stack.userDataDir, stack.extensionsDir, stack.workspace, stack.fakeDataDir, stack.logDir, session.browserProfile],
      [value],
    );
    expect(leaks.map((leak) => leak.file)).toEqual([]);
  });
});
