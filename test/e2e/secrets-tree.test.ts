/**
 * Issue 7, scenario 3 (+6): the Secrets tree lists the account's secrets; Create Secret from the
 * command palette (three steps, masked value); Edit Secret Value from the
 * tree's context menu; Delete asks for the typed name — a wrong name deletes nothing, the right one
 * deletes, and references to it become diagnostics. The value typed is then nowhere on disk.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { accountSecretNames, accountSecrets } from './harness/fakeApi.js';
import { findLeaks, leakSearchRoots, runpodLogFiles } from './harness/leaks.js';
import { useEditorSession } from './harness/session.js';
import type { Editor } from './harness/editor.js';
import type { Page } from 'playwright-core';

const VIEW = 'Secrets';

/**
 * Right-click `name` > Delete Secret. A refresh of the tree that lands under the click (the one after
 * the previous test's write, on a loaded machine) leaves the command without its row: VS Code then
 * passes no element and Delete Secret asks which secret, as from the palette. Either way the user
 * ends at the same warning for `name`.
 */
async function openDelete(editor: Editor, page: Page, name: string): Promise<void> {
  await editor.treeRowMenu(VIEW, name, 'Delete Secret');
  const dialog = page.locator('.monaco-dialog-box');
  const picker = page.locator('.quick-input-widget input.input[placeholder="Choose a secret"]');
  await editor.poll(async () => (await dialog.isVisible()) || (await picker.isVisible()), 'the delete warning, or the secret picker');
  if (await picker.isVisible()) await editor.pickQuickItem(name);
}

describe('Secrets tree: list, edit value, delete with typed confirmation', () => {
  const session = useEditorSession('secrets-tree');
  const newValue = `e2e-edit-${randomBytes(9).toString('hex')}`;
  const createdValue = `e2e-new-${randomBytes(9).toString('hex')}`;

  it('lists the account secrets', async () => {
    const { editor, step } = session();
    await step('open the RunPod view', () => editor.openViewContainer('RunPod'));
    const rows = await step('read the Secrets tree', async () => {
      await editor.poll(async () => (await editor.treeRows(VIEW)).some((row) => row.includes('hf-token')), 'hf-token in the tree');
      return editor.treeRows(VIEW);
    });
    const names = await accountSecretNames(session().stack);
    expect(names.length).toBeGreaterThan(0);
    expect(await editor.treeLabels(VIEW)).toEqual(names);
    // Descriptions are shown next to names.
    expect(rows.find((row) => row.includes('hf-token'))).toContain('Hugging Face read token');
    await session().screenshot('tree');
  });

  it('creates a secret from the command palette in three steps', async () => {
    const { editor, step } = session();
    await step('F1 > RunPod: Create Secret...', () => editor.runCommand('RunPod: Create Secret...'));
    await step('step 1: a name the API rejects is refused as typed', async () => {
      await editor.waitForQuickInputTitle('1/3');
      await editor.type('RUNPOD_TOKEN');
      await editor.poll(async () => /RUNPOD/i.test(await editor.quickInputMessage()), 'a message about the RUNPOD prefix');
    });
    await step('step 1: type a valid name, Enter', () => editor.answerQuickInput('e2e-palette', { clear: true }));
    await step('step 2: masked value, Enter', async () => {
      await editor.waitForQuickInputTitle('2/3');
      const box = await editor.quickInputBox();
      expect(await box.getAttribute('type')).toBe('password');
      await editor.answerQuickInput(createdValue);
    });
    await step('step 3: description, Enter', async () => {
      await editor.waitForQuickInputTitle('3/3');
      await editor.answerQuickInput('made in the e2e run');
    });
    await step('the tree lists it', () =>
      editor.poll(async () => (await editor.treeLabels(VIEW)).includes('e2e-palette'), 'e2e-palette in the tree'),
    );
    const created = (await accountSecrets(session().stack)).find((secret) => secret.name === 'e2e-palette');
    expect(created?.description).toBe('made in the e2e run');
  });

  it('edits a value through a masked input', async () => {
    const { editor, step } = session();
    const before = (await accountSecrets(session().stack)).find((s) => s.name === 'db_password');
    await step('right-click db_password > Edit Secret Value', () => editor.treeRowMenu(VIEW, 'db_password', 'Edit Secret Value'));
    await step('the value input is masked', async () => {
      const box = await editor.quickInputBox();
      await editor.poll(async () => (await box.getAttribute('type')) === 'password', 'a password input box');
    });
    await step('type the new value, Enter', () => editor.answerQuickInput(newValue));
    await step('the account shows a new value time', () =>
      editor.poll(async () => {
        const after = (await accountSecrets(session().stack)).find((s) => s.name === 'db_password');
        return after?.valueLastUpdatedAt != null && after.valueLastUpdatedAt !== before?.valueLastUpdatedAt;
      }, 'db_password valueLastUpdatedAt to change'),
    );
    await session().screenshot('value-edited');
  });

  it('deletes nothing on a wrong typed name', async () => {
    const { editor, page, step } = session();
    await step('right-click hf-token > Delete Secret', () => openDelete(editor, page, 'hf-token'));
    const warning = await step('the warning lists references, Continue', () => editor.answerDialog('Continue'));
    expect(warning).toContain('runpod.env');
    await step('type a wrong name, Enter', () => editor.answerQuickInput('hf-tokens'));
    const message = await step('the input stays open and says why', async () => {
      // The prompt already names hf-token before validation runs: wait for the validation text itself,
      // and keep the text that matched (a second read raced a re-render under load in CI run 22).
      let seen = '';
      await editor.poll(async () => /not the secret's name/i.test((seen = await editor.quickInputMessage())), 'a validation message');
      return seen;
    });
    expect(message).toMatch(/not the secret's name/i);
    await step('Escape', async () => {
      await editor.escape();
      await editor.quickInput().waitFor({ state: 'hidden' });
    });
    expect(await accountSecretNames(session().stack)).toContain('hf-token');
    expect(await editor.treeLabels(VIEW)).toContain('hf-token');
  });

  it('deletes on the right typed name and the references turn into diagnostics', async () => {
    const { editor, page, step } = session();
    await step('right-click hf-token > Delete Secret', () => openDelete(editor, page, 'hf-token'));
    await step('Continue past the warning', () => editor.answerDialog('Continue'));
    await step('type hf-token, Enter', () => editor.answerQuickInput('hf-token'));
    await step('the account no longer has hf-token', () =>
      editor.poll(async () => !(await accountSecretNames(session().stack)).includes('hf-token'), 'hf-token deleted on the API'),
    );
    await step('hf-token leaves the tree, the others stay', () =>
      editor.poll(async () => {
        const labels = await editor.treeLabels(VIEW);
        return labels.join(',') === 'db_password,e2e-palette,openai-key';
      }, 'a tree of db_password, e2e-palette and openai-key'),
    );
    await session().openFile('runpod.env');
    await step('the hf-token reference is flagged', () => editor.waitForSquiggleOn('HF_TOKEN={{ RUNPOD_SECRET_hf-token }}'));
    await session().screenshot('deleted');
  });

  it('never writes the values typed or the API key to logs, output channel or storage', () => {
    expect(runpodLogFiles(session().stack).length).toBeGreaterThan(0);
    // Control: the search does find what the log legitimately holds (the API paths it called).
    expect(findLeaks(leakSearchRoots(session()), ['/account/secrets']).some((leak) => /RunPod/.test(leak.file))).toBe(true);
    // Neither the value typed nor the API key (handed over as RUNPOD_API_KEY) is on disk anywhere.
    expect(findLeaks(leakSearchRoots(session()), [newValue, createdValue, session().stack.fake.apiKey]).map((leak) => leak.file)).toEqual([]);
  });
});
