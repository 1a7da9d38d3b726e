/**
 * Smoke: the packaged extension is installed in a real VS Code and owns the RunPod env files of the
 * sample workspace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEditorSession, type EditorSession } from './harness/session.js';

describe('smoke: sample workspace in a real editor', () => {
  let session: EditorSession;
  beforeAll(async () => {
    session = await openEditorSession('smoke');
  });
  afterAll(async () => {
    await session?.close();
  });

  it('opens runpod.env in the RunPod Env language', async () => {
    const { editor, step } = session;
    await step('open runpod.env with Ctrl+P', () => editor.openFile('runpod.env'));
    const text = await step('read the editor text', () => editor.visibleText());
    expect(text).toContain('{{ RUNPOD_SECRET_hf-tokn }}');
    const language = await step('read the language in the status bar', () => editor.languageStatus());
    expect(language).toBe('RunPod Env');
    await session.screenshot('runpod-env-open');
  });
});
