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
    // Exact file name: typing ".env" also fuzzy-matches "runpod.env".
    const exact = new RegExp(`^\\s*${escapeRegExp(base)}\\s*$`);
    const row = this.page.locator(QUICK_ROWS).filter({ has: this.page.locator('.label-name', { hasText: exact }) }).first();
    await row.waitFor();
    await row.click();
    await this.page.locator(`.editor-group-container.active .tab.active[data-resource-name="${base}"]`).waitFor();
    await this.activeEditor().locator('.view-lines').waitFor();
  }

  /** F1, type the command title, pick the row with exactly that title. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.page.locator(QUICK_INPUT_BOX).waitFor({ state: 'visible' });
    await this.page.keyboard.type(title);
    // Exact label match, so "Create Secret" does not pick "Create Secret from Value".
    const row = this.page
      .locator(QUICK_ROWS)
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) })
      .first();
    await row.waitFor();
    // The pointer where the last click left it may rest on a row of this new list: past VS Code's
    // hover delay (a moment on a loaded machine) that row's overflowing description opens a hover
    // over the list, which takes the click. Moved off first, nothing is hovered.
    await this.page.mouse.move(0, 0);
    await row.click();
  }

  /**
   * F1 > "Developer: Reload Window": the page reloads, the extension host restarts with the same
   * user data (secret storage, extension storage). Resolves when the new workbench is on screen.
   */
  async reloadWindow(): Promise<void> {
    // Listen before running the command: the old page must not pass for the new one.
    const loaded = this.page.waitForEvent('load', { timeout: 60_000 });
    await this.runCommand('Developer: Reload Window');
    await loaded;
    await this.waitForWorkbench();
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

  /**
   * Type into the visible quick input and press Enter. Typing waits for the box to hold the focus (given
   * to it when it has not), and Enter for the box to hold the text: on a loaded machine keys sent while
   * the focus was still moving to the box were lost, and Enter then answered with what had arrived (a
   * Delete confirmation with an empty name, closed before its validation could show).
   */
  async answerQuickInput(text: string, options: { clear?: boolean } = {}): Promise<void> {
    const box = await this.quickInputBox();
    // (Runs in the page; typed without the DOM library, which this file does not load.)
    const focused = (el: unknown): boolean => (el as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement === el;
    // Where the focus went elsewhere (seen once in CI, the box shown but not focused), the user would
    // click into the box: so does this.
    if (!(await box.evaluate(focused))) await box.focus();
    await this.poll(() => box.evaluate(focused), 'the quick input box to hold the focus');
    if (options.clear) await box.fill('');
    await this.page.keyboard.type(text);
    await this.poll(async () => (await box.inputValue()).endsWith(text), 'the quick input box to hold the typed text');
    await this.page.keyboard.press('Enter');
  }

  /**
   * Choose a row of the visible quick pick: a string matches the row's label exactly (icons aside),
   * a RegExp anywhere in the row.
   */
  async pickQuickItem(label: string | RegExp): Promise<void> {
    const rows = this.page.locator(QUICK_ROWS);
    const row =
      typeof label === 'string'
        ? rows.filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) }).first()
        : rows.filter({ hasText: label }).first();
    await row.waitFor();
    // The pointer where the last click left it may rest on a row of this new list: past VS Code's
    // hover delay (a moment on a loaded machine) that row's overflowing description opens a hover
    // over the list, which takes the click. Moved off first, nothing is hovered.
    await this.page.mouse.move(0, 0);
    await row.click();
  }

  /** The placeholder of the quick input's box: a quick pick's prompt, or the reason a wizard step gave for staying open. */
  async quickInputPlaceholder(): Promise<string> {
    return (await (await this.quickInputBox()).getAttribute('placeholder')) ?? '';
  }

  /** Wait until the quick input's placeholder matches `text`. */
  async waitForQuickInputPlaceholder(text: RegExp): Promise<string> {
    let placeholder = '';
    await this.poll(async () => text.test((placeholder = await this.quickInputPlaceholder())), `a quick input placeholder matching ${String(text)}`);
    return placeholder;
  }

  /** The text of the quick pick's focused (active) row, or '' when none is. */
  async focusedQuickItem(): Promise<string> {
    const focused = this.page.locator(`${QUICK_ROWS}.focused`);
    return (await focused.count()) > 0 ? focused.first().innerText() : '';
  }

  /**
   * Choose a row of the visible quick pick with the keyboard, as a user who does not reach for the
   * mouse: ArrowDown (the list wraps) until the focused row matches `text`, then Enter. Each press
   * waits for the focus to move, so no key is sent ahead of the list.
   */
  async pickQuickItemWithKeys(text: RegExp): Promise<void> {
    const rows = this.page.locator(QUICK_ROWS);
    await rows.filter({ hasText: text }).first().waitFor();
    const box = await this.quickInputBox();
    if (!(await box.evaluate((el) => (el as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement === el))) await box.focus();
    const count = await rows.count();
    for (let press = 0; press <= count; press++) {
      const before = await this.focusedQuickItem();
      if (text.test(before)) {
        await this.page.keyboard.press('Enter');
        return;
      }
      await this.page.keyboard.press('ArrowDown');
      await this.poll(async () => (await this.focusedQuickItem()) !== before, 'the quick pick focus to move down');
    }
    throw new Error(`no quick pick row matching ${String(text)} took the focus after ${count + 1} presses of ArrowDown`);
  }

  /** The quick input's title bar text (e.g. "RunPod: Launch Pod (3/6)"). */
  async quickInputTitle(): Promise<string> {
    const title = this.page.locator(`${QUICK_INPUT} .quick-input-title`);
    await title.waitFor({ state: 'visible' });
    return (await title.innerText()).trim();
  }

  /** Wait until the quick input's title contains `text` (the next wizard step is on screen). */
  async waitForQuickInputTitle(text: string | RegExp): Promise<void> {
    await this.poll(async () => {
      const title = this.page.locator(`${QUICK_INPUT} .quick-input-title`);
      if (!(await title.isVisible())) return false;
      const value = await title.innerText();
      return typeof text === 'string' ? value.includes(text) : text.test(value);
    }, `a quick input titled ${String(text)}`);
  }

  /** Click a CodeLens of the active editor by its title. */
  async clickCodeLens(title: string): Promise<void> {
    const lens = this.activeEditor().locator('.codelens-decoration a', { hasText: title }).first();
    await lens.waitFor();
    await lens.click();
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

  /**
   * Text of each editor line that carries a squiggle of `kind`: Monaco draws squiggles in an overlay
   * layer, one row per line, at the same `top` as the line's text.
   */
  async squiggledLines(kind: 'error' | 'warning' | 'info' = 'error'): Promise<string[]> {
    return this.activeEditor().evaluate((root, cls) => {
      type El = { style: { top: string }; textContent: string | null; parentElement: El | null };
      const all = (selector: string): El[] =>
        Array.from((root as unknown as { querySelectorAll(s: string): ArrayLike<El> }).querySelectorAll(selector));
      const tops = new Set(all(`.view-overlays .${cls}`).map((squiggle) => squiggle.parentElement?.style.top));
      return all('.view-lines .view-line')
        .filter((line) => tops.has(line.style.top))
        .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' '));
    }, `squiggly-${kind}`);
  }

  /** Wait until some line containing `text` carries a squiggle of `kind`. */
  async waitForSquiggleOn(text: string, kind: 'error' | 'warning' | 'info' = 'warning'): Promise<void> {
    await this.poll(async () => (await this.squiggledLines(kind)).some((line) => line.includes(text)), `a ${kind} squiggle on "${text}"`);
  }

  /** Wait until no line containing `text` carries a squiggle of `kind`. */
  async waitForNoSquiggleOn(text: string, kind: 'error' | 'warning' | 'info' = 'warning'): Promise<void> {
    await this.poll(async () => !(await this.squiggledLines(kind)).some((line) => line.includes(text)), `no ${kind} squiggle on "${text}"`);
  }

  /** Re-check `condition` until it holds (bounded by the page's default timeout). */
  async poll(condition: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await condition()) return;
      await this.page.waitForTimeout(250);
    }
    throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
  }

  /** Put the cursor on the first occurrence of `text` in the active editor (Ctrl+F, Escape). */
  async cursorOn(text: string): Promise<void> {
    await this.page.keyboard.press('Control+F');
    const find = this.page.locator('.editor-widget.find-widget.visible textarea, .editor-widget.find-widget.visible input').first();
    await find.waitFor({ state: 'visible' });
    await find.fill(text);
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('Escape');
    // Keys pressed before the widget has closed land in its input, not in the editor (seen in CI).
    await this.page.locator('.editor-widget.find-widget.visible').waitFor({ state: 'hidden' });
    await this.page.locator('.monaco-editor.focused').first().waitFor();
    // The match stays selected; collapse the selection to its start, inside the text.
    await this.page.keyboard.press('ArrowLeft');
    await this.page.keyboard.press('ArrowRight');
  }

  /** Ctrl+. at the cursor; returns the titles of the offered code actions. */
  async quickFixes(): Promise<string[]> {
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    // Ctrl+. pressed while focus is still settling after Go to Line (or before the server has
    // answered the code action request) can open nothing: ask again, as a user would.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+.');
      try {
        await rows.first().waitFor({ timeout: 6_000 });
        return rows.allInnerTexts();
      } catch (error) {
        if (attempt === 3) throw error;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /** Ctrl+. and choose the code action whose title matches. */
  async applyQuickFix(title: string | RegExp): Promise<void> {
    await this.quickFixes();
    await this.page.locator('.action-widget .monaco-list-row.action', { hasText: title }).first().click();
  }

  /** The lines of the active editor that contain `text`. */
  async linesContaining(text: string): Promise<string[]> {
    return (await this.visibleText()).split('\n').filter((line) => line.includes(text));
  }

  /** Wait until at least one squiggle of `kind` is drawn. */
  async waitForSquiggle(kind: 'error' | 'warning' | 'info' = 'error'): Promise<void> {
    await this.squiggles(kind).first().waitFor({ state: 'attached' });
  }

  /** Wait until no squiggle of `kind` is drawn. */
  async waitForNoSquiggle(kind: 'error' | 'warning' | 'info' = 'error'): Promise<void> {
    await this.squiggles(kind).first().waitFor({ state: 'detached' });
  }

  /**
   * Open the Problems panel (Ctrl+Shift+M) if needed and return its row texts. The list is virtual:
   * only the rows on screen exist, and the workspace's files fill more than a screen, so `filter`
   * (typed into the panel's filter box; empty when absent) brings the wanted rows into view.
   */
  async problemsRows(options: { atLeast?: number; filter?: string } = {}): Promise<string[]> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible' });
    const filter = this.page.locator('.viewpane-filter input').first();
    const wanted = options.filter ?? '';
    if ((await filter.isVisible()) && (await filter.inputValue()) !== wanted) await filter.fill(wanted);
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

  /** Click the activity bar entry `title` (e.g. "RunPod") and wait for its side bar. */
  async openViewContainer(title: string): Promise<void> {
    const entry = this.page.locator(`.activitybar .action-item [aria-label^="${title}"]`).first();
    await entry.waitFor();
    const sidebar = this.page.locator('.part.sidebar .composite.title', { hasText: title });
    if (!(await sidebar.isVisible())) await entry.click();
    await sidebar.waitFor({ state: 'visible' });
  }

  /** Right-click a tree row and choose `item` from its context menu. */
  async treeRowMenu(viewName: string, rowText: string, item: string): Promise<void> {
    await this.treeRow(viewName, rowText).click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    const entry = menu.locator('.action-item', { hasText: item }).first();
    await entry.waitFor();
    // Hover focuses the item; Enter runs it (a click can land while the menu is still settling).
    await entry.hover();
    await this.poll(async () => ((await entry.getAttribute('class')) ?? '').includes('focused'), `menu item "${item}" focused`);
    await this.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });
  }

  /** The modal dialog (showWarningMessage with modal: true): its text, then click `button`. */
  async answerDialog(button: string): Promise<string> {
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    const text = await dialog.innerText();
    await dialog.locator('.monaco-button', { hasText: button }).first().click();
    await dialog.waitFor({ state: 'hidden' });
    return text;
  }

  /** The labels (TreeItem.label, without description) of the rows of the tree in `viewName`. */
  async treeLabels(viewName: string): Promise<string[]> {
    const rows = this.view(viewName).locator('.pane-body .monaco-list-row');
    await rows.first().waitFor();
    return (await rows.locator('.label-name').allInnerTexts()).map((label) => label.trim());
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

  /**
   * Ctrl+Space until the suggestions include `label`, closing the widget between tries: the list
   * fills in only once the extension has fetched the account's secrets. Returns the labels shown.
   */
  async completionIncluding(label: string): Promise<string[]> {
    let seen: string[] = [];
    await this.poll(async () => {
      seen = await this.triggerCompletion();
      if (seen.includes(label)) return true;
      await this.escape();
      return false;
    }, `${label} among the suggestions`);
    return seen;
  }

  /** Show the hover at 1-based line:column with the keyboard (Ctrl+K Ctrl+I) and return its text. */
  async hoverAt(line: number, column: number): Promise<string> {
    await this.goTo(line, column);
    return this.showHover();
  }

  /** Show the hover on the first occurrence of `text` and return its text once it mentions `expect`. */
  async hoverOn(text: string, expect: string = text): Promise<string> {
    await this.cursorOn(text);
    return this.showHover(expect);
  }

  /** Ctrl+K Ctrl+I (Show Hover) at the cursor; waits for a hover containing `expect` if given. */
  async showHover(expect?: string): Promise<string> {
    const hover = this.page.locator('.monaco-hover:not(.hidden)').first();
    await this.poll(async () => {
      await this.page.keyboard.press('Control+K');
      await this.page.keyboard.press('Control+I');
      if (!(await hover.isVisible())) return false;
      return expect === undefined || (await hover.innerText()).includes(expect);
    }, expect ? `a hover mentioning "${expect}"` : 'a hover');
    return (await hover.innerText()).trim();
  }

  /** Texts of the notification toasts on screen. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-toast').allInnerTexts();
  }

  /**
   * Wait for a notification containing `text`: its toast, or, when no toast shows it within a few
   * seconds, the notification center (every notification is kept there). VS Code in code-server
   * under headless Chromium does not always raise a toast for a message that follows a closing
   * progress notification; the user finds it under the bell, and so does this.
   */
  async waitForNotification(text: string | RegExp): Promise<string> {
    const toast = this.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
    try {
      await toast.waitFor({ state: 'visible', timeout: 8_000 });
      return await toast.innerText();
    } catch {
      await this.runCommand('Notifications: Show Notifications');
      const row = this.page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
      await row.waitFor({ state: 'visible', timeout: 12_000 });
      const found = await row.innerText();
      await this.runCommand('Notifications: Hide Notifications');
      return found;
    }
  }

  /** Click `button` on the notification toast containing `text`, and wait for the toast to go. */
  async clickNotificationButton(text: string | RegExp, button: string): Promise<void> {
    const toast = this.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
    await toast.locator('.monaco-button', { hasText: button }).first().click();
    await toast.waitFor({ state: 'hidden' });
  }

  /** Close the notification toast containing `text` with its X. */
  async closeNotification(text: string | RegExp): Promise<void> {
    const toast = this.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
    await toast.hover();
    await toast.locator('.codicon-notifications-clear').first().click();
    await toast.waitFor({ state: 'hidden' });
  }

  /** The RunPod status bar item: its text (icons are not text) and the codicon it shows. */
  async runpodStatus(): Promise<{ text: string; icon: string }> {
    // "RunPod:" — the language indicator "RunPod Env" must not match.
    const item = this.page.locator('.statusbar-item', { hasText: /RunPod:/ }).first();
    if ((await item.count()) === 0) return { text: '', icon: '' };
    const text = (await item.innerText()).trim();
    const icon = await item.locator('.codicon').first().getAttribute('class').catch(() => null);
    return { text, icon: /codicon-([a-z-]+)/.exec(icon ?? '')?.[1] ?? '' };
  }

  /** Wait until the RunPod status bar item says `text` (exactly, or matching a RegExp) and shows `icon`, if given. */
  async waitForRunpodStatus(text: string | RegExp, icon?: string): Promise<{ text: string; icon: string }> {
    let seen = { text: '', icon: '' };
    const matches = (value: string) => (typeof text === 'string' ? value === text : text.test(value));
    await this.poll(async () => {
      seen = await this.runpodStatus();
      return matches(seen.text) && (icon === undefined || seen.icon === icon);
    }, `the status bar to say ${String(text)}${icon ? ` with the ${icon} icon` : ''} (it says ${JSON.stringify(seen)})`, 30_000);
    return seen;
  }

  /** The status bar's language indicator (e.g. "RunPod Env"). */
  async languageStatus(): Promise<string> {
    const item = this.page.locator('[id="status.editor.mode"]');
    await item.waitFor({ state: 'visible' });
    return (await item.innerText()).trim();
  }

  /** Texts of the status bar items (left and right). */
  async statusBarTexts(): Promise<string[]> {
    return (await this.page.locator('.statusbar .statusbar-item').allInnerTexts()).map((text) => text.trim()).filter(Boolean);
  }

  /** Press Escape (close a widget or quick input). */
  async escape(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
