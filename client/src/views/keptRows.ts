/**
 * The rows a tree shows at its root, kept across repaints. VS Code drops the handle of every row
 * when a tree's root repaints, until getChildren answers: a context-menu command in that window
 * gets no node (it asks for one, or does nothing), and a menu open on a row can close. A repaint
 * of one row keeps every handle. So new rows reuse the item of each id already shown (updated in
 * place) and only what changed repaints: the changed rows alone, or the root when rows came, went
 * or moved. Nothing repaints when nothing changed (most listings after a write, or of a timer).
 */
import type * as vscode from 'vscode';

/** What to tell VS Code: nothing, the root, or these rows alone. */
export type Repaint<T> = { kind: 'none' } | { kind: 'root' } | { kind: 'rows'; rows: T[] };

/** Past this many changed rows the root repaints: one fetch is lighter for VS Code than a refresh per row. */
export const MAX_ROWS_REPAINTED_ALONE = 200;

/**
 * What VS Code shows of a row (its label, description, tooltip, icon, menus, command...), as text.
 * A MarkdownString keeps its text behind accessors (JSON.stringify of one is `{}`): it is read.
 */
function signature(row: vscode.TreeItem): string {
  return JSON.stringify(row, (key, value: unknown) => {
    // Not shown by a row refresh (updatable): whether it has children is compared there.
    if (key === 'collapsibleState') return undefined;
    if (value instanceof Object && typeof (value as { value?: unknown }).value === 'string' && 'isTrusted' in value) {
      const md = value as vscode.MarkdownString;
      return { markdown: md.value, isTrusted: md.isTrusted, supportHtml: md.supportHtml };
    }
    return value;
  });
}

/** Whether a row has children (collapsed or expanded: the user's choice, which VS Code keeps for a row it shows). */
const hasChildren = (row: vscode.TreeItem): boolean => (row.collapsibleState ?? 0) !== 0;

/**
 * Whether `row` can take `kept`'s place by an update: VS Code ignores a new collapsible state on a
 * row refresh, so a row that gains or loses children repaints the root; expanded or collapsed alone
 * (the Endpoints view remembering an expand) is the state VS Code already shows.
 */
function updatable(kept: vscode.TreeItem, row: vscode.TreeItem): boolean {
  return kept.id !== undefined && kept.id === row.id && kept.constructor === row.constructor && hasChildren(kept) === hasChildren(row);
}

export class KeptRows<T extends vscode.TreeItem> {
  private shown: T[] = [];
  private readonly signatures = new WeakMap<T, string>();

  /** The rows to answer getChildren with (a copy: what VS Code holds never changes under it). */
  get rows(): T[] {
    return [...this.shown];
  }

  /** Takes `next` as the rows to show (keeping the items already shown under the same ids) and says what to repaint. */
  take(next: readonly T[]): Repaint<T> {
    const seen = next.map(signature);
    const sameRows = next.length === this.shown.length && next.every((row, i) => updatable(this.shown[i]!, row));
    const changed = sameRows ? next.flatMap((_row, i) => (this.signatures.get(this.shown[i]!) === seen[i] ? [] : [i])) : [];
    if (!sameRows || changed.length > MAX_ROWS_REPAINTED_ALONE) {
      this.shown = [...next];
      next.forEach((row, i) => this.signatures.set(row, seen[i]!));
      return { kind: 'root' };
    }
    const rows = changed.map((i) => {
      const kept = this.shown[i]!;
      const row = next[i]!;
      // The kept item becomes the new one: VS Code finds it by the object it was given.
      for (const key of Object.keys(kept)) if (!(key in row)) delete (kept as Record<string, unknown>)[key];
      Object.assign(kept, row);
      this.signatures.set(kept, seen[i]!);
      return kept;
    });
    return rows.length ? { kind: 'rows', rows } : { kind: 'none' };
  }

  /** Forgets the rows (another account, signed out): the next rows repaint the root. */
  clear(): void {
    this.shown = [];
  }
}

/** Fires `repaint` on a tree's change event. */
export function fireRepaint<T>(changed: vscode.EventEmitter<T | T[] | undefined>, repaint: Repaint<T>): void {
  if (repaint.kind === 'root') changed.fire(undefined);
  else if (repaint.kind === 'rows') changed.fire(repaint.rows);
}
