/**
 * Issue 7, scenario 1: inside `{{ RUNPOD_SECRET_` completion offers the account's secret names and
 * inserts a closed reference that resolves (no squiggle). A plain value typed after `=` is never
 * replaced by a reference.
 */
import { describe, expect, it } from 'vitest';
import { accountSecretNames } from './harness/fakeApi.js';
import { useEditorSession } from './harness/session.js';

describe('completion of secret references', () => {
  const session = useEditorSession('completion');

  it('offers the account secrets and inserts a closed reference', async () => {
    const { editor, step, page } = session();
    await session().openFile('train.runpod.env');
    await step('type a new variable with an open reference', async () => {
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await editor.type('OPENAI_API_KEY={{ RUNPOD_SECRET_');
      await editor.escape(); // close any suggestions opened while typing; Ctrl+Space asks afresh
    });
    // The open reference is malformed: its error squiggle is the positive signal that the server
    // analyses this line, so its disappearance after the completion proves a newer report arrived.
    await step('the open reference is flagged', () => editor.waitForSquiggleOn('OPENAI_API_KEY={{ RUNPOD_SECRET_', 'error'));
    const labels = await step('Ctrl+Space lists suggestions', () => editor.completionIncluding('openai-key'));
    const names = await accountSecretNames(session().stack);
    for (const name of names) expect(labels).toContain(name);
    await step('pick openai-key', async () => {
      await page.locator('.editor-widget.suggest-widget.visible .monaco-list-row', { hasText: 'openai-key' }).first().click();
    });
    const lines = await step('read the inserted line', async () => {
      await editor.poll(async () => (await editor.linesContaining('OPENAI_API_KEY=')).length > 0, 'the new line');
      return editor.linesContaining('OPENAI_API_KEY=');
    });
    expect(lines).toEqual(['OPENAI_API_KEY={{ RUNPOD_SECRET_openai-key }}']);
    await step('no squiggle on the completed reference', async () => {
      // A squiggle seen before can only go away with a report for a newer version: no fixed sleep.
      await editor.waitForNoSquiggleOn('OPENAI_API_KEY=', 'error');
      expect((await editor.squiggledLines('warning')).concat(await editor.squiggledLines('error'))).not.toContain(lines[0]);
    });
    await session().screenshot('completed');
  });

  // QA: the list opened by `=` stayed open on a plain value matching a name by a word start
  // (`tok` in hf-token, `2` in svc-200-token), and Enter (acceptSuggestionOnEnter) made the line a
  // reference; with nothing typed, `KEY=` + Enter took the first reference. No list opens now while
  // typing a value: a list that shows within the wait below is the bug, and fails the step.
  it('typing a plain or empty value after = and Enter keeps the value and starts a new line', async () => {
    const { editor, step, page } = session();
    const suggestions = page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
    const listShows = () => suggestions.first().waitFor({ timeout: 1500 }).then(() => true, () => false);
    for (const [key, value] of [['WORKERS', '2'], ['MODE', 'tok'], ['EMPTY', '']] as const) {
      await step(`type ${key}=${value}: no list of references opens`, async () => {
        await page.keyboard.press('Control+End');
        await page.keyboard.press('Enter');
        await editor.type(`${key}=`);
        expect(await listShows()).toBe(false);
        if (value) {
          await editor.type(value);
          expect(await listShows()).toBe(false);
        }
      });
      await step('Enter, then a next line', async () => {
        await page.keyboard.press('Enter');
        await editor.type('NEXT=1');
        await editor.escape();
      });
      await step(`${key}=${value} stays a plain value`, async () => {
        await editor.poll(async () => (await editor.linesContaining('NEXT=1')).length > 0, 'the next line');
        expect(await editor.linesContaining(`${key}=`)).toEqual([`${key}=${value}`]);
        expect(await editor.linesContaining('NEXT=1')).toEqual(['NEXT=1']);
      });
      await step('take the two lines back', async () => {
        await page.keyboard.press('Control+Shift+K');
        await page.keyboard.press('Control+Shift+K');
      });
    }
    await session().screenshot('plain-values');
  });
});
