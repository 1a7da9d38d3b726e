/**
 * Issue 13, accounts in the real editor. Two accounts on one API origin (as RunPod serves every
 * account from one URL): the group's fake is account "default" (its key arrives as RUNPOD_API_KEY),
 * a second fake is the team account, and a front in this process routes each request by its key.
 *   1. Add Account (name, masked key): the team account becomes active; the Secrets view lists the
 *      team's secrets, and the squiggles follow its list (the typo hf-tokn is a team secret; hf-token
 *      is not);
 *   2. a click on the account in the status bar, "default": the view and the squiggles come back.
 * The team key is typed once and is nowhere on disk afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index.js';
import { startAccountFront, type AccountFront } from '../helpers/accountFront.js';
import type { Editor } from './harness/editor.js';
import { findLeaks, leakSearchRoots } from './harness/leaks.js';
import { useEditorSession } from './harness/session.js';

const VIEW = 'Secrets';
const TEAM_KEY = `rp_e2e_team_${Date.now().toString(36)}_key`;
const TYPO = 'hf-tokn';

/** The account item of the status bar (its text is the account name). */
function accountItem(editor: Editor, name: string): Locator {
  return editor.page.locator('.statusbar-item', { hasText: new RegExp(`^\\s*${name}\\s*$`) }).first();
}

describe('accounts: add one, switch from the status bar; the tree and the squiggles follow', () => {
  let team: FakeRunpod;
  let front: AccountFront;
  // Filled before the editor starts: the user settings point runpod.apiUrl at the front.
  const settings: Record<string, unknown> = {};

  beforeAll(async () => {
    team = await startFakeRunpod({ apiKey: TEAM_KEY });
    for (const name of [TYPO, 'team-db']) {
      const created = await fetch(`${team.url}/account/secrets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEAM_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name, value: `${name}-value` }),
      });
      expect(created.status).toBe(201);
    }
    // Held until the group's fake exists (its key is made with the editor): requests wait, not fail.
    front = await startAccountFront({ held: true });
    settings['runpod.apiUrl'] = front.url;
  });
  const session = useEditorSession('accounts', { settings });
  beforeAll(() => {
    front.route('default', session().stack.fake);
    front.route('team', team);
    front.open();
  });
  afterAll(async () => {
    await front?.close();
    await team?.close();
  });

  it('1. Add Account makes the team account active: its secrets in the view, its list behind the squiggles', async () => {
    const { editor, step } = session();
    await step('the status bar says "RunPod: 3 secrets", the account item "default"', async () => {
      await editor.waitForRunpodStatus('RunPod: 3 secrets');
      await accountItem(editor, 'default').waitFor();
    });
    await session().openFile('runpod.env');
    await step(`the typo ${TYPO} is a warning`, () => editor.waitForSquiggleOn(TYPO, 'warning'));

    await step('F1 > RunPod: Add Account...', () => editor.runCommand('RunPod: Add Account...'));
    await step('step 1/2: the name', async () => {
      await editor.waitForQuickInputTitle('1/2');
      await editor.answerQuickInput('team');
    });
    await step('step 2/2: the key, masked', async () => {
      await editor.waitForQuickInputTitle('2/2');
      const box = await editor.quickInputBox();
      expect(await box.getAttribute('type')).toBe('password');
      await editor.answerQuickInput(TEAM_KEY);
    });
    await step('"RunPod account team added and active"', () => editor.waitForNotification(/RunPod account team added and active/));
    await step('the status bar: "RunPod: 2 secrets", account team', async () => {
      await editor.waitForRunpodStatus('RunPod: 2 secrets');
      await accountItem(editor, 'team').waitFor();
    });
    await step('the Secrets view lists the team secrets', async () => {
      await editor.openViewContainer('RunPod');
      await editor.poll(async () => (await editor.treeLabels(VIEW)).join(',') === `${TYPO},team-db`, 'the team secrets in the tree');
    });
    await step(`${TYPO} is known now; hf-token is not`, async () => {
      await editor.waitForNoSquiggleOn(TYPO, 'warning');
      await editor.waitForSquiggleOn('RUNPOD_SECRET_hf-token', 'warning');
    });
    await session().screenshot('team-active');
    // Only the team key went to the team account; the check and the refresh reached it.
    expect(front.requests.filter((r) => r.account === 'team').length).toBeGreaterThan(0);
    expect(front.requests.filter((r) => r.authorization === `Bearer ${TEAM_KEY}`).every((r) => r.account === 'team')).toBe(true);
  });

  it('2. a click on the account in the status bar switches back: the tree and the squiggles follow', async () => {
    const { editor, step } = session();
    await step('click "team" in the status bar', () => accountItem(editor, 'team').click());
    await step('the quick pick marks team active; pick "default"', async () => {
      await editor.waitForQuickInputTitle('RunPod: Switch Account');
      const rows = await editor.quickInputRows();
      expect(rows.find((row) => row.includes('team'))).toMatch(/active/);
      await editor.pickQuickItem('default');
    });
    await step('the status bar: "RunPod: 3 secrets", account default', async () => {
      await editor.waitForRunpodStatus('RunPod: 3 secrets');
      await accountItem(editor, 'default').waitFor();
    });
    await step('the Secrets view lists the default account secrets', () =>
      editor.poll(async () => (await editor.treeLabels(VIEW)).join(',') === 'db_password,hf-token,openai-key', 'the default secrets in the tree'),
    );
    await step(`${TYPO} is a warning again; hf-token is known`, async () => {
      await editor.waitForSquiggleOn(TYPO, 'warning');
      await editor.waitForNoSquiggleOn('RUNPOD_SECRET_hf-token', 'warning');
    });
    await session().screenshot('default-again');
    expect(findLeaks(leakSearchRoots(session()), [TEAM_KEY]).map((leak) => leak.file)).toEqual([]);
  });
});
