/**
 * Issue 7, scenario 4: hovering a reference shows the secret's metadata and never its value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEditorSession, type EditorSession } from './harness/session.js';

// The fake's seeded value for hf-token (test/fake-runpod/seed.ts): what must NOT be on screen.
const SEEDED_HF_TOKEN_VALUE = 'hf_fakeDemoToken000000000000000000';

describe('hover on a secret reference', () => {
  let session: EditorSession;
  beforeAll(async () => {
    session = await openEditorSession('hover');
  });
  afterAll(async () => {
    await session?.close();
  });

  it('shows name and description, not the value', async () => {
    const { editor, step } = session;
    await step('open runpod.env', () => editor.openFile('runpod.env'));
    // Wait for the catalog to arrive (the typo is flagged only once the secrets are known).
    await step('secrets known to the language server', () => editor.waitForSquiggleOn('RUNPOD_SECRET_hf-tokn'));
    const text = await step('hover hf-token (Ctrl+K Ctrl+I)', () => editor.hoverOn('hf-token }}', 'hf-token'));
    expect(text).toContain('hf-token');
    expect(text).toContain('Hugging Face read token');
    expect(text).not.toContain(SEEDED_HF_TOKEN_VALUE);
    await session.screenshot('hover');
  });
});
