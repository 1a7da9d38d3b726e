/**
 * Issue 5's error states when no list was ever fetched (no stale knowledge to fall back on), in a
 * session started signed out:
 *   1. a key RunPod rejects is refused by Set API Key and not saved; nothing changes;
 *   2. with the API unreachable, Set API Key offers "Save Anyway"; saved, the status bar says offline,
 *      the tree shows an offline error node with Retry (and no list), and no unknown-secret
 *      diagnostic is invented;
 *   3. the API comes back: clicking the error node (Retry) connects and the typo becomes a warning.
 * Then, with a list known, the two causes a valid key can still meet:
 *   4. no permission (403, the fake's --key-access none): Refresh shows "The API key has no permission
 *      for secrets" with Retry and Set API Key above the last list;
 *   5. rate limited (429, the fake's --rate-limit 1, the minute's request used up by another client of
 *      the account): Refresh shows "Rate limited by RunPod" — RunPod's Retry-After is beyond what the
 *      extension waits for (30 s), so it is reported; Retry within the window sends one probe, whose
 *      429 says how long to wait;
 *   6. the limit lifted and the window RunPod named over, clicking the node (Retry) brings the list back.
 * In 4 and 5 the last good list is kept, so the typo stays flagged, as Information (the list is stale).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Editor } from './harness/editor.js';
import { accountSecretNames, restartFakeApi, stopFakeApi, useUpRateLimit, type RestartedFake, type RestartOptions } from './harness/fakeApi.js';
import { findLeaks, leakSearchRoots } from './harness/leaks.js';
import { useEditorSession, type EditorSession } from './harness/session.js';

const VIEW = 'Secrets';
const TYPO = 'hf-tokn';
const TYPO_LINE = `HF_HUB_TOKEN={{ RUNPOD_SECRET_${TYPO} }}`;

/** The Refresh button in the Secrets view's title bar (shown while the pointer is over the header). */
async function clickViewRefresh(editor: Editor): Promise<void> {
  const pane = editor.view(VIEW);
  await pane.locator('.pane-header').hover();
  const button = pane.locator('.pane-header .actions .action-label[aria-label^="Refresh"]').first();
  await button.waitFor({ state: 'visible' });
  await button.click();
}

/** "Try again in N s" of a refresh warning: the wait RunPod named, in seconds. */
function tryAgainSeconds(toast: string): number {
  const match = /Try again in (\d+) s/.exec(toast);
  if (!match) throw new Error(`no "Try again in N s" in ${JSON.stringify(toast)}`);
  return Number(match[1]);
}

/**
 * The typo is still flagged from the last good list, but as Information (the list is stale), and
 * nothing in runpod.env is a warning.
 */
async function typoIsInformationOnly(editor: Editor): Promise<void> {
  expect(await editor.linesContaining(TYPO_LINE)).toEqual([TYPO_LINE]);
  await editor.waitForSquiggleOn(TYPO, 'info');
  await editor.waitForNoSquiggleOn(TYPO, 'warning');
  expect(await editor.squiggledLines('warning')).toEqual([]);
}

const BROKEN = 'E2E_BROKEN=';
const BROKEN_LINE = `${BROKEN}{{ RUNPOD_SECRET_`;

/**
 * The typo carries no squiggle of any kind in a report the server made after the latest state
 * change. Waiting for a squiggle to be absent proves nothing on its own (it holds at once, before
 * the server has looked again), so an edit anchors it: an open reference typed at the end of
 * runpod.env is malformed whatever the account, so its error squiggle is certain, and it comes
 * with a report for the edited file made with whatever list the server holds now (the list is sent
 * as the state changes, before this edit). The squiggles drawn with it are that report's. Then the
 * edit is undone, and the file is as before.
 */
async function typoUnflaggedInAFreshReport(session: EditorSession): Promise<void> {
  const { editor, page, step } = session;
  await session.openFile('runpod.env');
  const before = await editor.visibleText();
  await step('type a malformed reference on a new last line', async () => {
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await editor.type(BROKEN_LINE);
    await editor.escape(); // close any suggestions opened while typing
    await editor.poll(async () => (await editor.linesContaining(BROKEN)).join() === BROKEN_LINE, 'the typed line');
  });
  await step('the malformed reference is an error: the server analysed the edited file', () => editor.waitForSquiggleOn(BROKEN_LINE, 'error'));
  // That report's squiggles, read in one go: the editor redraws them while it scrolls to the new
  // line, so a read between two frames may see none; a wrong report stays wrong and times out.
  await step('in that report the error is the only squiggle: none on the typo', () =>
    editor.poll(async () => {
      const [errors, warnings, infos] = [await editor.squiggledLines('error'), await editor.squiggledLines('warning'), await editor.squiggledLines('info')];
      return errors.join('\n') === BROKEN_LINE && warnings.length === 0 && infos.length === 0;
    }, 'the malformed reference alone squiggled'),
  );
  expect(await editor.linesContaining(TYPO_LINE)).toEqual([TYPO_LINE]);
  await step('Ctrl+Z until the file is as it was; the error is gone', async () => {
    await editor.poll(async () => {
      if ((await editor.visibleText()) === before) return true;
      await page.keyboard.press('Control+Z');
      return false;
    }, 'the file as it was');
    await editor.waitForNoSquiggleOn(BROKEN, 'error');
  });
}

/** F1 > RunPod: Set API Key..., type `key` into the masked box, Enter. */
async function setApiKey(editor: Editor, key: string): Promise<void> {
  await editor.runCommand('RunPod: Set API Key...');
  const box = await editor.quickInputBox();
  await editor.poll(async () => (await box.getAttribute('type')) === 'password', 'a masked key input');
  await editor.answerQuickInput(key);
}

describe('error states without a cached list: rejected key, offline, Retry', () => {
  const session = useEditorSession('errors', { apiKeyInEnv: false });
  const wrongKey = `rp_e2e_wrong_${randomBytes(12).toString('hex')}`;
  let restarted: RestartedFake | undefined;
  /** When the rate-limit window the extension was told of (step 5) is over. */
  let waitUntil = 0;
  afterAll(async () => {
    await restarted?.stop();
  });
  /**
   * Connected: the status bar counts the secrets, the tree lists the account's secrets and nothing
   * else, the typo is a warning (not Information); then a screenshot named `shot`.
   */
  const expectConnected = async (shot: string): Promise<void> => {
    const { editor, step, stack } = session();
    await step('the status bar says "RunPod: 3 secrets"', () => editor.waitForRunpodStatus('RunPod: 3 secrets'));
    await step('the tree lists the account secrets alone', () =>
      editor.poll(async () => (await editor.treeLabels(VIEW)).join(',') === 'db_password,hf-token,openai-key', 'the three secrets alone'),
    );
    expect(await editor.treeLabels(VIEW)).toEqual(await accountSecretNames(stack));
    await step('the typo is a warning', () => editor.waitForSquiggleOn(TYPO, 'warning'));
    expect(await editor.squiggledLines('info')).not.toContain(TYPO_LINE);
    await session().screenshot(shot);
  };
  /** Stop the running fake and start it again on the same port and account with `options`. */
  const swapFake = async (options: RestartOptions): Promise<void> => {
    await restarted?.stop();
    restarted = undefined;
    restarted = await restartFakeApi(session().stack, options);
  };

  it('1. a key RunPod rejects is refused and not saved', async () => {
    const { editor, step } = session();
    await step('the status bar says signed out', () => editor.waitForRunpodStatus('RunPod: signed out'));
    await session().openFile('runpod.env');
    await step('F1 > RunPod: Set API Key..., type a wrong key', () => setApiKey(editor, wrongKey));
    const toast = await step('an error says RunPod rejected it and it was not saved', () =>
      editor.waitForNotification(/RunPod rejected this key/),
    );
    expect(toast).toMatch(/not saved/);
    expect(toast).not.toContain(wrongKey);
    await step('Retry brings the key box back, empty after a rejection; Escape gives up', async () => {
      await editor.clickNotificationButton(/RunPod rejected this key/, 'Retry');
      const box = await editor.quickInputBox();
      expect(await box.inputValue()).toBe('');
      await editor.escape();
      await editor.quickInput().waitFor({ state: 'hidden' });
    });
    await step('still signed out, with the welcome content', async () => {
      await editor.waitForRunpodStatus('RunPod: signed out');
      await editor.openViewContainer('RunPod');
      await editor.view(VIEW).locator('.welcome-view-content .monaco-button', { hasText: 'Set API Key' }).first().waitFor();
    });
    await typoUnflaggedInAFreshReport(session());
  });

  it('2. offline with no list known: an offline error node with Retry, and no invented diagnostics', async () => {
    const { editor, step, stack } = session();
    await step('the API goes away (the fake is stopped)', () => stopFakeApi(stack));
    await step('F1 > RunPod: Set API Key..., type the right key', () => setApiKey(editor, stack.fake.apiKey));
    const toast = await step('a warning says the key could not be checked, offering Save Anyway', () =>
      editor.waitForNotification(/Could not check the key/),
    );
    expect(toast).toContain('Save Anyway');
    await step('click Save Anyway', () => editor.clickNotificationButton(/Could not check the key/, 'Save Anyway'));
    await step('the status bar says offline (no fetch time: nothing was ever fetched)', () => editor.waitForRunpodStatus('RunPod: offline'));
    await step('the tree shows one offline error node', () =>
      editor.poll(async () => (await editor.treeLabels(VIEW)).join('|') === 'Offline: RunPod cannot be reached', 'the offline node alone'),
    );
    expect((await editor.treeRows(VIEW))[0]).toContain('Retry');
    await session().screenshot('offline-no-list');
    // The account is unknown: no squiggle of any kind on the typo (nor on any reference).
    await typoUnflaggedInAFreshReport(session());
  });

  it('3. when the API is back, clicking the error node (Retry) connects', async () => {
    const { editor, step, stack } = session();
    restarted = await step('the API comes back (same port, same account)', () => restartFakeApi(stack));
    await step('click the offline node (Retry)', () => editor.treeRow(VIEW, 'Offline: RunPod cannot be reached').click());
    await expectConnected('reconnected');
  });

  it('4. a key without permission: the no-permission node with Retry and Set API Key, above the last list', async () => {
    const { editor, step, stack } = session();
    await step('the key loses its access (the fake restarts with --key-access none)', () =>
      swapFake({ keyAccess: 'none', logName: 'fake-runpod-no-access.log' }),
    );
    await step('click Refresh in the Secrets view title', () => clickViewRefresh(editor));
    const toast = await step('a warning says the key lacks permission (403)', () => editor.waitForNotification(/Could not refresh the RunPod secrets/));
    expect(toast).toMatch(/lacks permission to list secrets \(403\)/);
    expect(toast).not.toContain(stack.fake.apiKey);
    await step('close the warning', () => editor.closeNotification(/lacks permission/));

    await step('the tree shows the no-permission node, then Set API Key', () =>
      editor.poll(async () => (await editor.treeLabels(VIEW))[0] === 'The API key has no permission for secrets', 'the no-permission node'),
    );
    const labels = await editor.treeLabels(VIEW);
    expect(labels.slice(0, 2)).toEqual(['The API key has no permission for secrets', 'Set API Key…']);
    // The last good list stays below: a 403 does not make the account's secrets unknown.
    expect(labels.slice(2)).toEqual(['db_password', 'hf-token', 'openai-key']);
    expect((await editor.treeRows(VIEW))[0]).toContain('Retry');
    await step('the status bar says "no permission" with the time of the last good list', () =>
      editor.waitForRunpodStatus(/^RunPod: no permission \(\d\d:\d\d UTC\)$/),
    );
    await step('the typo stays flagged, as Information (the list is stale), not as a warning', () => typoIsInformationOnly(editor));
    // A secrets refresh leaves the Pods alone (same key, same account); the Pods view has its own
    // refresh, in the Command Palette too. It meets the same 403 (not retried), so none of its calls
    // is still under way when step 5 counts requests.
    await step('F1 > RunPod: Refresh Pods', () => editor.runCommand('RunPod: Refresh Pods'));
    // The row names what failed, and beside it the cause (the whole message is its tooltip).
    await step('the Pods view says it could not list Pods: the key has no permission', () =>
      editor.poll(async () => (await editor.treeRows('Pods')).some((row) => /Could not list Pods[\s\S]*The API key has no permission/.test(row)), 'the Pods view 403'),
    );
    await session().screenshot('no-permission-tree');
  });

  it('5. rate limited: the rate-limited node with Retry; RunPod\'s long Retry-After is reported, not waited for', async () => {
    const { editor, step, stack } = session();
    await step('the key gets its access back under a 1-request-a-minute limit (the fake restarts with --rate-limit 1)', () =>
      swapFake({ rateLimitPerMinute: 1, logName: 'fake-runpod-rate-limited.log' }),
    );
    const retryAfter = await step('another client of the account uses up the minute (RunPod limits per user)', () => useUpRateLimit(stack));
    // Beyond the 30 s the extension waits for (DEFAULT_RETRY_POLICY.maxRetryAfterMs): it must report.
    expect(retryAfter).toBeGreaterThan(30);

    await step('F1 > RunPod: Refresh Secrets', () => editor.runCommand('RunPod: Refresh Secrets'));
    const first = await step('a warning says RunPod is rate-limiting the key, and for how long', () =>
      editor.waitForNotification(/Could not refresh the RunPod secrets: .*Try again in \d+ s/),
    );
    // Either the list call met the 429 itself, or the Pods view's concurrent call met it first and the
    // list call was then held back by the window that 429 stated: both are the rate limit, reported.
    expect(first).toMatch(/rate-limiting this API key \(429\)|request quota for this API key is used up/);
    expect(tryAgainSeconds(first)).toBeGreaterThan(30);
    expect(first).not.toContain(stack.fake.apiKey);
    await step('close the warning', () => editor.closeNotification(/Try again in/));

    await step('the tree shows the rate-limited node above the last list', () =>
      editor.poll(async () => (await editor.treeLabels(VIEW))[0] === 'Rate limited by RunPod', 'the rate-limited node'),
    );
    expect(await editor.treeLabels(VIEW)).toEqual(['Rate limited by RunPod', 'db_password', 'hf-token', 'openai-key']);
    expect((await editor.treeRows(VIEW))[0]).toContain('Retry');

    // A Retry the user asks for inside the window goes out as one probe (a wrong belief must not lock
    // the user out); RunPod's answer, another 429, says how long. A concurrent background call may
    // take the probe first, and then this one is held back, not sent: either way, the wait is stated.
    await step('click the rate-limited node (Retry) at once', () => editor.treeRow(VIEW, 'Rate limited by RunPod').click());
    const second = await step('a warning says the key is still rate-limited, and for how long to wait', () =>
      editor.waitForNotification(/(rate-limiting this API key \(429\)|was not sent).*Try again in \d+ s/),
    );
    waitUntil = Date.now() + tryAgainSeconds(second) * 1000;
    expect(tryAgainSeconds(second)).toBeGreaterThan(0);
    await step('close the warning', () => editor.closeNotification(/Try again in/));
    expect(await editor.treeLabels(VIEW)).toEqual(['Rate limited by RunPod', 'db_password', 'hf-token', 'openai-key']);
    await step('the status bar says "rate limited" with the time of the last good list', () =>
      editor.waitForRunpodStatus(/^RunPod: rate limited \(\d\d:\d\d UTC\)$/),
    );
    await session().screenshot('rate-limited-tree');

    await step('the typo stays flagged, as Information, not as a warning', () => typoIsInformationOnly(editor));
  });

  it('6. with the limit lifted and the window over, clicking the node (Retry) brings the list back', async () => {
    const { editor, step, page } = session();
    await step('the limit is lifted (the fake restarts with its defaults)', () => swapFake({ logName: 'fake-runpod-unlimited.log' }));
    // The extension keeps to the window RunPod stated (RunPod would refuse before it ends), so the user
    // waits what the warning said — "Wait a minute, then retry", says the node. This wait is the
    // scenario's, not a guess at the editor's speed: it is the product's stated lower bound.
    await step('wait out the window the warning named', () => page.waitForTimeout(Math.max(0, waitUntil - Date.now())), 90_000);
    await step('click the rate-limited node (Retry)', () => editor.treeRow(VIEW, 'Rate limited by RunPod').click());
    await expectConnected('back-after-rate-limit');
  });

  it('7. neither key typed is on disk anywhere', () => {
    expect(findLeaks(leakSearchRoots(session()), [wrongKey, session().stack.fake.apiKey]).map((leak) => leak.file)).toEqual([]);
  });
});
