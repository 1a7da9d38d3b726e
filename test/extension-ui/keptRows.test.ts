/**
 * A tree's rows kept across repaints (views/keptRows.ts): VS Code drops every row's handle when the
 * root repaints, so only what changed may repaint, and a changed row stays the same object.
 */
import { describe, expect, it } from 'vitest';
import { KeptRows } from '../../client/src/views/keptRows';

type Row = { id?: string; label: string; description?: string };
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
});
