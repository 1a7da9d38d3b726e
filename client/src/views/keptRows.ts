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

/** What VS Code shows of a row (its label, description, tooltip, icon, menus, command...), as text. */
function signature(row: vscode.TreeItem): string {
  return JSON.stringify(row);
}

export class KeptRows<T extends vscode.TreeItem> {
  private shown: T[] = [];
  private readonly signatures = new WeakMap<T, string>();

  /** The rows to answer getChildren with. */
  get rows(): T[] {
    return this.shown;
  }

  /** Takes `next` as the rows to show (keeping the items already shown under the same ids) and says what to repaint. */
  take(next: readonly T[]): Repaint<T> {
    const sameIds = next.length === this.shown.length && next.every((row, i) => row.id !== undefined && row.id === this.shown[i]!.id);
    if (!sameIds) {
      this.shown = [...next];
      for (const row of next) this.signatures.set(row, signature(row));
      return { kind: 'root' };
    }
    const changed: T[] = [];
    next.forEach((row, i) => {
      const kept = this.shown[i]!;
      const seen = signature(row);
      if (this.signatures.get(kept) === seen) return;
      // The kept item becomes the new one: VS Code finds it by the object it was given.
      for (const key of Object.keys(kept)) if (!(key in row)) delete (kept as Record<string, unknown>)[key];
      Object.assign(kept, row);
      this.signatures.set(kept, seen);
      changed.push(kept);
    });
    return changed.length ? { kind: 'rows', rows: changed } : { kind: 'none' };
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
