/**
 * Issue 3 in a real editor: secret references inside JSON strings (`.runpod/hub.json`,
 * `*.runpod.json`) and TOML strings (`runpod.toml`) get the same squiggles, Problems entries and
 * completion as env files, while VS Code's own JSON language keeps the file (no JSON error after a
 * completion) and the injection grammar colours the reference apart from the string around it.
 */
import { describe, expect, it } from 'vitest';
import { accountSecretNames } from './harness/fakeApi.js';
import { useEditorSession, type EditorSession } from './harness/session.js';

/** The visible tokens of the first editor line containing `lineText`: text and computed colour. */
async function lineTokens(session: EditorSession, lineText: string): Promise<Array<{ text: string; color: string }>> {
  return session.editor.activeEditor().evaluate((root, wanted) => {
    type Span = { textContent: string | null };
    type Line = { textContent: string | null; querySelectorAll(s: string): ArrayLike<Span> };
    const lines = Array.from((root as unknown as { querySelectorAll(s: string): ArrayLike<Line> }).querySelectorAll('.view-lines .view-line'));
    const line = lines.find((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ').includes(wanted));
    if (!line) return [];
    const view = (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle;
    return Array.from(line.querySelectorAll('span[class^="mtk"], span[class*=" mtk"]')).map((span) => ({
      text: (span.textContent ?? '').replace(/\u00a0/g, ' '),
      color: view(span).color,
    }));
  }, lineText);
}

describe('secret references in JSON and TOML files', () => {
  const session = useEditorSession('formats');

  it('flags a typo inside a hub.json string with a squiggle and an unknown-secret Problems entry', async () => {
    const { editor, step } = session();
    await session().openFile('.runpod/hub.json');
    expect(await step('read the language', () => editor.languageStatus())).toBe('JSON');
    await step('squiggle on the db_pasword reference', () => editor.waitForSquiggleOn('RUNPOD_SECRET_db_pasword'));
    // Only the typo: the hf-token reference beside it resolves.
    expect(await editor.squiggledLines('warning')).toEqual(['      { "key": "DB_PASSWORD", "value": "{{ RUNPOD_SECRET_db_pasword }}" },']);
    expect(await editor.squiggledLines('error')).toEqual([]);
    const rows = await step('open Problems (Ctrl+Shift+M)', () =>
      editor.poll(async () => (await editor.problemsRows()).some((row) => row.includes('db_pasword')), 'a Problems row for db_pasword').then(() =>
        editor.problemsRows(),
      ),
    );
    const typo = rows.filter((row) => row.includes('db_pasword'));
    expect(typo).toHaveLength(1);
    expect(typo[0]).toContain('unknown-secret');
    // The message points at the close name.
    expect(typo[0]).toContain('db_password');
    await session().screenshot('hub-json-typo');
    await step('close Problems', () => session().page.keyboard.press('Control+Shift+M'));
  });

  it('colours a reference apart from the JSON string around it (injection grammar)', async () => {
    const { editor, step } = session();
    await session().openFile('pytorch-train.runpod.json');
    const tokens = await step('read the tokens of the HF_TOKEN line', async () => {
      let seen: Array<{ text: string; color: string }> = [];
      await editor.poll(async () => {
        seen = await lineTokens(session(), '"HF_TOKEN"');
        return seen.some((t) => t.text.includes('RUNPOD_SECRET_'));
      }, 'a tokenized HF_TOKEN line');
      return seen;
    });
    const plain = await lineTokens(session(), '"MODEL_ID"');
    // A plain string value on the line below is one string-coloured token.
    const stringColor = plain.find((t) => t.text.includes('meta-llama'))?.color;
    const referenceColor = tokens.find((t) => t.text.includes('RUNPOD_SECRET_'))?.color;
    expect(stringColor).toBeTruthy();
    expect(referenceColor).toBeTruthy();
    expect(referenceColor).not.toBe(stringColor);
    // The reference is split off from the quotes: the quote keeps the string colour.
    expect(tokens.map((t) => t.text).join('')).toContain('"{{ RUNPOD_SECRET_hf-token }}"');
  });

  it('completes a reference inside a *.runpod.json string and keeps valid JSON', async () => {
    const { editor, step, page } = session();
    await step('new env entry with an open reference', async () => {
      // Go to Line, not Find: in one CI run the find widget's selection swallowed the typed entry
      // into the MODEL_ID value. MODEL_ID is line 11 of the sample file, the last env entry.
      expect(await editor.linesContaining('"MODEL_ID"')).toEqual(['    "MODEL_ID": "meta-llama/Llama-3.1-8B"']);
      await editor.goTo(11);
      await page.keyboard.press('End');
      // Every quote is typed, then Left: VS Code types over a quote it auto-closed and inserts one it
      // did not, so the line comes out the same either way. Relying on auto-close alone lost the last
      // quote in one run on a loaded machine.
      await editor.type(',');
      await page.keyboard.press('Enter');
      await editor.type('"DATABASE_PASSWORD": "{{ RUNPOD_SECRET_"');
      await editor.escape();
      await page.keyboard.press('ArrowLeft');
    });
    await editor.poll(
      async () => (await editor.linesContaining('DATABASE_PASSWORD')).join() === '    "DATABASE_PASSWORD": "{{ RUNPOD_SECRET_"',
      'the typed entry on its own line',
      5_000,
    ).catch(() => undefined); // the expectation below shows the lines if it never settles
    expect(await editor.linesContaining('DATABASE_PASSWORD')).toEqual(['    "DATABASE_PASSWORD": "{{ RUNPOD_SECRET_"']);
    expect(await editor.linesContaining('MODEL_ID')).toEqual(['    "MODEL_ID": "meta-llama/Llama-3.1-8B",']);
    // The open reference is malformed: its error squiggle is the positive signal that the server
    // analyses this version, so its disappearance after the completion proves a newer report arrived.
    await step('the open reference is flagged', () => editor.waitForSquiggleOn('"DATABASE_PASSWORD": "{{ RUNPOD_SECRET_"', 'error'));
    const labels = await step('Ctrl+Space lists the account secrets', () => editor.completionIncluding('db_password'));
    for (const name of await accountSecretNames(session().stack)) expect(labels).toContain(name);
    await step('pick db_password', () =>
      page.locator('.editor-widget.suggest-widget.visible .monaco-list-row', { hasText: 'db_password' }).first().click(),
    );
    await step('the reference is closed inside the string', () =>
      editor.poll(
        async () => (await editor.linesContaining('DATABASE_PASSWORD')).join() === '    "DATABASE_PASSWORD": "{{ RUNPOD_SECRET_db_password }}"',
        'a closed reference in the JSON string',
      ),
    );
    // The whole (short) file is on screen: it still parses, with the new entry in env.
    const parsed = JSON.parse(await editor.visibleText()) as { env: Record<string, string> };
    expect(parsed.env.DATABASE_PASSWORD).toBe('{{ RUNPOD_SECRET_db_password }}');
    await step('no JSON error and no RunPod warning appear', async () => {
      // The error squiggle seen before can only go away with a report for the completed version.
      await editor.waitForNoSquiggleOn('DATABASE_PASSWORD', 'error');
      expect(await editor.squiggledLines('error')).toEqual([]);
      expect(await editor.squiggledLines('warning')).toEqual([]);
    });
    await session().screenshot('runpod-json-completed');
  });

  it('flags a typo inside a runpod.toml string', async () => {
    const { editor, step } = session();
    await session().openFile('runpod.toml');
    await step('squiggle on the openai_key reference', () => editor.waitForSquiggleOn('RUNPOD_SECRET_openai_key'));
    expect(await editor.squiggledLines('warning')).toEqual(['OPENAI_API_KEY = "{{ RUNPOD_SECRET_openai_key }}"']);
    const hover = await step('hover the typo', () => editor.hoverOn('openai_key }}', 'openai-key'));
    expect(hover).toContain('openai_key');
    await session().screenshot('runpod-toml-typo');
  });
});
