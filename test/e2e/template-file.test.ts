/**
 * The sample pytorch-train.runpod.json in the real editor: its breadcrumb is the JSON language's
 * alone (our symbols used to add a second "RunPod Templates & Secrets" group), and Push Template
 * over the account template of the same name asks first, saying what changes; Cancel writes
 * nothing, Update applies the file.
 */
import { describe, expect, it } from 'vitest';
import type { Template } from '../../client/src/runpod/types.js';
import { useEditorSession } from './harness/session.js';

describe('a template file in the editor', () => {
  const session = useEditorSession('template-file');

  /** The account's pytorch-train template, read from the fake API over HTTP. */
  async function accountTemplate(): Promise<Template> {
    const { fake } = session().stack;
    const response = await fetch(`${fake.url}/templates`, { headers: { authorization: `Bearer ${fake.apiKey}` }, signal: AbortSignal.timeout(10_000) });
    expect(response.status).toBe(200);
    return ((await response.json()) as { templates: Template[] }).templates.find((t) => t.name === 'pytorch-train')!;
  }

  it('the breadcrumb on an env key is the JSON path, with no second symbol group', async () => {
    const { editor, page, step } = session();
    await session().openFile('pytorch-train.runpod.json');
    await step('put the cursor on HF_TOKEN (line 9)', () => editor.goTo(9, 8));
    const crumbs = page.locator('.editor-group-container.active .breadcrumbs-control').first();
    let text = '';
    await step('wait for the breadcrumb to reach HF_TOKEN', () =>
      editor.poll(async () => /HF_TOKEN/.test((text = (await crumbs.innerText()).replace(/\s+/g, ' '))), 'a breadcrumb ending in HF_TOKEN'),
    );
    expect(text).toMatch(/pytorch-train\.runpod\.json.*env.*HF_TOKEN/);
    expect(text).not.toContain('RunPod Templates & Secrets');
    expect(text).not.toContain('JSON Language Features');
    await session().screenshot('breadcrumb');
  });

  it('Push Template asks before updating the account template; Cancel sends nothing, Update applies the file', async () => {
    const { editor, step } = session();
    const before = await accountTemplate();
    expect(Object.keys(before.env)).toEqual(['HF_TOKEN', 'HF_HOME']);
    await session().openFile('pytorch-train.runpod.json');

    await step('run RunPod: Push Template...', () => editor.runCommand('RunPod: Push Template...'));
    const question = await step('the confirmation: Cancel', () => editor.answerDialog('Cancel'));
    expect(question).toContain('Update template pytorch-train on your RunPod account?');
    expect(question).toContain('image unchanged; env: +OPENAI_API_KEY, +MODEL_ID, -HF_HOME');
    expect(question).not.toContain('RUNPOD_SECRET');
    expect(await accountTemplate()).toEqual(before);

    await step('run RunPod: Push Template... again', () => editor.runCommand('RunPod: Push Template...'));
    await step('the confirmation: Update', () => editor.answerDialog('Update'));
    await step('wait for "Updated template"', () => editor.waitForNotification(/Updated template pytorch-train/));
    const after = await accountTemplate();
    expect(after.id).toBe(before.id);
    expect(after.env).toEqual({
      HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}',
      OPENAI_API_KEY: '{{ RUNPOD_SECRET_openai-key }}',
      MODEL_ID: 'meta-llama/Llama-3.1-8B',
    });

    await step('run RunPod: Push Template... a third time', () => editor.runCommand('RunPod: Push Template...'));
    await step('wait for "already up to date"', () => editor.waitForNotification(/pytorch-train on your RunPod account is already up to date/));
    await session().screenshot('up-to-date');
  });
});
