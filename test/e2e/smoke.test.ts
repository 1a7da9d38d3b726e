/**
 * Smoke: the packaged extension is installed in a real VS Code, owns the RunPod env files of the
 * sample workspace, and leaves plain .env files to VS Code's own language (with reference hovers).
 */
import { describe, expect, it } from 'vitest';
import { accountSecretNames } from './harness/fakeApi.js';
import { useEditorSession } from './harness/session.js';

describe('smoke: sample workspace in a real editor', () => {
  const session = useEditorSession('smoke');

  it('opens runpod.env in the RunPod Env language', async () => {
    const { editor, step } = session();
    await step('open runpod.env with Ctrl+P', () => editor.openFile('runpod.env'));
    const text = await step('read the editor text', () => editor.visibleText());
    expect(text).toContain('{{ RUNPOD_SECRET_hf-tokn }}');
    const language = await step('read the language in the status bar', () => editor.languageStatus());
    expect(language).toBe('RunPod Env');
    await session().screenshot('runpod-env-open');
  });

  it('is signed in with the key handed over as RUNPOD_API_KEY', async () => {
    const { editor, step } = session();
    const count = (await accountSecretNames(session().stack)).length;
    // No key was typed: the extension stored RUNPOD_API_KEY from its environment and fetched the list.
    await step('the status bar shows the account secrets', () =>
      editor.poll(async () => (await editor.statusBarTexts()).includes(`RunPod: ${count} secrets`), `"RunPod: ${count} secrets" in the status bar`),
    );
  });

  it('leaves a plain .env file to VS Code and still explains its references', async () => {
    const { editor, step } = session();
    await session().openFile('.env');
    expect(await step('read the language', () => editor.languageStatus())).not.toBe('RunPod Env');
    // Reference features work in dotenv files too: the hover names the secret and its description.
    const hover = await step('hover the openai-key reference', () => editor.hoverOn('openai-key }}', 'OpenAI API key for evals'));
    expect(hover).toContain('openai-key');
    expect(hover).not.toContain('sk-fake-demo'); // the seeded value (test/fake-runpod/seed.ts)
    await session().screenshot('dotenv-hover');
  });
});
