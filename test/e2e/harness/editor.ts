/**
 * What a user does in the VS Code workbench, as functions over a playwright Page: keyboard, command
 * palette, quick input, editor, Problems, views, completion, hover. Selectors are the ones measured in
 * shared/real-editor.md; every wait is bounded by the page's default timeout.
 */
import type { Locator, Page } from 'playwright-core';

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} input.input`;
const QUICK_ROWS = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;

/** Helpers bound to one workbench page. */
export class Editor {
  constructor(readonly page: Page) {}

  /** Wait until the workbench is on screen and the extension host had a moment to activate. */
  async waitForWorkbench(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    // The explorer shows the workspace once the file service is up.
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  }

  /** Ctrl+P, type the file name, Enter; resolves when its tab is the active one. */
  async openFile(name: string): Promise<void> {
    const base = name.split('/').pop() ?? name;
    await this.page.keyboard.press('Control+P');
    await this.page.locator(QUICK_INPUT_BOX).waitFor({ state: 'visible' });
    await this.page.keyboard.type(name);
    await this.page.locator(QUICK_ROWS, { hasText: base }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tabs-container .tab.active', { hasText: base }).waitFor();
    await this.activeEditor().locator('.view-lines').waitFor();
  }

  /** F1, type the command title, pick the row with exactly that title. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.page.locator(QUICK_INPUT_BOX).waitFor({ state: 'visible' });
    await this.page.keyboard.type(title);
    const row = this.page.locator(QUICK_ROWS).filter({ has: this.page.getByText(title, { exact: true }) }).first();
    await row.waitFor();
    await row.click();
  }

  /** Whether the quick input (palette, picker, input box) is on screen. */
  quickInput(): Locator {
    return this.page.locator(QUICK_INPUT);
  }

  /** Wait for the quick input box and return its text field (check `type` for masked input). */
  async quickInputBox(): Promise<Locator> {
    const box = this.page.locator(QUICK_INPUT_BOX);
    await box.waitFor({ state: 'visible' });
    return box;
  }

  /** Type into the visible quick input and press Enter. */
  async answerQuickInput(text: string, options: { clear?: boolean } = {}): Promise<void> {
    const box = await this.quickInputBox();
    if (options.clear) await box.fill('');
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** Labels of the rows currently listed by the quick input. */
  async quickInputRows(): Promise<string[]> {
    await this.page.locator(QUICK_ROWS).first().waitFor();
    return this.page.locator(QUICK_ROWS).allInnerTexts();
  }

  /** The quick input's validation or prompt message, if any. */
  async quickInputMessage(): Promise<string> {
    const message = this.page.locator(`${QUICK_INPUT} .quick-input-message`);
    return (await message.count()) > 0 ? (await message.first().innerText()).trim() : '';
  }

  /** The editor in the active editor group. */
  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Put the cursor at 1-based line:column through "Go to Line" (Ctrl+G). */
  async goTo(line: number, column = 1): Promise<void> {
    await this.page.keyboard.press('Control+G');
    await this.page.locator(QUICK_INPUT_BOX).waitFor({ state: 'visible' });
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator(QUICK_INPUT_BOX).waitFor({ state: 'hidden' });
  }

  /** Type at the cursor, as keystrokes. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /** The visible lines of the active editor (rendered text; Monaco uses non-breaking spaces). */
  async visibleText(): Promise<string> {
    const lines = await this.activeEditor().locator('.view-lines .view-line').evaluateAll((nodes) =>
      nodes
        .map((node) => ({ top: parseFloat((node as unknown as { style: { top: string } }).style.top || '0'), text: node.textContent ?? '' }))
        .sort((a, b) => a.top - b.top)
        .map((line) => line.text.replace(/\u00a0/g, ' ')),
    );
    return lines.join('\n');
  }

  /** Squiggles of one severity in the active editor. */
  squiggles(kind: 'error' | 'warning' | 'info' = 'error'): Locator {
    return this.activeEditor().locator(`.squiggly-${kind}`);
  }

  /** Wait until at least one squiggle of `kind` is drawn. */
  async waitForSquiggle(kind: 'error' | 'warning' | 'info' = 'error'): Promise<void> {
    await this.squiggles(kind).first().waitFor({ state: 'attached' });
  }

  /** Wait until no squiggle of `kind` is drawn. */
  async waitForNoSquiggle(kind: 'error' | 'warning' | 'info' = 'error'): Promise<void> {
    await this.squiggles(kind).first().waitFor({ state: 'detached' });
  }

  /** Open the Problems panel (Ctrl+Shift+M) if needed and return its row texts. */
  async problemsRows(options: { atLeast?: number } = {}): Promise<string[]> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible' });
    const rows = panel.locator('.monaco-list-row');
    if ((options.atLeast ?? 0) > 0) await rows.nth((options.atLeast ?? 1) - 1).waitFor();
    return rows.allInnerTexts();
  }

  /** The pane (view) titled `viewName` in the side bar or panel. */
  view(viewName: string): Locator {
    return this.page.locator('.pane').filter({ has: this.page.locator('.pane-header', { hasText: viewName }) }).first();
  }

  /** Row texts of the tree in the view `viewName` (waits for at least one row). */
  async treeRows(viewName: string): Promise<string[]> {
    const rows = this.view(viewName).locator('.pane-body .monaco-list-row');
    await rows.first().waitFor();
    return rows.allInnerTexts();
  }

  /** One row of a view's tree, by its text. */
  treeRow(viewName: string, text: string): Locator {
    return this.view(viewName).locator('.pane-body .monaco-list-row', { hasText: text }).first();
  }

  /** Ctrl+Space at the cursor; returns the suggestion labels once the widget lists some. */
  async triggerCompletion(): Promise<string[]> {
    await this.page.keyboard.press('Control+Space');
    const rows = this.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
    await rows.first().waitFor();
    return rows.locator('.label-name').allInnerTexts();
  }

  /** Show the hover at 1-based line:column with the keyboard (Ctrl+K Ctrl+I) and return its text. */
  async hoverAt(line: number, column: number): Promise<string> {
    await this.goTo(line, column);
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents');
    await hover.first().waitFor({ state: 'visible' });
    return (await hover.first().innerText()).trim();
  }

  /** Texts of the notification toasts on screen. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-toast').allInnerTexts();
  }

  /** Wait for a notification toast containing `text`. */
  async waitForNotification(text: string | RegExp): Promise<string> {
    const toast = this.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
    await toast.waitFor({ state: 'visible' });
    return toast.innerText();
  }

  /** The status bar's language indicator (e.g. "RunPod Env"). */
  async languageStatus(): Promise<string> {
    const item = this.page.locator('[id="status.editor.mode"]');
    await item.waitFor({ state: 'visible' });
    return (await item.innerText()).trim();
  }

  /** Press Escape (close a widget or quick input). */
  async escape(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }
}
