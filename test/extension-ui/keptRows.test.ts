/**
 * A tree's rows kept across repaints (views/keptRows.ts): VS Code drops every row's handle when the
 * root repaints, so only what changed may repaint, and a changed row stays the same object.
 */
import { describe, expect, it } from 'vitest';
import { KeptRows, MAX_ROWS_REPAINTED_ALONE } from '../../client/src/views/keptRows';
import { MarkdownString } from './vscodeFake';

type Row = { id?: string; label: string; description?: string; tooltip?: never; collapsibleState?: number };
const row = (id: string | undefined, label: string, description?: string): Row => ({ ...(id ? { id } : {}), label, ...(description ? { description } : {}) });

describe('KeptRows', () => {
  it('the first rows repaint the root; the same rows again repaint nothing', () => {
    const kept = new KeptRows<Row>();
    expect(kept.take([row('a', 'A'), row('b', 'B')])).toEqual({ kind: 'root' });
    expect(kept.take([row('a', 'A'), row('b', 'B')])).toEqual({ kind: 'none' });
  });

  it('a changed row repaints alone, as the item already shown, with what is new (and without what went)', () => {
    const kept = new KeptRows<Row>();
    kept.take([row('a', 'A', 'RUNNING'), row('b', 'B')]);
    const [a, b] = kept.rows;
    const repaint = kept.take([row('a', 'A'), row('b', 'B')]);
    expect(repaint).toEqual({ kind: 'rows', rows: [a] });
    expect(kept.rows[0]).toBe(a);
    expect(kept.rows[1]).toBe(b);
    expect(a).toEqual({ id: 'a', label: 'A' }); // the description that went is gone
  });

  it('a row that came, went or moved, or a row without an id, repaints the root', () => {
    const kept = new KeptRows<Row>();
    kept.take([row('a', 'A'), row('b', 'B')]);
    expect(kept.take([row('a', 'A'), row('b', 'B'), row('c', 'C')]).kind).toBe('root');
    expect(kept.take([row('a', 'A'), row('c', 'C')]).kind).toBe('root');
    expect(kept.take([row('c', 'C'), row('a', 'A')]).kind).toBe('root');
    expect(kept.take([row(undefined, 'C'), row('a', 'A')]).kind).toBe('root');
    expect(kept.take([row(undefined, 'C'), row('a', 'A')]).kind).toBe('root');
  });

  it('after clear, the same rows repaint the root (another account: nothing of the old rows stays)', () => {
    const kept = new KeptRows<Row>();
    kept.take([row('a', 'A')]);
    kept.clear();
    expect(kept.take([row('a', 'A')])).toEqual({ kind: 'root' });
  });

  it("a change of the tooltip alone repaints its row (VS Code's MarkdownString keeps its text behind accessors)", () => {
    const kept = new KeptRows<Row>();
    const tip = (text: string) => new MarkdownString(text) as never;
    expect(JSON.stringify(tip('a'))).toBe('{}'); // as VS Code's: why the signature reads the text
    kept.take([{ ...row('a', 'A'), tooltip: tip('Value last updated: 08:00') }]);
    const [a] = kept.rows;
    expect(kept.take([{ ...row('a', 'A'), tooltip: tip('Value last updated: 08:00') }])).toEqual({ kind: 'none' });
    expect(kept.take([{ ...row('a', 'A'), tooltip: tip('Value last updated: 09:30') }])).toEqual({ kind: 'rows', rows: [a] });
    expect((a!.tooltip as unknown as MarkdownString).value).toBe('Value last updated: 09:30');
  });

  it('a row whose collapsible state changes repaints the root (VS Code ignores it on a row refresh)', () => {
    const kept = new KeptRows<Row>();
    kept.take([{ ...row('a', 'A'), collapsibleState: 0 }]);
    expect(kept.take([{ ...row('a', 'A'), collapsibleState: 1 }])).toEqual({ kind: 'root' });
  });

  it('a row remembered expanded (the Endpoints view) where collapsed was shown repaints nothing: VS Code shows what the user chose', () => {
    const kept = new KeptRows<Row>();
    kept.take([{ ...row('a', 'A'), collapsibleState: 1 }]);
    expect(kept.take([{ ...row('a', 'A'), collapsibleState: 2 }])).toEqual({ kind: 'none' });
  });

  it('past MAX_ROWS_REPAINTED_ALONE changed rows the root repaints (one fetch instead of a refresh per row)', () => {
    const kept = new KeptRows<Row>();
    const rows = (n: number, description: string) => Array.from({ length: n }, (_, i) => row(`r${i}`, `R${i}`, description));
    kept.take(rows(MAX_ROWS_REPAINTED_ALONE + 1, 'old'));
    expect(kept.take(rows(MAX_ROWS_REPAINTED_ALONE + 1, 'new')).kind).toBe('root');
    const few = kept.take([...rows(MAX_ROWS_REPAINTED_ALONE, 'newer'), row(`r${MAX_ROWS_REPAINTED_ALONE}`, `R${MAX_ROWS_REPAINTED_ALONE}`, 'new')]);
    expect(few.kind === 'rows' && few.rows.length).toBe(MAX_ROWS_REPAINTED_ALONE);
  });
});
