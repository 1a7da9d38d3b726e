/**
 * Compare Environments in the real editor: from the title bar of the sample's dev env file, the
 * keys of the train template side by side for dev and prod, in the Markdown preview; the key prod
 * lacks and the secret named for dev are marked, and no value is shown.
 */
import type { Frame } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useEditorSession } from './harness/session.js';

describe('Compare Environments', () => {
  const session = useEditorSession('environments-compare');

  /** The text of the Markdown preview's webview, once it shows `expected`. */
  async function previewText(expected: RegExp): Promise<string> {
    const { page, editor } = session();
    let text = '';
    await editor.poll(async () => {
      // The preview renders in a webview: a frame inside a frame, whose body holds the rendered document.
      for (const frame of page.frames() as Frame[]) {
        const body = await frame.locator('body').innerText({ timeout: 1_000 }).catch(() => '');
        if (expected.test(body)) {
          text = body;
          return true;
        }
      }
      return false;
    }, `a preview matching ${expected}`);
    return text;
  }

  it('shows dev and prod side by side from the env file title bar, marking what prod lacks and what crosses', async () => {
    const { page, step } = session();
    await session().openFile('train.dev.runpod.env');
    await step('click Compare Environments in the editor title bar', async () => {
      await page.locator('.editor-actions .action-label[aria-label*="Compare Environments"]').first().click();
    });
    const text = await step('the preview shows the train template with its environments', () => previewText(/Compare Environments[\s\S]*OPENAI_API_KEY/));
    await session().screenshot('comparison');
    expect(text).toMatch(/train/);
    expect(text).toMatch(/\bdev\b[\s\S]*\bprod\b/);
    // prod lacks OPENAI_API_KEY; prod's DB_PASSWORD references a secret named for dev.
    expect(text).toMatch(/1 key missing somewhere/);
    expect(text).toMatch(/1 secret named for another environment/);
    expect(text).toMatch(/OPENAI_API_KEY[^\n]*openai-key[^\n]*missing/i);
    expect(text).toMatch(/db_password_dev/);
    // Values never: only secret names and "(plain value)" for plain ones.
    expect(text).not.toMatch(/WANDB_RUN_GROUP[^\n]*\bprod\b[^\n]*\bdev\b/);
    expect(text).toMatch(/WANDB_RUN_GROUP[^\n]*plain value/);
  });
});
