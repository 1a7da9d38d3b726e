/**
 * Issue 5 (stale knowledge, status bar, error node) through issue 7's real editor:
 *   1. offline restart: the secrets load, the API goes away, the window reloads — the status bar says
 *      offline with the time of the last good fetch, the tree still lists the names under an offline
 *      node, the typo is flagged as Information (not a warning) naming that time, completion still
 *      offers the cached names;
 *   2. recovery: the API comes back, Refresh — connected, the typo is a warning again;
 *   3. key rejected: the API now wants another key, Refresh — an error node with Retry and Set API
 *      Key, and no unknown-secret warning for names the cached list has;
 *   4. Clear API Key: welcome content, no unknown-secret diagnostics at all, signed out.
 * The steps build on each other (one editor for the group), as a user's afternoon would.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Editor } from './harness/editor.js';
import { accountSecretNames, restartFakeApi, stopFakeApi, type RestartedFake } from './harness/fakeApi.js';
import { findLeaks, leakSearchRoots, runpodLogFiles } from './harness/leaks.js';
import { useEditorSession } from './harness/session.js';

const VIEW = 'Secrets';
const TYPO = 'hf-tokn';
const TYPO_LINE = `HF_HUB_TOKEN={{ RUNPOD_SECRET_${TYPO} }}`;

/** Lines of the active editor carrying a warning or error squiggle. */
async function warnedLines(editor: Editor): Promise<string[]> {
  return [...(await editor.squiggledLines('warning')), ...(await editor.squiggledLines('error'))];
}

describe('offline restart, recovery, rejected key and Clear API Key', () => {
  const session = useEditorSession('offline');
  /** The fake started in place of the stack's own (stopped here: the stack knows only its first). */
  let restarted: RestartedFake | undefined;
  /** The key the API wants from scenario 3 on; the extension still holds the group's key. */
  const otherKey = `rp_e2e_other_${randomBytes(12).toString('hex')}`;
  afterAll(async () => {
    await restarted?.stop();
  });

  it('1. after a reload without the API, the last good list is kept as stale knowledge', async () => {
    const { editor, step, page, stack } = session();
    const names = await accountSecretNames(stack);
    expect(names).toEqual(['db_password', 'hf-token', 'openai-key']);

    await step('the status bar says "RunPod: 3 secrets" (connected)', () => editor.waitForRunpodStatus(/^RunPod: 3 secrets$/, 'cloud'));
    await session().openFile('runpod.env');
    await step('the typo is a warning', () => editor.waitForSquiggleOn(TYPO, 'warning'));

    await step('the API goes away (the fake is stopped; its port refuses connections)', () => stopFakeApi(stack));
    await step('F1 > Developer: Reload Window', () => editor.reloadWindow(), 90_000);

    const offline = await step('the status bar says offline with the time of the last good fetch', () =>
      editor.waitForRunpodStatus(/^RunPod: offline \((\d\d:\d\d) UTC\)$/, 'cloud-offline'),
    );
    const shownTime = /\((\d\d:\d\d) UTC\)/.exec(offline.text)?.[1];

    await step('the RunPod view lists the cached names under an offline node', async () => {
      await editor.openViewContainer('RunPod');
      await editor.poll(async () => (await editor.treeLabels(VIEW)).length === names.length + 1, 'an offline node and the names');
    });
    const labels = await editor.treeLabels(VIEW);
    expect(labels[0]).toMatch(/^Offline/);
    expect(labels.slice(1)).toEqual(names);
    const offlineRow = (await editor.treeRows(VIEW))[0] ?? '';
    expect(offlineRow).toContain('Retry');
    await session().screenshot('offline-tree');

    await session().openFile('runpod.env');
    await step('the typo is flagged as Information, not as a warning', async () => {
      await editor.waitForSquiggleOn(TYPO, 'info');
      await editor.waitForNoSquiggleOn(TYPO, 'warning');
    });
    expect(await warnedLines(editor)).toEqual([]);
    const problem = await step('the Problems entry for the typo names the fetch time', async () => {
      let row: string | undefined;
      await editor.poll(async () => {
        row = (await editor.problemsRows({ filter: TYPO })).find((text) => text.includes(TYPO));
        return row !== undefined;
      }, `a Problems entry for ${TYPO}`);
      return (row ?? '').replace(/\s+/g, ' ');
    });
    expect(problem).toMatch(/last fetched/);
    // The message gives the moment in UTC, `(2026-11-26 16:04 UTC)`.
    const fetchedUtc = /\((\d{4}-\d\d-\d\d) (\d\d:\d\d) UTC\)/.exec(problem);
    expect(fetchedUtc, `a fetch time in ${JSON.stringify(problem)}`).not.toBeNull();
    // The same moment the status bar shows (in UTC too: the one date rule, server/src/template/dates.ts).
    expect(fetchedUtc![2]).toBe(shownTime);
    await page.keyboard.press('Control+Shift+M'); // close Problems again

    await step('type a new reference at the end of runpod.env', async () => {
      await editor.activeEditor().click();
      await page.keyboard.press('Control+End');
      await editor.type('CACHED={{ RUNPOD_SECRET_');
      await editor.escape();
    });
    const suggestions = await step('Ctrl+Space still offers the cached names', () => editor.completionIncluding('hf-token'));
    for (const name of names) expect(suggestions).toContain(name);
    await session().screenshot('offline-completion');
    await step('close the suggestions and take the line back', async () => {
      await editor.escape();
      await page.keyboard.press('Control+Shift+K');
    });
  });

  it('2. when the API is back, Refresh reconnects and the typo is a warning again', async () => {
    const { editor, step, stack } = session();
    restarted = await step('the API comes back (the fake restarts on the same port and data)', () => restartFakeApi(stack));
    await step('F1 > RunPod: Refresh Secrets', () => editor.runCommand('RunPod: Refresh Secrets'));
    await step('the status bar says "RunPod: 3 secrets" (connected)', () => editor.waitForRunpodStatus(/^RunPod: 3 secrets$/, 'cloud'));
    await step('the offline node is gone', () =>
      editor.poll(async () => (await editor.treeLabels(VIEW)).every((label) => !/^Offline/.test(label)), 'no offline node'),
    );
    expect(await editor.treeLabels(VIEW)).toEqual(await accountSecretNames(stack));
    await step('the typo is a warning again', () => editor.waitForSquiggleOn(TYPO, 'warning'));
    expect(await editor.squiggledLines('info')).not.toContain(TYPO_LINE);
    await session().screenshot('recovered');
  });

  it('3. a rejected key shows an error node with Retry and Set API Key, and invents no warnings', async () => {
    const { editor, step, stack } = session();
    await step('the API now wants another key (the fake restarts with a new one)', async () => {
      await restarted?.stop();
      restarted = undefined;
      restarted = await restartFakeApi(stack, { apiKey: otherKey, logName: 'fake-runpod-new-key.log' });
    });
    await step('F1 > RunPod: Refresh Secrets', () => editor.runCommand('RunPod: Refresh Secrets'));
    const toast = await step('a warning says the refresh failed because of the key', () =>
      editor.waitForNotification(/Could not refresh the RunPod secrets/),
    );
    expect(toast).toMatch(/key/i);
    expect(toast).not.toContain(stack.fake.apiKey);
    expect(toast).not.toContain(otherKey);
    await step('the status bar says the key was rejected', () => editor.waitForRunpodStatus(/^RunPod: key rejected \(\d\d:\d\d UTC\)$/, 'cloud-offline'));

    await step('the tree shows the key was rejected, with Retry, then Set API Key', () =>
      editor.poll(async () => (await editor.treeLabels(VIEW))[0] === 'RunPod rejected the API key', 'the rejected-key node'),
    );
    const labels = await editor.treeLabels(VIEW);
    expect(labels.slice(0, 2)).toEqual(['RunPod rejected the API key', 'Set API Key…']);
    // The list from the last good fetch stays visible below (names are not forgotten on a 401).
    expect(labels.slice(2)).toEqual(['db_password', 'hf-token', 'openai-key']);
    expect((await editor.treeRows(VIEW))[0]).toContain('Retry');
    await session().screenshot('key-rejected-tree');

    await step('no warning is invented for names the cached list has; the typo is at most Information', async () => {
      await editor.waitForSquiggleOn(TYPO, 'info');
      expect(await warnedLines(editor)).toEqual([]);
    });

    await step('clicking "Set API Key…" asks for a key (masked); Escape leaves it', async () => {
      await editor.treeRow(VIEW, 'Set API Key…').click();
      const box = await editor.quickInputBox();
      expect(await box.getAttribute('type')).toBe('password');
      await editor.escape();
      await editor.quickInput().waitFor({ state: 'hidden' });
    });
  });

  it('4. Clear API Key shows the welcome content, drops every unknown-secret diagnostic and signs out', async () => {
    const { editor, step, page } = session();
    await step('F1 > RunPod: Clear API Key', () => editor.runCommand('RunPod: Clear API Key'));
    await step('a notification confirms it', () => editor.waitForNotification('RunPod API key cleared.'));
    await step('the status bar says signed out', () => editor.waitForRunpodStatus(/^RunPod: signed out$/, 'key'));
    const welcome = editor.view(VIEW).locator('.welcome-view-content');
    await step('the Secrets view shows its welcome content with a Set API Key button', async () => {
      await welcome.waitFor({ state: 'visible' });
      await welcome.locator('.monaco-button', { hasText: 'Set API Key' }).first().waitFor({ state: 'visible' });
    });
    expect(await editor.view(VIEW).locator('.pane-body .monaco-list-row').count()).toBe(0);
    await session().screenshot('signed-out');

    await step('the typo has no squiggle of any kind (nothing is known about the account)', async () => {
      // runpod.env is still the editor on screen, typo included: an absent squiggle means something.
      expect(await editor.linesContaining(TYPO_LINE)).toEqual([TYPO_LINE]);
      await editor.waitForNoSquiggleOn(TYPO, 'info');
      await editor.waitForNoSquiggleOn(TYPO, 'warning');
    });
    expect(await warnedLines(editor)).toEqual([]);
    expect(await editor.squiggledLines('info')).toEqual([]);
    const problems = await step('Problems lists no unknown secret', () => editor.problemsRows());
    expect(problems.filter((row) => /not in your RunPod secret list|last fetched/.test(row))).toEqual([]);
    await page.keyboard.press('Control+Shift+M');
  });

  it('5. the API key is on disk nowhere after the offline, rejected-key and sign-out paths', () => {
    const { stack } = session();
    // Control: the search finds what the RunPod log legitimately holds (the API path it called).
    expect(findLeaks(leakSearchRoots(session()), ['/account/secrets']).some((leak) => runpodLogFiles(stack).includes(leak.file))).toBe(true);
    expect(findLeaks(leakSearchRoots(session()), [stack.fake.apiKey, otherKey]).map((leak) => leak.file)).toEqual([]);
  });
});
