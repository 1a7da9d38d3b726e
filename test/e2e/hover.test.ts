/**
 * Issue 7, scenario 4: hovering a reference shows the secret's metadata and never its value.
 */
import { describe, expect, it } from 'vitest';
import { useEditorSession } from './harness/session.js';

// The fake's seeded value for hf-token (test/fake-runpod/seed.ts): what must NOT be on screen.
const SEEDED_HF_TOKEN_VALUE = 'hf_fakeDemoToken000000000000000000';

describe('hover on a secret reference', () => {
  const session = useEditorSession('hover');

  it('shows name and description, not the value', async () => {
    const { editor, step } = session();
    await session().openFile('runpod.env');
    // Wait for the catalog to arrive (the typo is flagged only once the secrets are known).
    await step('secrets known to the language server', () => editor.waitForSquiggleOn('RUNPOD_SECRET_hf-tokn'));
    const text = await step('hover hf-token (Ctrl+K Ctrl+I)', () => editor.hoverOn('hf-token }}', 'hf-token'));
    expect(text).toContain('hf-token');
    expect(text).toContain('Hugging Face read token');
    expect(text).not.toContain(SEEDED_HF_TOKEN_VALUE);
    await session().screenshot('hover');
  });
});
