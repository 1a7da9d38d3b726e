/**
 * Issue 5 (Tests) and issue 7 scenario 6, complete: ONE known secret value is typed into every UI
 * path that takes a value (Create Secret from the palette, the quick fix "Create secret", Edit
 * Secret Value), the API key is typed into "RunPod: Set API Key" in a session started signed out,
 * and a hard-coded credential typed into an env file is moved into a secret with "Move value into a
 * RunPod secret". The language server's traffic is traced verbosely (runpod.trace.server plus log
 * level Trace on its channel). Then every file the run wrote (user data: logs, output channels,
 * global and workspace storage, state databases; extensions; workspace; browser profile; the fake's
 * data; new /tmp entries) and the text of both RunPod output channels on screen are searched.
 *
 * Two values on purpose: the UI value never enters a document, so it must be found nowhere; the
 * credential typed into a document is, by nature, document text: VS Code's local history keeps the
 * saved file and the LSP sends its text to the server (didOpen/didChange), so it is allowed exactly
 * there and nowhere else (not in the extension's log, storage, the fake's data, or any server reply).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak } from '../helpers/noLeak.js';
import { accountSecrets } from './harness/fakeApi.js';
import { findLeaks, leakSearchRoots, listFiles, runpodLogFiles } from './harness/leaks.js';
import { openEditorSession, type EditorSession } from './harness/session.js';

const VIEW = 'Secrets';

/** Split a log (file or on-screen channel text) into entries, each starting with its timestamp line. */
function logEntries(text: string): string[] {
  return text.split(/\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \[)/);
}

/**
 * The first line of every trace entry that mentions `value`. The document path (didOpen/didChange
 * of the file it was typed into) is expected; anything else means the server or client echoed it.
 */
function traceEntriesWith(text: string, value: string): string[] {
  return logEntries(text)
    .filter((entry) => entry.includes(value))
    .map((entry) => (entry.split('\n')[0] ?? '').replace(/^\S+ \S+ /, '').replace(/\[Trace - [^\]]*\] /, ''));
}

const DOCUMENT_SYNC = /^\[trace\] Sending notification '(textDocument\/didOpen|textDocument\/didChange)'\.$/;

describe('one secret value through every input, then searched everywhere', () => {
  let session: EditorSession;
  // The value typed into every masked input (never into a document).
  const value = `e2eLeak${randomBytes(12).toString('hex')}`;
  // A credential the user typed into an env file, then moved into a secret (alphanumeric and
  // random-looking, so the hardcoded-credential rule flags it).
  const typedCredential = `wandbE2e${randomBytes(14).toString('hex')}`;
  let tmpBefore: Set<string>;
  let apiKey: string;

  beforeAll(async () => {
    tmpBefore = new Set(readdirSync(tmpdir()));
    session = await openEditorSession('leak-everywhere', {
      apiKeyInEnv: false,
      settings: { 'runpod.trace.server': 'verbose' },
    });
    apiKey = session.stack.fake.apiKey;
    await session.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(session.stack.codeServer.url).origin });
  });
  afterAll(async () => {
    await session?.close();
  });

  /**
   * Put the cursor `offset` characters into the first occurrence of `text` in `file` (as saved) with
   * Go to Line. Not the find widget: it would remember the text searched for in workspace storage,
   * and it stays open over the editor (Ctrl+. then goes to it).
   */
  async function goToText(file: string, text: string, offset: number): Promise<void> {
    const lines = readFileSync(file, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes(text));
    if (line < 0) throw new Error(`${file} has no line with the text looked for`);
    await session.editor.goTo(line + 1, lines[line]!.indexOf(text) + offset + 1);
  }

  it('traces the language server at log level Trace (as a user asked for a bug report would)', async () => {
    const { editor, step } = session;
    for (const channel of ['RunPod Language Server', 'RunPod']) {
      await step(`F1 > Developer: Set Log Level... > ${channel} > Trace`, async () => {
        await editor.runCommand('Developer: Set Log Level...');
        await editor.pickQuickItem(channel);
        await editor.pickQuickItem('Trace');
        await editor.quickInput().waitFor({ state: 'hidden' });
      });
    }
  });

  it('signs in by typing the API key into Set API Key (no RUNPOD_API_KEY in the environment)', async () => {
    const { editor, step } = session;
    expect(await editor.statusBarTexts()).not.toContain('RunPod: 3 secrets');
    await step('F1 > RunPod: Set API Key...', () => editor.runCommand('RunPod: Set API Key...'));
    await step('the key input is masked; type the key, Enter', async () => {
      const box = await editor.quickInputBox();
      await editor.poll(async () => (await box.getAttribute('type')) === 'password', 'a password input box');
      await editor.answerQuickInput(apiKey);
    });
    await step('the status bar shows the account secrets', () =>
      editor.poll(async () => (await editor.statusBarTexts()).includes('RunPod: 3 secrets'), '"RunPod: 3 secrets" in the status bar'),
    );
  });

  it('takes the value through Create Secret from the palette', async () => {
    const { editor, step } = session;
    await step('F1 > RunPod: Create Secret...', () => editor.runCommand('RunPod: Create Secret...'));
    await step('name', async () => {
      await editor.waitForQuickInputTitle('1/3');
      await editor.answerQuickInput('leak-palette');
    });
    await step('masked value', async () => {
      await editor.waitForQuickInputTitle('2/3');
      expect(await (await editor.quickInputBox()).getAttribute('type')).toBe('password');
      await editor.answerQuickInput(value);
    });
    await step('description', async () => {
      await editor.waitForQuickInputTitle('3/3');
      await editor.answerQuickInput('typed in the leak run');
    });
    await step('the account has it', () =>
      editor.poll(async () => (await accountSecrets(session.stack)).some((s) => s.name === 'leak-palette'), 'leak-palette on the API'),
    );
  });

  it('takes the value through the quick fix Create secret', async () => {
    const { editor, step, page } = session;
    await step('open runpod.env, cursor on the typo', async () => {
      await editor.openFile('runpod.env');
      await editor.waitForSquiggleOn('RUNPOD_SECRET_hf-tokn');
      await goToText(join(session.stack.workspace, 'runpod.env'), 'RUNPOD_SECRET_hf-tokn', 'RUNPOD_SECRET_'.length + 2);
    });
    await step('Ctrl+. > Create secret', async () => {
      await editor.quickFixes();
      await page.locator('.action-widget .monaco-list-row.action', { hasText: /create secret/i }).first().click();
    });
    await step('masked value', async () => {
      const box = await editor.quickInputBox();
      await editor.poll(async () => (await box.getAttribute('type')) === 'password', 'a password input box');
      await editor.answerQuickInput(value);
    });
    await step('description', async () => {
      const box = await editor.quickInputBox();
      await editor.poll(async () => (await box.getAttribute('type')) !== 'password', 'the description step');
      await editor.answerQuickInput('quick fix in the leak run');
    });
    await step('the squiggle goes', () => editor.waitForNoSquiggleOn('RUNPOD_SECRET_hf-tokn'), 45_000);
  });

  it('takes the value through Edit Secret Value', async () => {
    const { editor, step } = session;
    const before = (await accountSecrets(session.stack)).find((s) => s.name === 'db_password');
    await step('open the RunPod view', () => editor.openViewContainer('RunPod'));
    await step('right-click db_password > Edit Secret Value', () => editor.treeRowMenu(VIEW, 'db_password', 'Edit Secret Value'));
    await step('masked value', async () => {
      const box = await editor.quickInputBox();
      await editor.poll(async () => (await box.getAttribute('type')) === 'password', 'a password input box');
      await editor.answerQuickInput(value);
    });
    await step('the account shows a new value time', () =>
      editor.poll(async () => {
        const after = (await accountSecrets(session.stack)).find((s) => s.name === 'db_password');
        return after?.valueLastUpdatedAt != null && after.valueLastUpdatedAt !== before?.valueLastUpdatedAt;
      }, 'db_password valueLastUpdatedAt to change'),
    );
  });

  it('moves a credential typed into an env file into a secret, and the file no longer holds it', async () => {
    const { editor, step, page } = session;
    const file = join(session.stack.workspace, 'train.runpod.env');
    await step('paste a hard-coded credential into train.runpod.env and save', async () => {
      await editor.openFile('train.runpod.env');
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await editor.type('WANDB_API_KEY=');
      // Pasted, as a token copied from a web page is: one edit, so the whole value crosses to the
      // language server in one didChange (typed, it would go a character at a time).
      await page.evaluate((text) => (globalThis as unknown as { navigator: { clipboard: { writeText(t: string): Promise<void> } } }).navigator.clipboard.writeText(text), typedCredential);
      await page.keyboard.press('Control+V');
      await page.keyboard.press('Control+S');
      await editor.poll(async () => readFileSync(file, 'utf8').includes(typedCredential), 'the credential saved to disk');
    });
    await step('the credential is flagged', () => editor.waitForSquiggleOn('WANDB_API_KEY='));
    await step('cursor in the value', () => goToText(file, typedCredential, 2));
    await step('Ctrl+. > Move value into a RunPod secret', () => editor.applyQuickFix(/Move value into a RunPod secret/));
    await step('name', async () => {
      await editor.waitForQuickInputTitle('1/2');
      await editor.answerQuickInput('wandb-key', { clear: true });
    });
    await step('description', async () => {
      await editor.waitForQuickInputTitle('2/2');
      await editor.answerQuickInput('moved from train.runpod.env');
    });
    await step('the document holds the reference', () =>
      editor.poll(async () => (await editor.linesContaining('WANDB_API_KEY=')).join() === 'WANDB_API_KEY={{ RUNPOD_SECRET_wandb-key }}', 'the reference in place of the value'),
    );
    await step('save', async () => {
      await page.keyboard.press('Control+S');
      await editor.poll(async () => readFileSync(file, 'utf8').includes('WANDB_API_KEY={{ RUNPOD_SECRET_wandb-key }}'), 'the file saved');
    });
    expect(readFileSync(file, 'utf8')).not.toContain(typedCredential);
    expect((await accountSecrets(session.stack)).map((s) => s.name)).toEqual(
      expect.arrayContaining(['leak-palette', 'hf-tokn', 'wandb-key', 'db_password']),
    );
    await session.screenshot('moved');
  });

  it('finds neither the value nor the key in any file the run wrote; the credential only where documents go', () => {
    const { stack } = session;
    // New /tmp entries (the stack root and browser profile are among them; anything the editor,
    // extension host or language server put in /tmp too).
    const newTmp = readdirSync(tmpdir())
      .filter((name) => !tmpBefore.has(name))
      .map((name) => join(tmpdir(), name));
    const roots = [...new Set([...leakSearchRoots(session), ...newTmp])];
    // Control: a file written on purpose is found (as UTF-16 too), so an empty result means something.
    const controlDir = join(stack.root, 'leak-control');
    mkdirSync(controlDir, { recursive: true });
    const control = join(controlDir, 'control.bin');
    writeFileSync(control, Buffer.concat([Buffer.from('x'), Buffer.from(value, 'utf16le')]));
    const leaks = findLeaks(roots, [value, apiKey, typedCredential]);
    const where = (index: number): string[] => [...new Set(leaks.filter((l) => l.valueIndex === index).map((l) => relative(stack.root, l.file) || l.file))].sort();

    // The searched folders hold what they should (the search looks at real content).
    expect(runpodLogFiles(stack).length).toBeGreaterThanOrEqual(2); // RunPod + RunPod Language Server
    expect(listFiles(stack.fakeDataDir).length).toBeGreaterThan(0);

    // The value typed into three masked inputs: only the control file.
    expect(where(0)).toEqual([relative(stack.root, control)]);

    // The API key typed into Set API Key: nowhere on disk. VS Code keeps it in secret storage, which
    // code-server encrypts (or keeps in the browser's memory); either way no file holds it in clear.
    expect(where(1)).toEqual([]);
    // Where the key does live, for the record: code-server seals secret storage (AES-GCM) into the
    // browser's localStorage under "secrets.provider" when it has a key for it, else keeps it in memory.
    const sealed = findLeaks([session.browserProfile], ['secrets.provider']).map((leak) => relative(session.browserProfile, leak.file));
    console.log(`[leak-everywhere] secret storage: ${sealed.length ? `sealed in the browser profile (${sealed.join(', ')})` : 'in memory (no sealed store on disk)'}`);

    // The credential typed into a document: in the workspace file no more (checked above); kept by
    // VS Code's local history of that saved file (User/History, VS Code's own feature) and in the
    // language server's trace, where documents are sent; nowhere else.
    const credentialFiles = where(2);
    console.log(`[leak-everywhere] the credential typed into a document is kept in: ${credentialFiles.join(', ') || '(nothing)'}`);
    const allowed = (file: string): boolean =>
      file.startsWith(['user-data', 'User', 'History'].join(sep) + sep) || /RunPod Language Server\.log$/.test(file);
    expect(credentialFiles.filter((file) => !allowed(file))).toEqual([]);
    // ...and within the trace, only in the messages that carry document text to the server: no reply
    // (diagnostics, code actions, command arguments) echoes it.
    const trace = runpodLogFiles(stack).find((file) => /RunPod Language Server\.log$/.test(file));
    expect(trace).toBeDefined();
    const traced = traceEntriesWith(readFileSync(trace!, 'utf8'), typedCredential);
    expect(traced.length).toBeGreaterThan(0); // the trace really is verbose: it carries document text
    expect(traced.filter((line) => !DOCUMENT_SYNC.test(line))).toEqual([]);
  });

  /** Show an output channel with F1 > Output: Show Output Channels..., then copy its whole text. */
  async function outputChannelText(channel: string): Promise<string> {
    const { editor, page } = session;
    await editor.runCommand('Output: Show Output Channels...');
    await editor.pickQuickItem(channel);
    const output = page.locator('.part.panel .output-view .monaco-editor, .part.panel .monaco-editor').first();
    await output.waitFor({ state: 'visible' });
    await editor.poll(async () => ((await output.locator('.view-lines').innerText()) || '').trim().length > 0, `text in the ${channel} channel`);
    // Click near the bottom: sticky scroll covers the top lines of a long trace.
    const box = await output.locator('.view-lines').boundingBox();
    if (!box) throw new Error(`the ${channel} channel has no text area on screen`);
    await page.mouse.click(box.x + 40, box.y + box.height - 12);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    const text = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
    await page.keyboard.press('Escape');
    return text;
  }

  it('shows neither the value nor the key in the RunPod output channels on screen', async () => {
    const { step } = session;
    const runpod = await step('Output: Show Output Channels > RunPod, copy its text', () => outputChannelText('RunPod'));
    // Control: the channel on screen is the API log (it names the calls made).
    expect(runpod).toContain('/account/secrets');
    expectNoLeak(runpod, [value, apiKey, typedCredential], 'the RunPod channel');
    await session.screenshot('runpod-channel');

    const server = await step('Output: Show Output Channels > RunPod Language Server, copy its text', () => outputChannelText('RunPod Language Server'));
    // Control: the on-screen trace does show document text, so the same search finds a value when present.
    expect(traceEntriesWith(server, typedCredential).length).toBeGreaterThan(0);
    expect(traceEntriesWith(server, typedCredential).filter((line) => !DOCUMENT_SYNC.test(line))).toEqual([]);
    expectNoLeak(server, [value, apiKey], 'the RunPod Language Server channel');
    await session.screenshot('server-channel');
  });
});
